"""`coopkg build`: records → RDF → SHACL → store, all or nothing.

Every record in data/records/ is converted to its document's named graph and
validated. Only when every graph conforms, and the whole-graph `*-violation`
queries return no rows on the new store, does the new store replace the one
being served; the generated files in data/rdf/ are written at the same point.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph

from .. import paths, queries
from . import cache as buildcache
from ..stores import rdfio
from ..stores import embedded as store
from ..validate.batch import JudgedDescriptions, check_violation_queries, split_body, validate_batch
from .cache import SOURCE_SUFFIXES, Cache, Job, Planned, record_files
from ..convert.graph import convert_document
from ..errors import BadInput, ValidationFailed
from ..iris import Minter
from ..link.graph import ContainingTerritories, link_graph
from ..link.linker import Linker
from ..link.units import LinkReport
from ..records import Record, load_record
from ..stores.remote import is_remote, open_remote, push_build
from ..settings import Settings
from ..convert.sources import read_manifest, source_info
from ..validate.shacl import Report, Violation, format_text, merge_reports, validate_graph
from ..vocab import COOP, ONTOLOGY_IRI, REGISTRY_GRAPH

log = logging.getLogger(__name__)
REGISTRY = ox.NamedNode(REGISTRY_GRAPH)


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


def all_records(settings: Settings) -> list[tuple[Path, Record]]:
    """Curated records, and an extraction for every source document that has none.

    A curated record (reviewed by a person) always wins; extracted records are
    marked unreviewed and keyed by the source's file stem like curated ones.
    """
    from ..extract import extract_text
    from ..extract.reading import read_document

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


DUMP_REWRITE_MAX = 20_000  # documents up to which an incremental build rewrites the dump


def write_dump(settings: Settings, bodies: Iterable[bytes], adopt: Path | None = None) -> Path:
    """The dated dump: every document graph and the ontology graph, as N-Quads.

    Written from the build's own N-Quads rather than read back from the store: the
    documents come from `bodies`, or are `adopt`, a finished file of them that is moved
    (not copied) into place. The store's default graph is the merge of these graphs, so
    a reader loading the dump with a union default graph sees the same data.
    """
    dumps = settings.data_dir / "dumps"
    dumps.mkdir(parents=True, exist_ok=True)
    target = dumps / f"coopkg-{time.strftime('%Y-%m-%d')}.nq"
    tmp = target.with_suffix(".nq.tmp")
    ontology = ox.NamedNode(ONTOLOGY_IRI)
    if adopt is not None:
        try:
            adopt.replace(tmp)
        except OSError:  # another file system: copy after all
            shutil.copyfile(adopt, tmp)
    with tmp.open("ab" if adopt is not None else "wb") as out:
        for chunk in bodies:
            out.write(chunk)
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, ontology)
            for t in ox.parse(path=str(paths.ontology_file()), format=ox.RdfFormat.TURTLE)
        ]
        out.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    tmp.replace(target)
    return target


def registry_graph_nquads(db: ox.Store) -> bytes:
    """The store's registry graph as N-Quads."""
    quads = db.quads_for_pattern(None, None, None, REGISTRY)
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def _cached_bodies(cache_: Cache, conversion: Conversion, db: ox.Store) -> Iterator[bytes]:
    """Each document's graph from the cache, as the build that just ran made them, then
    the registry graph of `db` (the store that build fills)."""
    for stem in sorted(conversion.keys):
        body = cache_.body(stem, conversion.keys[stem][0])
        assert body is not None, stem  # convert_parallel cached every valid document
        yield split_body(body)[0].encode("utf-8")
    yield registry_graph_nquads(db)


def dump_current(settings: Settings) -> Path:
    """`coopkg dump`: the dated dump of the build the store serves now.

    Documents are taken from the cache when it still holds what that build loaded, and
    read from the store otherwise (a later failed build may have re-cached a newer version).
    """
    if settings.store == store.MEMORY or is_remote(settings.store):
        raise BadInput(
            "`coopkg dump` dumps the embedded on-disk store (a remote store has its own)"
        )
    current = store.current_build(settings.store)
    if current is None or not (current / MANIFEST).exists():
        raise BadInput(f"no build to dump at {settings.store}: run `coopkg build` first")
    manifest = json.loads((current / MANIFEST).read_text(encoding="utf-8"))
    cache_ = Cache(settings, buildcache.inputs_fingerprint(settings))

    def bodies() -> Iterator[bytes]:
        db = store.open_store(settings.store, read_only=True)
        for stem in sorted(manifest):
            key, graph = manifest[stem]
            body = cache_.body(stem, key)
            if body is not None:
                yield split_body(body)[0].encode("utf-8")
                continue
            quads = db.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            yield ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        yield registry_graph_nquads(db)

    return write_dump(settings, bodies())


# --- the scalable build: parallel, incremental, streamed, validated in the store ----------


_WORKER: dict[str, object] = {}


def _convert_one(job: Job, settings: Settings) -> tuple[str, str, str, int]:
    """In a worker: one document → (stem, source file, N-Quads, projects)."""
    if "linker" not in _WORKER:  # once a worker process (forked anew for every build)
        _WORKER["linker"] = Linker()
        _WORKER["minter"] = Minter(settings.base_iri)
        _WORKER["manifest"] = read_manifest(settings.sources_dir)
        _WORKER["territories"] = ContainingTerritories()
    linker, minter, manifest = _WORKER["linker"], _WORKER["minter"], _WORKER["manifest"]
    territories = _WORKER["territories"]
    assert isinstance(linker, Linker) and isinstance(minter, Minter)
    assert isinstance(manifest, dict) and isinstance(territories, ContainingTerritories)
    if job.record_path is not None:
        record = load_record(job.record_path)
    else:
        from ..extract import extract_text
        from ..extract.reading import read_document

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
    report = link_graph(graph, minter, linker, record.source.file, territories)
    own, registry = graph.nquads_split(
        report.registry_nodes,
        report.registry_countries,
        REGISTRY_GRAPH,
        report.registry_statements,
    )
    # the registry lines come last: split_body finds them there
    lines = own + registry
    return job.stem, record.source.file, "\n".join(lines) + "\n" * bool(lines), len(record.projects)


class RegistryLines:
    """The registry graph's lines of many documents, each kept once, in first-seen order.

    Bounded by the registries, not by the documents: every line describes a territory of
    the snapshots.
    """

    def __init__(self) -> None:
        self.lines: dict[str, None] = {}

    def add(self, text: str) -> None:
        self.lines.update(dict.fromkeys(text.splitlines(keepends=True)))

    def text(self) -> str:
        return "".join(self.lines)


@dataclass(frozen=True)
class BatchTask:
    """A batch of documents for a worker, and where it puts the valid ones."""

    jobs: list[Job]
    settings: Settings
    cache_folder: Path
    sink: Path | None  # the build's N-Quads file, or None (an incremental build)


# (stem, source file, projects, valid: cached and written to the sink) a document
Outcome = tuple[str, str, int, bool]


def _convert_batch(task: BatchTask) -> tuple[list[Outcome], str, list[Violation]]:
    """In a worker: convert a batch of documents, validate them together, then cache the
    valid ones and append their graphs to the build's N-Quads file.

    The compiled checks are scoped to one graph at a time, so a batch in a small
    in-memory store gives the same report as the whole store would, on all cores at once
    (see batchcheck for what a batch leaves out and why that changes no verdict). Writing
    here rather than in the main process keeps the documents' text out of the pipe and
    the main process (which shares the cores) nearly idle. Returns each document's
    outcome, the registry-graph lines this worker has not returned before, and the
    violations.
    """
    converted = [_convert_one(job, task.settings) for job in task.jobs]
    judged = _WORKER.setdefault("judged", JudgedDescriptions())
    assert isinstance(judged, JudgedDescriptions)
    found, _ = validate_batch(
        [body for _, _, body, _ in converted],
        [file_name for _, file_name, _, _ in converted],
        judged,
        task.settings.base_iri,
    )
    names: set[str | None] = {f for _, f, _, _ in converted}
    bad = {v.source for v in found}
    if not bad <= names:  # a batch-wide check failed
        bad = names  # cache none of the batch
    returned = _WORKER.setdefault("registry lines", set())
    assert isinstance(returned, set)
    outcomes: list[Outcome] = []
    graphs: list[str] = []
    registry: list[str] = []
    for job, (stem, file_name, body, count) in zip(task.jobs, converted, strict=True):
        valid = file_name not in bad
        outcomes.append((stem, file_name, count, valid))
        if not valid:
            continue
        buildcache.write_cache_file(task.cache_folder, job, body)
        if task.sink is not None:
            own, theirs = split_body(body)
            graphs.append(own)
            for line in theirs.splitlines(keepends=True):
                if line not in returned:  # bounded by the registry snapshots
                    returned.add(line)
                    registry.append(line)
    if graphs and task.sink is not None:
        with task.sink.open("a", encoding="utf-8") as sink:
            fcntl.flock(sink, fcntl.LOCK_EX)  # one batch at a time; closing unlocks
            sink.write("".join(graphs))
    return outcomes, "".join(registry), found


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
    """What `convert_parallel` did: counts, and each document's cache key and graph IRI."""

    documents: int = 0
    projects: int = 0
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)  # stem → (key, graph IRI)
    reconverted: int = 0


BATCH = 256  # documents a worker converts and validates together


def convert_parallel(
    settings: Settings,
    planned: list[Planned],
    cache_: Cache,
    out: Path | None,
    workers: int | None = None,
) -> Conversion:
    """Convert and validate the documents the cache lacks; stream every graph to `out`.

    The main process writes the cached documents' graphs to `out`; workers convert and
    validate batches, cache the valid documents and append their graphs to `out`
    themselves, so no document's text is collected anywhere and memory stays bounded
    by the batches in flight. The registry graph's lines follow, once each. With `out`
    None (an incremental build) cached documents are only counted, not read. Raises
    ValidationFailed listing every violation; the valid documents stay cached.
    """
    result = Conversion()
    minter = Minter(settings.base_iri)
    progress = Progress(len(planned), "converting")
    violations: list[Violation] = []
    todo = [p for p in planned if p.hit is None]
    wanted = {p.job.stem for p in planned}
    gone = [s for s in cache_.entries if s not in wanted]
    for stem in gone:
        buildcache.cache_file(cache_.folder, stem).unlink(missing_ok=True)
    cache_.forget([p.job.stem for p in todo] + gone)

    def take(p: Planned, file_name: str, count: int) -> None:
        graph = str(minter.source(file_name))
        result.documents += 1
        result.projects += count
        result.keys[p.job.stem] = (p.key, graph)
        progress.step()

    late: list[Planned] = []  # cached when planned, gone when read
    registry = RegistryLines()
    if out is not None:
        with out.open("w", encoding="utf-8") as sink:  # closed before workers append
            for p in planned:
                if p.hit is None:
                    continue
                body = cache_.body(p.job.stem, p.key)
                if body is None:  # removed since it was planned
                    late.append(p)
                    continue
                own, theirs = split_body(body)
                sink.write(own)
                registry.add(theirs)
                take(p, *p.hit)
    else:
        for p in planned:
            if p.hit is not None:
                take(p, *p.hit)
    if late:  # one index save for all of them, before their files are written
        cache_.forget([p.job.stem for p in late])
        todo += late
    if todo:
        by_stem = {p.job.stem: p for p in todo}
        Linker()  # load the indexes before forking, so the workers share them
        n = workers or os.cpu_count() or 1
        jobs_ = [p.job for p in todo]
        tasks = [
            BatchTask(jobs_[i : i + BATCH], settings, cache_.folder, out)
            for i in range(0, len(jobs_), BATCH)
        ]
        with get_context("fork").Pool(n) as pool:
            for outcomes, registry_lines, found in pool.imap_unordered(_convert_batch, tasks):
                violations += found
                registry.add(registry_lines)
                for stem, file_name, count, valid in outcomes:
                    p = by_stem[stem]
                    if not valid:  # only valid documents are cached
                        progress.step()
                        continue
                    cache_.record(stem, p.key, file_name, count, p.signature)
                    take(p, file_name, count)
        result.reconverted = len(todo)
    if out is not None:  # the registry graph, once, after the documents
        with out.open("a", encoding="utf-8") as sink:
            sink.write(registry.text())
    cache_.save()
    if violations:
        report = Report(False, tuple(sorted(violations, key=_violation_order)), Graph())
        raise ValidationFailed(
            "the data does not conform to the shapes; nothing was loaded",
            detail=format_text(report),
        )
    return result


def _violation_order(v: Violation) -> tuple[str, str, str, str]:
    return (v.focus, v.path or "", v.component, v.value or "")


def write_rdf_files(
    settings: Settings, planned: list[Planned], cache_: Cache, stems: set[str] | None = None
) -> None:
    """data/rdf/<stem>.nq for every document (or only `stems`): hard links to the cache.

    A file already linked to its cache file is left untouched; files of documents that
    are gone are deleted. Where a link cannot be made the file is copied.
    """
    out = settings.rdf_dir
    out.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for p in planned:
        stem = p.job.stem
        target = out / f"{stem}.nq"
        wanted.add(target.name)
        if (stems is not None and stem not in stems) or cache_.entries.get(stem) is None:
            continue
        source = buildcache.cache_file(cache_.folder, stem)
        try:
            if target.exists() and os.path.samefile(source, target):
                continue
        except FileNotFoundError:
            continue
        tmp = out / f".{stem}.nq.tmp"
        tmp.unlink(missing_ok=True)
        try:
            os.link(source, tmp)
        except OSError:  # a file system without hard links
            shutil.copyfile(source, tmp)
        tmp.replace(target)
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


MERGE_MEMORY = 5_000_000  # repeated statements remembered while merging (~75 bytes each)


def _merged_file(combined: Path, target: Path, base_iri: str) -> Path:
    """The default graph's triples (documents and ontology), most repeats dropped.

    Graph names are dropped line by line (`_triple_of`). Places, organisations,
    programmes and countries are described again in every document that names them
    (three quarters of all lines), so their statements are passed on once: the store
    would drop the repeats anyway, but only after parsing and sorting them. Statements
    about a document's own project and source are not remembered (they do not repeat);
    past MERGE_MEMORY remembered statements the rest are passed on as they are, which is
    still correct.
    """
    own = tuple(f"<{base_iri}id/{kind}/".encode() for kind in ("project", "source"))
    seen: set[bytes] = set()
    with target.open("wb") as out, combined.open("rb") as source:
        lines: list[bytes] = []
        for line in source:
            if not line.strip():
                continue
            triple = _triple_of(line)
            if not triple.startswith(own):
                digest = hashlib.blake2b(triple, digest_size=16).digest()
                if digest in seen:
                    continue
                if len(seen) < MERGE_MEMORY:
                    seen.add(digest)
            lines.append(triple + b" .\n")
            if len(lines) >= 100_000:
                out.writelines(lines)
                lines = []
        out.writelines(lines)
        triples = ox.parse(path=str(paths.ontology_file()), format=ox.RdfFormat.TURTLE)
        out.write(ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b"")
    return target


def _triple_of(line: bytes) -> bytes:
    """One line of the build's own N-Quads without its graph name and final dot.

    Every line is one statement ending in ` <graph> .`, and an IRI holds no space, so the
    graph name starts at the line's last " <": dropping it is a byte operation.
    """
    return line[: line.rindex(b" <")]


def _without_graph_names(nquads: bytes) -> bytes:
    """The build's own N-Quads as N-Triples."""
    return b"".join(_triple_of(line) + b" .\n" for line in nquads.splitlines() if line.strip())


def _fill(
    target: ox.Store, combined: Path, work: Path, bulk: bool, stages: Stages, base_iri: str
) -> int:
    """A new store: ontology, document graphs, the merged default graph; then the
    whole-graph checks. Raises ValidationFailed if they find anything."""
    t = time.perf_counter()
    rdfio.load_turtle_into(target, paths.ontology_file(), ONTOLOGY_IRI)

    def load(path: Path, fmt: ox.RdfFormat) -> None:
        if bulk:
            # lenient: these N-Quads were parsed strictly when their batch was validated
            target.bulk_load(path=str(path), format=fmt, lenient=True)
        else:
            target.load(path=str(path), format=fmt)

    # the merge is Python and Oxigraph loads without the GIL: both at once use the core
    # the bulk loader leaves partly idle
    with ThreadPoolExecutor(1) as pool:
        merging = pool.submit(_merged_file, combined, work / "merged.nt", base_iri)
        load(combined, ox.RdfFormat.N_QUADS)
        merged = merging.result()
    load(merged, ox.RdfFormat.N_TRIPLES)
    target.add(queries.MERGE_MARKER)
    stages.done("load", t)
    _cross_document_checks(target, stages)
    t = time.perf_counter()
    quads = len(target)  # a full scan, done once here so the server need not
    stages.done("count the store", t)
    return quads


def registry_problems(db: ox.Store) -> list[str]:
    """The shapes' verdict on the registry graph as a whole.

    Every batch of documents was validated with its slice of the registry graph; this
    catches what only the union can show (two documents stating different facts about
    one territory). The graph is bounded by the registry snapshots, so this is quick.
    """
    from ..validate.sparql import validate_store

    scratch = ox.Store()
    scratch.extend(db.quads_for_pattern(None, None, None, REGISTRY))
    report = validate_store(scratch, threads=1)
    return [
        "registry graph: " + " ".join(filter(None, (v.focus, v.path, v.value))) + f": {v.message}"
        for v in report.violations
    ]


def _cross_document_checks(target: ox.Store, stages: Stages) -> None:
    t = time.perf_counter()
    problems = check_violation_queries(target, scope="store") + registry_problems(target)
    stages.done("cross-document checks", t)
    if problems:
        raise ValidationFailed(
            "whole-graph checks failed; nothing was loaded", detail="\n".join(problems)
        )


def _changes(
    previous: dict[str, tuple[str, str]], keys: dict[str, str]
) -> tuple[set[str], set[str]]:
    """(documents new or changed since the previous build, documents gone)."""
    changed = {
        stem for stem, key in keys.items() if stem not in previous or previous[stem][0] != key
    }
    return changed, set(previous) - set(keys)


LOAD_CHUNK = 2_000  # documents an incremental build bulk-loads at a time
RESTATED_MEMORY = 2_000_000  # new documents' statements remembered for the still-held check


def _apply_changes(
    target: ox.Store,
    cache_: Cache,
    previous: dict[str, tuple[str, str]],
    conversion: Conversion,
    changed: set[str],
    removed: set[str],
    work: Path,
) -> tuple[int, int]:
    """Bring a copy of the previous build up to date, touching only changed documents.

    Returns the number of graphs replaced or removed and how many quads the store gained
    (negative if it lost some), so the build need not count the whole store. The merged
    default graph loses a triple only when no document graph holds it any more. Memory
    stays bounded by LOAD_CHUNK documents and RESTATED_MEMORY statements: the replaced
    graphs' statements wait in a file for that check.
    """
    default = ox.DefaultGraph()
    registry = REGISTRY
    gained = 0
    old = work / "replaced.nt"
    cited_before: set[ox.NamedNode] = set()  # registry territories the old graphs cited
    with old.open("wb") as sink:
        for stem in sorted(changed | removed):
            if stem in previous:
                graph = ox.NamedNode(previous[stem][1])
                triples = [q.triple for q in target.quads_for_pattern(None, None, None, graph)]
                sink.write(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
                target.remove_graph(graph)
                gained -= len(triples)
                cited_before.update(
                    t.object
                    for t in triples
                    if isinstance(t.object, ox.NamedNode)
                    and t.object not in cited_before
                    and next(target.quads_for_pattern(t.object, None, None, registry), None)
                )
    # an edited document mostly restates what it said before; those statements need no
    # lookup in the store to know they stay in the merged default graph
    restated: set[ox.Triple] = set()
    ordered = sorted(changed)
    for i in range(0, len(ordered), LOAD_CHUNK):
        bodies = []
        for stem in ordered[i : i + LOAD_CHUNK]:
            body = cache_.body(stem, conversion.keys[stem][0])
            assert body is not None, stem  # convert_parallel cached every valid document
            bodies.append(body)
        payload = "".join(bodies).encode("utf-8")
        quads = set(ox.parse(payload, format=ox.RdfFormat.N_QUADS))
        # the registry graph only grows: most of its statements are there already
        cited = [q for q in quads if q.graph_name == registry]
        new_in_registry = sum(q not in target for q in cited)
        # the bulk loader adds to a store that holds data too, far faster than a
        # transaction; this copy is private to the build until it is switched in
        target.bulk_load(input=payload, format=ox.RdfFormat.N_QUADS, lenient=True)
        merged = {ox.Quad(q.subject, q.predicate, q.object, default) for q in quads}
        new_in_default = [q for q in merged if q not in target]
        target.extend(new_in_default)
        gained += len(quads) - len(cited) + new_in_registry + len(new_in_default)
        for q in quads:
            if len(restated) >= RESTATED_MEMORY:
                break
            if q.graph_name != registry:
                restated.add(q.triple)
    with old.open("ab") as sink:
        gained -= _prune_registry(target, cited_before, sink)
    looked_up, dropped = drop_unheld(target, old, restated)
    log.info(
        "replaced statements: %d looked up (the new graphs' %d statements need none),"
        " %d left the default graph",
        looked_up,
        len(restated),
        dropped,
    )
    return len(changed | removed), gained - dropped


def drop_unheld(target: ox.Store, replaced: Path, restated: set[ox.Triple]) -> tuple[int, int]:
    """Remove from the merged default graph the statements of `replaced` (N-Triples) that
    no graph holds any more; those in `restated` are held by a new document graph and
    need no lookup. Returns (statements looked up, statements removed)."""
    default = ox.DefaultGraph()
    looked_up = dropped = 0
    for parsed in ox.parse(path=str(replaced), format=ox.RdfFormat.N_TRIPLES):
        t = parsed.triple  # the parser gives quads in the default graph
        if t in restated:
            continue
        looked_up += 1
        still_held = any(
            not isinstance(q.graph_name, ox.DefaultGraph)
            for q in target.quads_for_pattern(t.subject, t.predicate, t.object)
        )
        in_default = ox.Quad(t.subject, t.predicate, t.object, default)
        if not still_held and in_default in target:
            target.remove(in_default)
            dropped += 1
    return looked_up, dropped


COUNTRY_OF = ox.NamedNode(str(COOP.country))


def _prune_registry(target: ox.Store, candidates: set[ox.NamedNode], sink: BinaryIO) -> int:
    """Drop from the registry graph the territories no document graph cites any more
    (and countries no territory left there lies in), as a fresh build would not state
    them. Their statements go to `sink` for the default graph's check; returns how many
    quads were removed. A document cites a territory as the object of a statement
    (every linked place lies within all its containing territories).
    """
    registry = REGISTRY
    removed = 0

    def drop(node: ox.NamedNode) -> list[ox.Quad]:
        quads = list(target.quads_for_pattern(node, None, None, registry))
        sink.write(ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b"")
        for q in quads:
            target.remove(q)
        return quads

    countries: set[ox.NamedNode] = set()
    for node in sorted(candidates, key=lambda n: n.value):
        # GRAPH ?g reads only the named graphs' index: a quad pattern would walk the
        # merged default graph's statements about a region first (thousands)
        cited = target.query(
            f"ASK {{ GRAPH ?g {{ ?s ?p <{node.value}> }} FILTER(?g != <{REGISTRY_GRAPH}>) }}"
        )
        if cited:
            continue
        for q in drop(node):
            if q.predicate == COUNTRY_OF and isinstance(q.object, ox.NamedNode):
                countries.add(q.object)
            removed += 1
    for country in sorted(countries, key=lambda n: n.value):
        if next(target.quads_for_pattern(None, COUNTRY_OF, country, registry), None) is None:
            removed += len(drop(country))
    return removed


def build(
    settings: Settings, db: ox.Store | None = None, workers: int | None = None
) -> BuildResult:
    """Build the store at settings.store (or into `db`, for tests); raise on invalid data.

    Documents are converted, linked and validated in parallel batches (unchanged ones
    come from the cache). A fresh build streams every graph into one N-Quads file and
    bulk-loads it into a new store; when few documents changed, a copy of the current
    store is updated in place of those documents instead, and unchanged documents are
    never read. Cross-document checks then run on the new store; only a conforming store
    replaces the served one.
    """
    t0 = time.perf_counter()
    stages = Stages()
    # beside the data, so the finished N-Quads can become the dump by a rename
    (settings.data_dir / ".cache").mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="build-", dir=settings.data_dir / ".cache"))
    try:
        planned, cache_ = buildcache.plan(settings)
        stages.done(
            "plan",
            t0,
            f"{len(planned)} documents, {sum(p.hit is None for p in planned)} not cached",
        )
        previous = _previous_manifest(settings) if db is None else None
        changed, removed = _changes(previous or {}, {p.job.stem: p.key for p in planned})
        incremental = previous is not None and (
            len(changed) + len(removed) <= INCREMENTAL_SHARE * max(1, len(planned))
        )
        combined = work / "documents.nq"
        t = time.perf_counter()
        conversion = convert_parallel(
            settings, planned, cache_, None if incremental else combined, workers
        )
        stages.done(
            "convert, link and validate",
            t,
            f"{conversion.documents} documents, {conversion.reconverted} reconverted",
        )
        written: set[str] | None = None
        dump: Path | None = None
        if db is not None:
            triples = _fill(
                db, combined, work, bulk=False, stages=stages, base_iri=settings.base_iri
            )
        elif is_remote(settings.store):
            # checked in a local scratch store first: only conforming data reach the remote
            scratch = ox.Store(str(work / "scratch"))
            triples = _fill(
                scratch, combined, work, bulk=True, stages=stages, base_iri=settings.base_iri
            )
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
            triples = _fill(
                ox.Store(), combined, work, bulk=False, stages=stages, base_iri=settings.base_iri
            )
        else:
            manifest = {stem: list(v) for stem, v in conversion.keys.items()}
            (work / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
            counts = work / store.COUNTS_FILE
            # a count the served build recorded, unless a write has changed the store since
            recorded = store.recorded_counts(settings.store) if incremental else None
            before = recorded.get("quads") if recorded else None
            t = time.perf_counter()
            with store.new_build(
                settings.store, copy_current=incremental, extra_files=[work / MANIFEST, counts]
            ) as target:
                if incremental:
                    stages.done("checkpoint copy of the current store", t)
                t = time.perf_counter()
                if incremental:
                    assert previous is not None
                    touched, gained = _apply_changes(
                        target, cache_, previous, conversion, changed, removed, work
                    )
                    written = changed
                    stages.done(
                        "update a copy of the store", t, f"{touched} document graphs replaced"
                    )
                    _cross_document_checks(target, stages)
                    if before is not None:
                        triples = before + gained
                    else:  # none recorded, or a write changed the store since
                        t = time.perf_counter()
                        triples = len(target)
                        stages.done("count the store", t)
                else:
                    triples = _fill(
                        target, combined, work, bulk=True, stages=stages, base_iri=settings.base_iri
                    )
                t = time.perf_counter()
                if not incremental:
                    dump = write_dump(settings, (), adopt=combined)
                elif conversion.documents <= DUMP_REWRITE_MAX:
                    dump = write_dump(settings, _cached_bodies(cache_, conversion, target))
                else:
                    log.info(
                        "dump: kept the last one (an incremental build of %d documents does"
                        " not rewrite it; `coopkg dump` writes one of this build)",
                        conversion.documents,
                    )
                if dump is not None:
                    stages.done("dump", t)
                if not incremental:
                    t = time.perf_counter()
                    target.optimize()  # once after a bulk load; queries then read fewer files
                    stages.done("compact the store", t)
                # the server reports this instead of counting a large store (minutes)
                counts.write_text(json.dumps({"quads": triples}), encoding="utf-8")
                t = time.perf_counter()
            stages.done("close and switch to the new store", t)
        t = time.perf_counter()
        write_rdf_files(settings, planned, cache_, written)
        stages.done("write data/rdf", t)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(
        conversion.documents, conversion.projects, triples, time.perf_counter() - t0, dump, stages
    )
