"""Large answers from a query process are streamed: the same bytes as a whole answer,
cut off (never shortened silently) past the row limit, and their slot and process are
given back however the client leaves."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from coopkg.server import create_app
from coopkg.server.admission import QuerySlots
from coopkg.server.execution import answers
from coopkg.settings import Settings
from coopkg.stores import embedded as store

ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
GRAPH = "CONSTRUCT WHERE { ?s ?p ?o }"


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stream past 4 kB in pieces of 1 kB (set before any query process is forked)."""
    monkeypatch.setattr(answers, "STREAM_AFTER", 4096)
    monkeypatch.setattr(answers, "PIECE", 1024)
    monkeypatch.setattr(answers, "BATCH", 7)


@pytest.fixture()
def disk_store(tmp_path: Path, seed_store: ox.Store) -> Path:
    """The seed store on disk, in a folder of its own (query processes are per folder)."""
    location = tmp_path / "store"
    with store.new_build(location) as db:
        db.extend(seed_store.quads_for_pattern(None, None, None, None))
    return location


def _app(location: Path, slots: int = 2, **settings: object):  # type: ignore[no-untyped-def]
    return create_app(
        Settings(store=str(location), **settings),  # type: ignore[arg-type]
        query_slots=QuerySlots.create(slots),
    )


def _whole(seed_store: ox.Store, query: str, accept: str, **settings: object) -> bytes:
    """The answer as the in-memory path gives it: always whole."""
    app = create_app(Settings(store=":memory:", **settings), store=seed_store)  # type: ignore[arg-type]
    r = app.test_client().get("/sparql?query=" + quote(query), headers={"Accept": accept})
    assert r.status_code == 200 and "Content-Length" in r.headers
    return r.data


@pytest.mark.parametrize(
    "accept",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_a_large_answer_is_streamed_and_equals_the_whole_one(
    disk_store: Path, seed_store: ox.Store, accept: str
) -> None:
    client = _app(disk_store, max_rows=100_000).test_client()
    r = client.get("/sparql?query=" + quote(ALL), headers={"Accept": accept}, buffered=False)
    assert r.status_code == 200
    assert "Content-Length" not in r.headers  # sent as it is read
    assert "X-Result-Truncated" not in r.headers
    pieces = list(r.response)
    assert len(pieces) > 10
    assert b"".join(pieces) == _whole(seed_store, ALL, accept, max_rows=100_000)


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES)],
)
def test_a_large_graph_is_streamed(
    disk_store: Path, seed_store: ox.Store, accept: str, fmt: ox.RdfFormat
) -> None:
    client = _app(disk_store, max_rows=100_000).test_client()
    r = client.get("/sparql?query=" + quote(GRAPH), headers={"Accept": accept})
    assert r.status_code == 200 and "Content-Length" not in r.headers
    streamed = set(ox.parse(r.data, format=fmt))
    whole = set(ox.parse(_whole(seed_store, GRAPH, accept, max_rows=100_000), format=fmt))
    assert streamed == whole and len(streamed) > 1_000


def test_a_small_answer_is_sent_whole(disk_store: Path) -> None:
    client = _app(disk_store).test_client()
    r = client.get("/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o } LIMIT 3"))
    assert r.status_code == 200 and r.headers["Content-Length"] == str(len(r.data))
    assert len(r.get_json()["results"]["bindings"]) == 3


def test_a_small_answer_past_the_row_limit_is_cut_and_says_so(disk_store: Path) -> None:
    client = _app(disk_store, max_rows=5).test_client()
    r = client.get("/sparql?query=" + quote(ALL))
    assert r.status_code == 200 and r.headers["X-Result-Truncated"] == "true"
    assert len(r.get_json()["results"]["bindings"]) == 5


def test_a_streamed_answer_past_the_row_limit_is_cut_off(disk_store: Path) -> None:
    app = _app(disk_store, slots=1, max_rows=300, query_timeout=5)
    r = app.test_client().get("/sparql?query=" + quote(ALL), buffered=False)
    assert r.status_code == 200
    with pytest.raises(answers.AnswerCut, match="row limit of 300"):
        b"".join(r.response)
    r.close()
    # its slot (the only one) and its process were given back: the next query is answered
    t = time.monotonic()
    again = app.test_client().get("/sparql?query=" + quote("ASK { ?s ?p ?o }"))
    assert again.status_code == 200 and again.get_json()["boolean"] is True
    assert time.monotonic() - t < 3


def test_a_stream_the_client_leaves_gives_back_its_slot(disk_store: Path) -> None:
    app = _app(disk_store, slots=1, max_rows=100_000, query_timeout=5)
    client = app.test_client()
    for _ in range(3):  # with the slot kept, the second round would wait out the time limit
        r = client.get("/sparql?query=" + quote(ALL), buffered=False)
        first = next(iter(r.response))
        assert first.startswith(b'{"head"')
        r.close()  # as the WSGI server does when the client goes away
    t = time.monotonic()
    again = client.get("/sparql?query=" + quote("ASK { ?s ?p ?o }"))
    assert again.status_code == 200 and time.monotonic() - t < 3


def test_streamed_answers_leave_no_process_behind(disk_store: Path) -> None:
    app = _app(disk_store, slots=1, max_rows=100_000)
    client = app.test_client()
    for _ in range(4):
        r = client.get("/sparql?query=" + quote(ALL), buffered=False)
        next(iter(r.response))
        r.close()
        whole = client.get("/sparql?query=" + quote(ALL))
        assert whole.status_code == 200 and whole.data.endswith(b"]}}")
    pool = app.config["COOPKG_QUERY_POOLS"].pool(str(disk_store))
    # each left stream's process was stopped; each finished one went back to the pool
    assert 1 <= len(pool.idle) <= 2
