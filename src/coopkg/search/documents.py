"""Each project's, organisation's and place's searchable text, read from a store.

A project is found by its titles (the name fields) and by the names of its partners,
places, programme and outcomes (the body); an organisation by its names and its seat;
a place by its names, its GeoNames alternate names (`Люблін` for Lublin) and the names
of the territories that contain it.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pyoxigraph as ox

from ..queries import run_sparql
from ..registries.snapshots import registry_dir

PREFIXES = """PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
"""

KINDS = {
    "project": "coop:Project",
    "organisation": "coop:Organisation",
    "place": "coop:Territory",
}

# (kind, field, query): each row an entity, a text and, where known, its language
TEXT_QUERIES: list[tuple[str, str, str]] = [
    ("project", "name", "SELECT ?e ?t WHERE { ?e a coop:Project ; dct:title|skos:altLabel ?t }"),
    (
        "project",
        "body",
        "SELECT ?e ?t WHERE { ?e a coop:Project . {"
        " ?m org:organization ?e ; org:member ?o . ?o rdfs:label|skos:altLabel ?t } UNION"
        " { ?e dct:spatial/(rdfs:label|skos:altLabel) ?t } UNION"
        " { ?e coop:programme/(rdfs:label|skos:altLabel|skos:notation) ?t } UNION"
        " { ?e coop:outcome/dct:description ?t } UNION { ?e dct:description ?t } UNION"
        " { ?e dct:identifier ?t } }",
    ),
    (
        "organisation",
        "name",
        "SELECT ?e ?t WHERE { ?e a coop:Organisation ; rdfs:label|skos:altLabel ?t }",
    ),
    (
        "organisation",
        "body",
        "SELECT ?e ?t WHERE { ?e a coop:Organisation ; coop:basedIn|coop:country ?s ."
        " ?s rdfs:label ?t }",
    ),
    ("place", "name", "SELECT ?e ?t WHERE { ?e a coop:Territory ; rdfs:label|skos:altLabel ?t }"),
    (
        "place",
        "body",
        "SELECT ?e ?t WHERE { ?e a coop:Territory ; geo:sfWithin/rdfs:label ?t }",
    ),
]
LANGUAGE_QUERY = "SELECT ?e ?lang WHERE { ?e prov:wasDerivedFrom ?g . ?g dct:language ?lang }"
LABEL_QUERY = (
    "SELECT ?e ?kind ?label WHERE { VALUES (?class ?kind) { (coop:Project 'project')"
    " (coop:Organisation 'organisation') (coop:Territory 'place') } ?e a ?class ."
    " OPTIONAL { ?e dct:title|rdfs:label ?label } }"
)
GEONAMES_QUERY = (
    "SELECT ?e ?gn WHERE { ?e a coop:Territory ; skos:exactMatch ?gn ."
    " FILTER(STRSTARTS(STR(?gn), 'https://sws.geonames.org/')) }"
)
PROJECT_PLACES_QUERY = "SELECT ?e ?place WHERE { ?e a coop:Project ; dct:spatial ?place }"
GEONAMES_FILE = "geonames_cities500_pl_cz_sk_ua_lt_de_by.csv"


@dataclass
class Entry:
    iri: str
    kind: str
    label: str
    language: str | None = None
    name: list[tuple[str, str | None]] = field(default_factory=list)  # (text, language)
    body: list[tuple[str, str | None]] = field(default_factory=list)


def _rows(store: ox.Store, query: str) -> list[Any]:
    return list(run_sparql(store, PREFIXES + query))


@cache
def geonames_alternates() -> dict[str, tuple[str, ...]]:
    """GeoNames ID → its alternate names in Latin or Cyrillic script."""
    out: dict[str, tuple[str, ...]] = {}
    path = registry_dir() / GEONAMES_FILE
    if not path.exists():
        return out
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names = [
                n
                for n in row["alternatenames"].split("|")
                if n and all(c.isascii() or "\u00c0" <= c <= "\u04ff" for c in n)
            ]
            out[row["geonameid"]] = tuple(dict.fromkeys(names))
    return out


def entries(store: ox.Store) -> list[Entry]:
    """Every searchable entity of the store with its text, sorted by IRI."""
    found: dict[str, Entry] = {}
    for row in _rows(store, LABEL_QUERY):
        iri = row["e"].value
        if iri not in found:
            label = row["label"].value if row["label"] is not None else iri.rsplit("/", 1)[-1]
            found[iri] = Entry(iri, row["kind"].value, label)
    languages: dict[str, str] = {
        r["e"].value: r["lang"].value for r in _rows(store, LANGUAGE_QUERY)
    }
    for iri, entry in found.items():
        entry.language = languages.get(iri)
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, part, query in TEXT_QUERIES:
        for row in _rows(store, query):
            hit = found.get(row["e"].value)
            text = row["t"]
            if hit is None or hit.kind != kind or text is None:
                continue
            if text.value in seen[(hit.iri, part)]:
                continue
            seen[(hit.iri, part)].add(text.value)
            lang = getattr(text, "language", None) or hit.language
            getattr(hit, part).append((text.value, lang))
    alternates = geonames_alternates()
    place_names: dict[str, list[str]] = defaultdict(list)
    for row in _rows(store, GEONAMES_QUERY):
        gid = row["gn"].value.rstrip("/").rsplit("/", 1)[-1]
        place_names[row["e"].value] += alternates.get(gid, ())
    for iri, names in place_names.items():
        place = found.get(iri)
        if place is not None:
            place.name += [(n, None) for n in names if n not in seen[(iri, "name")]]
    # a project is found by the other names of its places too (`Люблін` for Lublin)
    for row in _rows(store, PROJECT_PLACES_QUERY):
        project = found.get(row["e"].value)
        if project is not None:
            project.body += [(n, None) for n in place_names.get(row["place"].value, ())]
    return [found[iri] for iri in sorted(found)]
