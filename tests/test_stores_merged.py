"""stores/merged: the default graph as the marked, deduplicated merge of the named graphs."""

from __future__ import annotations

import pyoxigraph as ox

from coopkg.stores.merged import has_merged_default, merge_default_graph

S, P = ox.NamedNode("http://s"), ox.NamedNode("http://p")
A, B = ox.NamedNode("http://a"), ox.NamedNode("http://b")


def _store() -> ox.Store:
    db = ox.Store()
    db.add(ox.Quad(S, P, ox.Literal("shared"), A))
    db.add(ox.Quad(S, P, ox.Literal("shared"), B))
    db.add(ox.Quad(S, P, ox.Literal("only b"), B))
    return db


def test_merge_into_the_default_graph() -> None:
    db = _store()
    assert not has_merged_default(db)
    merge_default_graph(db)
    assert has_merged_default(db)
    default = [q for q in db.quads_for_pattern(S, P, None, ox.DefaultGraph())]
    assert sorted(q.object.value for q in default) == ["only b", "shared"]


def test_merge_into_a_named_graph_leaves_that_graph_out() -> None:
    db = _store()
    merged = ox.NamedNode("http://merged")
    merge_default_graph(db, merged)
    merge_default_graph(db, merged)  # again: the merge does not merge itself
    assert len(list(db.quads_for_pattern(None, None, None, merged))) == 2
