"""The Flask application: `create_app(settings)` builds a fresh app, no globals."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Flask, Response, request

from ..search.served import ServedIndex
from ..settings import Settings
from ..stores.embedded import StoreHandle, open_store
from ..stores.endpoint import is_remote
from . import (
    charts,
    describe,
    entities,
    errors,
    maps,
    pages,
    projects,
    reconcile,
    search,
    sparql,
    validation,
    writes,
)
from .admission import QuerySlots
from .execution import QueryPools

READ_METHODS = "GET, HEAD, POST, OPTIONS"


def create_app(
    settings: Settings | None = None,
    store: ox.Store | None = None,
    query_slots: QuerySlots | None = None,
) -> Flask:
    """Build the app. Tests pass an in-memory `store`; otherwise settings.store is opened
    (read-write only when a write token is configured). `coopkg serve` passes the query
    slots its worker processes share."""
    settings = settings or Settings()
    app = Flask(__name__, template_folder="../templates", static_folder="../static")
    app.config["COOPKG_SETTINGS"] = settings
    if store is not None:
        handle = StoreHandle(store=store)
    elif is_remote(settings.store):
        # a remote store answers (and limits) queries itself: one shared client
        handle = StoreHandle(settings.store, store=open_store(settings.store, settings=settings))
    else:
        handle = StoreHandle(settings.store, writable=bool(settings.write_token))
    app.config["COOPKG_STORE"] = handle
    app.config["COOPKG_SEARCH"] = ServedIndex(handle)
    # the query processes this app starts, kept with the app rather than in a module
    app.config["COOPKG_QUERY_POOLS"] = QueryPools(query_slots)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    errors.register(app)
    for blueprint in (
        sparql.bp,
        pages.bp,
        describe.bp,
        writes.bp,
        entities.bp,
        validation.bp,
        reconcile.bp,
        search.bp,
        projects.bp,
        maps.bp,
        charts.bp,
    ):
        app.register_blueprint(blueprint)

    @app.context_processor
    def libraries() -> dict[str, bool]:
        # pages draw maps only when scripts/install has fetched Leaflet
        return {"leaflet": maps.leaflet_installed()}

    # entity IRIs open this server's page for them; others stay as they are
    app.add_template_filter(entities.local_path, "local_link")

    @app.after_request
    def cors(response: Response) -> Response:
        # reads are open to pages on any origin; writes are not
        if request.path not in ("/update", "/graph-store") or request.method in ("GET", "HEAD"):
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Allow-Methods"] = READ_METHODS
            response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response.headers["Access-Control-Expose-Headers"] = "X-Result-Limit, X-Result-Truncated"
        return response

    return app
