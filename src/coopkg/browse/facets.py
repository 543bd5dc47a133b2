"""The state of a `/projects` view — facet values chosen, words searched, order, page —
and what follows from it: the projects, each facet's counts, and the SPARQL query that
selects the same projects.

Within a facet the chosen values are alternatives (any of them); across facets all must
hold. A facet's counts are taken over the projects that pass every *other* facet, so
each count says how many projects choosing that value would leave.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import BadInput
from ..vocab import COOP
from .table import Row, Table

FACETS = ("programme", "fund", "country", "region", "nuts", "year", "orgtype", "role", "unit")
TITLES = {
    "programme": "Programme",
    "fund": "Fund",
    "country": "Partner country",
    "region": "Region (NUTS 2 and national)",
    "nuts": "NUTS 2 / NUTS 3 area",
    "year": "Active in year",
    "orgtype": "Organisation type",
    "role": "Partner role",
    "unit": "Outcome unit",
}
SORTS = ("title", "-title", "start", "-start", "budget", "-budget")
PER_PAGE, MAX_PER_PAGE = 20, 200
CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
NUTS = re.compile(r"^[A-Z]{2}[0-9A-Z]{2,3}$")
IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


@dataclass(frozen=True)
class View:
    chosen: dict[str, tuple[str, ...]] = field(default_factory=dict)
    q: str = ""
    sort: str = "title"
    page: int = 1
    per_page: int = PER_PAGE

    @classmethod
    def from_args(cls, args: Mapping[str, list[str]]) -> View:
        """The view a request's parameters describe (each facet repeatable)."""
        chosen: dict[str, tuple[str, ...]] = {}
        for facet in FACETS:
            values = tuple(dict.fromkeys(v for v in args.get(facet, []) if v))
            for v in values:
                ok = IRI.match(v) if facet in ("programme", "region") else CODE.match(v)
                if facet == "year" and not (v.isdigit() and len(v) == 4):
                    ok = None
                if facet == "nuts":
                    ok = NUTS.match(v)
                if not ok:
                    raise BadInput(f"{facet}={v!r} is not a value of that facet")
            if values:
                chosen[facet] = values
        sort = (args.get("sort") or ["title"])[0] or "title"
        if sort not in SORTS:
            raise BadInput(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")

        def number(name: str, default: int, high: int) -> int:
            raw = (args.get(name) or [""])[0]
            if not raw:
                return default
            if not raw.isdigit() or not 1 <= int(raw) <= high:
                raise BadInput(f"{name} must be a whole number from 1 to {high}, not {raw!r}")
            return int(raw)

        return cls(
            chosen,
            (args.get("q") or [""])[0].strip(),
            sort,
            number("page", 1, 1_000_000),
            number("per_page", PER_PAGE, MAX_PER_PAGE),
        )

    def params(
        self, toggle: tuple[str, str] | None = None, **changes: object
    ) -> list[tuple[str, str]]:
        """The view as query parameters (for links), with one facet value switched on or
        off (`toggle`, which returns to the first page) and `changes` applied."""
        chosen = dict(self.chosen)
        if toggle is not None:
            facet, value = toggle
            now = chosen.get(facet, ())
            chosen[facet] = tuple(v for v in now if v != value) if value in now else (*now, value)
            changes.setdefault("page", 1)
        out = [(f, v) for f in FACETS for v in chosen.get(f, ())]
        q = changes.get("q", self.q)
        if q:
            out.append(("q", str(q)))
        sort = changes.get("sort", self.sort)
        if sort != "title":
            out.append(("sort", str(sort)))
        page = changes.get("page", self.page)
        if page != 1:
            out.append(("page", str(page)))
        if self.per_page != PER_PAGE:
            out.append(("per_page", str(self.per_page)))
        return out


def _passes(row: Row, view: View, matched: set[str] | None, skip: str | None = None) -> bool:
    if matched is not None and row.iri not in matched:
        return False
    return all(
        facet == skip or row.values.get(facet, set()) & set(values)
        for facet, values in view.chosen.items()
    )


def select(table: Table, view: View, matched: set[str] | None) -> list[Row]:
    """The projects of the view, in its order (`matched`: those the words found)."""
    rows = [r for r in table.rows if _passes(r, view, matched)]
    key = view.sort.lstrip("-")
    reverse = view.sort.startswith("-")
    if key == "title":
        rows.sort(key=lambda r: (r.title.lower(), r.iri), reverse=reverse)  # as SPARQL's LCASE
    elif key == "start":
        dated = sorted(
            (r for r in rows if r.start), key=lambda r: (r.start, r.iri), reverse=reverse
        )
        rows = dated + [r for r in rows if not r.start]  # undated last either way
    else:  # by budget within each currency; amounts in different currencies are not compared
        budgeted = sorted(
            (r for r in rows if r.budget is not None),
            key=lambda r: (
                r.currency or "",
                -(r.budget or 0) if reverse else (r.budget or 0),
                r.iri,
            ),
        )
        rows = budgeted + [r for r in rows if r.budget is None]
    return rows


def counts(
    table: Table, view: View, matched: set[str] | None
) -> dict[str, list[tuple[str, str, int]]]:
    """Each facet's values with how many projects choosing them would give, most first."""
    out: dict[str, list[tuple[str, str, int]]] = {}
    for facet in FACETS:
        counter: Counter[str] = Counter()
        for row in table.rows:
            if _passes(row, view, matched, skip=facet):
                counter.update(row.values.get(facet, set()))
        for value in view.chosen.get(facet, ()):
            counter.setdefault(value, 0)  # a chosen value stays visible at 0
        labels = table.labels.get(facet, {})
        ordered = sorted(counter.items(), key=lambda kv: (-kv[1], labels.get(kv[0], kv[0])))
        if facet == "year":
            ordered = sorted(counter.items(), reverse=True)
        out[facet] = [(v, labels.get(v, v), n) for v, n in ordered]
    return out


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


PATTERNS = {
    "programme": "?project coop:programme ?v .",
    "fund": "?project coop:fundedBy ?v .",
    "country": "?m org:organization ?project ; org:member/coop:country/coop:isoCode ?v .",
    "region": "?project dct:spatial/geo:sfWithin* ?v .",
    # NUTS codes nest by prefix: a place coded PL823 lies within PL82
    "nuts": (
        "?project dct:spatial ?place . { ?place coop:nutsCode ?c }"
        " UNION { ?place geo:sfWithin+/coop:nutsCode ?c } FILTER(STRSTARTS(STR(?c), ?v))"
    ),
    "orgtype": "?m org:organization ?project ; org:member/org:classification ?v .",
    "role": "?m org:organization ?project ; org:role ?v .",
    "unit": "?project coop:outcome/coop:unit ?v .",
}
CONCEPTS = {"fund": "fund-", "orgtype": "orgtype-", "role": "role-", "unit": "unit-"}
ORDER = {
    "title": "LCASE(?title) ?project",
    "-title": "DESC(LCASE(?title)) DESC(?project)",
    "start": "(!BOUND(?start)) ?start ?project",
    "-start": "(!BOUND(?start)) DESC(?start) DESC(?project)",
    "budget": "(!BOUND(?budget)) ?currency ?budget ?project",
    "-budget": "(!BOUND(?budget)) ?currency DESC(?budget) ?project",
}


def _term(facet: str, value: str) -> str:
    if facet in ("programme", "region"):
        return f"<{value}>"
    if facet in CONCEPTS:
        return f"<{COOP}{CONCEPTS[facet]}{value}>"
    return _literal(value)


def sparql(view: View) -> str:
    """A SPARQL query giving the view's projects in its order, as a researcher would
    write it (every value checked by `View.from_args`, so none can break the text)."""
    lines = [
        "PREFIX coop: <https://w3id.org/coopkg/ontology#>",
        "PREFIX dct: <http://purl.org/dc/terms/>",
        "PREFIX geo: <http://www.opengis.net/ont/geosparql#>",
        "PREFIX org: <http://www.w3.org/ns/org#>",
        "PREFIX schema: <http://schema.org/>",
    ]
    if view.q:
        lines.append("PREFIX search: <https://w3id.org/coopkg/search#>")
    lines += [
        "SELECT DISTINCT ?project ?title ?start ?end ?budget ?currency WHERE {",
        "  ?project a coop:Project .",
        "  OPTIONAL { ?project dct:title ?title }",
        "  OPTIONAL { ?project schema:startDate ?start }",
        "  OPTIONAL { ?project schema:endDate ?end }",
        "  OPTIONAL { ?project coop:totalBudget ?a . ?a schema:value ?budget ."
        " OPTIONAL { ?a schema:currency ?currency } }",
    ]
    for facet, values in view.chosen.items():
        if facet == "year":
            years = " ".join(values)
            lines.append(
                "  FILTER EXISTS { ?project schema:startDate ?s ; schema:endDate ?e ."
                f" VALUES ?y {{ {years} }} FILTER(YEAR(?s) <= ?y && YEAR(?e) >= ?y) }}"
            )
            continue
        terms = " ".join(_term(facet, v) for v in values)
        lines.append(f"  FILTER EXISTS {{ {PATTERNS[facet]} VALUES ?v {{ {terms} }} }}")
    if view.q:
        lines.append(f"  BIND(search:score(?project, {_literal(view.q)}) AS ?score)")
        lines.append("  FILTER(BOUND(?score))")
    lines.append("}")
    lines.append(f"ORDER BY {ORDER[view.sort]}")
    return "\n".join(lines) + "\n"
