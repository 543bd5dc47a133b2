"""/sparql: the SPARQL 1.1 Protocol, query operation only.

GET ?query=, POST form-encoded, POST application/sparql-query. SELECT/ASK
results as JSON, XML, CSV or TSV and CONSTRUCT/DESCRIBE graphs as Turtle,
N-Triples, JSON-LD or RDF/XML, chosen by Accept. Updates are refused here.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from ..errors import BadInput, UnsupportedOperation
from ..queries import run_sparql
from .negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose

bp = Blueprint("sparql", __name__)


def _params() -> tuple[str | None, list[str], list[str], bool]:
    """The query text and dataset parameters, from the URL or the body."""
    if request.method == "GET":
        args = request.args
        return (
            args.get("query"),
            args.getlist("default-graph-uri"),
            args.getlist("named-graph-uri"),
            "update" in args,
        )
    mimetype = request.mimetype
    if mimetype == "application/x-www-form-urlencoded":
        form = request.form
        return (
            form.get("query"),
            form.getlist("default-graph-uri"),
            form.getlist("named-graph-uri"),
            "update" in form,
        )
    if mimetype == "application/sparql-query":
        try:
            text = request.get_data(cache=True).decode("utf-8")
        except UnicodeDecodeError:
            raise BadInput("the query body is not UTF-8") from None
        return (
            text,
            request.args.getlist("default-graph-uri"),
            request.args.getlist("named-graph-uri"),
            False,
        )
    if mimetype == "application/sparql-update":
        return (None, [], [], True)
    raise BadInput(
        "POST a query as application/x-www-form-urlencoded or application/sparql-query, "
        f"not {mimetype or 'no content type'}"
    )


def _graph_terms(iris: list[str]) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(i) for i in iris]
    except ValueError:
        raise BadInput("default-graph-uri and named-graph-uri must be absolute IRIs") from None


def execute(text: str, default_graphs: list[str], named_graphs: list[str]) -> Any:
    settings = current_app.config["COOPKG_SETTINGS"]
    db = current_app.config["COOPKG_STORE"].get()
    kwargs: dict[str, Any] = {}
    union = settings.union_default_graph
    if default_graphs:
        kwargs["default_graph"] = _graph_terms(default_graphs)
        union = False
    if named_graphs:
        kwargs["named_graphs"] = _graph_terms(named_graphs)
    return run_sparql(db, text, union_default_graph=union, **kwargs)


def respond(result: Any) -> Response:
    if isinstance(result, ox.QueryTriples):
        media = choose(list(GRAPH_FORMATS), "text/turtle")
        fmt, rdf_format = GRAPH_FORMATS[media]
        body = result.serialize(format=rdf_format)
        return _response(body, fmt.media_type)
    media = choose(list(RESULT_FORMATS), "application/sparql-results+json")
    fmt, results_format = RESULT_FORMATS[media]
    body = result.serialize(format=results_format)
    return _response(body, fmt.media_type)


def _response(body: bytes | None, media_type: str) -> Response:
    textual = media_type.startswith("text/") or media_type.endswith(("json", "xml"))
    content_type = f"{media_type}; charset=utf-8" if textual else media_type
    resp = Response(body or b"", content_type=content_type)
    resp.headers["Vary"] = "Accept"
    return resp


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    text, default_graphs, named_graphs, is_update = _params()
    if is_update:
        raise UnsupportedOperation(
            "this endpoint is read-only: SPARQL Update is not accepted at /sparql"
        )
    if text is None:
        if request.method == "GET":
            from .pages import index

            return index()
        raise BadInput("missing the 'query' parameter")
    if not text.strip():
        raise BadInput("the query is empty")
    return respond(execute(text, default_graphs, named_graphs))
