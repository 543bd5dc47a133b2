"""`coopkg build`: records → RDF → SHACL → store, all or nothing.

Every record in data/records/ is converted to its document's named graph and
validated. Only when every graph conforms, and the whole-graph `*-violation`
queries return no rows on the new store, does the new store replace the one
being served; the generated files in data/rdf/ are written at the same point.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from multiprocessing import get_context
from pathlib import Path

import pyoxigraph as ox

from . import paths, queries, rdfio, store
from .convert import convert_document
from .errors import ValidationFailed
from .iris import Minter
from .link import Linker, LinkReport, link_graph
from .records import Record, load_record
from .remote import is_remote, open_remote, push_build
from .settings import Settings
from .sources import read_manifest, source_info
from .validate import Report, format_text, merge_reports, validate_graph
from .vocab import ONTOLOGY_IRI

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    documents: int
    projects: int
    triples: int
    seconds: float
    dump: Path | None


@dataclass(frozen=True)
class Converted:
    record_file: Path
    record: Record
    nquads: str


def record_files(settings: Settings) -> list[Path]:
    return sorted(settings.records_dir.glob("*.json"))


SOURCE_SUFFIXES = (".txt", ".html", ".htm")


def all_records(settings: Settings) -> list[tuple[Path, Record]]:
    """Curated records, and an extraction for every source document that has none.

    A curated record (reviewed by a person) always wins; extracted records are
    marked unreviewed and keyed by the source's file stem like curated ones.
    """
    from .extract import extract_text
    from .extract.reading import read_document

    out = [(path, load_record(path)) for path in record_files(settings)]
    curated = {r.source.file for _, r in out} | {p.stem for p, _ in out}
    manifest = read_manifest(settings.sources_dir)
    for path in sorted(settings.sources_dir.glob("*")):
        if (
            path.suffix.lower() not in SOURCE_SUFFIXES
            or path.name in curated
            or path.stem in curated
        ):
            continue
        entry = manifest.get(path.name)
        data = extract_text(
            read_document(path),
            path.name,
            entry.language if entry else None,
            url=entry.url if entry else None,
        )
        log.info("no curated record for %s: using its extraction (unreviewed)", path.name)
        out.append(
            (settings.records_dir / f"{path.stem}.json", Record.from_dict(data, reviewed=False))
        )
    return sorted(out, key=lambda pr: pr[0].name)


def convert_all(
    settings: Settings, links: LinkReport | None = None
) -> tuple[list[Converted], Report]:
    """Convert, link and validate every record; nothing is written."""
    minter = Minter(settings.base_iri)
    manifest = read_manifest(settings.sources_dir)
    linker = Linker()
    converted, reports = [], []
    for path, record in all_records(settings):
        info = source_info(settings.sources_dir, record.source.file, manifest)
        graph = convert_document(record, info, minter)
        report = link_graph(graph, minter, linker, record.source.file)
        if links is not None:
            links.merge(report)
        reports.append(validate_graph(graph.to_rdflib(), source=record.source.file))
        converted.append(Converted(path, record, "\n".join(graph.nquads_lines()) + "\n"))
    return converted, merge_reports(reports)


def check_violation_queries(db: ox.Store) -> list[str]:
    problems = []
    for q in queries.all_queries().values():
        if q.is_violation_check:
            result = queries.run_sparql(db, q.text, union_default_graph=True)
            found = list(result)
            if found:
                problems.append(f"{q.name}: {len(found)} row(s), first: {found[0]}")
    return problems


def write_dump(db: ox.Store, settings: Settings) -> Path:
    dumps = settings.data_dir / "dumps"
    dumps.mkdir(parents=True, exist_ok=True)
    target = dumps / f"coopkg-{time.strftime('%Y-%m-%d')}.nq"
    tmp = target.with_suffix(".nq.tmp")
    db.dump(str(tmp), format=ox.RdfFormat.N_QUADS)
    tmp.replace(target)
    return target


# --- the scalable build: parallel, incremental, streamed, validated in the store ----------


@dataclass(frozen=True)
class Job:
    """One document to convert: a curated record, or a source to extract."""

    stem: str
    record_path: Path | None
    source_path: Path | None


def jobs(settings: Settings) -> list[Job]:
    out = {p.stem: Job(p.stem, p, None) for p in record_files(settings)}
    for path in sorted(settings.sources_dir.glob("*")):
        if path.suffix.lower() in SOURCE_SUFFIXES and path.stem not in out:
            out[path.stem] = Job(path.stem, None, path)
    return [out[k] for k in sorted(out)]


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


def _job_key(job: Job, settings: Settings) -> str:
    h = hashlib.sha256(code_fingerprint().encode())
    h.update(settings.base_iri.encode())
    for path in (job.record_path, job.source_path):
        if path is not None:
            h.update(path.read_bytes())
    if job.record_path is not None:
        source = (
            settings.sources_dir
            / (json.loads(job.record_path.read_text(encoding="utf-8"))["source"]["file"])
        )
        if source.exists():
            h.update(source.read_bytes())
    manifest = settings.sources_dir / "manifest.csv"
    if manifest.exists():
        h.update(manifest.read_bytes())
    return h.hexdigest()[:32]


_WORKER: dict[str, object] = {}


def _convert_job(args: tuple[Job, Settings]) -> tuple[str, str, str, int]:
    """In a worker: one document → (stem, source file, N-Quads, projects)."""
    job, settings = args
    if "linker" not in _WORKER:
        _WORKER["linker"] = Linker()
        _WORKER["minter"] = Minter(settings.base_iri)
    linker, minter = _WORKER["linker"], _WORKER["minter"]
    assert isinstance(linker, Linker) and isinstance(minter, Minter)
    manifest = read_manifest(settings.sources_dir)
    if job.record_path is not None:
        record = load_record(job.record_path)
    else:
        from .extract import extract_text
        from .extract.reading import read_document

        assert job.source_path is not None
        entry = manifest.get(job.source_path.name)
        data = extract_text(
            read_document(job.source_path),
            job.source_path.name,
            entry.language if entry else None,
            url=entry.url if entry else None,
        )
        record = Record.from_dict(data, reviewed=False)
    info = source_info(settings.sources_dir, record.source.file, manifest)
    graph = convert_document(record, info, minter)
    link_graph(graph, minter, linker, record.source.file)
    return (
        job.stem,
        record.source.file,
        "\n".join(graph.nquads_lines()) + "\n",
        len(record.projects),
    )


def _triples_in_chunks(path: Path, fmt: ox.RdfFormat, size: int = 50_000) -> Iterator[bytes]:
    """The triples of a file (graph names dropped) as N-Triples, a chunk at a time."""
    batch: list[ox.Triple] = []
    for quad in ox.parse(path=str(path), format=fmt):
        batch.append(quad.triple)
        if len(batch) >= size:
            yield ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""
            batch = []
    if batch:
        yield ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""


class Progress:
    """A progress line with rate and ETA for long runs (on stderr, at most every 2 s)."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label, self.done = total, label, 0
        self.start = self.last = time.perf_counter()

    def step(self, n: int = 1) -> None:
        self.done += n
        now = time.perf_counter()
        if self.total >= 500 and (now - self.last >= 2 or self.done == self.total):
            self.last = now
            rate = self.done / max(now - self.start, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0
            print(
                f"\r{self.label}: {self.done}/{self.total} ({rate:,.0f}/s, ETA {eta:,.0f} s)",
                end="\n" if self.done == self.total else "",
                file=sys.stderr,
                flush=True,
            )


def convert_parallel(
    settings: Settings, out: Path, workers: int | None = None
) -> tuple[int, int, dict[str, str]]:
    """Convert every document into one N-Quads file, reusing unchanged ones from the cache.

    Returns (documents, projects, graph IRI → source file). Memory stays bounded by the
    worker pool's chunks: graphs are written out as they come and never collected.
    """
    cache_dir = settings.data_dir / ".cache" / "build"
    cache_dir.mkdir(parents=True, exist_ok=True)
    todo: list[tuple[Job, Settings]] = []
    keys: dict[str, str] = {}
    documents = projects = 0
    sources: dict[str, str] = {}
    minter = Minter(settings.base_iri)
    all_jobs = jobs(settings)
    progress = Progress(len(all_jobs), "converting")
    with out.open("w", encoding="utf-8") as sink:
        for job in all_jobs:
            key = _job_key(job, settings)
            keys[job.stem] = key
            cached = cache_dir / f"{job.stem}.{key}.nq"
            if cached.exists():
                meta, _, body = cached.read_text(encoding="utf-8").partition("\n")
                file_name, count_text = meta.split("\t")
                sink.write(body)
                documents += 1
                projects += int(count_text)
                sources[str(minter.source(file_name))] = file_name
                progress.step()
            else:
                todo.append((job, settings))
        if todo:
            Linker()  # load the indexes before forking, so the workers share them
            n = workers or os.cpu_count() or 1
            with get_context("fork").Pool(n) as pool:
                for stem, file_name, body, count in pool.imap_unordered(
                    _convert_job, todo, chunksize=max(1, min(64, len(todo) // (n * 8) or 1))
                ):
                    sink.write(body)
                    for old in cache_dir.glob(f"{stem}.*.nq"):
                        old.unlink()
                    (cache_dir / f"{stem}.{keys[stem]}.nq").write_text(
                        f"{file_name}\t{count}\n{body}", encoding="utf-8"
                    )
                    documents += 1
                    projects += count
                    sources[str(minter.source(file_name))] = file_name
                    progress.step()
    return documents, projects, sources


def write_rdf_files(settings: Settings) -> None:
    """data/rdf/<stem>.nq for every document, from the cache (unchanged files untouched)."""
    out = settings.rdf_dir
    out.mkdir(parents=True, exist_ok=True)
    cache_dir = settings.data_dir / ".cache" / "build"
    wanted = set()
    for job in jobs(settings):
        cached = next(iter(cache_dir.glob(f"{job.stem}.*.nq")), None)
        if cached is None:
            continue
        body = cached.read_text(encoding="utf-8").partition("\n")[2]
        record_name = (
            job.record_path.name if job.record_path else f"(extracted from {job.source_path})"
        )
        target = out / f"{job.stem}.nq"
        wanted.add(target.name)
        rdfio.write_generated_text(target, body, record_name)
    for stale in out.glob("*.nq"):
        if stale.name not in wanted:
            stale.unlink()


def build(
    settings: Settings, db: ox.Store | None = None, workers: int | None = None
) -> BuildResult:
    """Build the store at settings.store (or into `db`, for tests); raise on invalid data.

    Documents are converted and linked in parallel (unchanged ones come from the cache),
    streamed into one N-Quads file, bulk-loaded into a new store, and validated there with
    the shapes compiled to SPARQL; only a conforming store replaces the served one.
    """
    from .shacl_sparql import validate_store

    t0 = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="coopkg-build-"))
    try:
        combined = work / "documents.nq"
        documents, projects, sources = convert_parallel(settings, combined, workers)
        log.info("converted %d documents in %.1f s", documents, time.perf_counter() - t0)

        def fill(target: ox.Store, bulk: bool) -> int:
            t = time.perf_counter()
            rdfio.load_turtle_into(target, paths.ontology_file(), ONTOLOGY_IRI)
            if bulk:
                target.bulk_load(path=str(combined), format=ox.RdfFormat.N_QUADS)
            else:
                target.load(path=str(combined), format=ox.RdfFormat.N_QUADS)
            # the merge of all graphs, deduplicated, as the stored default graph (see queries)
            merged = work / "merged.nt"
            with merged.open("wb") as out:
                for source in (combined, paths.ontology_file()):
                    fmt = ox.RdfFormat.N_QUADS if source == combined else ox.RdfFormat.TURTLE
                    for chunk in _triples_in_chunks(source, fmt):
                        out.write(chunk)
            if bulk:
                target.bulk_load(path=str(merged), format=ox.RdfFormat.N_TRIPLES)
            else:
                target.load(path=str(merged), format=ox.RdfFormat.N_TRIPLES)
            target.add(queries.MERGE_MARKER)
            log.info("loaded in %.1f s", time.perf_counter() - t)
            t = time.perf_counter()
            report = validate_store(target, sources=sources)
            log.info("validated in %.1f s", time.perf_counter() - t)
            if not report.conforms:
                raise ValidationFailed(
                    "the data does not conform to the shapes; nothing was loaded",
                    detail=format_text(report),
                )
            problems = check_violation_queries(target)
            if problems:
                raise ValidationFailed(
                    "whole-graph checks failed; nothing was loaded", detail="\n".join(problems)
                )
            return len(target)

        dump: Path | None = None
        if db is not None:
            triples = fill(db, bulk=False)
        elif is_remote(settings.store):
            # validated in a local scratch store first: only conforming data reach the remote
            scratch = ox.Store(str(work / "scratch"))
            triples = fill(scratch, bulk=True)
            del scratch
            t = time.perf_counter()
            graphs = push_build(
                open_remote(settings),
                combined,
                work / "merged.nt",
                (paths.ontology_file(), ox.NamedNode(ONTOLOGY_IRI)),
                queries.MERGE_MARKER,
            )
            log.info(
                "wrote %d graphs to %s in %.1f s", graphs, settings.store, time.perf_counter() - t
            )
        elif settings.store == store.MEMORY:
            triples = fill(ox.Store(), bulk=False)
        else:
            with store.new_build(settings.store) as target:
                triples = fill(target, bulk=True)
                t = time.perf_counter()
                dump = write_dump(target, settings)
                log.info("dumped in %.1f s", time.perf_counter() - t)
        t = time.perf_counter()
        write_rdf_files(settings)
        log.info("wrote data/rdf in %.1f s", time.perf_counter() - t)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(documents, projects, triples, time.perf_counter() - t0, dump)
