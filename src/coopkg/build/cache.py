"""The build's conversion cache: one converted, validated document a file, keyed by content.

`data/.cache/build/<stem>.nq` holds a document's N-Quads exactly as `data/rdf/<stem>.nq`
shows them (generated-file header included), so a successful build publishes it there as
a hard link instead of writing the bytes again; a cache file is only ever replaced by a
new file (never rewritten in place), so the published one stays as it was. Files are
read-only as a reminder that they are generated.

`index.json` is the cache's authority: per document, the key its file was made from (a
hash of everything that shapes the graph: record and source, the sources manifest, the
code, ontology, shapes, registry snapshots and base IRI), its source file and project
count, and the size and mtime of its inputs. A rebuild trusts an unchanged stat and
hashes only what changed; a file modified less than `RACY_NS` before it was read is not
trusted by its stat (its next change could land in the same timestamp tick).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import paths
from ..settings import Settings

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


Stat = tuple[int, int]  # mtime in ns, size


def _listing(folder: Path) -> dict[str, Stat]:
    """Name → stat of every file in a folder, in one pass (no Path object a file)."""
    out: dict[str, Stat] = {}
    try:
        entries = os.scandir(folder)
    except FileNotFoundError:
        return out
    with entries:
        for e in entries:
            try:
                if e.is_file():
                    st = e.stat()
                    out[e.name] = (st.st_mtime_ns, st.st_size)
            except FileNotFoundError:
                continue  # removed while listed
    return out


@dataclass
class Listing:
    """The records and sources folders as found at the start of a build."""

    records: dict[str, Stat]
    sources: dict[str, Stat]

    @classmethod
    def of(cls, settings: Settings) -> Listing:
        return cls(_listing(settings.records_dir), _listing(settings.sources_dir))


def jobs(settings: Settings, listing: Listing | None = None) -> list[Job]:
    listing = listing or Listing.of(settings)
    out = {
        name[:-5]: Job(name[:-5], settings.records_dir / name, None)
        for name in listing.records
        if name.endswith(".json") and len(name) > 5
    }
    for name in listing.sources:
        stem, _, suffix = name.rpartition(".")
        if stem and f".{suffix.lower()}" in SOURCE_SUFFIXES and stem not in out:
            out[stem] = Job(stem, None, settings.sources_dir / name)
    return [out[k] for k in sorted(out)]


def cache_dir(settings: Settings) -> Path:
    return settings.data_dir / ".cache" / "build"


def cache_file(folder: Path, stem: str) -> Path:
    return folder / f"{stem}.nq"


def header(job: Job) -> str:
    """The generated-file header naming the document's record (or its extracted source)."""
    from ..stores.rdfio import GENERATED_HEADER

    name = (
        job.record_path.name
        if job.record_path is not None
        else f"(extracted from sources/{job.source_path.name if job.source_path else ''})"
    )
    return GENERATED_HEADER.format(record=name)


def write_cache_file(folder: Path, job: Job, body: str) -> None:
    """A valid document's cache file, replaced as a whole (a published hard link to the
    old file keeps the old content)."""
    target = cache_file(folder, job.stem)
    tmp = target.with_name(f".{job.stem}.nq.tmp")
    tmp.write_text(header(job) + body, encoding="utf-8")
    tmp.chmod(0o444)
    tmp.replace(target)


def body_of(text: str) -> str:
    """A cache file's N-Quads without its comment header."""
    start = 0
    while text.startswith("#", start):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start:]


@dataclass
class Entry:
    key: str
    source_file: str
    projects: int
    signature: str | None


class Cache:
    """The cache folder and its index (stem → Entry)."""

    def __init__(self, settings: Settings, fingerprint: str) -> None:
        self.folder = cache_dir(settings)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint
        self.entries: dict[str, Entry] = {}
        try:
            data = json.loads((self.folder / INDEX).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return
        if not isinstance(data, dict) or data.get("inputs") != fingerprint:
            return  # every key changed: nothing cached is usable
        for stem, fields in (data.get("documents") or {}).items():
            try:
                key, source_file, projects, signature = fields
                self.entries[stem] = Entry(str(key), str(source_file), int(projects), signature)
            except (TypeError, ValueError):
                continue

    def text(self, stem: str, key: str | None = None) -> str | None:
        """The cached file of a document (of that key), header included."""
        entry = self.entries.get(stem)
        if entry is None or (key is not None and entry.key != key):
            return None
        try:
            return cache_file(self.folder, stem).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def body(self, stem: str, key: str | None = None) -> str | None:
        text = self.text(stem, key)
        return None if text is None else body_of(text)

    def forget(self, stems: Iterable[str]) -> None:
        """Drop documents from the index (before their files are replaced) and save it,
        so an interrupted build can never pair an old key with a new file."""
        for stem in stems:
            self.entries.pop(stem, None)
        self.save()

    def record(
        self, stem: str, key: str, source_file: str, projects: int, signature: str | None
    ) -> None:
        """Index a document whose file `write_cache_file` wrote (in a build worker)."""
        self.entries[stem] = Entry(key, source_file, projects, signature)

    def save(self) -> None:
        documents = {
            stem: [e.key, e.source_file, e.projects, e.signature]
            for stem, e in sorted(self.entries.items())
        }
        tmp = self.folder / f"{INDEX}.tmp"
        tmp.write_text(
            json.dumps({"inputs": self.fingerprint, "documents": documents}), encoding="utf-8"
        )
        tmp.replace(self.folder / INDEX)


PACKAGE = Path(__file__).resolve().parents[1]  # all of coopkg, not only build/


def fingerprinted_files() -> list[Path]:
    """The ontology, the shapes and every module of the package: whatever shapes the RDF."""
    return [
        paths.ontology_file(),
        *sorted(paths.shapes_dir().glob("*.ttl")),
        *sorted(PACKAGE.rglob("*.py")),
    ]


@cache
def code_fingerprint() -> str:
    """Changes whenever anything that shapes the generated RDF changes."""
    from ..registries import snapshots as registries

    h = hashlib.sha256()
    for f in fingerprinted_files():
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


def _source_name_in(record: bytes) -> str | None:
    """The source file a record's JSON names, or None if it names none readably."""
    try:
        name = json.loads(record)["source"]["file"]
        return name if isinstance(name, str) else None
    except (ValueError, KeyError, TypeError):
        return None  # an unreadable record is reported when it is converted


@dataclass(frozen=True)
class RecordRead:
    """A record file's bytes and the source file it names: read and parsed once a plan."""

    data: bytes
    source_name: str | None

    @classmethod
    def of(cls, path: Path) -> RecordRead:
        data = path.read_bytes()
        return cls(data, _source_name_in(data))


def job_key(
    job: Job, settings: Settings, fingerprint: str | None = None, read: RecordRead | None = None
) -> str:
    """The content hash of one document's inputs (`read`: the record, already read)."""
    h = hashlib.sha256((fingerprint or inputs_fingerprint(settings)).encode())
    if job.record_path is not None:
        read = read or RecordRead.of(job.record_path)
        h.update(read.data)
    if job.source_path is not None:
        h.update(job.source_path.read_bytes())
    if read is not None:
        source = settings.sources_dir / read.source_name if read.source_name else None
        if source is not None and source.is_file():
            h.update(source.read_bytes())
    return h.hexdigest()[:32]


def _signature(job: Job, listing: Listing, source_name: str | None, now_ns: int) -> str | None:
    """Size and mtime of the document's inputs, or None if one of them is too fresh."""
    stats = []
    if job.record_path is not None:
        stats.append(listing.records.get(job.record_path.name))
        if source_name:
            stats.append(listing.sources.get(source_name))
    elif job.source_path is not None:
        stats.append(listing.sources.get(job.source_path.name))
    parts = []
    for st in stats:
        if st is None:
            parts.append("-")
        elif st[0] > now_ns - RACY_NS:
            return None
        else:
            parts.append(f"{st[0]}:{st[1]}")
    return "|".join(parts)


def plan(settings: Settings) -> tuple[list[Planned], Cache]:
    """Every document with its key and whether the cache holds it."""
    cache_ = Cache(settings, inputs_fingerprint(settings))
    present = {e.name for e in os.scandir(cache_.folder) if e.name.endswith(".nq")}
    now = time.time_ns()
    out: list[Planned] = []
    trusted = 0
    listing = Listing.of(settings)
    for job in jobs(settings, listing):
        entry = cache_.entries.get(job.stem)
        if entry is not None and f"{job.stem}.nq" not in present:
            entry = None
        if (
            entry is not None
            and entry.signature is not None
            and _signature(job, listing, entry.source_file, now) == entry.signature
        ):
            out.append(
                Planned(job, entry.key, (entry.source_file, entry.projects), entry.signature)
            )
            trusted += 1
            continue
        read = RecordRead.of(job.record_path) if job.record_path is not None else None
        key = job_key(job, settings, cache_.fingerprint, read)
        # the source file a record names, or a source job's own
        if read is not None:
            name = read.source_name
        else:
            name = job.source_path.name if job.source_path else None
        signature = _signature(job, listing, name, now)
        if entry is not None and entry.key == key:
            entry.signature = signature  # (re)learn the stat of unchanged inputs
            out.append(Planned(job, key, (entry.source_file, entry.projects), signature))
        else:
            out.append(Planned(job, key, None, signature))
    log.debug("%d of %d documents known unchanged by their stat", trusted, len(out))
    return out, cache_
