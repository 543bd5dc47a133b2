"""Pages a person can browse: the query page, named queries, the ontology, health."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request

from .. import paths
from ..errors import NotFound
from ..ontology_docs import ontology_doc
from ..queries import all_queries, bindings, get_query, rows, run_sparql
from ..search.sparql import uses_search
from .negotiation import GRAPH_FORMATS, choose

bp = Blueprint("pages", __name__)

COUNTS_QUERY = """
PREFIX coop: <https://w3id.org/coopkg/ontology#>
SELECT
  (COUNT(DISTINCT ?project) AS ?projects)
  (COUNT(DISTINCT ?organisation) AS ?organisations)
  (COUNT(DISTINCT ?place) AS ?places)
  (COUNT(DISTINCT ?document) AS ?documents)
WHERE {
  { ?project a coop:Project } UNION { ?organisation a coop:Organisation }
  UNION { ?place a coop:Territory } UNION { ?document a coop:SourceDocument }
}
"""


def _store() -> Any:
    return current_app.config["COOPKG_STORE"].get()


def dataset_counts() -> dict[str, int]:
    """Projects, organisations, places, documents and quads: computed once a store version
    (a new build or a write) and worker, the quads taken from the build when it recorded
    them (counting a store of 100,000 projects takes minutes)."""
    handle = current_app.config["COOPKG_STORE"]

    def count() -> dict[str, int]:
        db = _store()
        solution = next(iter(run_sparql(db, COUNTS_QUERY, union_default_graph=True)))
        counts = {
            name: int(solution[name].value)
            for name in ("projects", "organisations", "places", "documents")
        }
        recorded = handle.build_counts()
        counts["quads"] = recorded["quads"] if recorded and "quads" in recorded else len(db)
        return counts

    return dict(handle.per_version("counts", count))


DEFAULT_QUERY = """PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?project ?title WHERE {
  ?project a coop:Project ; dct:title ?title .
}
ORDER BY ?title"""


def has_editor() -> bool:
    static = Path(current_app.static_folder or "")
    return (static / "vendor" / "yasgui" / "yasgui.min.js").is_file()


def index() -> Response:
    queries = [q for q in all_queries().values() if not q.is_violation_check]
    query_text = request.args.get("query", "") or DEFAULT_QUERY
    page = render_template(
        "index.html",
        queries=queries,
        counts=dataset_counts(),
        query_text=query_text,
        editor=has_editor(),
    )
    return Response(page, mimetype="text/html")


@bp.route("/")
def home() -> Response:
    return index()


@bp.route("/health")
def health() -> Response:
    """Liveness: answers at once whatever the store's size (nothing is counted here)."""
    return Response(
        json.dumps({"status": "ok", "version": current_app.config["COOPKG_STORE"].version()}),
        mimetype="application/json",
    )


@bp.route("/queries")
def query_list() -> Response:
    queries = sorted(all_queries().values(), key=lambda q: q.name)
    media = choose(["text/html", "application/json"], "text/html")
    if media == "application/json":
        payload = [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "params": [
                    {"name": p.name, "type": p.type, "default": p.default} for p in q.params
                ],
            }
            for q in queries
        ]
        return Response(json.dumps(payload, ensure_ascii=False), mimetype="application/json")
    return Response(render_template("queries.html", queries=queries), mimetype="text/html")


@bp.route("/queries/<name>")
def named_query(name: str) -> Response:
    query = get_query(name)
    given = {k: v for k, v in request.args.items() if k != "format" and v != ""}
    media = choose(
        ["text/html", "application/sparql-results+json", "application/json", "text/csv"],
        "text/html",
    )
    if media == "text/html" and any(p.required and p.name not in given for p in query.params):
        return Response(
            render_template("query.html", query=query, given=given, names=None, rows=None),
            mimetype="text/html",
        )
    search = current_app.config["COOPKG_SEARCH"].get() if uses_search(query.text) else None
    result = run_sparql(_store(), query.text, substitutions=bindings(query, given), search=search)
    if media in ("application/sparql-results+json", "application/json"):
        from pyoxigraph import QueryResultsFormat

        return Response(
            result.serialize(format=QueryResultsFormat.JSON),
            mimetype="application/sparql-results+json",
        )
    names, data = rows(result)
    if media == "text/csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in data)
        return Response(out.getvalue(), mimetype="text/csv")
    return Response(
        render_template("query.html", query=query, given=given, names=names, rows=data),
        mimetype="text/html",
    )


RDF_EXTENSIONS = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
    "html": "text/html",
}


def _document(files: list[Path], ext: str | None, html: Callable[[], str]) -> Response:
    """An RDF document of the project (ontology, shapes) as HTML or any RDF syntax."""
    if ext is not None and ext not in RDF_EXTENSIONS:
        raise NotFound(
            f"no serialisation .{ext}; use " + ", ".join(f".{e}" for e in RDF_EXTENSIONS)
        )
    media = RDF_EXTENSIONS[ext] if ext else choose(["text/html", *GRAPH_FORMATS], "text/html")
    if media == "text/html":
        resp = Response(html(), mimetype="text/html")
    elif media == "text/turtle":
        resp = Response(
            b"".join(f.read_bytes() for f in files), content_type="text/turtle; charset=utf-8"
        )
    else:
        fmt, rdf_format = GRAPH_FORMATS[media]
        triples = [
            q.triple for f in files for q in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE)
        ]
        resp = Response(
            ox.serialize(triples, format=rdf_format) or b"",
            content_type=f"{fmt.media_type}; charset=utf-8",
        )
    resp.headers["Vary"] = "Accept"
    return resp


@bp.route("/ontology")
@bp.route("/ontology.<ext>")
def ontology(ext: str | None = None) -> Response:
    return _document(
        [paths.ontology_file()], ext, lambda: render_template("ontology.html", doc=ontology_doc())
    )


@bp.route("/shapes")
@bp.route("/shapes.<ext>")
def shapes(ext: str | None = None) -> Response:
    files = sorted(paths.shapes_dir().glob("*.ttl"))

    def page() -> str:
        text = b"".join(f.read_bytes() for f in files).decode("utf-8")
        return render_template("shapes.html", text=text)

    return _document(files, ext, page)
