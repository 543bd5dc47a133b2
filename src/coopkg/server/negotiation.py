"""Content negotiation: the formats each kind of SPARQL result can be written in."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import request

from ..errors import NotAcceptable


@dataclass(frozen=True)
class Format:
    media_type: str
    extension: str


RESULT_FORMATS: dict[str, tuple[Format, ox.QueryResultsFormat]] = {
    "application/sparql-results+json": (
        Format("application/sparql-results+json", "srj"),
        ox.QueryResultsFormat.JSON,
    ),
    "application/sparql-results+xml": (
        Format("application/sparql-results+xml", "srx"),
        ox.QueryResultsFormat.XML,
    ),
    "text/csv": (Format("text/csv", "csv"), ox.QueryResultsFormat.CSV),
    "text/tab-separated-values": (
        Format("text/tab-separated-values", "tsv"),
        ox.QueryResultsFormat.TSV,
    ),
    # common aliases that clients send
    "application/json": (
        Format("application/sparql-results+json", "srj"),
        ox.QueryResultsFormat.JSON,
    ),
    "application/xml": (Format("application/sparql-results+xml", "srx"), ox.QueryResultsFormat.XML),
    "text/xml": (Format("application/sparql-results+xml", "srx"), ox.QueryResultsFormat.XML),
}

GRAPH_FORMATS: dict[str, tuple[Format, ox.RdfFormat]] = {
    "text/turtle": (Format("text/turtle", "ttl"), ox.RdfFormat.TURTLE),
    "application/n-triples": (Format("application/n-triples", "nt"), ox.RdfFormat.N_TRIPLES),
    "application/ld+json": (Format("application/ld+json", "jsonld"), ox.RdfFormat.JSON_LD),
    "application/rdf+xml": (Format("application/rdf+xml", "rdf"), ox.RdfFormat.RDF_XML),
    "text/plain": (Format("application/n-triples", "nt"), ox.RdfFormat.N_TRIPLES),
    "application/x-turtle": (Format("text/turtle", "ttl"), ox.RdfFormat.TURTLE),
}

# `format=` shortcuts for links and browsers that cannot set Accept
SHORT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


def choose(offers: list[str], default: str) -> str:
    """Best offered media type for the request's Accept header (q-values honoured).

    An explicit `format` parameter wins. No Accept header, or only wildcards,
    gives `default`. Nothing acceptable raises NotAcceptable (406).
    """
    explicit = request.args.get("format")
    if (
        not explicit
        and request.method == "POST"
        and request.mimetype == "application/x-www-form-urlencoded"
    ):
        explicit = request.form.get("format")
    if explicit:
        media = SHORT_NAMES.get(explicit.lower(), explicit.lower())
        if media in offers:
            return media
        raise NotAcceptable(
            f"format {explicit!r} is not offered here; offered: {', '.join(sorted(set(offers)))}"
        )
    accept = request.accept_mimetypes
    if not accept or all(value in ("*/*", "*") for value, _ in accept):
        return default
    ordered = [default] + [o for o in offers if o != default]
    best = accept.best_match(ordered)
    if best is None:
        raise NotAcceptable(
            "none of the requested media types can be produced; offered: "
            + ", ".join(sorted(set(offers)))
        )
    return best
