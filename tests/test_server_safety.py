"""Misuse: runaway queries are cut off while others are answered, results are capped,
nothing is fetched from outside, CORS for reads only."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from coopkg.server import create_app
from coopkg.server.execution import answers
from coopkg.settings import Settings

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


def test_a_runaway_query_is_stopped_while_other_clients_are_answered(seed_store: ox.Store) -> None:
    app = create_app(Settings(store=":memory:", query_timeout=1.5), store=seed_store)
    outcome: dict[str, object] = {}

    def runaway() -> None:
        t = time.monotonic()
        r = app.test_client().get(f"/sparql?query={quote(RUNAWAY)}")
        outcome["status"], outcome["seconds"], outcome["body"] = (
            r.status_code,
            time.monotonic() - t,
            r.get_json(),
        )

    thread = threading.Thread(target=runaway)
    thread.start()
    answered = 0
    other = app.test_client()
    deadline = time.monotonic() + 1.2
    while time.monotonic() < deadline:
        r = other.get(
            "/sparql?query=" + quote("ASK { ?s a <https://w3id.org/coopkg/ontology#Project> }")
        )
        assert r.status_code == 200 and r.get_json()["boolean"] is True
        answered += 1
    thread.join(timeout=10)
    assert outcome["status"] == 400
    assert 1.4 <= float(outcome["seconds"]) < 4  # type: ignore[arg-type]
    assert "time limit" in outcome["body"]["detail"]  # type: ignore[index]
    assert answered >= 3


@pytest.mark.usefixtures("pipes_held_open")
def test_an_answer_is_taken_while_another_process_holds_its_pipe(seed_store: ox.Store) -> None:
    client = create_app(Settings(store=":memory:", query_timeout=3), store=seed_store).test_client()
    t = time.monotonic()
    r = client.get(
        "/sparql?query=" + quote("ASK { ?s a <https://w3id.org/coopkg/ontology#Project> }")
    )
    assert r.status_code == 200 and r.get_json()["boolean"] is True
    assert time.monotonic() - t < 2


@pytest.mark.usefixtures("pipes_held_open")
def test_a_query_child_that_dies_silently_is_noticed_at_once(
    seed_store: ox.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(answers, "outcome", lambda db, request: os._exit(3))
    client = create_app(Settings(store=":memory:", query_timeout=3), store=seed_store).test_client()
    t = time.monotonic()
    r = client.get("/sparql?query=" + quote("ASK { ?s ?p ?o }"))
    assert r.status_code == 500  # a store failure, not a timeout (400)
    assert time.monotonic() - t < 2


def test_results_are_capped_and_the_cap_announced(seed_store: ox.Store) -> None:
    client = create_app(Settings(store=":memory:", max_rows=7), store=seed_store).test_client()
    r = client.get("/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o }"))
    assert len(r.get_json()["results"]["bindings"]) == 7
    assert r.headers["X-Result-Limit"] == "7" and r.headers["X-Result-Truncated"] == "true"
    r = client.get(
        "/sparql?query=" + quote("CONSTRUCT WHERE { ?s ?p ?o }"),
        headers={"Accept": "application/n-triples"},
    )
    assert len(r.data.decode().strip().splitlines()) == 7
    small = client.get(
        "/sparql?query="
        + quote("SELECT * WHERE { ?s a <https://w3id.org/coopkg/ontology#Project> }")
    )
    assert "X-Result-Truncated" not in small.headers
    sd = client.get("/sparql", headers={"Accept": "text/turtle"}).data.decode()
    assert "resultLimit" in sd and ('"7"' in sd or "7 ;" in sd)


def test_nothing_is_fetched_from_outside(client: FlaskClient) -> None:
    for query in [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/remote.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    ]:
        r = client.get("/sparql?query=" + quote(query))
        assert r.status_code == 400 and r.mimetype == "application/problem+json", query
    local = "https://w3id.org/coopkg/id/source/003-aa63097409705188"
    counted = f"SELECT (COUNT(*) AS ?n) FROM <{local}> WHERE {{ ?s ?p ?o }}"  # noqa: S608 - a fixed IRI
    r = client.get("/sparql?query=" + quote(counted))
    assert r.status_code == 200 and int(r.get_json()["results"]["bindings"][0]["n"]["value"]) > 0
    # a variable or a string that spells SERVICE is fine
    ok = client.get(
        "/sparql?query=" + quote('SELECT ?service WHERE { BIND("SERVICE" AS ?service) }')
    )
    assert ok.status_code == 200


def test_cors_for_reads_only(client: FlaskClient) -> None:
    r = client.get(
        "/sparql?query=" + quote("ASK {}"), headers={"Origin": "https://elsewhere.example"}
    )
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    w = client.post(
        "/update", data={"update": "CLEAR ALL"}, headers={"Origin": "https://elsewhere.example"}
    )
    assert "Access-Control-Allow-Origin" not in w.headers
