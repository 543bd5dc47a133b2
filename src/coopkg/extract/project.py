"""One project's fields from one document, each found by the module named after it."""

from __future__ import annotations

from typing import Any

from .dates import find_dates_of_project
from .document import Doc, Item
from .money import find_amounts
from .organisations import find_organisations
from .outcomes import find_outcomes
from .places import find_places
from .programmes import find_funds, find_programme
from .titles import find_identifiers, find_title

# the record's fields in the order `coopkg extract --explain` lists them
FIELDS = (
    "title",
    "identifiers",
    "programme",
    "funds",
    "start",
    "end",
    "amounts",
    "cofinancing_rate",
    "organisations",
    "places",
    "outcomes",
)


def find_fields(doc: Doc, title_from: int = 0) -> dict[str, list[Item]]:
    """Every field's items (a single-valued field has at most one), rules in their order:
    later rules see what earlier ones used (dates and money mask their spans). The title
    is looked for from `title_from` on (a list's block, not the page's opening)."""
    identifiers = find_identifiers(doc)
    start, end = find_dates_of_project(doc)
    title = find_title(doc, title_from)
    organisations = find_organisations(doc)
    programme = find_programme(doc, [title.spans[0]] if title else [])
    amounts, rate = find_amounts(doc, organisations)
    funds = find_funds(doc)
    if programme:
        doc.masked.extend(programme.spans)
    places = find_places(doc, organisations, title.spans[0] if title else None)
    outcomes = find_outcomes(doc)

    def one(item: Item | None) -> list[Item]:
        return [item] if item else []

    return {
        "title": one(title),
        "identifiers": identifiers,
        "programme": one(programme),
        "funds": funds,
        "start": one(start),
        "end": one(end),
        "amounts": amounts,
        "cofinancing_rate": one(rate),
        "organisations": organisations,
        "places": places,
        "outcomes": outcomes,
    }


def extract_project(doc: Doc, title_from: int = 0) -> dict[str, Any]:
    return project_of(find_fields(doc, title_from))


def project_of(fields: dict[str, list[Item]]) -> dict[str, Any]:
    """The record's project object from the items of `find_fields`."""

    def first(name: str, key: str) -> Any:
        items = fields[name]
        return items[0].data[key] if items else None

    project: dict[str, Any] = {
        "title": first("title", "title"),
        "identifiers": [i.data["id"] for i in fields["identifiers"]],
        "programme": first("programme", "programme"),
        "funds": sorted({f.data["fund"] for f in fields["funds"]}),
        "start": first("start", "date"),
        "end": first("end", "date"),
        "amounts": [a.out() for a in fields["amounts"]],
        "cofinancing_rate": first("cofinancing_rate", "rate"),
        "organisations": [o.out() for o in fields["organisations"]],
        "places": [p.out() for p in fields["places"]],
        "outcomes": [o.out() for o in fields["outcomes"]],
    }
    evidence = {
        name: [{"start": s, "end": e} for s, e in fields[name][0].spans]
        for name in ("title", "programme", "start", "end", "cofinancing_rate")
        if fields[name] and fields[name][0].spans
    }
    if evidence:
        project["evidence"] = evidence
    return project
