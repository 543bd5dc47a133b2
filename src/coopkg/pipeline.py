"""What happens to one source document: extract → convert → link → validate.

    process_document(source, record, settings, tools) -> DocumentResult

A curated record (reviewed by a person) wins over a fresh extraction of its source:
extraction proposes, people review, conversion is exact. The build's workers, `coopkg
link` and `coopkg validate` all go through here; the build asks for no per-document
verdict because its workers judge whole batches with the compiled shapes instead
(`validate.batch`), which a differential test keeps equal to this pySHACL verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .convert.docgraph import DocGraph
from .convert.graph import convert_document
from .convert.sources import ManifestEntry, read_manifest, source_info
from .extract import extract_text
from .extract.reading import read_document
from .iris import Minter
from .link.graph import ContainingTerritories, link_graph
from .link.linker import Linker
from .link.units import LinkReport
from .records import Record
from .settings import Settings
from .validate.report import Report
from .validate.shacl import validate_graph


@dataclass
class PipelineTools:
    """What runs of the pipeline share: the IRI minter, the linker with its memo, the
    sources' manifest and (in the build) the containing territories already described."""

    minter: Minter
    linker: Linker
    manifest: dict[str, ManifestEntry]
    territories: ContainingTerritories | None = None

    @classmethod
    def for_settings(cls, settings: Settings, *, defer_territories: bool = False) -> PipelineTools:
        return cls(
            Minter(settings.base_iri),
            Linker(),
            read_manifest(settings.sources_dir),
            ContainingTerritories() if defer_territories else None,
        )


@dataclass(frozen=True)
class DocumentResult:
    record: Record
    graph: DocGraph
    links: LinkReport
    report: Report | None = field(default=None)  # the pySHACL verdict, when asked for


def extract_record(source: Path, manifest: dict[str, ManifestEntry]) -> Record:
    """Stage 1, extract: a source document → an unreviewed record."""
    entry = manifest.get(source.name)
    data = extract_text(
        read_document(source),
        source.name,
        entry.language if entry else None,
        url=entry.url if entry else None,
    )
    return Record.from_dict(data, reviewed=False)


def process_document(
    source: Path | None,
    record: Record | None,
    settings: Settings,
    tools: PipelineTools,
    *,
    validate: bool = False,
) -> DocumentResult:
    """One document through every stage; `record` (curated) wins over `source`."""
    if record is None:
        if source is None:
            raise ValueError("process_document needs a source document or a record")
        record = extract_record(source, tools.manifest)
    info = source_info(settings.sources_dir, record.source.file, tools.manifest)
    graph = convert_document(record, info, tools.minter)  # stage 2, convert
    links = link_graph(  # stage 3, link
        graph, tools.minter, tools.linker, record.source.file, tools.territories
    )
    report = (  # stage 4, validate
        validate_graph(graph.to_rdflib(), source=record.source.file) if validate else None
    )
    return DocumentResult(record, graph, links, report)
