"""build/workers: documents converted and checked in worker processes, batch by batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopkg import pipeline
from coopkg.build import workers as build_workers
from coopkg.build.run import build
from coopkg.errors import ValidationFailed
from coopkg.settings import Settings

from .conftest import copy_data


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


def test_document_scoped_checks_run_in_the_workers(data: Path) -> None:
    """A blank node in a converted document is caught while converting, with its batch."""
    original = pipeline.convert_document

    def with_blank_node(*args, **kwargs):  # type: ignore[no-untyped-def]
        from rdflib import BNode, URIRef

        graph = original(*args, **kwargs)
        graph.add((graph.identifier, URIRef("http://example.org/p"), BNode()))
        return graph

    pipeline.convert_document = with_blank_node
    try:
        with pytest.raises(ValidationFailed) as caught:
            build(Settings(data_dir=data, store=":memory:"))
    finally:
        pipeline.convert_document = original
    assert "blank-nodes-violation" in (caught.value.detail or "")
    assert not list((data / ".cache" / "build").glob("*.nq"))  # nothing invalid is cached


def test_a_source_without_a_record_is_extracted_unreviewed(data: Path) -> None:
    page = data / "sources" / "extra.txt"
    page.write_text(
        "Tytuł projektu: Wspólne dziedzictwo pogranicza\nLider: Gmina Kraśnik\n", encoding="utf-8"
    )
    found = build_workers.all_records(Settings(data_dir=data, store=":memory:"))
    names = [path.name for path, _ in found]
    assert names == sorted(names) and "extra.json" in names
    record = dict((path.name, r) for path, r in found)["extra.json"]
    assert record.projects[0].title == "Wspólne dziedzictwo pogranicza"
    assert record.reviewed is False
    assert len(found) == 6  # the five curated records win over their sources
