"""stores/remote_load: a validated build pushed to a remote store (a Virtuoso of the
session), replacing whole graphs and dropping the ones that are gone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from benchmarks.virtuoso_local import Virtuoso

from coopkg.build.run import build
from coopkg.queries import rows, run_named
from coopkg.settings import Settings
from coopkg.stores.embedded import open_store

from .conftest import copy_data


def test_rebuild_drops_documents_that_are_gone(
    virtuoso: Virtuoso, virtuoso_settings: Settings, tmp_path: Path
) -> None:
    data = copy_data(tmp_path / "data")
    records = sorted((data / "records").glob("*.json"))
    gone = records[0]
    source = json.loads(gone.read_text(encoding="utf-8"))["source"]["file"]
    gone.unlink()
    (data / "sources" / source).unlink()
    settings = virtuoso_settings.with_(data_dir=data)
    try:
        build(settings)
        store = open_store(settings.store, settings=settings)
        assert len(rows(run_named(store, "projects"))[1]) == 4
        assert source not in {r["source"] for r in rows(run_named(store, "projects"))[1]}
    finally:
        build(virtuoso_settings)  # the session's other tests expect all five seeds
    store = open_store(settings.store, settings=virtuoso_settings)
    assert len(rows(run_named(store, "projects"))[1]) == 5


def test_an_invalid_build_never_reaches_the_remote_store(
    virtuoso_settings: Settings, tmp_path: Path
) -> None:
    data = copy_data(tmp_path / "data")
    record = sorted((data / "records").glob("*.json"))[0]
    doc = json.loads(record.read_text(encoding="utf-8"))
    doc["projects"][0]["start"] = "2031-01-01"  # after its end: schema-valid, shape-invalid
    record.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    settings = virtuoso_settings.with_(data_dir=data)
    store = open_store(settings.store, settings=settings)
    before = len(store)
    with pytest.raises(Exception, match="conform"):
        build(settings)
    assert len(store) == before
    shutil.rmtree(data)


def test_document_graphs_are_read_as_runs_and_errors_surface(tmp_path: Path) -> None:
    from coopkg.errors import BadInput
    from coopkg.stores import remote_load

    nq = tmp_path / "docs.nq"
    nq.write_text(
        "<http://s> <http://p> <http://o> <http://a> .\n"
        "<http://s> <http://p> <http://o2> <http://a> .\n"
        "<http://s> <http://p> <http://o> <http://b> .\n",
        encoding="utf-8",
    )
    runs = [(g.value, len(ts)) for g, ts in remote_load._graphs_in(nq)]
    assert runs == [("http://a", 2), ("http://b", 1)]
    nq.write_text("<http://s> <http://p> <http://o> .\n", encoding="utf-8")
    with pytest.raises(BadInput, match="outside a named graph"):
        list(remote_load._graphs_in(nq))

    def fails() -> None:
        raise OSError("connection refused")

    with pytest.raises(OSError, match="refused"):
        remote_load._run_bounded([lambda: None, fails, lambda: None], threads=2)
