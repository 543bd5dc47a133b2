"""`/search`: full-text search over projects, organisations and places, as JSON or a page."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from ..errors import BadInput, NotAcceptable
from ..search import Hit
from ..search.documents import KINDS
from ..search.lemmas import LANGUAGES
from ..search.served import ServedIndex

bp = Blueprint("search", __name__)

MAX_LIMIT = 100
DEFAULT_LIMIT = 20


def served_index() -> ServedIndex:
    found: ServedIndex = current_app.config["COOPKG_SEARCH"]
    return found


def _integer(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name, "")
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadInput(f"{name} must be a whole number, not {raw!r}") from None
    if not low <= value <= high:
        raise BadInput(f"{name} must be between {low} and {high}")
    return value


def _wants_html() -> bool:
    explicit = request.args.get("format", "").lower()
    if explicit:
        if explicit not in ("json", "html"):
            raise NotAcceptable(f"format {explicit!r} is not offered here; offered: html, json")
        return explicit == "html"
    if not request.accept_mimetypes or request.accept_mimetypes.best == "*/*":
        return False
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    if best is None:
        raise NotAcceptable("offered here: application/json, text/html")
    return best == "text/html"


def search_parameters() -> dict[str, Any]:
    q = request.args.get("q", "").strip()
    lang = request.args.get("lang", "").strip() or None
    kind = request.args.get("type", "").strip() or None
    if lang is not None and lang not in LANGUAGES:
        raise BadInput(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    if kind is not None and kind not in KINDS:
        raise BadInput(f"type must be one of {', '.join(KINDS)}, not {kind!r}")
    return {
        "q": q,
        "lang": lang,
        "type": kind,
        "limit": _integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        "offset": _integer("offset", 0, 0, 1_000_000),
    }


@bp.route("/search")
def search() -> Response | str:
    html = _wants_html()
    params = search_parameters()
    if not params["q"] and not html:
        raise BadInput("give the words to search for as q, e.g. /search?q=Lublin")
    total, hits = 0, list[Hit]()
    if params["q"]:
        total, hits = (
            served_index()
            .get()
            .search(params["q"], params["lang"], params["type"], params["limit"], params["offset"])
        )
    if html:
        return render_template(
            "search.html",
            params=params,
            total=total,
            hits=hits,
            kinds=list(KINDS),
            languages=LANGUAGES,
        )
    response = jsonify(
        {
            **params,
            "total": total,
            "results": [h.as_json() for h in hits],
        }
    )
    response.headers["Vary"] = "Accept"
    return response
