"""validate/violations: the `*-violation` queries find what shapes cannot state."""

from __future__ import annotations

import pyoxigraph as ox

from coopkg.validate.violations import check_violation_queries


def test_violation_queries_catch_what_shapes_cannot(seed_store: ox.Store) -> None:
    assert check_violation_queries(seed_store) == []
    db = ox.Store()
    db.add(
        ox.Quad(
            ox.BlankNode(),
            ox.NamedNode("http://example.org/p"),
            ox.Literal("x"),
            ox.NamedNode("http://example.org/g"),
        )
    )
    problems = check_violation_queries(db)
    assert problems and problems[0].startswith("blank-nodes-violation")
