"""The Flask application: `create_app(settings)` builds a fresh app, no globals."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Flask

from ..settings import Settings
from ..store import StoreHandle
from . import errors, pages, sparql


def create_app(settings: Settings | None = None, store: ox.Store | None = None) -> Flask:
    """Build the app. Tests pass an in-memory `store`; otherwise settings.store is opened."""
    settings = settings or Settings()
    app = Flask(__name__, template_folder="../templates", static_folder="../static")
    app.config["COOPKG_SETTINGS"] = settings
    app.config["COOPKG_STORE"] = (
        StoreHandle(store=store) if store is not None else StoreHandle(settings.store)
    )
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    errors.register(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(pages.bp)
    return app
