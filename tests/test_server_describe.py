"""server/describe: the service description, VoID and the dumps."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from rdflib import Graph

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture()
def pipes_held_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every new pipe's write end is also held by another process for 5 s, as by the
    child of a query another thread forks meanwhile (a runaway one keeps it open)."""
    real_pipe = os.pipe
    holders: list[int] = []

    def pipe() -> tuple[int, int]:
        read_fd, write_fd = real_pipe()
        pid = os.fork()
        if pid == 0:
            time.sleep(5)
            os._exit(0)
        holders.append(pid)
        return read_fd, write_fd

    monkeypatch.setattr(os, "pipe", pipe)
    yield
    for pid in holders:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _fork_holder(slots: Any, seconds: float, released: Path | None = None) -> int:
    """A child process that takes the only slot, holds it `seconds`, then lets it go
    (writing the monotonic time just before into `released`, if given)."""
    pid = os.fork()
    if pid == 0:
        with slots.hold(5) as held:
            assert held
            time.sleep(seconds)
            if released is not None:
                released.write_text(str(time.monotonic()))
        os._exit(0)
    return pid


def test_service_description_void_and_dumps(client: FlaskClient) -> None:
    sd = Graph().parse(
        data=client.get("/sparql", headers={"Accept": "text/turtle"}).data, format="turtle"
    )
    assert (
        None,
        None,
        __import__("rdflib").URIRef("http://www.w3.org/ns/sparql-service-description#Service"),
    ) in sd
    void = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=void.data, format="turtle")
    q = """PREFIX void: <http://rdfs.org/ns/void#>
      SELECT ?triples (COUNT(DISTINCT ?cp) AS ?classes) (COUNT(DISTINCT ?pp) AS ?props) WHERE {
        ?d void:triples ?triples ; void:classPartition ?cp ; void:propertyPartition ?pp }
      GROUP BY ?triples"""
    row = next(iter(g.query(q)))
    assert int(row[0]) > 1000 and int(row[1]) > 5 and int(row[2]) > 20
    assert client.get("/dumps/").status_code == 200
    assert client.get("/dumps/nothing.nq").status_code == 404
    assert client.get("/health").get_json()["status"] == "ok"
