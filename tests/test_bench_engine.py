"""The bench's engine side of the query mix: one child process for all queries, replaced
when a query outlives its limit."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
from benchmarks.bench import _Engine


def _store(tmp_path: Path, triples: int) -> str:
    """A store laid out as `coopkg build` leaves one: builds/<id> and a `current` link."""
    location = tmp_path / "store"
    build = location / "builds" / "b1"
    build.parent.mkdir(parents=True)
    db = ox.Store(str(build))
    db.extend(
        ox.Quad(ox.NamedNode(f"urn:x:s{i}"), ox.NamedNode("urn:x:p"), ox.Literal(str(i)))
        for i in range(triples)
    )
    db.flush()
    del db
    os.symlink("builds/b1", location / "current")
    return str(location)


def test_a_query_past_its_limit_is_stopped_and_the_next_one_runs(tmp_path: Path) -> None:
    engine = _Engine(_store(tmp_path, 400))
    try:
        quick = "SELECT ?s WHERE { ?s <urn:x:p> ?o }"
        assert engine.time(quick, 3, 60) is not None
        first = engine.proc.pid
        # 400³ rows to count: far longer than a tenth of a second
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        assert engine.time(slow, 1, 0.1) is None
        assert engine.proc.pid != first  # the stuck child was replaced
        seconds = engine.time(quick, 1, 60)
        assert seconds is not None and seconds >= 0
    finally:
        engine.close()
    assert not engine.proc.is_alive()
