"""The build's worker processes: each converts, links and validates a batch of documents
(through `pipeline.process_document`) and returns their N-Quads and violations."""

from __future__ import annotations

import fcntl
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from rdflib import Graph

from ..convert.sources import read_manifest
from ..errors import ValidationFailed
from ..iris import Minter
from ..link.linker import Linker
from ..link.units import LinkReport
from ..pipeline import PipelineTools, extract_record, process_document
from ..records import Record, load_record
from ..settings import Settings
from ..validate.batch import JudgedDescriptions, split_body, validate_batch
from ..validate.report import Report, Violation, format_text, merge_reports
from ..vocab import REGISTRY_GRAPH
from . import cache as buildcache
from .cache import SOURCE_SUFFIXES, Cache, Job, Planned, record_files

log = logging.getLogger(__name__)


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
        log.info("no curated record for %s: using its extraction (unreviewed)", path.name)
        out.append((settings.records_dir / f"{path.stem}.json", extract_record(path, manifest)))
    return sorted(out, key=lambda pr: pr[0].name)


def convert_all(
    settings: Settings, links: LinkReport | None = None
) -> tuple[list[Converted], Report]:
    """Convert, link and validate every record; nothing is written."""
    tools = PipelineTools.for_settings(settings)
    converted, reports = [], []
    for path, record in all_records(settings):
        result = process_document(None, record, settings, tools, validate=True)
        if links is not None:
            links.merge(result.links)
        assert result.report is not None
        reports.append(result.report)
        converted.append(Converted(path, record, "\n".join(result.graph.nquads_lines()) + "\n"))
    return converted, merge_reports(reports)


@dataclass
class WorkerState:
    """What a build worker process keeps from one batch to the next: the pipeline's tools
    (the linker's memo, the territories already described), the descriptions it has
    judged clean and the registry lines it has returned. These memos are what make a
    worker's later batches cheaper (see BENCHMARKS.md, validation by batches)."""

    tools: PipelineTools
    judged: JudgedDescriptions = field(default_factory=JudgedDescriptions)
    returned: set[str] = field(default_factory=set)


# The one process-wide slot of the build: a forked worker's own WorkerState, made by
# the pool's initializer in each worker (never in the main process) and gone with it.
_STATE: WorkerState | None = None


def _start_worker(settings: Settings) -> None:
    global _STATE
    _STATE = WorkerState(PipelineTools.for_settings(settings, defer_territories=True))


def _worker_state() -> WorkerState:
    if _STATE is None:
        raise RuntimeError("build worker state is set by the pool's initializer")
    return _STATE


def _convert_one(job: Job, settings: Settings) -> tuple[str, str, str, int]:
    """In a worker: one document → (stem, source file, N-Quads, projects)."""
    record = load_record(job.record_path) if job.record_path is not None else None
    result = process_document(job.source_path, record, settings, _worker_state().tools)
    report = result.links
    own, registry = result.graph.nquads_split(
        report.registry_nodes,
        report.registry_countries,
        REGISTRY_GRAPH,
        report.registry_statements,
    )
    # the registry lines come last: split_body finds them there
    lines = own + registry
    stem, file_name, projects = job.stem, result.record.source.file, len(result.record.projects)
    return stem, file_name, "\n".join(lines) + "\n" * bool(lines), projects


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
    judged = _worker_state().judged
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
    returned = _worker_state().returned
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
            end = "\n" if self.done == self.total else ""
            sys.stderr.write(
                f"\r{self.label}: {self.done}/{self.total} ({rate:,.0f}/s, ETA {eta:,.0f} s){end}"
            )
            sys.stderr.flush()


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
        with get_context("fork").Pool(n, _start_worker, (settings,)) as pool:
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
        report = Report(False, tuple(sorted(violations, key=violation_order)), Graph())
        raise ValidationFailed(
            "the data does not conform to the shapes; nothing was loaded",
            detail=format_text(report),
        )
    return result


def violation_order(v: Violation) -> tuple[str, str, str, str]:
    return (v.focus, v.path or "", v.component, v.value or "")
