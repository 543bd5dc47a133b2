"""What validation reports, whichever engine judged: violations with short names, and
the report as text, JSON or Turtle."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass

from rdflib import Graph, Literal
from rdflib.term import Node

from ..vocab import PREFIXES, SH


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


def short_name(node: Node | None) -> str | None:
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
