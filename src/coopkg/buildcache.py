"""The build's conversion cache: one converted, validated document a file, keyed by content.

`data/.cache/build/<stem>.nq` starts with a line `key<TAB>source file<TAB>projects`, then
the document's N-Quads. The key hashes everything that shapes the document's graph (its
record and source, the sources manifest, the code, ontology, shapes, registry snapshots
and base IRI), so a document is reconverted exactly when one of those changed.

Hashing every input of a large collection costs a full read of it, so `index.json` also
remembers, per document, the size and modification time of its inputs and the key they
hashed to: a rebuild trusts an unchanged stat and reads only what changed. A file modified
less than `RACY_NS` before it was read is not trusted by its stat (its next change could
land in the same timestamp tick); it is hashed again until it has aged.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import paths
from .settings import Settings

log = logging.getLogger(__name__)

SOURCE_SUFFIXES = (".txt", ".html", ".htm")
INDEX = "index.json"
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Job:
    """One document to convert: a curated record, or a source to extract."""

    stem: str
    record_path: Path | None
    source_path: Path | None


@dataclass(frozen=True)
class Planned:
    """A document, its cache key, and (source file, projects) when the cache holds that key."""

    job: Job
    key: str
    hit: tuple[str, int] | None
    signature: str | None  # stat signature of its inputs; None when not to be trusted


def record_files(settings: Settings) -> list[Path]:
    return sorted(settings.records_dir.glob("*.json"))


def jobs(settings: Settings) -> list[Job]:
    out = {p.stem: Job(p.stem, p, None) for p in record_files(settings)}
    if settings.sources_dir.is_dir():
        for path in sorted(settings.sources_dir.iterdir()):
            if path.suffix.lower() in SOURCE_SUFFIXES and path.stem not in out:
                out[path.stem] = Job(path.stem, None, path)
    return [out[k] for k in sorted(out)]


def cache_dir(settings: Settings) -> Path:
    return settings.data_dir / ".cache" / "build"


def cache_file(folder: Path, stem: str) -> Path:
    return folder / f"{stem}.nq"


def read_cached(folder: Path, stem: str, key: str | None = None) -> tuple[str, int, str] | None:
    """(source file, projects, N-Quads) of a converted, validated document, if cached."""
    try:
        with cache_file(folder, stem).open(encoding="utf-8") as f:
            meta = f.readline().rstrip("\n").split("\t")
            if len(meta) != 3 or (key is not None and meta[0] != key):
                return None
            return meta[1], int(meta[2]), f.read()
    except FileNotFoundError:
        return None


def _cached_meta(folder: Path, stem: str) -> tuple[str, str, int] | None:
    """(key, source file, projects) from a cache file's first line only."""
    try:
        with cache_file(folder, stem).open(encoding="utf-8") as f:
            meta = f.readline().rstrip("\n").split("\t")
    except FileNotFoundError:
        return None
    return (meta[0], meta[1], int(meta[2])) if len(meta) == 3 else None


def write_cached(folder: Path, stem: str, key: str, file_name: str, count: int, body: str) -> None:
    cache_file(folder, stem).write_text(f"{key}\t{file_name}\t{count}\n{body}", encoding="utf-8")


@cache
def code_fingerprint() -> str:
    """Changes whenever anything that shapes the generated RDF changes."""
    from . import registries

    h = hashlib.sha256()
    for f in [
        paths.ontology_file(),
        *sorted(paths.shapes_dir().glob("*.ttl")),
        *sorted(Path(__file__).parent.rglob("*.py")),
    ]:
        h.update(f.read_bytes())
    h.update(registries.snapshot_fingerprint().encode())
    return h.hexdigest()


def inputs_fingerprint(settings: Settings) -> str:
    """What every document's key shares: code, base IRI and the sources manifest."""
    h = hashlib.sha256(code_fingerprint().encode())
    h.update(settings.base_iri.encode())
    manifest = settings.sources_dir / "manifest.csv"
    if manifest.exists():
        h.update(manifest.read_bytes())
    return h.hexdigest()


def _source_name(job: Job) -> str | None:
    """The source file a record names (read from the record), or the source job's own."""
    if job.record_path is None:
        return job.source_path.name if job.source_path else None
    try:
        data = json.loads(job.record_path.read_bytes())
        name = data["source"]["file"]
        return name if isinstance(name, str) else None
    except (ValueError, KeyError, TypeError):
        return None  # an unreadable record is reported when it is converted


def job_key(job: Job, settings: Settings, fingerprint: str | None = None) -> str:
    """The content hash of one document's inputs."""
    h = hashlib.sha256((fingerprint or inputs_fingerprint(settings)).encode())
    for path in (job.record_path, job.source_path):
        if path is not None:
            h.update(path.read_bytes())
    if job.record_path is not None:
        name = _source_name(job)
        source = settings.sources_dir / name if name else None
        if source is not None and source.is_file():
            h.update(source.read_bytes())
    return h.hexdigest()[:32]


def _signature(job: Job, settings: Settings, source_name: str | None, now_ns: int) -> str | None:
    """Size and mtime of the document's inputs, or None if one of them is too fresh."""
    files = [p for p in (job.record_path, job.source_path) if p is not None]
    if job.record_path is not None and source_name:
        files.append(settings.sources_dir / source_name)
    parts = []
    for path in files:
        try:
            st = path.stat()
        except FileNotFoundError:
            parts.append("-")
            continue
        if st.st_mtime_ns > now_ns - RACY_NS:
            return None
        parts.append(f"{st.st_mtime_ns}:{st.st_size}")
    return "|".join(parts)


def _load_index(folder: Path, fingerprint: str) -> dict[str, list[object]]:
    try:
        data = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("inputs") != fingerprint:
        return {}
    documents = data.get("documents")
    return documents if isinstance(documents, dict) else {}


def plan(settings: Settings) -> tuple[list[Planned], str]:
    """Every document with its key and cache state (and the shared inputs fingerprint)."""
    folder = cache_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    fingerprint = inputs_fingerprint(settings)
    index = _load_index(folder, fingerprint)
    present = {e.name for e in os.scandir(folder) if e.name.endswith(".nq")}
    now = time.time_ns()
    out: list[Planned] = []
    trusted = 0
    for job in jobs(settings):
        entry = index.get(job.stem)
        if entry is not None and len(entry) == 4 and f"{job.stem}.nq" in present:
            signature, key, file_name, projects = entry
            if (
                isinstance(signature, str)
                and isinstance(key, str)
                and isinstance(file_name, str)
                and isinstance(projects, int)
                and _signature(job, settings, file_name, now) == signature
            ):
                out.append(Planned(job, key, (file_name, projects), signature))
                trusted += 1
                continue
        key = job_key(job, settings, fingerprint)
        meta = _cached_meta(folder, job.stem) if f"{job.stem}.nq" in present else None
        hit = (meta[1], meta[2]) if meta is not None and meta[0] == key else None
        out.append(Planned(job, key, hit, _signature(job, settings, _source_name(job), now)))
    log.debug("%d of %d documents known unchanged by their stat", trusted, len(out))
    return out, fingerprint


def save_index(
    settings: Settings, fingerprint: str, cached: dict[str, tuple[Planned, str, int]]
) -> None:
    """Remember stat signature → key for every document now cached (stem → planned,
    source file, projects)."""
    documents = {
        stem: [p.signature, p.key, file_name, count]
        for stem, (p, file_name, count) in cached.items()
        if p.signature is not None
    }
    folder = cache_dir(settings)
    tmp = folder / f"{INDEX}.tmp"
    tmp.write_text(json.dumps({"inputs": fingerprint, "documents": documents}), encoding="utf-8")
    tmp.replace(folder / INDEX)
