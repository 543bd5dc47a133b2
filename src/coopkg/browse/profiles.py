"""What a person reads about a project, an organisation or a place, gathered by a few
SELECT queries (each entity bound as a substitution, never spliced into the text).

A project: title and description in the source language, partners (name, role,
country, share), money by kind and currency, dates at their stated precision, planned
and achieved outcomes side by side, places, and the source text with the span behind
each value. An organisation: its projects and its partners over time. A place: the
projects in it and in what lies within it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

import pyoxigraph as ox

from ..queries import run_sparql

PREFIXES = """PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
COOP = "https://w3id.org/coopkg/ontology#"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

PROJECT = """SELECT ?project ?title ?description ?identifier ?start ?end ?startPrecision
  ?endPrecision ?programme ?programmeLabel ?rate ?source ?file WHERE {
  ?project a coop:Project .
  OPTIONAL { ?project dct:title ?title }
  OPTIONAL { ?project dct:description ?description }
  OPTIONAL { ?project dct:identifier ?identifier }
  OPTIONAL { ?project schema:startDate ?start }
  OPTIONAL { ?project schema:endDate ?end }
  OPTIONAL { ?project coop:startDatePrecision ?startPrecision }
  OPTIONAL { ?project coop:endDatePrecision ?endPrecision }
  OPTIONAL { ?project coop:programme ?programme
             OPTIONAL { ?programme rdfs:label ?programmeLabel } }
  OPTIONAL { ?project coop:coFinancingRate ?rate }
  OPTIONAL { ?project prov:wasDerivedFrom ?source OPTIONAL { ?source coop:fileName ?file } }
} LIMIT 1"""
FUNDS = "SELECT ?project ?fund WHERE { ?project coop:fundedBy ?fund }"
PARTNERS = """SELECT ?project ?m ?org ?name ?role ?country ?type WHERE {
  ?m org:organization ?project ; org:member ?org ; org:role ?role .
  OPTIONAL { ?org rdfs:label ?name }
  OPTIONAL { ?org coop:country/coop:isoCode ?country }
  OPTIONAL { ?org org:classification ?type }
} ORDER BY ?m"""
MONEY = """SELECT ?project ?amount ?p ?value ?currency ?kind ?holder WHERE {
  VALUES ?p { coop:totalBudget coop:euContribution coop:eligibleCost coop:partnerShare
              coop:otherAmount }
  ?project ?p ?amount . ?amount schema:value ?value .
  OPTIONAL { ?amount schema:currency ?currency }
  OPTIONAL { ?amount coop:amountKind ?kind }
  OPTIONAL { ?amount coop:holder ?holder }
} ORDER BY ?amount"""
OUTCOMES = """SELECT ?project ?o ?unit ?status ?value ?description WHERE {
  ?project coop:outcome ?o .
  OPTIONAL { ?o coop:unit ?unit } OPTIONAL { ?o coop:status ?status }
  OPTIONAL { ?o schema:value ?value } OPTIONAL { ?o dct:description ?description }
}"""
PLACES = """SELECT ?project ?place ?label ?country WHERE {
  ?project dct:spatial ?place .
  OPTIONAL { ?place rdfs:label ?label }
  OPTIONAL { ?place coop:country/coop:isoCode ?country }
} ORDER BY ?label"""
ORG = """SELECT ?org ?name ?type ?country ?based ?basedLabel WHERE {
  OPTIONAL { ?org rdfs:label ?name }
  OPTIONAL { ?org org:classification ?type }
  OPTIONAL { ?org coop:country/coop:isoCode ?country }
  OPTIONAL { ?org coop:basedIn ?based OPTIONAL { ?based rdfs:label ?basedLabel } }
} LIMIT 1"""
ORG_PROJECTS = """SELECT ?org ?project ?title ?role ?start ?end WHERE {
  ?m org:member ?org ; org:organization ?project ; org:role ?role .
  OPTIONAL { ?project dct:title ?title }
  OPTIONAL { ?project schema:startDate ?start }
  OPTIONAL { ?project schema:endDate ?end }
} ORDER BY ?start ?project"""
ORG_PARTNERS = """SELECT ?org ?other ?name ?project ?start ?end WHERE {
  ?m org:member ?org ; org:organization ?project .
  ?n org:organization ?project ; org:member ?other . FILTER(?other != ?org)
  OPTIONAL { ?other rdfs:label ?name }
  OPTIONAL { ?project schema:startDate ?start }
  OPTIONAL { ?project schema:endDate ?end }
}"""
PLACE = """SELECT ?place ?label ?level ?nuts ?country ?within ?withinLabel WHERE {
  OPTIONAL { ?place rdfs:label ?label }
  OPTIONAL { ?place coop:level ?level }
  OPTIONAL { ?place coop:nutsCode ?nuts }
  OPTIONAL { ?place coop:country/coop:isoCode ?country }
  OPTIONAL { ?place geo:sfWithin ?within OPTIONAL { ?within rdfs:label ?withinLabel } }
}"""
PLACE_PROJECTS = """SELECT ?place ?project ?title ?start ?end ?at ?atLabel WHERE {
  ?project a coop:Project ; dct:spatial ?at . ?at geo:sfWithin* ?place .
  OPTIONAL { ?at rdfs:label ?atLabel }
  OPTIONAL { ?project dct:title ?title }
  OPTIONAL { ?project schema:startDate ?start }
  OPTIONAL { ?project schema:endDate ?end }
} ORDER BY ?start ?project"""


def _select(db: ox.Store, query: str, name: str, iri: str) -> list[Any]:
    return list(
        run_sparql(db, PREFIXES + query, substitutions={ox.Variable(name): ox.NamedNode(iri)})
    )


def _text(term: Any) -> str | None:
    return None if term is None else str(term.value)


def _code(term: Any, prefix: str) -> str | None:
    """The code of a concept (`coop:role-lead` → `lead`), or None."""
    value = _text(term)
    if value is None:
        return None
    value = value.removeprefix(COOP).removeprefix(prefix)
    return value.replace("_", " ")


def stated_date(value: str | None, precision: str | None) -> str:
    """A date as precisely as the source gave it: `2023`, `March 2023`, `1 March 2023`."""
    if not value:
        return ""
    year, _, rest = value.partition("-")
    month, _, day = rest.partition("-")
    kind = (precision or "").rsplit("-", 1)[-1]
    if kind == "year" or not month.isdigit():
        return year
    name = MONTHS[int(month) - 1] if 1 <= int(month) <= 12 else month
    if kind == "month" or not day[:2].isdigit():
        return f"{name} {year}"
    return f"{int(day[:2])} {name} {year}"


def amount_text(value: str, currency: str | None) -> str:
    try:
        number = f"{float(value):,.2f}".replace(",", "\u202f")
    except ValueError:
        number = value
    return f"{number} {currency or ''}".strip()


@dataclass
class Partner:
    node: str  # the membership
    iri: str
    name: str
    role: str
    country: str
    kind: str
    shares: list[str] = field(default_factory=list)


@dataclass
class Money:
    node: str
    kind: str
    text: str
    holder: str | None = None


@dataclass
class Stated:
    node: str
    value: str
    description: str


@dataclass
class OutcomeLine:
    unit: str
    planned: Stated | None
    achieved: Stated | None


@dataclass
class ProjectProfile:
    iri: str
    title: str
    language: str | None
    description: str | None
    identifier: str | None
    start: str
    end: str
    programme: tuple[str, str] | None
    funds: list[str]
    co_financing: str | None
    partners: list[Partner]
    money: list[Money]
    outcomes: list[OutcomeLine]
    places: list[tuple[str, str, str]]  # IRI, label, country
    source_file: str | None


MONEY_KINDS = {
    "totalBudget": "total budget",
    "euContribution": "EU contribution",
    "eligibleCost": "eligible cost",
    "partnerShare": "partner's share",
    "otherAmount": "other amount",
}


def project_profile(db: ox.Store, iri: str) -> ProjectProfile | None:
    found = _select(db, PROJECT, "project", iri)
    if not found:
        return None
    r = found[0]
    title = r["title"]
    rate = _text(r["rate"])
    money = []
    shares: dict[str, list[str]] = defaultdict(list)
    for m in _select(db, MONEY, "project", iri):
        text = amount_text(m["value"].value, _text(m["currency"]))
        kind = MONEY_KINDS.get(m["p"].value.removeprefix(COOP), "amount")
        holder = _text(m["holder"])
        money.append(Money(m["amount"].value, kind, text, holder))
        if holder:
            shares[holder].append(text)
    partners = [
        Partner(
            p["m"].value,
            p["org"].value,
            _text(p["name"]) or p["org"].value.rsplit("/", 1)[-1],
            _code(p["role"], "role-") or "",
            _text(p["country"]) or "",
            _code(p["type"], "orgtype-") or "",
            shares.get(p["org"].value, []),
        )
        for p in _select(db, PARTNERS, "project", iri)
    ]
    planned: dict[str, list[Stated]] = defaultdict(list)
    achieved: dict[str, list[Stated]] = defaultdict(list)
    for o in sorted(_select(db, OUTCOMES, "project", iri), key=lambda o: _outcome_order(o)):
        unit = _code(o["unit"], "unit-") or "—"
        stated = Stated(o["o"].value, _number(_text(o["value"])), _text(o["description"]) or "")
        status = _text(o["status"]) or ""
        (achieved if status.endswith("Achieved") else planned)[unit].append(stated)
    outcomes = [
        OutcomeLine(unit, p, a)
        for unit in sorted(set(planned) | set(achieved))
        for p, a in zip_longest(planned[unit], achieved[unit])
    ]
    return ProjectProfile(
        iri,
        _text(title) or iri.rsplit("/", 1)[-1],
        title.language if isinstance(title, ox.Literal) else None,
        _text(r["description"]),
        _text(r["identifier"]),
        stated_date(_text(r["start"]), _text(r["startPrecision"])),
        stated_date(_text(r["end"]), _text(r["endPrecision"])),
        (r["programme"].value, _text(r["programmeLabel"]) or r["programme"].value)
        if r["programme"] is not None
        else None,
        sorted(_code(f["fund"], "fund-") or "" for f in _select(db, FUNDS, "project", iri)),
        f"{float(rate) * 100:.4g} %" if rate and _is_number(rate) else rate,
        partners,
        money,
        outcomes,
        _places(db, iri),
        _text(r["file"]),
    )


def _places(db: ox.Store, iri: str) -> list[tuple[str, str, str]]:
    seen: dict[str, tuple[str, str, str]] = {}
    for p in _select(db, PLACES, "project", iri):
        place = p["place"].value
        if place not in seen:
            seen[place] = (place, _text(p["label"]) or place, _text(p["country"]) or "")
    return list(seen.values())


def _outcome_order(row: Any) -> tuple[int, str]:
    # outcome IRIs end in their number in the record: order 2 before 10
    tail = row["o"].value.rsplit("/", 1)[-1]
    return (int(tail) if tail.isdigit() else 0, row["o"].value)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _number(text: str | None) -> str:
    if text is None:
        return ""
    return f"{float(text):g}" if _is_number(text) else text


@dataclass
class ProjectLine:
    iri: str
    title: str
    start: str
    end: str
    note: str = ""  # the role, or the place it happens at


@dataclass
class PartnerLine:
    iri: str
    name: str
    projects: int
    years: str  # first start year – last end year


@dataclass
class OrganisationProfile:
    iri: str
    name: str
    kind: str
    country: str
    based: tuple[str, str] | None
    projects: list[ProjectLine]
    partners: list[PartnerLine]


def _years(starts: list[str], ends: list[str]) -> str:
    first = min((s[:4] for s in starts if s), default="")
    last = max((e[:4] for e in ends if e), default="")
    if first and last and first != last:
        return f"{first}–{last}"
    return first or last


def organisation_profile(db: ox.Store, iri: str) -> OrganisationProfile | None:
    projects = [
        ProjectLine(
            r["project"].value,
            _text(r["title"]) or r["project"].value,
            _text(r["start"]) or "",
            _text(r["end"]) or "",
            _code(r["role"], "role-") or "",
        )
        for r in _select(db, ORG_PROJECTS, "org", iri)
    ]
    if not projects:
        return None
    found = _select(db, ORG, "org", iri)
    r = found[0] if found else None
    together: dict[str, dict[str, Any]] = {}
    for p in _select(db, ORG_PARTNERS, "org", iri):
        entry = together.setdefault(
            p["other"].value,
            {"name": _text(p["name"]) or p["other"].value, "projects": set(), "s": [], "e": []},
        )
        entry["projects"].add(p["project"].value)
        entry["s"].append(_text(p["start"]) or "")
        entry["e"].append(_text(p["end"]) or "")
    partners = sorted(
        (
            PartnerLine(other, e["name"], len(e["projects"]), _years(e["s"], e["e"]))
            for other, e in together.items()
        ),
        key=lambda p: (-p.projects, p.name),
    )
    return OrganisationProfile(
        iri,
        (_text(r["name"]) if r else None) or iri.rsplit("/", 1)[-1],
        (_code(r["type"], "orgtype-") if r else None) or "",
        (_text(r["country"]) if r else None) or "",
        (r["based"].value, _text(r["basedLabel"]) or r["based"].value)
        if r is not None and r["based"] is not None
        else None,
        projects,
        partners,
    )


@dataclass
class PlaceProfile:
    iri: str
    name: str
    level: str
    nuts: str
    country: str
    within: list[tuple[str, str]]
    projects: list[ProjectLine]


def place_profile(db: ox.Store, iri: str) -> PlaceProfile | None:
    rows = _select(db, PLACE, "place", iri)
    if not rows or all(r["label"] is None and r["level"] is None for r in rows):
        return None
    first = rows[0]
    within = {
        r["within"].value: _text(r["withinLabel"]) or r["within"].value
        for r in rows
        if r["within"] is not None
    }
    projects: dict[str, ProjectLine] = {}
    for r in _select(db, PLACE_PROJECTS, "place", iri):
        key = r["project"].value
        at = _text(r["atLabel"]) or ""
        line = projects.get(key)
        if line is None:
            projects[key] = ProjectLine(
                key, _text(r["title"]) or key, _text(r["start"]) or "", _text(r["end"]) or "", at
            )
        elif at and at not in line.note.split(", "):
            line.note = f"{line.note}, {at}" if line.note else at
    return PlaceProfile(
        iri,
        _text(first["label"]) or iri.rsplit("/", 1)[-1],
        _code(first["level"], "level-") or "",
        _text(first["nuts"]) or "",
        _text(first["country"]) or "",
        sorted(within.items(), key=lambda kv: kv[1]),
        list(projects.values()),
    )


PROGRAMME = """SELECT ?programme ?label ?cci ?period ?alt WHERE {
  OPTIONAL { ?programme rdfs:label ?label }
  OPTIONAL { ?programme skos:notation ?cci }
  OPTIONAL { ?programme coop:period ?period }
  OPTIONAL { ?programme skos:altLabel ?alt }
}"""
PROGRAMME_PROJECTS = """SELECT ?programme ?project ?title ?start ?end WHERE {
  ?project coop:programme ?programme .
  OPTIONAL { ?project dct:title ?title }
  OPTIONAL { ?project schema:startDate ?start }
  OPTIONAL { ?project schema:endDate ?end }
} ORDER BY ?start ?project"""


@dataclass
class ProgrammeProfile:
    iri: str
    name: str
    code: str  # the CCI number
    period: str
    aliases: list[str]
    projects: list[ProjectLine]


def programme_profile(db: ox.Store, iri: str) -> ProgrammeProfile | None:
    rows = _select(db, PROGRAMME, "programme", iri)
    if not rows or rows[0]["label"] is None:
        return None
    first = rows[0]
    projects: dict[str, ProjectLine] = {}
    for r in _select(db, PROGRAMME_PROJECTS, "programme", iri):
        key = r["project"].value
        projects.setdefault(
            key,
            ProjectLine(
                key, _text(r["title"]) or key, _text(r["start"]) or "", _text(r["end"]) or ""
            ),
        )
    return ProgrammeProfile(
        iri,
        _text(first["label"]) or iri,
        _text(first["cci"]) or "",
        _text(first["period"]) or "",
        sorted({r["alt"].value for r in rows if r["alt"] is not None}),
        list(projects.values()),
    )
