"""server/errors: one error type, rendered as problem JSON or as a page for a browser."""

from __future__ import annotations

import json
from urllib.parse import quote

from flask.testing import FlaskClient

SELECT = """PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?project ?title WHERE { ?project a coop:Project ; dct:title ?title } ORDER BY ?title"""
CONSTRUCT = """PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
CONSTRUCT { ?p dct:title ?t } WHERE { ?p a coop:Project ; dct:title ?t }"""


def get(client: FlaskClient, query: str, accept: str | None = None, **extra: str):  # type: ignore[no-untyped-def]
    headers = {"Accept": accept} if accept else {}
    params = "&".join(f"{k}={quote(v)}" for k, v in extra.items())
    return client.get(
        f"/sparql?query={quote(query)}" + (f"&{params}" if params else ""), headers=headers
    )


def titles_from_json(body: bytes) -> list[str]:
    return [b["title"]["value"] for b in json.loads(body)["results"]["bindings"]]


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_browsers_get_html_errors(client: FlaskClient) -> None:
    r = client.get("/queries/nope", headers={"Accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 404 and r.mimetype == "text/html"


def test_unknown_route_is_problem_json(client: FlaskClient) -> None:
    r = client.get("/nowhere")
    assert r.status_code == 404 and r.mimetype == "application/problem+json"
    assert client.delete("/sparql").status_code == 405
