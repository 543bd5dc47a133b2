"""The `*-violation` queries (queries/*-violation.rq): checks that shapes cannot state,
each returning no rows on a good graph; the build fails on any row."""

from __future__ import annotations

import pyoxigraph as ox

from .. import queries


def check_violation_queries(db: ox.Store, scope: str | None = None) -> list[str]:
    """Rows of the `*-violation` queries (of one scope, or all), as problem lines.

    The build runs the document-scoped ones on each batch of documents in the workers
    (finding at least what a whole-store run would) and the rest on the whole store.
    """
    problems = []
    for q in queries.all_queries().values():
        if q.is_violation_check and (scope is None or q.scope == scope):
            result = queries.run_sparql(db, q.text, union_default_graph=True)
            found = list(result)
            if found:
                problems.append(f"{q.name}: {len(found)} row(s), first: {found[0]}")
    return problems
