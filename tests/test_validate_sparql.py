"""validate/sparql: the compiled checks run over a store's document graphs, each graph on
its own, with chosen graphs consulted but not judged."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, URIRef

from coopkg.validate import validate
from coopkg.validate.sparql import excluding, validate_store

from .conftest import ROOT

VALID = ROOT / "tests" / "shapes" / "valid" / "full.ttl"
AMOUNT = URIRef("https://w3id.org/coopkg/id/project/p/amount/1")
KIND = URIRef("https://w3id.org/coopkg/ontology#amountKind")


def _store(graphs: dict[str, Graph]) -> ox.Store:
    db = ox.Store()
    for name, g in graphs.items():
        db.load(
            g.serialize(format="nt").encode(),
            format=ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(name),
        )
    return db


def test_each_graph_is_judged_and_named_as_its_source() -> None:
    good = Graph().parse(VALID, format="turtle")
    bad = Graph().parse(VALID, format="turtle")
    bad.remove((AMOUNT, KIND, None))
    db = _store({"https://example.org/good": good, "https://example.org/bad": bad})
    report = validate_store(db, sources={"https://example.org/bad": "bad.json"}, threads=1)
    assert not report.conforms
    assert {(v.shape, v.source) for v in report.violations} == {("cs:Amount-kind", "bad.json")}
    sources = {"https://example.org/bad": "bad.json"}
    assert validate_store(db, sources=sources, threads=2).violations == report.violations


def test_skipped_graphs_are_not_judged() -> None:
    bad = Graph().parse(VALID, format="turtle")
    bad.remove((AMOUNT, KIND, None))
    db = _store({"https://example.org/bad": bad})
    assert validate_store(db, skip_graphs=("https://example.org/bad",)).conforms
    query = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert excluding(query, ()) == query
    assert "FILTER(?g NOT IN (<https://example.org/x>))" in excluding(
        query, ("https://example.org/x",)
    )


def test_the_entry_point_picks_the_engine_by_the_data() -> None:
    bad = Graph().parse(VALID, format="turtle")
    bad.remove((AMOUNT, KIND, None))
    by_graph = validate(bad)
    by_store = validate(_store({"https://example.org/bad": bad}))
    assert [(v.shape, v.component) for v in by_graph.violations] == [
        (v.shape, v.component) for v in by_store.violations
    ]
