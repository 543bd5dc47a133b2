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
from dataclasses import dataclass, field
from functools import cache
from multiprocessing import get_context
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from . import paths, queries, rdfio, store
from .convert import convert_document
from .errors import ValidationFailed
from .iris import Minter
from .link import Linker, LinkReport, link_graph
from .records import Record, load_record
from .remote import is_remote, open_remote, push_build
from .settings import Settings
from .sources import read_manifest, source_info
from .validate import Report, Violation, format_text, merge_reports, validate_graph
from .vocab import ONTOLOGY_IRI

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    documents: int
    projects: int
    triples: int
    seconds: float
    dump: Path | None
    stages: dict[str, float] = field(default_factory=dict)  # stage → seconds


class Stages(dict[str, float]):
    """Seconds per build stage, logged as each one ends."""

    def done(self, name: str, started: float, detail: str = "") -> None:
        self[name] = self.get(name, 0.0) + time.perf_counter() - started
        log.info("%s%s in %.1f s", name, f" ({detail})" if detail else "", self[name])


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


def check_violation_queries(db: ox.Store, scope: str | None = None) -> list[str]:
    """Rows of the `*-violation` queries (of one scope, or all), as problem lines.

    The build runs the document-scoped ones on each batch of documents in the workers
    (finding at least what a whole-store run would) and the rest on the whole store.
    """
    problems = []
    for q in queries.all_queries().values():
        if q.is_violation_check and (scope is None or q.scope == scope):
            result = queries.run_sparql(db, q.text, union_default_graph=True)
            found = list(result)
            if found:
                problems.append(f"{q.name}: {len(found)} row(s), first: {found[0]}")
    return problems


def write_dump(documents: Path, settings: Settings) -> Path:
    """The dated dump: every document graph and the ontology graph, as N-Quads.

    Written from the build's own N-Quads file rather than read back from the store (a
    file copy instead of a full scan). The store's default graph is the merge of these
    graphs, so a reader loading the dump with a union default graph sees the same data.
    """
    dumps = settings.data_dir / "dumps"
    dumps.mkdir(parents=True, exist_ok=True)
    target = dumps / f"coopkg-{time.strftime('%Y-%m-%d')}.nq"
    tmp = target.with_suffix(".nq.tmp")
    ontology = ox.NamedNode(ONTOLOGY_IRI)
    with tmp.open("wb") as out:
        with documents.open("rb") as source:
            shutil.copyfileobj(source, out, 1 << 20)
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, ontology)
            for t in ox.parse(path=str(paths.ontology_file()), format=ox.RdfFormat.TURTLE)
        ]
        out.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
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


def _convert_one(job: Job, settings: Settings) -> tuple[str, str, str, int]:
    """In a worker: one document → (stem, source file, N-Quads, projects)."""
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


def _convert_batch(
    args: tuple[list[Job], Settings],
) -> tuple[list[tuple[str, str, str, int]], list[Violation]]:
    """In a worker: convert a batch of documents and validate them together.

    The compiled checks are scoped to one graph at a time, so a batch in a small
    in-memory store gives the same report as the whole store would, on all cores at once.
    """
    from .shacl_sparql import validate_store

    batch, settings = args
    converted = [_convert_one(job, settings) for job in batch]
    scratch = ox.Store()
    scratch.load("".join(body for _, _, body, _ in converted).encode(), format=ox.RdfFormat.N_QUADS)
    minter = Minter(settings.base_iri)
    sources = {str(minter.source(file_name)): file_name for _, file_name, _, _ in converted}
    report = validate_store(scratch, sources=sources, threads=1)
    found = list(report.violations)
    for problem in check_violation_queries(scratch, scope="document"):
        name = problem.split(":", 1)[0]
        found.append(
            Violation(
                focus="(documents " + ", ".join(sorted(sources.values())) + ")",
                path=None,
                value=None,
                message=problem,
                severity="sh:Violation",
                shape=name,
                component="whole-graph check",
                source=None,
            )
        )
    return converted, found


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


@dataclass
class Conversion:
    """What `convert_parallel` did: counts, graph IRIs, and each document's cache key."""

    documents: int = 0
    projects: int = 0
    sources: dict[str, str] = field(default_factory=dict)  # graph IRI → source file
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)  # stem → (key, graph IRI)
    reconverted: int = 0


def _cache_file(cache_dir: Path, stem: str) -> Path:
    return cache_dir / f"{stem}.nq"


def read_cached(cache_dir: Path, stem: str, key: str | None = None) -> tuple[str, int, str] | None:
    """(source file, projects, N-Quads) of a converted, validated document, if cached."""
    path = _cache_file(cache_dir, stem)
    try:
        with path.open(encoding="utf-8") as f:
            meta = f.readline().rstrip("\n").split("\t")
            if len(meta) != 3 or (key is not None and meta[0] != key):
                return None
            return meta[1], int(meta[2]), f.read()
    except FileNotFoundError:
        return None


BATCH = 64  # documents a worker converts and validates together


def convert_parallel(settings: Settings, out: Path, workers: int | None = None) -> Conversion:
    """Convert and validate every document into one N-Quads file, reusing unchanged ones.

    A document is reconverted only when its record, source, the code, ontology, shapes or
    registry snapshots changed (its content-hash key). Workers convert and validate
    batches; graphs are written out as they come and never collected, so memory stays
    bounded by the batches in flight. Raises ValidationFailed listing every violation.
    """
    cache_dir = settings.data_dir / ".cache" / "build"
    cache_dir.mkdir(parents=True, exist_ok=True)
    todo: list[Job] = []
    result = Conversion()
    minter = Minter(settings.base_iri)
    all_jobs = jobs(settings)
    progress = Progress(len(all_jobs), "converting")
    violations: list[Violation] = []

    def take(stem: str, key: str, file_name: str, count: int, body: str) -> None:
        sink.write(body)
        graph = str(minter.source(file_name))
        result.documents += 1
        result.projects += count
        result.sources[graph] = file_name
        result.keys[stem] = (key, graph)
        progress.step()

    keys: dict[str, str] = {}
    with out.open("w", encoding="utf-8") as sink:
        for job in all_jobs:
            key = keys[job.stem] = _job_key(job, settings)
            cached = read_cached(cache_dir, job.stem, key)
            if cached is not None:
                take(job.stem, key, *cached[:2], cached[2])
            else:
                todo.append(job)
        if todo:
            Linker()  # load the indexes before forking, so the workers share them
            n = workers or os.cpu_count() or 1
            batches = [(todo[i : i + BATCH], settings) for i in range(0, len(todo), BATCH)]
            with get_context("fork").Pool(n) as pool:
                for converted, found in pool.imap_unordered(_convert_batch, batches):
                    violations += found
                    bad = {v.source for v in found}
                    if None in bad:  # a batch-wide check failed: cache none of the batch
                        bad = {file_name for _, file_name, _, _ in converted}
                    for stem, file_name, body, count in converted:
                        if file_name not in bad:  # only valid documents are cached
                            _cache_file(cache_dir, stem).write_text(
                                f"{keys[stem]}\t{file_name}\t{count}\n{body}", encoding="utf-8"
                            )
                        take(stem, keys[stem], file_name, count, body)
            result.reconverted = len(todo)
    if violations:
        report = Report(False, tuple(sorted(violations, key=_violation_order)), Graph())
        raise ValidationFailed(
            "the data does not conform to the shapes; nothing was loaded",
            detail=format_text(report),
        )
    return result


def _violation_order(v: Violation) -> tuple[str, str, str, str]:
    return (v.focus, v.path or "", v.component, v.value or "")


def write_rdf_files(settings: Settings, stems: set[str] | None = None) -> None:
    """data/rdf/<stem>.nq for every document (or only `stems`), from the cache.

    Unchanged files are left untouched; files of documents that are gone are deleted.
    """
    out = settings.rdf_dir
    out.mkdir(parents=True, exist_ok=True)
    cache_dir = settings.data_dir / ".cache" / "build"
    wanted = set()
    for job in jobs(settings):
        target = out / f"{job.stem}.nq"
        wanted.add(target.name)
        if stems is not None and job.stem not in stems:
            continue
        cached = read_cached(cache_dir, job.stem)
        if cached is None:
            continue
        record_name = (
            job.record_path.name if job.record_path else f"(extracted from {job.source_path})"
        )
        rdfio.write_generated_text(target, cached[2], record_name)
    for stale in out.glob("*.nq"):
        if stale.name not in wanted:
            stale.unlink()


MANIFEST = "documents.json"  # in a build folder: stem → [cache key, graph IRI]
INCREMENTAL_SHARE = 0.2  # above this share of changed documents a fresh bulk load is faster


def _previous_manifest(settings: Settings) -> dict[str, tuple[str, str]] | None:
    if settings.store == store.MEMORY or is_remote(settings.store):
        return None
    current = store.current_build(settings.store)
    if current is None or not (current / MANIFEST).exists():
        return None
    data = json.loads((current / MANIFEST).read_text(encoding="utf-8"))
    return {stem: (key, graph) for stem, (key, graph) in data.items()}


def _merged_file(combined: Path, target: Path) -> Path:
    """The default graph's triples (documents and ontology; the store drops repeats).

    The build's N-Quads are its own, one statement a line ending in ` <graph> .`, so
    dropping the graph name is a byte operation: an IRI holds no space, so the graph
    name starts at the line's last " <".
    """
    with target.open("wb") as out, combined.open("rb") as source:
        lines: list[bytes] = []
        for line in source:
            if line.strip():
                lines.append(line[: line.rindex(b" <")] + b" .\n")
            if len(lines) >= 100_000:
                out.writelines(lines)
                lines = []
        out.writelines(lines)
        triples = ox.parse(path=str(paths.ontology_file()), format=ox.RdfFormat.TURTLE)
        out.write(ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b"")
    return target


def _fill(target: ox.Store, combined: Path, work: Path, bulk: bool, stages: Stages) -> int:
    """A new store: ontology, document graphs, the merged default graph; then the
    whole-graph checks. Raises ValidationFailed if they find anything."""
    t = time.perf_counter()
    rdfio.load_turtle_into(target, paths.ontology_file(), ONTOLOGY_IRI)
    merged = _merged_file(combined, work / "merged.nt")
    for path, fmt in ((combined, ox.RdfFormat.N_QUADS), (merged, ox.RdfFormat.N_TRIPLES)):
        if bulk:
            target.bulk_load(path=str(path), format=fmt)
        else:
            target.load(path=str(path), format=fmt)
    target.add(queries.MERGE_MARKER)
    stages.done("load", t)
    _cross_document_checks(target, stages)
    return len(target)


def _cross_document_checks(target: ox.Store, stages: Stages) -> None:
    t = time.perf_counter()
    problems = check_violation_queries(target, scope="store")
    stages.done("cross-document checks", t)
    if problems:
        raise ValidationFailed(
            "whole-graph checks failed; nothing was loaded", detail="\n".join(problems)
        )


def _changes(
    previous: dict[str, tuple[str, str]], conversion: Conversion
) -> tuple[set[str], set[str]]:
    """(documents new or changed since the previous build, documents gone)."""
    changed = {
        stem
        for stem, (key, _) in conversion.keys.items()
        if stem not in previous or previous[stem][0] != key
    }
    return changed, set(previous) - set(conversion.keys)


def _apply_changes(
    target: ox.Store,
    settings: Settings,
    previous: dict[str, tuple[str, str]],
    conversion: Conversion,
    changed: set[str],
    removed: set[str],
) -> int:
    """Bring a copy of the previous build up to date, touching only changed documents.

    Returns the number of graphs replaced or removed. The merged default graph loses a
    triple only when no document graph holds it any more.
    """
    cache_dir = settings.data_dir / ".cache" / "build"
    old_triples: set[ox.Triple] = set()
    default = ox.DefaultGraph()
    for stem in changed | removed:
        if stem in previous:
            graph = ox.NamedNode(previous[stem][1])
            old_triples.update(q.triple for q in target.quads_for_pattern(None, None, None, graph))
            target.remove_graph(graph)
    new_quads: list[ox.Quad] = []
    for stem in sorted(changed):
        cached = read_cached(cache_dir, stem, conversion.keys[stem][0])
        assert cached is not None, stem  # convert_parallel cached every valid document
        new_quads.extend(ox.parse(cached[2].encode(), format=ox.RdfFormat.N_QUADS))
    target.extend(new_quads)
    new_triples = {q.triple for q in new_quads}
    target.extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in new_triples)
    for t in old_triples - new_triples:
        still_held = any(
            not isinstance(q.graph_name, ox.DefaultGraph)
            for q in target.quads_for_pattern(t.subject, t.predicate, t.object)
        )
        if not still_held:
            target.remove(ox.Quad(t.subject, t.predicate, t.object, default))
    return len(changed | removed)


def build(
    settings: Settings, db: ox.Store | None = None, workers: int | None = None
) -> BuildResult:
    """Build the store at settings.store (or into `db`, for tests); raise on invalid data.

    Documents are converted, linked and validated in parallel batches (unchanged ones
    come from the cache) and streamed into one N-Quads file. A fresh build bulk-loads it
    into a new store; when few documents changed, a copy of the current store is updated
    in place of those documents instead. Cross-document checks then run on the new
    store; only a conforming store replaces the served one.
    """
    t0 = time.perf_counter()
    stages = Stages()
    work = Path(tempfile.mkdtemp(prefix="coopkg-build-"))
    try:
        combined = work / "documents.nq"
        conversion = convert_parallel(settings, combined, workers)
        stages.done(
            "convert, link and validate",
            t0,
            f"{conversion.documents} documents, {conversion.reconverted} reconverted",
        )
        previous = _previous_manifest(settings) if db is None else None
        written: set[str] | None = None
        dump: Path | None = None
        if db is not None:
            triples = _fill(db, combined, work, bulk=False, stages=stages)
        elif is_remote(settings.store):
            # checked in a local scratch store first: only conforming data reach the remote
            scratch = ox.Store(str(work / "scratch"))
            triples = _fill(scratch, combined, work, bulk=True, stages=stages)
            del scratch
            t = time.perf_counter()
            graphs = push_build(
                open_remote(settings),
                combined,
                work / "merged.nt",
                (paths.ontology_file(), ox.NamedNode(ONTOLOGY_IRI)),
                queries.MERGE_MARKER,
            )
            stages.done("write to the remote store", t, f"{graphs} graphs")
        elif settings.store == store.MEMORY:
            triples = _fill(ox.Store(), combined, work, bulk=False, stages=stages)
        else:
            changed, removed = _changes(previous or {}, conversion)
            incremental = previous is not None and (
                len(changed) + len(removed) <= INCREMENTAL_SHARE * max(1, len(conversion.keys))
            )
            manifest = {stem: list(v) for stem, v in conversion.keys.items()}
            (work / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
            with store.new_build(
                settings.store, copy_current=incremental, extra_files=[work / MANIFEST]
            ) as target:
                t = time.perf_counter()
                if incremental:
                    assert previous is not None
                    touched = _apply_changes(
                        target, settings, previous, conversion, changed, removed
                    )
                    written = changed
                    stages.done(
                        "update a copy of the store", t, f"{touched} document graphs replaced"
                    )
                    _cross_document_checks(target, stages)
                    triples = len(target)
                else:
                    triples = _fill(target, combined, work, bulk=True, stages=stages)
                t = time.perf_counter()
                dump = write_dump(combined, settings)
                stages.done("dump", t)
        t = time.perf_counter()
        write_rdf_files(settings, written)
        stages.done("write data/rdf", t)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(
        conversion.documents, conversion.projects, triples, time.perf_counter() - t0, dump, stages
    )
