"""build/load: pruning the registry graph after an incremental build."""

from __future__ import annotations

import io
from typing import Any

import pyoxigraph as ox

from coopkg.build import load
from coopkg.vocab import REGISTRY_GRAPH

EX = "https://example.org/"
REGISTRY = ox.NamedNode(REGISTRY_GRAPH)
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def node(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


class Recording:
    """A store that remembers the text of every query it is asked."""

    def __init__(self, store: ox.Store) -> None:
        self.store, self.texts = store, []  # type: list[str]

    def query(self, text: str, **kwargs: Any) -> Any:
        self.texts.append(text)
        return self.store.query(text, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def test_uncited_territories_and_their_countries_leave_the_registry_graph() -> None:
    db = ox.Store()
    document = node("graph/doc")
    for name, country in (("kept", "pl"), ("gone", "ua")):
        db.add(ox.Quad(node(name), LABEL, ox.Literal(name), REGISTRY))
        db.add(ox.Quad(node(name), load.COUNTRY_OF, node(country), REGISTRY))
        db.add(ox.Quad(node(country), LABEL, ox.Literal(country), REGISTRY))
    db.add(ox.Quad(node("project"), node("place"), node("kept"), document))
    recording = Recording(db)
    sink = io.BytesIO()
    removed = load._prune_registry(recording, {node("kept"), node("gone")}, sink)  # type: ignore[arg-type]
    assert removed == 3  # gone's label and country, then ua's label
    left = {q.subject for q in db.quads_for_pattern(None, None, None, REGISTRY)}
    assert left == {node("kept"), node("pl")}
    assert b"gone" in sink.getvalue()
    # the territory is bound, not spliced: one query text whatever the data
    assert len(recording.texts) == 2 and len(set(recording.texts)) == 1
    assert EX not in recording.texts[0]
