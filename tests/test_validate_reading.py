"""validate/reading: RDF bytes → graphs, and which failures are the input's fault."""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import Graph

from coopkg.errors import BadInput
from coopkg.validate import reading

TURTLE = b"@prefix ex: <http://example.org/> . ex:a ex:b ex:c ."


def test_a_document_parses_into_one_graph() -> None:
    [(name, graph)] = reading.parse_rdf(TURTLE, "turtle", "doc.ttl")
    assert name == "doc.ttl" and len(graph) == 1


def test_quads_give_one_graph_per_named_graph() -> None:
    data = b"<http://e/a> <http://e/b> <http://e/c> <http://e/g1> .\n" + (
        b"<http://e/a> <http://e/b> <http://e/d> <http://e/g2> .\n"
    )
    names = sorted(n for n, _ in reading.parse_rdf(data, "nquads", "q.nq"))
    assert names == ["q.nq <http://e/g1>", "q.nq <http://e/g2>"]


def test_a_syntax_error_names_the_file_and_the_place() -> None:
    with pytest.raises(BadInput, match=r"doc.ttl: not valid turtle"):
        reading.parse_rdf(b"@prefix ex: <http://e/> . ex:a ex:b", "turtle", "doc.ttl")


def test_json_ld_oxigraph_reads_but_rdflib_cannot_is_bad_input() -> None:
    with pytest.raises(BadInput, match="cannot be read as json-ld"):
        reading.parse_rdf(b"0", "json-ld", "zero.jsonld")


def test_a_failure_of_the_machine_is_not_called_bad_input(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(self: Graph, *_: Any, **__: Any) -> Graph:
        raise OSError("no space left on device")

    monkeypatch.setattr(Graph, "parse", failing)
    with pytest.raises(OSError, match="no space"):
        reading.parse_rdf(TURTLE, "turtle", "doc.ttl")
