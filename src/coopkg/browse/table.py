"""One row per project with the values each facet filters on, read from a store by a few
SELECT queries (remembered per store version by the server)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from ..geo import boundaries
from ..queries import run_sparql
from ..vocab import COOP

PREFIXES = """PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
"""

PROJECTS = """SELECT ?p ?title ?start ?end ?programme ?programmeLabel ?budget ?currency WHERE {
  ?p a coop:Project .
  OPTIONAL { ?p dct:title ?title }
  OPTIONAL { ?p schema:startDate ?start }
  OPTIONAL { ?p schema:endDate ?end }
  OPTIONAL { ?p coop:programme ?programme OPTIONAL { ?programme rdfs:label ?programmeLabel } }
  OPTIONAL { ?p coop:totalBudget ?a . ?a schema:value ?budget
             OPTIONAL { ?a schema:currency ?currency } }
}"""
VALUES = {
    "fund": "SELECT ?p ?v WHERE { ?p a coop:Project ; coop:fundedBy ?v }",
    "country": (
        "SELECT ?p ?v WHERE { ?m org:organization ?p ; org:member/coop:country/coop:isoCode ?v }"
    ),
    "region": (
        "SELECT ?p ?v WHERE { ?p a coop:Project ; dct:spatial/geo:sfWithin* ?v ."
        " ?v coop:level ?level FILTER(?level IN (coop:level-region, coop:level-nuts2)) }"
    ),
    "orgtype": ("SELECT ?p ?v WHERE { ?m org:organization ?p ; org:member/org:classification ?v }"),
    "role": "SELECT ?p ?v WHERE { ?m org:organization ?p ; org:role ?v }",
    "unit": "SELECT ?p ?v WHERE { ?p a coop:Project ; coop:outcome/coop:unit ?v }",
    # the NUTS codes of a project's places and of what they lie within; expanded below to
    # every NUTS 2 and NUTS 3 code they imply (a code's prefixes are its larger units)
    "nuts": (
        "SELECT ?p ?v WHERE { ?p a coop:Project ; dct:spatial ?pl ."
        " { ?pl coop:nutsCode ?v } UNION { ?pl geo:sfWithin+/coop:nutsCode ?v } }"
    ),
}
PLACES = """SELECT ?p ?place ?label ?wkt WHERE {
  ?p a coop:Project ; dct:spatial ?place .
  OPTIONAL { ?place rdfs:label ?label }
  OPTIONAL { ?place geo:hasGeometry/geo:asWKT ?wkt } }"""
OUTCOMES = """SELECT ?p ?o ?unit ?status ?value WHERE {
  ?p a coop:Project ; coop:outcome ?o .
  ?o coop:unit ?unit ; coop:status ?status ; schema:value ?value }"""
POINT = re.compile(r"^\s*(?:<[^>]*>\s*)?POINT\s*\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)\s*$", re.I)
NUTS_LEVELS = tuple(boundaries.CODE_LENGTH.values())  # lengths of NUTS 2 and 3 codes
REGION_LABELS = """SELECT ?v ?label ?level WHERE {
  ?v coop:level ?level ; rdfs:label ?label
  FILTER(?level IN (coop:level-region, coop:level-nuts2)) }"""
# concept facets keep the code after this prefix of the concept's IRI
CONCEPT_PREFIX = {
    "fund": f"{COOP}fund-",
    "orgtype": f"{COOP}orgtype-",
    "role": f"{COOP}role-",
    "unit": f"{COOP}unit-",
}


@dataclass
class Place:
    iri: str
    label: str
    point: tuple[float, float] | None = None  # longitude, latitude


@dataclass(frozen=True)
class Outcome:
    unit: str  # the code after `unit-`
    achieved: bool
    value: float


@dataclass
class Row:
    iri: str
    title: str
    start: str | None = None
    end: str | None = None
    programme: str | None = None  # IRI
    budget: float | None = None
    currency: str | None = None
    values: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    places: dict[str, Place] = field(default_factory=dict)  # IRI → place
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def years(self) -> set[str]:
        if not self.start or not self.end:
            return set()
        return {str(y) for y in range(int(self.start[:4]), int(self.end[:4]) + 1)}


@dataclass
class Table:
    rows: list[Row]
    labels: dict[str, dict[str, str]]  # facet → value → label


def _select(store: ox.Store, query: str) -> list[Any]:
    return list(run_sparql(store, PREFIXES + query))


def _value(term: Any) -> str | None:
    return None if term is None else str(term.value)


def read_table(store: ox.Store) -> Table:
    rows: dict[str, Row] = {}
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for r in _select(store, PROJECTS):
        iri = r["p"].value
        row = rows.get(iri)
        if row is None:
            row = rows[iri] = Row(iri, _value(r["title"]) or iri.rsplit("/", 1)[-1])
        row.start = row.start or _value(r["start"])
        row.end = row.end or _value(r["end"])
        if r["programme"] is not None:
            row.programme = r["programme"].value
            row.values["programme"].add(row.programme)
            labels["programme"][row.programme] = _value(r["programmeLabel"]) or row.programme
        if r["budget"] is not None and row.budget is None:
            row.budget, row.currency = float(r["budget"].value), _value(r["currency"])
    for facet, query in VALUES.items():
        prefix = CONCEPT_PREFIX.get(facet)
        for r in _select(store, query):
            row = rows.get(r["p"].value)
            if row is None:
                continue
            value = r["v"].value
            if prefix:
                if not value.startswith(prefix):
                    continue
                value = value[len(prefix) :]
                labels[facet][value] = value.replace("_", " ")
            row.values[facet].add(value)
    for r in _select(store, PLACES):
        row = rows.get(r["p"].value)
        if row is None:
            continue
        iri = r["place"].value
        place = row.places.setdefault(iri, Place(iri, _value(r["label"]) or iri))
        match = POINT.match(r["wkt"].value) if r["wkt"] is not None else None
        if match and place.point is None:
            place.point = (float(match[1]), float(match[2]))
    for r in _select(store, OUTCOMES):
        row = rows.get(r["p"].value)
        unit = r["unit"].value
        if row is None or not unit.startswith(CONCEPT_PREFIX["unit"]):
            continue
        try:
            value = float(r["value"].value)
        except ValueError:  # ill-typed: the shapes report it
            continue
        achieved = r["status"].value == str(COOP.Achieved)
        row.outcomes.append(Outcome(unit[len(CONCEPT_PREFIX["unit"]) :], achieved, value))
    for r in _select(store, REGION_LABELS):
        level = "NUTS 2" if r["level"].value.endswith("nuts2") else "region"
        labels["region"][r["v"].value] = f"{r['label'].value} ({level})"
    for row in rows.values():
        row.values["year"] = row.years
        for year in row.years:
            labels["year"][year] = year
        for code in row.values["country"]:
            labels["country"][code] = code
        stated = row.values.pop("nuts", set())
        row.values["nuts"] = {c[:n] for c in stated for n in NUTS_LEVELS if len(c) >= n}
        for code in row.values["nuts"]:
            region = boundaries.region(code)
            labels["nuts"][code] = f"{code} {region.name}" if region else code
    return Table(sorted(rows.values(), key=lambda r: r.iri), dict(labels))
