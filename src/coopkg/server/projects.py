"""`/projects`: every project, narrowed by facets and words, as a page, CSV or JSON, with
the SPARQL query that gives the same list."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, render_template, request

from ..browse.facets import FACETS, SORTS, TITLES, View, counts, select, sparql
from ..browse.table import Row, Table, read_table
from ..errors import BadInput, NotAcceptable
from ..queries import run_sparql

bp = Blueprint("projects", __name__)

FORMATS = {"json": "application/json", "csv": "text/csv", "html": "text/html"}


def browse_table() -> Table:
    """The store's projects with their facet values, read once per store version."""
    handle = current_app.config["COOPKG_STORE"]
    table: Table = handle.per_version("browse-table", lambda: read_table(handle.get()))
    return table


# the projects in a place or in what lies within it, and those an organisation takes part
# in (the entity bound as a substitution, never spliced into the text)
IN_PLACE = """PREFIX dct: <http://purl.org/dc/terms/>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
SELECT DISTINCT ?project ?place WHERE { ?project dct:spatial/geo:sfWithin* ?place }"""
OF_ORGANISATION = """PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?project ?org WHERE { ?m org:member ?org ; org:organization ?project }"""
SCOPES = {"place": (IN_PLACE, "place"), "organisation": (OF_ORGANISATION, "org")}


def _iri_arg(name: str) -> ox.NamedNode | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    try:
        return ox.NamedNode(raw)
    except ValueError:
        raise BadInput(f"{name}={raw!r} is not an IRI") from None


def scoped_rows(view: View) -> list[Row]:
    """The view's projects, narrowed by the request to one `project`, to a `place` and
    what lies within it, or to an `organisation`'s projects (for the maps and charts of
    entity pages)."""
    _, rows, _ = view_rows(view)
    project = _iri_arg("project")
    if project is not None:
        rows = [r for r in rows if r.iri == project.value]
    for name, (query, variable) in SCOPES.items():
        scope = _iri_arg(name)
        if scope is None:
            continue
        db = current_app.config["COOPKG_STORE"].get()
        bound = {ox.Variable(variable): scope}
        found = {r["project"].value for r in run_sparql(db, query, substitutions=bound)}
        rows = [r for r in rows if r.iri in found]
    return rows


def view_rows(view: View) -> tuple[Table, list[Row], set[str] | None]:
    """The table, the projects of a view in its order, and those its words matched
    (None without words)."""
    table = browse_table()
    matched = None
    if view.q:
        index = current_app.config["COOPKG_SEARCH"].get()
        matched = set(index.scores(view.q))
    return table, select(table, view, matched), matched


def _format() -> str:
    explicit = request.args.get("format", "").lower()
    if explicit:
        if explicit not in FORMATS:
            raise NotAcceptable(f"format {explicit!r} is not offered; offered: html, json, csv")
        return explicit
    if not request.accept_mimetypes or request.accept_mimetypes.best == "*/*":
        return "html"
    best = request.accept_mimetypes.best_match(["text/html", "application/json", "text/csv"])
    if best is None:
        raise NotAcceptable("offered here: text/html, application/json, text/csv")
    return {v: k for k, v in FORMATS.items()}[best]


def _as_dict(row: Row, labels: dict[str, dict[str, str]]) -> dict[str, Any]:
    programme = labels.get("programme", {}).get(row.programme or "", None)
    return {
        "id": row.iri,
        "title": row.title,
        "start": row.start,
        "end": row.end,
        "programme": programme,
        "budget": row.budget,
        "currency": row.currency,
        "countries": sorted(row.values.get("country", set())),
        "funds": sorted(row.values.get("fund", set())),
    }


@bp.route("/projects")
def projects() -> Response | str:
    fmt = _format()
    view = View.from_args(request.args.to_dict(flat=False))
    table, rows, matched = view_rows(view)
    query = sparql(view)
    if fmt == "csv":
        out = io.StringIO()
        fields = ["id", "title", "start", "end", "programme", "budget", "currency", "countries"]
        writer = csv.DictWriter(
            out, fieldnames=fields, lineterminator="\r\n", extrasaction="ignore"
        )
        writer.writeheader()
        for row in rows:
            record = _as_dict(row, table.labels)
            record["countries"] = " ".join(record["countries"])
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
        return Response(out.getvalue(), mimetype="text/csv", headers={"Vary": "Accept"})
    facet_counts = counts(table, view, matched)
    start = (view.page - 1) * view.per_page
    page = rows[start : start + view.per_page]
    if fmt == "json":
        response = jsonify(
            {
                "total": len(rows),
                "page": view.page,
                "per_page": view.per_page,
                "chosen": {f: list(v) for f, v in view.chosen.items()},
                "q": view.q,
                "sort": view.sort,
                "projects": [_as_dict(r, table.labels) for r in page],
                "facets": {
                    f: [{"value": v, "label": label, "count": n} for v, label, n in facet_counts[f]]
                    for f in FACETS
                },
                "sparql": query,
            }
        )
        response.headers["Vary"] = "Accept"
        return response

    def link(toggle: tuple[str, str] | None = None, **changes: object) -> str:
        return "/projects?" + urlencode(view.params(toggle, **changes))

    return render_template(
        "projects.html",
        view=view,
        total=len(rows),
        rows=[_as_dict(r, table.labels) for r in page],
        facets=facet_counts,
        titles=TITLES,
        sorts=SORTS,
        link=link,
        query=query,
        run_link="/sparql?" + urlencode({"query": query}),
        pages=max(1, -(-len(rows) // view.per_page)),
    )
