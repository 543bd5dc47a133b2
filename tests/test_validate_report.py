"""validate/report: one report whichever engine made it, written as text, JSON or Turtle."""

from __future__ import annotations

import json

from rdflib import RDF, SH, Graph, Literal, URIRef

from coopkg.validate.report import (
    Report,
    Violation,
    format_json,
    format_text,
    format_turtle,
    merge_reports,
    short_name,
)


def _violation(focus: str, value: str | None = None) -> Violation:
    return Violation(
        focus=focus,
        path="coop:amountKind",
        value=value,
        message="An amount needs its kind.",
        severity="sh:Violation",
        shape="cs:Amount-kind",
        component="sh:MinCountConstraintComponent",
        source="doc.json",
    )


def test_short_names() -> None:
    assert short_name(URIRef("https://w3id.org/coopkg/ontology#Project")) == "coop:Project"
    assert short_name(URIRef("https://w3id.org/coopkg/shapes#Amount-kind")) == "cs:Amount-kind"
    assert short_name(Literal("x")) == "x" and short_name(None) is None


def test_merged_reports_conform_only_if_all_do() -> None:
    good = Report(True, (), Graph())
    bad = Report(False, (_violation("b"), _violation("a")), Graph())
    merged = merge_reports([good, bad])
    assert not merged.conforms and len(merged.violations) == 2
    assert list(merged.by_focus()) == ["a", "b"]


def test_text_and_json() -> None:
    report = Report(False, (_violation("id:x", "0"),), Graph())
    text = format_text(report)
    assert text.startswith("Does not conform: 1 violation(s).")
    assert "id:x  (in doc.json)" in text and "value '0'" in text
    assert json.loads(format_json(report))["violations"][0]["shape"] == "cs:Amount-kind"
    assert format_text(Report(True, (), Graph())).startswith("Conforms")


def test_turtle_is_the_shacl_results_graph() -> None:
    results = Graph()
    result = URIRef("https://example.org/r")
    results.add((result, RDF.type, SH.ValidationResult))
    turtle = format_turtle(Report(False, (_violation("id:x"),), results))
    assert "sh:ValidationResult" in turtle
    assert (result, RDF.type, SH.ValidationResult) in Graph().parse(data=turtle, format="turtle")
