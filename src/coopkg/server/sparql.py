"""/sparql: the SPARQL 1.1 Protocol, query operation.

GET ?query=, POST form-encoded, POST application/sparql-query. SELECT/ASK
results as JSON, XML, CSV or TSV and CONSTRUCT/DESCRIBE graphs as Turtle,
N-Triples, JSON-LD or RDF/XML, chosen by Accept. Every query runs in a child
process cut at the time limit and the row cap (announced in `X-Result-Limit`);
nothing a query says can make the server fetch from outside. Updates go to /update.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request

from ..errors import BadInput, NotAcceptable, UnsupportedOperation
from ..search.sparql import uses_search
from . import guard
from .execution import execute
from .negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose

bp = Blueprint("sparql", __name__)


def _one_query(values: Any) -> str | None:
    """The one `query` parameter; the Protocol allows exactly one, and picking one of
    several would answer a question the client may not have meant."""
    texts = values.getlist("query")
    if len(texts) > 1:
        raise BadInput(f"give exactly one 'query' parameter, not {len(texts)}")
    return texts[0] if texts else None


def _params() -> tuple[str | None, list[str], list[str], bool]:
    """The query text and dataset parameters, from the URL or the body."""
    if request.method in ("GET", "HEAD"):  # HEAD: the GET's headers, without its body
        args = request.args
        return (
            _one_query(args),
            args.getlist("default-graph-uri"),
            args.getlist("named-graph-uri"),
            "update" in args,
        )
    mimetype = request.mimetype
    if mimetype == "application/x-www-form-urlencoded":
        form = request.form
        return (
            _one_query(form),
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


JSON_RESULTS = "application/sparql-results+json"


def _whole(body: bytes | Iterator[bytes]) -> bytes:
    return body if isinstance(body, bytes) else b"".join(body)


def _results_page(text: str, media_type: str, body: bytes, truncated: bool) -> Response:
    """The answer as an HTML page: a table for SELECT, yes or no for ASK, Turtle for a graph."""
    settings = current_app.config["COOPKG_SETTINGS"]
    names: list[str] | None = None
    rows: list[dict[str, str | None]] = []
    boolean: bool | None = None
    graph: str | None = None
    if media_type == JSON_RESULTS:
        answer = json.loads(body)
        if "boolean" in answer:
            boolean = bool(answer["boolean"])
        else:
            names = list(answer["head"]["vars"])
            rows = [
                {n: (b[n]["value"] if n in b else None) for n in names}
                for b in answer["results"]["bindings"]
            ]
    else:
        graph = body.decode("utf-8")
    page = render_template(
        "results.html",
        query_text=text,
        names=names,
        rows=rows,
        boolean=boolean,
        graph=graph,
        truncated=truncated,
        max_rows=settings.max_rows,
    )
    resp = Response(page, mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    return resp


def _maybe(offers: list[str], default: str) -> str | None:
    try:
        return choose(offers, default)
    except NotAcceptable:
        return None


def answer_query(text: str, default_graphs: list[str], named_graphs: list[str]) -> Response:
    settings = current_app.config["COOPKG_SETTINGS"]
    handle = current_app.config["COOPKG_STORE"]
    db = handle.get()
    guard.check(text, lambda iri: db.contains_named_graph(ox.NamedNode(iri)))
    kwargs: dict[str, Any] = {}
    union = settings.union_default_graph
    if default_graphs:
        kwargs["default_graph"] = _graph_terms(default_graphs)
        union = False
    if named_graphs:
        kwargs["named_graphs"] = _graph_terms(named_graphs)
    if uses_search(text):  # the query process gets the index (a file's path, or its bytes)
        kwargs["search"] = current_app.config["COOPKG_SEARCH"].get()
    # a browser following a link asks for HTML: the answer as a page, not a 406
    as_page = _maybe([*RESULT_FORMATS, "text/html"], JSON_RESULTS) == "text/html"
    select_media: str | None
    graph_media: str | None
    if as_page:
        select_media, graph_media = JSON_RESULTS, "text/turtle"
    else:
        select_media = _maybe(list(RESULT_FORMATS), JSON_RESULTS)
        graph_media = _maybe(list(GRAPH_FORMATS), "text/turtle")
    if select_media is not None:
        select_media = RESULT_FORMATS[select_media][0].media_type
    if graph_media is not None:
        graph_media = GRAPH_FORMATS[graph_media][0].media_type
    if select_media is None and graph_media is None:
        raise NotAcceptable(
            "none of the requested media types can be produced; offered: "
            + ", ".join(sorted(set(RESULT_FORMATS) | set(GRAPH_FORMATS)))
        )
    result = execute(
        handle,
        text,
        kwargs,
        select_media=select_media,
        graph_media=graph_media,
        timeout=settings.query_timeout,
        max_rows=settings.max_rows,
        union_default_graph=union,
        pools=current_app.config["COOPKG_QUERY_POOLS"],
    )
    if as_page:
        return _results_page(text, result.media_type, _whole(result.body), result.truncated)
    textual = result.media_type.startswith("text/") or result.media_type.endswith(("json", "xml"))
    content_type = f"{result.media_type}; charset=utf-8" if textual else result.media_type
    resp = Response(result.body, content_type=content_type)
    resp.headers["Vary"] = "Accept"
    resp.headers["X-Result-Limit"] = str(settings.max_rows)
    if result.truncated:
        resp.headers["X-Result-Truncated"] = "true"
    return resp


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    text, default_graphs, named_graphs, is_update = _params()
    if is_update:
        raise UnsupportedOperation("SPARQL Update is not accepted at /sparql; send it to /update")
    if text is None:
        if request.method in ("GET", "HEAD"):
            from .describe import service_description

            return service_description()
        raise BadInput("missing the 'query' parameter")
    if not text.strip():
        raise BadInput("the query is empty")
    return answer_query(text, default_graphs, named_graphs)
