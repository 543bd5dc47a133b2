"""`coopkg build`: records → RDF → SHACL → store, all or nothing.

Every record in data/records/ is converted to its document's named graph and
validated. Only when every graph conforms, and the whole-graph `*-violation`
queries return no rows on the new store, does the new store replace the one
being served; the generated files in data/rdf/ are written at the same point.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import paths, queries, rdfio, store
from .convert import convert_record
from .errors import ValidationFailed
from .iris import Minter
from .link import Linker, LinkReport, link_graph
from .records import Record, load_record
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
        graph = convert_record(record, info, minter)
        report = link_graph(graph, minter, linker, record.source.file)
        if links is not None:
            links.merge(report)
        reports.append(validate_graph(graph, source=record.source.file))
        converted.append(Converted(path, record, "\n".join(rdfio.nquads_lines(graph)) + "\n"))
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


def load_into(db: ox.Store, converted: list[Converted]) -> None:
    rdfio.load_turtle_into(db, paths.ontology_file(), ONTOLOGY_IRI)
    for c in converted:
        rdfio.load_nquads(db, c.nquads)


def write_outputs(settings: Settings, converted: list[Converted]) -> None:
    out = settings.rdf_dir
    out.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for c in converted:
        target = out / (c.record_file.stem + ".nq")
        wanted.add(target.name)
        rdfio.write_generated_text(target, c.nquads, c.record_file.name)
    for stale in out.glob("*.nq"):
        if stale.name not in wanted:
            stale.unlink()


def write_dump(db: ox.Store, settings: Settings) -> Path:
    dumps = settings.data_dir / "dumps"
    dumps.mkdir(parents=True, exist_ok=True)
    target = dumps / f"coopkg-{time.strftime('%Y-%m-%d')}.nq"
    tmp = target.with_suffix(".nq.tmp")
    db.dump(str(tmp), format=ox.RdfFormat.N_QUADS)
    tmp.replace(target)
    return target


def build(settings: Settings, db: ox.Store | None = None) -> BuildResult:
    """Build the store at settings.store (or into `db`, for tests); raise on invalid data."""
    t0 = time.perf_counter()
    converted, report = convert_all(settings)
    if not report.conforms:
        raise ValidationFailed(
            "the data does not conform to the shapes; nothing was loaded",
            detail=format_text(report),
        )

    def fill(target: ox.Store) -> int:
        load_into(target, converted)
        problems = check_violation_queries(target)
        if problems:
            raise ValidationFailed(
                "whole-graph checks failed; nothing was loaded", detail="\n".join(problems)
            )
        return len(target)

    dump: Path | None = None
    if db is not None:
        triples = fill(db)
    elif settings.store == store.MEMORY:
        triples = fill(ox.Store())
    else:
        with store.new_build(settings.store) as target:
            triples = fill(target)
            dump = write_dump(target, settings)
    write_outputs(settings, converted)
    projects = sum(len(c.record.projects) for c in converted)
    return BuildResult(len(converted), projects, triples, time.perf_counter() - t0, dump)
