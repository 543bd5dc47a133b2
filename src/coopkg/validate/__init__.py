"""Validation: a graph or a store judged against the SHACL shapes (`shapes/`).

Entry point: `validate(target, shapes)`. Two engines give the same `Report`
(`report.py`; a differential test keeps them equal): pySHACL for an rdflib graph
(`shacl.py`: `coopkg validate`, the server's `/validate`), and the shapes compiled to
SPARQL for a store (`sparql.py`: the build, which runs them on batches of documents in
its workers, see `batch.py`). `violations.py` runs the `*-violation` queries;
`reading.py` turns RDF files and uploads into graphs to judge.
"""

from __future__ import annotations

from rdflib import Graph

from ..stores import Store
from .compiled import compile_shapes
from .report import Report
from .shacl import validate_graph
from .sparql import validate_store


def validate(
    target: Graph | Store, shapes: Graph | None = None, *, source: str | None = None
) -> Report:
    """Judge an rdflib graph with pySHACL, or every document graph of a store with the
    shapes compiled to SPARQL; `shapes` defaults to the project's."""
    if isinstance(target, Graph):  # the engine follows the kind of data, not the backend
        return validate_graph(target, source=source, shapes=shapes)
    checks = tuple(compile_shapes(shapes)) if shapes is not None else None
    return validate_store(target, checks)  # type: ignore[arg-type]


__all__ = ["Report", "validate"]
