"""SHACL at scale, part two: the compiled checks (see `compiled`) run over a store.

Oxigraph evaluates one query per constraint over the whole store, each inside
`GRAPH ?g` so that every document graph is judged on its own, as pyshacl judges it.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..vocab import ONTOLOGY_IRI
from .compiled import Check, project_checks
from .report import Report, Violation, short_name

PREFIX = "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"


def excluding(query: str, graphs: tuple[str, ...]) -> str:
    """A compiled check that passes over the named `graphs`.

    Every check binds ?g first in a `GRAPH ?g {` group; the filter goes in the group
    that holds it, so the graphs are skipped before anything is counted.
    """
    if not graphs:
        return query
    names = ", ".join(f"<{g}>" for g in graphs)
    return query.replace("GRAPH ?g {", f"FILTER(?g NOT IN ({names})) GRAPH ?g {{", 1)


def validate_store(
    store: ox.Store,
    checks: tuple[Check, ...] | None = None,
    sources: dict[str, str] | None = None,
    threads: int | None = None,
    skip_graphs: tuple[str, ...] = (),
) -> Report:
    """Run every compiled constraint over the store's document graphs.

    Every check is scoped to one graph at a time, so validating documents one batch at
    a time (as the build's workers do) finds exactly what one whole-store run finds.
    Graphs in `skip_graphs` are not judged, only consulted (sh:class looks in the
    registry graph). The checks run on `threads` threads (default: one a core):
    pyoxigraph evaluates without holding the GIL.
    """
    ontology = ox.NamedNode(ONTOLOGY_IRI)
    violations: list[Violation] = []

    def run(check: Check) -> list[ox.QuerySolution]:
        rows = store.query(PREFIX + excluding(check.query, skip_graphs))
        assert isinstance(rows, ox.QuerySolutions)
        return list(rows)

    all_checks = checks or project_checks()
    n = threads or max(1, min(os.cpu_count() or 1, 8))
    if n == 1:
        answers = [run(check) for check in all_checks]
    else:
        with ThreadPoolExecutor(n) as pool:
            answers = list(pool.map(run, all_checks))
    for check, rows in zip(all_checks, answers, strict=True):
        for row in rows:
            graph = row["g"]
            if graph == ontology:
                continue
            focus = row["focus"]
            try:
                value = row["value"]
            except (KeyError, IndexError):  # count-based checks select no value
                value = None
            if check.limits:
                n = int(row["n"].value)
                components = [limit.component for limit in check.limits if limit.broken(n)]
            else:
                components = [check.component]
            focus_text = (
                (short_name(URIRef(focus.value)) or focus.value)
                if isinstance(focus, ox.NamedNode)
                else str(focus)
            )
            value_text = (
                None
                if value is None
                else (
                    short_name(URIRef(value.value))
                    if isinstance(value, ox.NamedNode)
                    else value.value
                )
            )
            source = (
                (sources or {}).get(graph.value, graph.value)
                if isinstance(graph, ox.NamedNode)
                else None
            )
            violations.extend(
                Violation(
                    focus=focus_text,
                    path=check.path,
                    value=value_text,
                    message=check.message,
                    severity="sh:Violation",
                    shape=check.shape,
                    component=component,
                    source=source,
                )
                for component in components
            )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.component, v.value or ""))
    return Report(not violations, tuple(violations), Graph())
