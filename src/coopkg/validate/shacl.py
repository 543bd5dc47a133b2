"""The pySHACL engine: a graph judged against the project's shapes (no inference), each
result turned into a `Violation` with its message in the asked language."""

from __future__ import annotations

from functools import cache

import pyshacl
from rdflib import Graph, Literal
from rdflib.namespace import RDF
from rdflib.term import Node

from .. import paths
from ..vocab import COOP, SH
from .report import Report, Violation, short_name


@cache
def shapes_graph() -> Graph:
    g = Graph()
    for path in sorted(paths.shapes_dir().glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def _pick_message(results: Graph, result: Node, language: str) -> str:
    messages = list(results.objects(result, SH.resultMessage))
    for m in messages:
        if isinstance(m, Literal) and m.language == language:
            return str(m)
    for m in messages:
        if isinstance(m, Literal) and m.language in (None, "en"):
            return str(m)
    return str(messages[0]) if messages else "constraint violated"


def _source_files(data: Graph) -> dict[str, str]:
    return {str(s): str(f) for s, f in data.subject_objects(COOP.fileName)}


def validate_graph(
    data: Graph, source: str | None = None, language: str = "en", shapes: Graph | None = None
) -> Report:
    """Validate one graph against the shapes (the project's by default; no inference)."""
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=False,
    )
    files = _source_files(data)
    default_source = source or (next(iter(files.values())) if len(files) == 1 else None)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        violations.append(
            Violation(
                focus=short_name(focus) or "",
                path=short_name(results.value(result, SH.resultPath)),
                value=short_name(results.value(result, SH.value)),
                message=_pick_message(results, result, language),
                severity=short_name(results.value(result, SH.resultSeverity)) or "sh:Violation",
                shape=short_name(results.value(result, SH.sourceShape)) or "",
                component=short_name(results.value(result, SH.sourceConstraintComponent)) or "",
                source=default_source,
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.component, v.value or ""))
    return Report(bool(conforms), tuple(violations), results)
