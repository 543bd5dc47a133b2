"""stores/endpoint: talking SPARQL 1.1 to a remote store — locations, bound parameters,
INSERT DATA in blocks, and truncated answers noticed."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coopkg.errors import BadInput
from coopkg.stores import endpoint
from coopkg.stores.endpoint import (
    Endpoint,
    RemoteSolutions,
    RemoteTruncated,
    bind_values,
    cut_reason,
    has_keyword,
    insert_data,
)


def test_values_open_the_where_clause_and_are_terms_not_text() -> None:
    query = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?p ?x ?y { ?y ?z ?q } } GROUP BY ?p"
    hostile = ox.Literal('x" } } DROP ALL #')
    bound = bind_values(query, {ox.Variable("q"): hostile})
    assert bound.startswith("SELECT ?p (COUNT(*) AS ?n) WHERE { VALUES (?q) {")
    assert '"x\\" } } DROP ALL #"' in bound
    assert bind_values("ASK { ?s ?p ?o }", {ox.Variable("s"): ox.NamedNode("http://x")}).startswith(
        "ASK { VALUES (?s) { (<http://x>) }"
    )
    with pytest.raises(BadInput):
        bind_values("DESCRIBE <http://x>", {ox.Variable("s"): ox.NamedNode("http://x")})


def test_keywords_are_read_as_sparql_reads_them() -> None:
    assert has_keyword("select * where { ?s ?p ?o }", "WHERE")
    assert not has_keyword("SELECT * { ?s ?p 'where' }", "WHERE")


XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def test_endpoint_urls_and_credentials() -> None:
    e = Endpoint.parse(
        "sparql+http://me:s%40cret@127.0.0.1:8890/sparql",
        update="sparql-auth",
        graph_store="http://127.0.0.1:8890/sparql-graph-crud-auth",
    )
    assert e.query_url == "http://127.0.0.1:8890/sparql"
    assert e.update_url == "http://127.0.0.1:8890/sparql-auth"
    assert e.graph_store_url == "http://127.0.0.1:8890/sparql-graph-crud-auth"
    assert (e.user, e.password) == ("me", "s@cret")
    plain = Endpoint.parse("sparql+https://example.org/ds/query")
    assert plain.update_url == plain.query_url == "https://example.org/ds/query"
    assert plain.graph_store_url is None and plain.user is None
    with pytest.raises(BadInput):
        Endpoint.parse("http://example.org/sparql")
    with pytest.raises(BadInput):
        Endpoint.parse("sparql+http:///sparql")


def test_parameters_are_bound_at_the_start_of_the_where_clause() -> None:
    year = {ox.Variable("year"): ox.Literal("2024", datatype=ox.NamedNode(XSD_INTEGER))}
    select = bind_values("SELECT ?x WHERE { ?x ?p ?year FILTER(?year > 1) }", year)
    assert select.startswith("SELECT ?x WHERE { VALUES (?year) { (")
    construct = bind_values("CONSTRUCT { ?x ?p ?year } WHERE { ?x ?p ?year }", year)
    assert construct.index("VALUES") > construct.index("WHERE")
    bare = bind_values("SELECT * { ?x ?p ?year }", year)
    assert bare.startswith("SELECT * { VALUES (?year)")
    # braces and keywords inside strings and comments do not count
    tricky = bind_values('SELECT ?x # { WHERE\nWHERE { ?x ?p "{ WHERE }" }', year)
    assert tricky.count("VALUES") == 1 and tricky.index("VALUES") > tricky.index("WHERE {")
    # the value is a serialised term, so a hostile string stays a string
    hostile = {ox.Variable("v"): ox.Literal('" } ?s ?p ?o { "')}
    ox.Store().query(bind_values("SELECT ?v WHERE { }", hostile))  # still parses


def test_insert_data_in_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(endpoint, "GRAPH_BLOCK", 2)
    g = ox.NamedNode("http://example.org/g")
    triples = [
        ox.Triple(ox.NamedNode(f"http://example.org/{i}"), ox.NamedNode("http://p"), ox.Literal(i))
        for i in range(5)
    ]
    text = insert_data([(g, triples)])
    assert text.count("GRAPH <http://example.org/g> {") == 3
    store = ox.Store()
    store.update(text)
    assert len(store) == 5


def test_a_truncated_answer_raises_when_read_past_its_end() -> None:
    assert cut_reason({}) is None
    reason = cut_reason({"X-SPARQL-MaxRows": "10000"})
    assert reason and "10000 rows" in reason
    solutions = ox.Store().query("SELECT ?s WHERE { VALUES ?s { 1 2 } }")
    assert isinstance(solutions, ox.QuerySolutions)
    cut = RemoteSolutions(solutions, reason)
    with pytest.raises(RemoteTruncated):
        list(cut)
