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


def extract_project(doc: Doc) -> dict[str, Any]:
    evidence: dict[str, list[dict[str, int]]] = {}

    def ev(name: str, item: Item | None) -> None:
        if item and item.spans:
            evidence[name] = [{"start": s, "end": e} for s, e in item.spans]

    identifiers = find_identifiers(doc)
    start, end = find_dates_of_project(doc)
    title = find_title(doc)
    organisations = find_organisations(doc)
    programme = find_programme(doc, [title.spans[0]] if title else [])
    amounts, rate = find_amounts(doc, organisations)
    funds = find_funds(doc)
    if programme:
        doc.masked.extend(programme.spans)
    places = find_places(doc, organisations, title.spans[0] if title else None)
    outcomes = find_outcomes(doc)
    ev("title", title)
    ev("programme", programme)
    ev("start", start)
    ev("end", end)
    ev("cofinancing_rate", rate)
    project: dict[str, Any] = {
        "title": title.data["title"] if title else None,
        "identifiers": [i.data["id"] for i in identifiers],
        "programme": programme.data["programme"] if programme else None,
        "funds": sorted({f.data["fund"] for f in funds}),
        "start": start.data["date"] if start else None,
        "end": end.data["date"] if end else None,
        "amounts": [a.out() for a in amounts],
        "cofinancing_rate": rate.data["rate"] if rate else None,
        "organisations": [o.out() for o in organisations],
        "places": [p.out() for p in places],
        "outcomes": [o.out() for o in outcomes],
    }
    if evidence:
        project["evidence"] = evidence
    return project
