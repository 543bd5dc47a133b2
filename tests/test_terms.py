"""terms: recurring RDF terms made once, with 1 and True kept apart."""

from __future__ import annotations

from rdflib import XSD, Literal, URIRef

from coopkg.terms import iri, literal


def test_cached_terms_equal_fresh_ones() -> None:
    assert literal("0.85", str(XSD.decimal)) == Literal("0.85", datatype=XSD.decimal)
    assert literal("Lublin", lang="pl") == Literal("Lublin", lang="pl")
    assert iri("https://example.org/a") == URIRef("https://example.org/a")


def test_one_and_true_are_different_literals() -> None:
    assert literal(1).datatype != literal(True).datatype
