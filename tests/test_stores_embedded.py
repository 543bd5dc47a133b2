"""stores/embedded: the on-disk store's builds — made aside, switched atomically, pruned —
and the handle readers hold across rebuilds and writes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.errors import StoreError
from coopkg.stores.embedded import (
    COUNTS_FILE,
    KEEP_BUILDS,
    StoreHandle,
    current_build,
    new_build,
    open_store,
    recorded_counts,
)

QUAD = ox.Quad(
    ox.NamedNode("http://s"), ox.NamedNode("http://p"), ox.Literal("o"), ox.DefaultGraph()
)


def test_no_build_yet_is_a_clear_error(tmp_path: Path) -> None:
    assert current_build(tmp_path) is None
    with pytest.raises(StoreError, match="run `coopkg build` first"):
        open_store(tmp_path)


def test_a_finished_build_becomes_current_and_old_ones_are_pruned(tmp_path: Path) -> None:
    for _ in range(KEEP_BUILDS + 2):
        with new_build(tmp_path) as db:
            db.add(QUAD)
    builds = [p for p in (tmp_path / "builds").iterdir()]
    assert len(builds) == KEEP_BUILDS
    assert current_build(tmp_path) in builds
    assert QUAD in open_store(tmp_path)


def test_a_failed_build_leaves_the_current_one(tmp_path: Path) -> None:
    with new_build(tmp_path) as db:
        db.add(QUAD)
    before = current_build(tmp_path)
    with pytest.raises(RuntimeError), new_build(tmp_path, copy_current=True) as db:
        assert QUAD in db  # a copy of the current build
        raise RuntimeError("interrupted")
    assert current_build(tmp_path) == before
    assert not list((tmp_path / "builds").glob("*.partial"))


def test_counts_are_trusted_until_a_write(tmp_path: Path) -> None:
    with new_build(tmp_path) as db:
        db.add(QUAD)
    build = current_build(tmp_path)
    assert build is not None
    (build / COUNTS_FILE).write_text('{"quads": 1}', encoding="utf-8")
    handle = StoreHandle(str(tmp_path))
    assert recorded_counts(str(tmp_path)) == {"quads": 1} == handle.build_counts()
    version = handle.version()
    handle.wrote()
    assert handle.version() != version and handle.build_counts() is None


def test_the_handle_reopens_after_a_rebuild(tmp_path: Path) -> None:
    with new_build(tmp_path) as db:
        db.add(QUAD)
    handle = StoreHandle(str(tmp_path))
    first = handle.get()
    assert handle.get() is first
    with new_build(tmp_path) as db:
        pass
    assert handle.get() is not first and len(handle.get()) == 0
    assert handle.per_version("n", lambda: 7) == 7


def test_an_in_memory_handle_versions_by_its_writes() -> None:
    handle = StoreHandle(":memory:")
    assert handle.version() == "memory:0"
    handle.wrote()
    assert handle.version() == "memory:1" and not handle.is_remote
    with pytest.raises(ValueError):
        StoreHandle()
