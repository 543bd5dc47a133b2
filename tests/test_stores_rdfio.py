"""stores/rdfio: an rdflib graph as sorted N-Quads, and Turtle loaded into a named graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from coopkg.stores.rdfio import load_turtle_into, nquads_lines


def test_nquads_lines_are_sorted_and_named() -> None:
    g = Graph(identifier=URIRef("http://g"))
    g.add((URIRef("http://b"), URIRef("http://p"), Literal("2")))
    g.add((URIRef("http://a"), URIRef("http://p"), Literal("1")))
    assert nquads_lines(g) == [
        '<http://a> <http://p> "1" <http://g> .',
        '<http://b> <http://p> "2" <http://g> .',
    ]


def test_turtle_goes_into_its_graph(tmp_path: Path) -> None:
    path = tmp_path / "x.ttl"
    path.write_text("<http://a> <http://p> 1 .", encoding="utf-8")
    db = ox.Store()
    load_turtle_into(db, path, "http://g")
    assert len(list(db.quads_for_pattern(None, None, None, ox.NamedNode("http://g")))) == 1
