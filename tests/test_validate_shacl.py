"""validate/shacl: one graph judged by pySHACL, violations named and messages in the
reader's language."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from coopkg.validate.shacl import shapes_graph, validate_graph

from .conftest import ROOT

VALID = ROOT / "tests" / "shapes" / "valid" / "full.ttl"
COOP = "https://w3id.org/coopkg/ontology#"
AMOUNT = URIRef("https://w3id.org/coopkg/id/project/p/amount/1")


def _without_the_amount_kind() -> Graph:
    g = Graph().parse(VALID, format="turtle")
    g.remove((AMOUNT, URIRef(COOP + "amountKind"), None))
    return g


def test_the_valid_example_conforms() -> None:
    report = validate_graph(Graph().parse(VALID, format="turtle"))
    assert report.conforms and report.violations == ()


def test_a_missing_kind_is_named_with_its_shape_and_path() -> None:
    report = validate_graph(_without_the_amount_kind(), source="mine.ttl")
    assert not report.conforms
    (v,) = report.violations
    assert (v.focus, v.path, v.shape) == (
        str(AMOUNT),
        "coop:amountKind",
        "cs:Amount-kind",
    )
    assert (v.component, v.source) == ("sh:MinCountConstraintComponent", "mine.ttl")


def test_messages_in_polish_when_asked() -> None:
    english = validate_graph(_without_the_amount_kind()).violations[0].message
    polish = validate_graph(_without_the_amount_kind(), language="pl").violations[0].message
    assert english != polish and polish


def test_the_shapes_graph_is_the_projects() -> None:
    shapes = shapes_graph()
    shape = URIRef("https://w3id.org/coopkg/shapes#Amount-kind")
    assert any(isinstance(o, Literal) for o in shapes.objects(shape, None))
