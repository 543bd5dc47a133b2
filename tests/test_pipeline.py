"""pipeline.process_document: one document through extract → convert → link → validate."""

from __future__ import annotations

import pytest

from coopkg.pipeline import PipelineTools, process_document
from coopkg.records import load_record
from coopkg.settings import Settings

from .conftest import DATA, copy_data

STEM = "003_aa63097409705188"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=copy_data(tmp_path_factory.mktemp("pipeline") / "data"))


def test_a_curated_record_becomes_a_linked_graph_that_conforms(settings: Settings) -> None:
    record = load_record(DATA / "records" / f"{STEM}.json")
    tools = PipelineTools.for_settings(settings)
    result = process_document(None, record, settings, tools, validate=True)
    assert result.record is record
    assert result.report is not None and result.report.conforms, result.report
    assert result.links.linked  # territories were resolved against the registries
    assert len(result.graph.to_rdflib()) > 20


def test_a_curated_record_wins_over_its_source(settings: Settings) -> None:
    record = load_record(DATA / "records" / f"{STEM}.json")
    source = settings.sources_dir / f"{STEM}.txt"
    tools = PipelineTools.for_settings(settings)
    result = process_document(source, record, settings, tools)
    assert result.record is record and result.report is None  # no verdict unless asked


def test_a_source_alone_is_extracted_as_an_unreviewed_record(settings: Settings) -> None:
    source = settings.sources_dir / f"{STEM}.txt"
    tools = PipelineTools.for_settings(settings)
    result = process_document(source, None, settings, tools, validate=True)
    assert result.record.source.file == source.name
    assert result.record.reviewed is False
    assert result.report is not None and result.report.conforms, result.report


def test_the_base_iri_setting_reaches_every_minted_iri(settings: Settings) -> None:
    record = load_record(DATA / "records" / f"{STEM}.json")
    other = settings.with_(base_iri="https://example.org/kg/")
    result = process_document(None, record, other, PipelineTools.for_settings(other))
    minted = {str(s) for s in result.graph.to_rdflib().subjects() if "/id/" in str(s)}
    assert minted and all(iri.startswith("https://example.org/kg/id/") for iri in minted)


def test_nothing_to_process_is_refused(settings: Settings) -> None:
    with pytest.raises(ValueError, match="needs a source document or a record"):
        process_document(None, None, settings, PipelineTools.for_settings(settings))
