"""Differential test: the SHACL constraints compiled to SPARQL report exactly what pyshacl
reports, on every valid and invalid example and on generated graphs with injected errors."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from benchmarks.synth import records
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from coopkg.convert.graph import convert_document, convert_record
from coopkg.convert.sources import SourceInfo
from coopkg.link.graph import link_graph
from coopkg.link.linker import Linker
from coopkg.records import Record
from coopkg.validate.compiled import project_checks
from coopkg.validate.shacl import validate_graph
from coopkg.validate.sparql import validate_store
from coopkg.vocab import COOP, REGISTRY_GRAPH, SCHEMA

from .test_shapes import INVALID, VALID, example_graph

G = "https://w3id.org/coopkg/id/source/example"


def pyshacl_results(graph: Graph) -> set[tuple[str, str, str]]:
    return {(v.focus, v.shape, v.component) for v in validate_graph(graph).violations}


def sparql_results(graphs: list[Graph]) -> set[tuple[str, str, str]]:
    store = ox.Store()
    for i, graph in enumerate(graphs):
        data = graph.serialize(format="nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(f"{G}/{i}"))
    return {(v.focus, v.shape, v.component) for v in validate_store(store).violations}


def test_every_constraint_is_compiled() -> None:
    from .test_shapes import declared_constraints

    compiled = {(c.shape, component) for c in project_checks() for component in c.components}
    assert declared_constraints() <= compiled


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: p.stem)
def test_same_report_as_pyshacl_on_the_examples(path: Path) -> None:
    graph = Graph().parse(path, format="turtle") if path in VALID else example_graph(path)[0]
    assert sparql_results([graph]) == pyshacl_results(graph)


def _inject(graph: Graph, rng: random.Random) -> None:
    """Break a generated graph in one of several ways."""
    project = next(graph.subjects(RDF.type, COOP.Project))
    amount = next(graph.objects(project, COOP.totalBudget))
    choice = rng.randrange(6)
    if choice == 0:
        graph.set((project, COOP.coFinancingRate, Literal("1.5", datatype=XSD.decimal)))
    elif choice == 1:
        graph.set((amount, SCHEMA.currency, Literal("euro")))
    elif choice == 2:
        graph.remove((project, COOP.reviewed, None))
    elif choice == 3:
        graph.add((amount, SCHEMA.value, Literal("-3", datatype=XSD.decimal)))
    elif choice == 4:
        start = next(graph.objects(project, SCHEMA.startDate))
        graph.set((project, SCHEMA.endDate, Literal("1999-01-01", datatype=XSD.date)))
        assert start
    else:
        graph.add((project, COOP.fundedBy, URIRef(str(COOP) + "fund-LOTTERY")))


def test_same_report_with_containing_territories_in_the_registry_graph() -> None:
    """As the build stores them: each document graph without the territories it cites,
    which are in the registry graph (pyshacl sees the document with those statements)."""
    rng = random.Random(7)
    linker = Linker()
    store = ox.Store()
    expected: set[tuple[str, str, str]] = set()
    cited = 0
    for i, data in enumerate(records(30, seed=13)):
        record = Record.from_dict(data)
        doc = convert_document(record, SourceInfo(f"doc{i}.txt"))
        report = link_graph(doc, linker=linker)
        cited += len(report.registry_nodes)
        if i % 2:
            _inject(doc, rng)  # type: ignore[arg-type]
        expected |= pyshacl_results(doc.to_rdflib())
        own, theirs = doc.nquads_split(
            report.registry_nodes, report.registry_countries, REGISTRY_GRAPH
        )
        store.load("\n".join(own + theirs).encode(), format=ox.RdfFormat.N_QUADS)
    assert expected, "the injected errors must be found"
    assert cited > 30, "documents cite containing territories"
    found = {(v.focus, v.shape, v.component) for v in validate_store(store).violations}
    assert found == expected


def test_same_report_as_pyshacl_on_generated_graphs_with_injected_errors() -> None:
    rng = random.Random(5)
    linker = Linker()
    graphs = []
    for i, data in enumerate(records(40, seed=11)):
        g = convert_record(Record.from_dict(data))
        link_graph(g, linker=linker)
        if i % 2:
            _inject(g, rng)
        graphs.append(g)
    expected: set[tuple[str, str, str]] = set()
    for g in graphs:
        expected |= pyshacl_results(g)
    assert expected, "the injected errors must be found"
    assert sparql_results(graphs) == expected


def test_skipped_graphs_are_consulted_not_judged() -> None:
    graph = example_graph(INVALID[0])[0]
    store = ox.Store()
    data = graph.serialize(format="nt", encoding="utf-8")
    for name in (f"{G}/judged", f"{G}/skipped"):
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    every = {v.source for v in validate_store(store).violations}
    assert every == {f"{G}/judged", f"{G}/skipped"}
    some = {v.source for v in validate_store(store, skip_graphs=(f"{G}/skipped",)).violations}
    assert some == {f"{G}/judged"}
