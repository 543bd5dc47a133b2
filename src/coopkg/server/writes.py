"""Writes behind a bearer token: SPARQL 1.1 Update at /update and the Graph Store HTTP
Protocol at /graph-store (GET, HEAD, PUT, POST, DELETE on ?default or ?graph=IRI).

Writes are off unless a token is configured. An upload is parsed completely before
the store is touched, so a malformed document changes nothing.
"""

from __future__ import annotations

import hmac

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from ..errors import BadInput, Forbidden, NotFound, Unauthorized
from . import guard
from .negotiation import GRAPH_FORMATS, choose

bp = Blueprint("writes", __name__)

UPLOAD_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def require_token() -> None:
    token = current_app.config["COOPKG_SETTINGS"].write_token
    if not token:
        raise Forbidden("writes are disabled on this server (no write token is configured)")
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        raise Unauthorized("this operation needs 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(header[len("Bearer ") :].strip().encode(), token.encode()):
        raise Forbidden("the bearer token is not valid for writes")


def _store() -> ox.Store:
    db: ox.Store = current_app.config["COOPKG_STORE"].get()
    return db


def _flush(db: ox.Store) -> None:
    from ..stores.endpoint import merged_graph_name
    from ..stores.merged import has_merged_default, merge_default_graph

    # a built store keeps the merge of its graphs as its default graph: keep it true
    handle = current_app.config["COOPKG_STORE"]
    if has_merged_default(db):
        base = current_app.config["COOPKG_SETTINGS"].base_iri
        merge_default_graph(db, merged_graph_name(base) if handle.is_remote else None)
    if current_app.config["COOPKG_STORE"].location not in (None, ":memory:"):
        db.flush()
    current_app.config["COOPKG_STORE"].wrote()
    # the search index follows the data it indexes
    current_app.config["COOPKG_SEARCH"].refresh()


@bp.route("/update", methods=["POST"])
def update() -> Response:
    require_token()
    if request.mimetype == "application/x-www-form-urlencoded":
        text = request.form.get("update")
    elif request.mimetype == "application/sparql-update":
        try:
            text = request.get_data().decode("utf-8")
        except UnicodeDecodeError:
            raise BadInput("the update body is not UTF-8") from None
    else:
        raise BadInput("POST an update as application/sparql-update or a form with 'update'")
    if not text or not text.strip():
        raise BadInput("missing the 'update' parameter")
    db = _store()
    guard.check(text, lambda iri: db.contains_named_graph(ox.NamedNode(iri)))
    try:
        db.update(text)
    except SyntaxError as e:
        raise BadInput(f"the update does not parse: {e}") from None
    _flush(db)
    return Response(status=204)


def _target() -> ox.NamedNode | ox.DefaultGraph:
    has_default = "default" in request.args
    graph = request.args.get("graph")
    if has_default == (graph is not None):
        raise BadInput("give exactly one of ?default or ?graph=IRI")
    if graph is None:
        return ox.DefaultGraph()
    try:
        return ox.NamedNode(graph)
    except ValueError:
        raise BadInput(f"?graph={graph!r} is not an absolute IRI") from None


def _exists(db: ox.Store, target: ox.NamedNode | ox.DefaultGraph) -> bool:
    if isinstance(target, ox.DefaultGraph):
        return True
    return db.contains_named_graph(target)


def _parse_upload(target: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    fmt = UPLOAD_FORMATS.get(request.mimetype)
    if fmt is None:
        raise BadInput(
            f"cannot read {request.mimetype or 'a body without a content type'}; send one of "
            + ", ".join(sorted(UPLOAD_FORMATS))
        )
    data = request.get_data()
    base = target.value if isinstance(target, ox.NamedNode) else request.base_url
    try:
        parsed = list(ox.parse(data, format=fmt, base_iri=base))
    except SyntaxError as e:
        raise BadInput(f"the upload is not valid {fmt.name}: {e}") from None
    except ValueError as e:
        raise BadInput(f"the upload cannot be read: {e}") from None
    return [ox.Quad(q.subject, q.predicate, q.object, target) for q in parsed]


@bp.route("/graph-store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
def graph_store() -> Response:
    target = _target()
    db = _store()
    if request.method in ("GET", "HEAD"):
        if not _exists(db, target):
            raise NotFound("no such graph in this store")
        media = choose(list(GRAPH_FORMATS), "text/turtle")
        fmt, rdf_format = GRAPH_FORMATS[media]
        triples = [q.triple for q in db.quads_for_pattern(None, None, None, target)]
        body = ox.serialize(triples, format=rdf_format) or b""
        resp = Response(b"" if request.method == "HEAD" else body, content_type=fmt.media_type)
        resp.headers["Content-Length"] = str(len(body))
        resp.headers["Vary"] = "Accept"
        return resp
    require_token()
    existed = _exists(db, target) and (
        isinstance(target, ox.DefaultGraph)
        or any(True for _ in db.quads_for_pattern(None, None, None, target))
    )
    if request.method == "DELETE":
        if not _exists(db, target):
            raise NotFound("no such graph in this store")
        if isinstance(target, ox.DefaultGraph):
            db.clear_graph(target)
        else:
            db.remove_graph(target)
        _flush(db)
        return Response(status=204)
    quads = _parse_upload(target)  # everything parsed before anything changes
    if request.method == "PUT" and _exists(db, target):
        db.clear_graph(target)
    if isinstance(target, ox.NamedNode) and not db.contains_named_graph(target):
        db.add_graph(target)
    db.extend(quads)
    _flush(db)
    return Response(status=204 if existed else 201)
