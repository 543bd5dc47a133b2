"""One error type, rendered as problem+json for programs or an HTML page for browsers.

Client mistakes keep their own message (it was written for users); anything
unexpected is logged with its traceback and answered with a generic 500 that
never echoes exception text.
"""

from __future__ import annotations

import json
import logging

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import CoopkgError

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


def wants_html() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", PROBLEM_JSON, "text/html"])
    return (
        best == "text/html"
        and request.accept_mimetypes["text/html"] > request.accept_mimetypes["application/json"]
    )


def problem(status: int, title: str, detail: str) -> Response:
    if wants_html():
        body = render_template("error.html", status=status, title=title, detail=detail)
        return Response(body, status=status, mimetype="text/html")
    payload = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return Response(json.dumps(payload, ensure_ascii=False), status=status, mimetype=PROBLEM_JSON)


def register(app: Flask) -> None:
    @app.errorhandler(CoopkgError)
    def _coopkg(e: CoopkgError) -> Response:
        if e.status >= 500 and not e.show_server_message:
            log.error("%s: %s", e.title, e.message)
            return problem(e.status, e.title, "The server could not complete the request.")
        resp = problem(e.status, e.title, e.message)
        if e.status == 401:
            resp.headers["WWW-Authenticate"] = 'Bearer realm="coopkg"'
        return resp

    @app.errorhandler(HTTPException)
    def _http(e: HTTPException) -> Response:
        status = e.code or 500
        detail = e.description or ""
        if status == 413:
            detail = "The request body is larger than this server accepts."
        resp = problem(status, e.name, detail)
        if status == 405 and e.get_response().headers.get("Allow"):
            resp.headers["Allow"] = e.get_response().headers["Allow"]
        return resp

    @app.errorhandler(Exception)
    def _unexpected(e: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return problem(500, "Internal error", "The server could not complete the request.")
