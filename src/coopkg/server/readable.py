"""Pages a person reads for projects, organisations and places (the table of
statements stays one click away, at `?view=triples`, and RDF by content negotiation)."""

from __future__ import annotations

from urllib.parse import urlencode

import pyoxigraph as ox
from flask import render_template, url_for

from ..browse.evidence import Span, anchors_by_node, segments
from ..browse.profiles import (
    organisation_profile,
    place_profile,
    programme_profile,
    project_profile,
)
from ..errors import BadInput
from .entities import evidence_of, source_path, status_of

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PROJECT = ox.NamedNode("https://w3id.org/coopkg/ontology#Project")
ORGANISATION = ox.NamedNode("https://w3id.org/coopkg/ontology#Organisation")
TERRITORY = ox.NamedNode("https://w3id.org/coopkg/ontology#Territory")
PROGRAMME = ox.NamedNode("https://w3id.org/coopkg/ontology#Programme")


def _types(db: ox.Store, iri: str) -> set[ox.NamedNode]:
    return {
        q.object
        for q in db.quads_for_pattern(ox.NamedNode(iri), RDF_TYPE, None)
        if isinstance(q.object, ox.NamedNode)
    }


def readable_page(db: ox.Store, iri: str) -> str | None:
    """The page for a project, organisation or place; None for anything else."""
    types = _types(db, iri)
    if PROJECT in types:
        return _project_page(db, iri)
    if ORGANISATION in types:
        org = organisation_profile(db, iri)
        if org is None:
            return None
        return render_template(
            "organisation.html", o=org, chart_query=urlencode({"organisation": iri})
        )
    if PROGRAMME in types:
        programme = programme_profile(db, iri)
        if programme is None:
            return None
        return render_template(
            "programme.html",
            p=programme,
            chart_query=urlencode({"programme": iri}),
            list_url="/projects?" + urlencode({"programme": iri}),
            map_url="/map?" + urlencode({"programme": iri}),
        )
    if TERRITORY in types:
        place = place_profile(db, iri)
        if place is None:
            return None
        return render_template(
            "place.html",
            p=place,
            map_url=url_for("maps.data", place=iri, level="3"),
            list_url=url_for("projects.projects"),
            chart_query=urlencode({"place": iri}),
        )
    return None


def _source_text(name: str | None) -> str | None:
    path = source_path(name) if name else None
    if path is None:
        return None
    from ..extract.reading import read_document

    try:
        return read_document(path)
    except BadInput:  # unreadable: the page goes without its source text
        return None


def _project_page(db: ox.Store, iri: str) -> str | None:
    project = project_profile(db, iri)
    if project is None:
        return None
    evidence = evidence_of(db, iri)
    spans = [
        (ev.body, Span(ev.start, ev.end, f"ev-{n}", ev.about)) for n, ev in enumerate(evidence)
    ]
    text = _source_text(project.source_file)
    marked = segments(text, [s for _, s in spans]) if text is not None else []
    anchors = anchors_by_node(spans, marked) if text is not None else {}
    status, _ = status_of(db, ox.NamedNode(iri))
    return render_template(
        "project.html",
        p=project,
        status=status,
        source=marked,
        anchors=anchors,
        source_href=url_for("entities.source_document", name=project.source_file)
        if project.source_file
        else None,
        map_url=url_for("maps.data", project=iri, level="3"),
    )
