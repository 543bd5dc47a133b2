"""The home page, named-query pages, the query list, the ontology and shapes pages, health."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from rdflib import Graph

SELECT = """PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?project ?title WHERE { ?project a coop:Project ; dct:title ?title } ORDER BY ?title"""


def get(client: FlaskClient, query: str, accept: str | None = None, **extra: str):  # type: ignore[no-untyped-def]
    headers = {"Accept": accept} if accept else {}
    params = "&".join(f"{k}={quote(v)}" for k, v in extra.items())
    return client.get(
        f"/sparql?query={quote(query)}" + (f"&{params}" if params else ""), headers=headers
    )


def test_index_page_has_form_queries_and_counts(client: FlaskClient) -> None:
    r = client.get("/", headers={"Accept": "text/html"})
    page = r.data.decode()
    assert r.status_code == 200 and "<form" in page and 'name="query"' in page
    assert "<strong>5</strong> projects" in page
    # the figure says what it counts, and why COUNT(*) on the default graph differs
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    n = client.get("/sparql?query=" + quote(count)).get_json()["results"]["bindings"][0]["n"]
    stored = re.search(r"<strong>([\d,]+)</strong> stored quads", page)
    assert stored and int(stored.group(1).replace(",", "")) > int(n["value"])
    assert "default graph" in page
    assert "Budget totals by programme and currency" in page
    assert "violation" not in page.lower()


def test_named_query_page_json_and_csv(client: FlaskClient) -> None:
    html = client.get("/queries/projects-by-fund", headers={"Accept": "text/html"})
    assert (
        html.status_code == 200 and "<table" in html.data.decode() and "ERDF" in html.data.decode()
    )
    js = client.get(
        "/queries/projects-by-fund", headers={"Accept": "application/sparql-results+json"}
    )
    assert js.mimetype == "application/sparql-results+json"
    assert [b["fund"]["value"] for b in js.get_json()["results"]["bindings"]] == ["ERDF", "ESF"]
    c = client.get("/queries/projects-by-fund?format=csv")
    assert c.mimetype == "text/csv" and c.data.decode().splitlines() == [
        "fund,projects",
        "ERDF,1",
        "ESF,1",
    ]


def test_named_query_parameters_as_form_fields(client: FlaskClient) -> None:
    form = client.get(
        "/queries/projects-active-in-year", headers={"Accept": "text/html"}
    ).data.decode()
    assert 'name="year"' in form
    r = client.get("/queries/projects-active-in-year?year=2024&format=json")
    assert [b["title"]["value"] for b in r.get_json()["results"]["bindings"]] == ["Synergi@"]
    assert client.get("/queries/projects-active-in-year?year=x&format=json").status_code == 400
    assert client.get("/queries/projects-active-in-year?format=json").status_code == 400
    assert client.get("/queries/nope").status_code == 404


def test_query_list_as_json(client: FlaskClient) -> None:
    r = client.get("/queries", headers={"Accept": "application/json"})
    names = {q["name"] for q in r.get_json()}
    assert {"projects", "project-amounts", "project-places"} <= names


def test_ontology_by_content_negotiation(client: FlaskClient) -> None:
    html = client.get("/ontology", headers={"Accept": "text/html"})
    assert html.mimetype == "text/html" and "coop:Project" in html.data.decode()
    ttl = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert ttl.mimetype == "text/turtle" and ttl.headers["Vary"] == "Accept"
    assert len(Graph().parse(data=ttl.data, format="turtle")) > 500
    assert client.get("/ontology.ttl").mimetype == "text/turtle"
    assert client.get("/ontology.xyz").status_code == 404


def test_shapes_and_health(client: FlaskClient) -> None:
    assert client.get("/shapes", headers={"Accept": "text/turtle"}).mimetype == "text/turtle"
    health = client.get("/health").get_json()
    assert health["status"] == "ok" and health["version"]


@pytest.mark.parametrize("path", ["/ontology", "/shapes"])
def test_ontology_and_shapes_in_every_format(client: FlaskClient, path: str) -> None:
    html = client.get(path, headers={"Accept": "text/html"})
    assert html.mimetype == "text/html" and html.headers["Vary"] == "Accept"
    sizes = set()
    for accept, fmt in (
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ):
        r = client.get(path, headers={"Accept": accept})
        assert r.status_code == 200 and r.mimetype == accept
        sizes.add(len(Graph().parse(data=r.data, format=fmt)))
    assert len(sizes) == 1 and sizes.pop() > 300
    assert client.get(f"{path}.nt").mimetype == "application/n-triples"
    assert client.get(f"{path}.xyz").status_code == 404
