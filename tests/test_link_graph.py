"""link/graph: which containing territories a resolved place is stated to lie within."""

from __future__ import annotations

from rdflib import Graph, URIRef

from coopkg.iris import Minter
from coopkg.link.graph import apply
from coopkg.link.linker import Linker
from coopkg.link.units import Resolution
from coopkg.vocab import GEO


def within(name: str) -> set[str]:
    r = Linker().resolve([name], "PL", [])
    assert isinstance(r, Resolution), r
    g, node = Graph(), URIRef("https://example.org/place")
    apply(g, node, r, Minter())
    return {str(o).rsplit("/", 1)[-1] for o in g.objects(node, GEO.sfWithin)}


def test_a_region_inside_one_nuts_2_unit_lies_within_it() -> None:
    assert any(p.startswith("lubelskie") for p in within("województwo lubelskie"))


def test_a_region_across_two_nuts_2_units_lies_within_neither() -> None:
    assert within("województwo mazowieckie") == {"country-pl"}
