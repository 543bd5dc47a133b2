"""server/errors: one error type, rendered as problem JSON or as a page for a browser."""

from __future__ import annotations

from urllib.parse import quote

from flask.testing import FlaskClient


def get(client: FlaskClient, query: str, accept: str | None = None, **extra: str):  # type: ignore[no-untyped-def]
    headers = {"Accept": accept} if accept else {}
    params = "&".join(f"{k}={quote(v)}" for k, v in extra.items())
    return client.get(
        f"/sparql?query={quote(query)}" + (f"&{params}" if params else ""), headers=headers
    )


def test_browsers_get_html_errors(client: FlaskClient) -> None:
    r = client.get("/queries/nope", headers={"Accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 404 and r.mimetype == "text/html"


def test_unknown_route_is_problem_json(client: FlaskClient) -> None:
    r = client.get("/nowhere")
    assert r.status_code == 404 and r.mimetype == "application/problem+json"
    assert client.delete("/sparql").status_code == 405
