"""search/served: the index built with the store, found beside it, and kept in step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.build.run import build
from coopkg.search import SEARCH_FILE
from coopkg.search.index import is_current
from coopkg.search.served import ServedIndex, index_file, index_of_store
from coopkg.settings import Settings
from coopkg.stores.embedded import StoreHandle, current_build

from .conftest import copy_data

NEW_PROJECT = """PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
INSERT DATA { <https://w3id.org/coopkg/id/project/new> a coop:Project ;
  dct:title "Wspólne ogrody Kazimierza"@pl }"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> str:
    data = copy_data(tmp_path_factory.mktemp("data"))
    location = str(data / "store")
    build(Settings(data_dir=data, store=location))
    return location


def test_the_build_writes_the_index_into_its_folder(built: str) -> None:
    build_folder = current_build(built)
    assert build_folder is not None and (build_folder / SEARCH_FILE).is_file()
    assert index_file(built) == build_folder / SEARCH_FILE
    served = ServedIndex(StoreHandle(built))
    total, _ = served.get().search("Rzeszów")
    assert total > 0 and served.get().path == build_folder / SEARCH_FILE


def test_a_build_from_before_the_index_gets_one(built: str) -> None:
    path = index_file(built)
    assert path is not None
    path.unlink()
    assert ServedIndex(StoreHandle(built)).get().search("Rzeszów")[0] > 0
    assert path.is_file()


def test_an_index_of_an_earlier_layout_is_written_again(built: str, seed_store: ox.Store) -> None:
    """An index without the type column (layout 1) would fail a typed search."""
    path = index_file(built)
    assert path is not None
    path.unlink()
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE entity(id INTEGER PRIMARY KEY, iri TEXT, kind TEXT, label TEXT,"
        " language TEXT, display TEXT);"
        "CREATE VIRTUAL TABLE terms USING fts5(name, body, content='');"
    )
    conn.close()
    assert not is_current(path)
    assert index_of_store(built, seed_store).path is None  # not used: one made in memory
    total, hits = ServedIndex(StoreHandle(built)).get().search("Rzeszów", kind="place")
    assert total > 0 and {h.kind for h in hits} == {"place"} and is_current(path)


def test_a_write_is_indexed(tmp_path: Path) -> None:
    data = copy_data(tmp_path / "data")
    location = str(data / "store")
    build(Settings(data_dir=data, store=location))
    handle = StoreHandle(location, writable=True)
    served = ServedIndex(handle)
    assert served.get().search("Kazimierza") == (0, [])
    handle.get().update(NEW_PROJECT)
    handle.wrote()
    served.refresh()
    total, hits = served.get().search("Kazimierz ogród")
    assert total == 1 and hits[0].label == "Wspólne ogrody Kazimierza"


def test_an_in_memory_store_is_indexed_again_after_a_write(seed_store: ox.Store) -> None:
    db = ox.Store()
    db.extend(seed_store)
    handle = StoreHandle(store=db)
    served = ServedIndex(handle)
    before = served.get()
    assert served.get() is before  # no write, no rebuild
    db.update(NEW_PROJECT)
    handle.wrote()
    served.refresh()
    assert served.get() is not before
    assert served.get().search("Kazimierza")[0] == 1


def test_a_command_uses_the_builds_index_or_builds_one(built: str, seed_store: ox.Store) -> None:
    assert index_of_store(built, ox.Store()).path == index_file(built)
    assert index_of_store(":memory:", seed_store).search("Rzeszów")[0] > 0
