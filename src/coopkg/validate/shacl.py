"""SHACL validation with pyshacl, and a report a person can read.

Shapes are parsed once per process. A report groups the violations by focus
node and names, for each, the message, the offending value and the source
document the triple came from.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import pyshacl
from rdflib import Graph, Literal
from rdflib.namespace import RDF
from rdflib.term import Node

from .. import paths
from ..vocab import COOP, PREFIXES, REGISTRY_GRAPH, SH


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str
    shape: str
    component: str
    source: str | None


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: tuple[Violation, ...]
    graph: Graph

    def by_focus(self) -> dict[str, list[Violation]]:
        groups: dict[str, list[Violation]] = defaultdict(list)
        for v in self.violations:
            groups[v.focus].append(v)
        return dict(sorted(groups.items()))


@cache
def shapes_graph() -> Graph:
    g = Graph()
    for path in sorted(paths.shapes_dir().glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def _short(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        return str(node)
    text = str(node)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns) :]}"
    if text.startswith("https://w3id.org/coopkg/shapes#"):
        return "cs:" + text.split("#", 1)[1]
    return text


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


def validate_graph(data: Graph, source: str | None = None, language: str = "en") -> Report:
    """Validate one graph against the project's shapes (no inference)."""
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=False
    )
    files = _source_files(data)
    default_source = source or (next(iter(files.values())) if len(files) == 1 else None)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        violations.append(
            Violation(
                focus=_short(focus) or "",
                path=_short(results.value(result, SH.resultPath)),
                value=_short(results.value(result, SH.value)),
                message=_pick_message(results, result, language),
                severity=_short(results.value(result, SH.resultSeverity)) or "sh:Violation",
                shape=_short(results.value(result, SH.sourceShape)) or "",
                component=_short(results.value(result, SH.sourceConstraintComponent)) or "",
                source=default_source,
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.component, v.value or ""))
    return Report(bool(conforms), tuple(violations), results)


def merge_reports(reports: list[Report]) -> Report:
    merged = Graph()
    for r in reports:
        merged += r.graph
    violations = tuple(v for r in reports for v in r.violations)
    return Report(all(r.conforms for r in reports), violations, merged)


def format_text(report: Report) -> str:
    if report.conforms:
        return "Conforms: every graph passes the shapes."
    lines = [f"Does not conform: {len(report.violations)} violation(s)."]
    for focus, items in report.by_focus().items():
        where = items[0].source
        lines.append("")
        lines.append(f"{focus}" + (f"  (in {where})" if where else ""))
        for v in items:
            lines.append(f"  - {v.message}")
            detail = [
                f"path {v.path}" if v.path else None,
                f"value {v.value!r}" if v.value is not None else None,
                f"shape {v.shape}",
                v.component,
            ]
            lines.append("    " + "; ".join(d for d in detail if d))
    return "\n".join(lines)


def format_json(report: Report) -> str:
    return json.dumps(
        {"conforms": report.conforms, "violations": [asdict(v) for v in report.violations]},
        ensure_ascii=False,
        indent=2,
    )


def format_turtle(report: Report) -> str:
    g = report.graph
    g.bind("sh", str(SH))
    return g.serialize(format="turtle")


FORMATTERS = {"text": format_text, "json": format_json, "turtle": format_turtle}


RDF_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


def check_syntax(data: bytes, fmt: str, name: str) -> None:
    """Parse with Oxigraph first: its errors give the line and column of the mistake."""
    import pyoxigraph as ox

    from ..errors import BadInput

    ox_format = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
        "trig": ox.RdfFormat.TRIG,
        "json-ld": ox.RdfFormat.JSON_LD,
        "xml": ox.RdfFormat.RDF_XML,
    }[fmt]
    try:
        for _ in ox.parse(data, format=ox_format):
            pass
    except SyntaxError as e:
        raise BadInput(f"{name}: not valid {fmt}: {e}") from None


def with_registry(graph: Graph, registry: Graph | None) -> Graph:
    """A document graph together with the registry graph's statements, as it is judged.

    Documents cite territories described once in the registry graph; sh:class
    constraints on those citations look there (as the compiled checks do).
    """
    if registry is None or graph is registry:
        return graph
    merged = Graph(identifier=graph.identifier)
    for triple in graph:
        merged.add(triple)
    for triple in registry:
        merged.add(triple)
    return merged


def parse_rdf(data: bytes, fmt: str, name: str) -> list[tuple[str, Graph]]:
    """Bytes in one RDF syntax → graphs to validate (one per named graph for quad formats)."""
    from rdflib import Dataset

    from ..errors import BadInput

    check_syntax(data, fmt, name)
    try:
        if fmt in ("nquads", "trig"):
            ds = Dataset()
            ds.parse(data=data, format=fmt)
            graphs = [g for g in ds.graphs() if len(g)]
            registry = next((g for g in graphs if str(g.identifier) == REGISTRY_GRAPH), None)
            return [(f"{name} <{g.identifier}>", with_registry(g, registry)) for g in graphs]
        return [(name, Graph().parse(data=data, format=fmt))]
    except Exception as e:
        # pyoxigraph accepted the syntax; rdflib (needed by pyshacl) did not, e.g. JSON-LD `0`
        raise BadInput(f"{name}: cannot be read as {fmt}: {type(e).__name__}: {e}") from None


def read_rdf_files(files: list[Path]) -> list[tuple[str, Graph]]:
    """Parse RDF files (syntax by extension) or record JSON into graphs to validate.

    Raises BadInput on any unreadable file, naming it and where the mistake is.
    """
    from ..convert.graph import convert_record
    from ..errors import BadInput
    from ..records import load_record

    out: list[tuple[str, Graph]] = []
    for f in files:
        if f.suffix == ".json":
            out.append((f.name, convert_record(load_record(f))))
            continue
        fmt = RDF_FORMATS.get(f.suffix.lower())
        if fmt is None:
            raise BadInput(
                f"{f}: unknown RDF file type {f.suffix!r} "
                "(use .ttl .nt .nq .trig .jsonld .rdf or a record .json)"
            )
        try:
            data = f.read_bytes()
        except OSError as e:
            raise BadInput(f"{f}: cannot read ({e.strerror})") from None
        out.extend(parse_rdf(data, fmt, f.name))
    return out
