"""server/execution/pool: query processes that stay open between queries, are replaced
when a query outlives its limit, and end with their app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.errors import QuerySyntaxError
from coopkg.server.admission import QuerySlots
from coopkg.server.execution.answers import QueryTimeout, raise_or_return
from coopkg.server.execution.pool import QueryPools
from coopkg.stores.embedded import new_build

JSON = "application/sparql-results+json"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?x ?y }"


def request(text: str) -> tuple[object, ...]:
    return (text, {}, JSON, "text/turtle", 100, True)


@pytest.fixture()
def pools(tmp_path: Path) -> Iterator[tuple[QueryPools, str]]:
    location = str(tmp_path / "store")
    with new_build(location) as db:
        for i in range(200):
            db.add(
                ox.Quad(
                    ox.NamedNode(f"http://s/{i}"),
                    ox.NamedNode("http://p"),
                    ox.Literal(i),
                    ox.DefaultGraph(),
                )
            )
    slots = QuerySlots.create(1)
    owned = QueryPools(slots)
    yield owned, location
    owned.close()


def test_a_process_answers_and_is_kept_for_the_next_query(pools: tuple[QueryPools, str]) -> None:
    owned, location = pools
    pool = owned.pool(location)
    answer = raise_or_return(*pool.run(request(COUNT), timeout=10))
    assert b'"200"' in bytes(answer.body)  # type: ignore[arg-type]
    (kept,) = pool.idle
    raise_or_return(*pool.run(request(COUNT), timeout=10))
    assert pool.idle == [kept]
    assert owned.pool(location) is pool


def test_a_query_error_keeps_the_process(pools: tuple[QueryPools, str]) -> None:
    owned, location = pools
    pool = owned.pool(location)
    with pytest.raises(QuerySyntaxError):
        raise_or_return(*pool.run(request("SELECT nonsense"), timeout=10))
    assert len(pool.idle) == 1


def test_a_runaway_query_is_stopped_and_its_process_replaced(
    pools: tuple[QueryPools, str],
) -> None:
    owned, location = pools
    pool = owned.pool(location)
    raise_or_return(*pool.run(request(COUNT), timeout=10))
    (before,) = pool.idle
    with pytest.raises(QueryTimeout):
        pool.run(request(RUNAWAY), timeout=0.5)
    assert pool.idle == []  # the runaway's process was killed, not kept
    raise_or_return(*pool.run(request(COUNT), timeout=10))
    assert pool.idle[0][0] != before[0]


def test_close_ends_the_idle_processes(pools: tuple[QueryPools, str]) -> None:
    import os

    owned, location = pools
    pool = owned.pool(location)
    raise_or_return(*pool.run(request(COUNT), timeout=10))
    ((pid, _),) = pool.idle
    owned.close()
    assert pool.idle == []
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already
