"""stores/remote: the remote-store backend, against a real Virtuoso started on 127.0.0.1 for
the session.

The named queries themselves run on both backends in test_queries.py; here: the server in
front of the remote store, truncation that is never silent, and writes passed through.
Endpoint settings and parameter binding are in test_stores_endpoint.py, rebuilds in
test_stores_remote_load.py.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coopkg.build.run import build
from coopkg.queries import rows, run_named
from coopkg.server import create_app
from coopkg.settings import Settings
from coopkg.stores.embedded import open_store
from coopkg.stores.endpoint import RemoteSolutions, RemoteTruncated
from coopkg.stores.remote import RemoteStore

ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_the_merged_default_graph_counts_each_triple_once(virtuoso_store: ox.Store) -> None:
    """A country occurs in several seed graphs; the default graph has it once."""
    q = (
        "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/coopkg/id/place/country-pl> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    n_remote = next(iter(virtuoso_store.query(q)))["n"].value
    assert n_remote == "1"
    assert virtuoso_store.merged_graph not in set(virtuoso_store.named_graphs())


def test_an_answer_cut_by_the_store_is_never_passed_on_as_complete(
    virtuoso_store: ox.Store,
) -> None:
    """The fixture's Virtuoso caps answers at 1,000 rows; the seed graphs hold more quads."""
    result = virtuoso_store.query(ALL_QUADS, use_default_graph_as_union=True)
    assert isinstance(result, RemoteSolutions)
    with pytest.raises(RemoteTruncated, match="ResultSetMaxRows"):
        for _ in result:
            pass
    # a small answer is complete and reads without complaint
    small = virtuoso_store.query(ALL_QUADS + " LIMIT 10", use_default_graph_as_union=True)
    assert len(list(small)) == 10


def test_server_answers_from_the_remote_store(virtuoso_settings: Settings) -> None:
    client = create_app(virtuoso_settings).test_client()
    r = client.get("/queries/projects", headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    titles = [b["title"]["value"] for b in r.get_json()["results"]["bindings"]]
    assert len(titles) == 5 and "Synergi@" in titles
    r = client.get(
        "/sparql",
        query_string={
            "query": "SELECT ?p WHERE { ?p a <https://w3id.org/coopkg/ontology#Project> }"
        },
    )
    assert r.status_code == 200 and len(r.get_json()["results"]["bindings"]) == 5
    r = client.get(
        "/sparql",
        query_string={
            "query": "CONSTRUCT WHERE { ?p a <https://w3id.org/coopkg/ontology#Project> }"
        },
        headers={"Accept": "application/n-triples"},
    )
    assert r.status_code == 200 and r.data.count(b"\n") == 5
    ask = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
    assert ask.get_json()["boolean"] is True
    bad = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"})
    assert bad.status_code == 400 and bad.mimetype == "application/problem+json"
    refused = client.get(
        "/sparql", query_string={"query": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"}
    )
    assert refused.status_code == 400
    page = client.get("/id/place/country-pl", headers={"Accept": "text/turtle"})
    assert page.status_code == 200 and b"country-pl" in page.data


def test_server_reports_the_stores_cut_and_applies_its_own(virtuoso_settings: Settings) -> None:
    client = create_app(virtuoso_settings).test_client()
    cut = client.get("/sparql", query_string={"query": ALL_QUADS})
    assert cut.status_code == 502
    assert "ResultSetMaxRows" in cut.get_json()["detail"]
    # coopkg's own, smaller cap: the answer is cut by coopkg and says so
    own = create_app(virtuoso_settings.with_(max_rows=50)).test_client()
    r = own.get("/sparql", query_string={"query": ALL_QUADS})
    assert r.status_code == 200 and r.headers["X-Result-Truncated"] == "true"
    assert len(r.get_json()["results"]["bindings"]) == 50


def test_writes_pass_through_to_the_remote_store(virtuoso_settings: Settings) -> None:
    token = "t0ken"
    client = create_app(virtuoso_settings.with_(write_token=token)).test_client()
    auth = {"Authorization": f"Bearer {token}"}
    graph = "https://example.org/graph/remote-write-test"
    body = '<https://example.org/a> <https://example.org/p> "zażółć \\"x\\"" .\n'
    r = client.put(
        "/graph-store",
        query_string={"graph": graph},
        data=body.encode(),
        headers={**auth, "Content-Type": "application/n-triples"},
    )
    assert r.status_code in (201, 204), r.data
    got = client.get(
        "/graph-store", query_string={"graph": graph}, headers={"Accept": "application/n-triples"}
    )
    assert got.status_code == 200 and "zażółć".encode() in got.data
    r = client.post(
        "/update",
        data={"update": f"DROP GRAPH <{graph}>"},
        headers=auth,
    )
    assert r.status_code in (200, 204), r.data
    assert client.get("/graph-store", query_string={"graph": graph}).status_code == 404


def test_remote_store_is_a_store(virtuoso_store: ox.Store) -> None:
    assert isinstance(virtuoso_store, RemoteStore)


def test_a_remote_store_version_moves_with_time_since_others_write_to_it() -> None:
    """The server cannot see writes made to a remote store by others: its caches (counts,
    VoID, reconciliation) key on a one-minute bucket instead of on its own writes."""
    from coopkg.stores.embedded import StoreHandle
    from coopkg.stores.remote import open_remote

    remote = open_remote(Settings(store="sparql+http://127.0.0.1:9/sparql"))  # never called
    location = "sparql+http://127.0.0.1:9/sparql"
    version = StoreHandle(location, store=remote).version()  # type: ignore[arg-type]
    assert version.startswith("remote:")


def test_a_graph_larger_than_one_request_is_written_in_several(
    virtuoso_settings: Settings, seed_store: ox.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The registry graph grows with the registries, not the documents: at 10,000
    projects one INSERT DATA of it exhausted Virtuoso's SPARQL compiler."""
    from coopkg.stores import endpoint
    from coopkg.vocab import REGISTRY_GRAPH

    registry = ox.NamedNode(REGISTRY_GRAPH)
    expected = {q.triple for q in seed_store.quads_for_pattern(None, None, None, registry)}
    assert len(expected) > 120
    requests: list[str] = []  # what each request wrote to the registry graph
    update, insert = RemoteStore.update, RemoteStore._insert_batch

    def counted_update(self: RemoteStore, text: str) -> None:
        requests.append(text)
        update(self, text)

    def counted_insert(self: RemoteStore, graph: ox.NamedNode, batch: list[ox.Triple]) -> None:
        requests.append(f"<{graph.value}> {len(batch)}")
        assert len(batch) <= 50
        insert(self, graph, batch)

    monkeypatch.setattr(endpoint, "UPDATE_BATCH", 50)
    monkeypatch.setattr(RemoteStore, "update", counted_update)
    monkeypatch.setattr(RemoteStore, "_insert_batch", counted_insert)
    build(virtuoso_settings)
    store = open_store(virtuoso_settings.store, settings=virtuoso_settings)
    stored = {q.triple for q in store.quads_for_pattern(None, None, None, registry)}
    assert stored == expected
    writing_registry = [r for r in requests if f"<{REGISTRY_GRAPH}>" in r]
    assert len(writing_registry) >= len(expected) // 50
    assert len(rows(run_named(store, "projects"))[1]) == 5


def test_one_graph_of_many_thousand_triples_reaches_virtuoso(virtuoso_store: ox.Store) -> None:
    """Virtuoso's SPARQL parser fails on one GRAPH block of about 5,000 triples (the
    registry graph's first request at 10,000 projects); blocks are now smaller."""
    assert isinstance(virtuoso_store, RemoteStore)
    graph = ox.NamedNode("https://w3id.org/coopkg/test/large-graph")
    p = ox.NamedNode("https://w3id.org/coopkg/test/p")
    triples = [
        ox.Triple(ox.NamedNode(f"https://w3id.org/coopkg/test/s{i}"), p, ox.Literal(str(i)))
        for i in range(6_000)
    ]
    try:
        virtuoso_store.replace_graphs([(graph, triples)])
        # counted in the store: the fixture caps answers at 1,000 rows
        answer = virtuoso_store.query(
            "SELECT (COUNT(DISTINCT ?s) AS ?n) "
            "(SUM(<http://www.w3.org/2001/XMLSchema#integer>(?o)) AS ?sum) "
            f"WHERE {{ GRAPH <{graph.value}> {{ ?s <{p.value}> ?o }} }}",
            use_default_graph_as_union=True,  # all graphs, as the build's own queries
        )
        assert isinstance(answer, RemoteSolutions)
        [row] = list(answer)
        assert int(row["n"].value) == 6_000
        assert int(row["sum"].value) == sum(range(6_000))
    finally:
        virtuoso_store.remove_graph(graph)
