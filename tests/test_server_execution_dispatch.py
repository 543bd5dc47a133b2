"""server/execution/dispatch: where a query runs — a forked child for a memory store or a
writable disk store, the process pool for a read-only disk store — and its time limit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.server.admission import QuerySlots
from coopkg.server.execution.answers import QueryTimeout
from coopkg.server.execution.dispatch import execute
from coopkg.server.execution.pool import QueryPools
from coopkg.stores.embedded import StoreHandle, new_build

JSON = "application/sparql-results+json"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?x ?y }"


def _quads(n: int) -> list[ox.Quad]:
    p = ox.NamedNode("http://p")
    return [
        ox.Quad(ox.NamedNode(f"http://s/{i}"), p, ox.Literal(i), ox.DefaultGraph())
        for i in range(n)
    ]


@pytest.fixture()
def pools() -> Iterator[QueryPools]:
    owned = QueryPools(QuerySlots.create(1))
    yield owned
    owned.close()


def run(handle: StoreHandle, pools: QueryPools, text: str, timeout: float = 10) -> bytes:
    answer = execute(
        handle,
        text,
        {},
        select_media=JSON,
        graph_media="text/turtle",
        timeout=timeout,
        max_rows=100,
        union_default_graph=True,
        pools=pools,
    )
    assert isinstance(answer.body, bytes)
    return answer.body


def test_a_memory_store_is_read_by_a_forked_child(pools: QueryPools) -> None:
    db = ox.Store()
    db.extend(_quads(3))
    handle = StoreHandle(":memory:", store=db)
    assert b'"3"' in run(handle, pools, COUNT)
    with pytest.raises(QueryTimeout):
        db.extend(_quads(200))
        run(handle, pools, RUNAWAY, timeout=0.5)


def test_a_read_only_disk_store_uses_the_pool_and_a_writable_one_a_child(
    tmp_path: Path, pools: QueryPools
) -> None:
    location = str(tmp_path / "store")
    with new_build(location) as db:
        db.extend(_quads(5))
    assert b'"5"' in run(StoreHandle(location), pools, COUNT)
    assert len(pools.pool(location).idle) == 1
    writable = StoreHandle(location, writable=True)
    assert b'"5"' in run(writable, pools, COUNT)
    assert len(pools.pool(location).idle) == 1  # not from the pool
