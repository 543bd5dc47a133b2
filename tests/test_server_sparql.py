"""The SPARQL 1.1 Protocol at /sparql: formats, negotiation, parameters and client mistakes."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from rdflib import Graph

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


def test_get_returns_sparql_json_by_default(client: FlaskClient) -> None:
    r = get(client, SELECT)
    assert r.status_code == 200 and r.mimetype == "application/sparql-results+json"
    assert titles_from_json(r.data)[0] == "Samorządność i współpraca w powiecie myśliborskim"
    assert r.headers["Vary"] == "Accept"


def test_post_form_and_post_direct_give_the_same_answer(client: FlaskClient) -> None:
    expected = titles_from_json(get(client, SELECT).data)
    form = client.post("/sparql", data={"query": SELECT})
    direct = client.post("/sparql", data=SELECT.encode(), content_type="application/sparql-query")
    assert titles_from_json(form.data) == expected == titles_from_json(direct.data)
    assert len(expected) == 5


@pytest.mark.parametrize(
    ("accept", "mimetype"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_formats(client: FlaskClient, accept: str, mimetype: str) -> None:
    r = get(client, SELECT, accept)
    assert r.status_code == 200 and r.mimetype == mimetype
    body = r.data.decode("utf-8")
    if mimetype.endswith("xml"):
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        assert len(ET.fromstring(body).findall(".//s:result", ns)) == 5
    elif mimetype == "text/csv":
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0] == ["project", "title"] and len(rows) == 6
    elif mimetype == "text/tab-separated-values":
        lines = body.strip().split("\n")
        assert lines[0] == "?project\t?title" and len(lines) == 6


def test_q_values_are_honoured(client: FlaskClient) -> None:
    r = get(
        client,
        SELECT,
        "text/csv;q=0.2, application/sparql-results+xml;q=0.9, "
        "application/sparql-results+json;q=0.5",
    )
    assert r.mimetype == "application/sparql-results+xml"
    r = get(client, SELECT, "text/csv, application/sparql-results+json;q=0.1")
    assert r.mimetype == "text/csv"


def test_unacceptable_type_is_406_problem(client: FlaskClient) -> None:
    r = get(client, SELECT, "image/png")
    assert r.status_code == 406 and r.mimetype == "application/problem+json"
    assert "offered" in r.get_json()["detail"]


def test_ask(client: FlaskClient) -> None:
    r = get(client, "ASK { ?s a <https://w3id.org/coopkg/ontology#Project> }")
    assert r.get_json()["boolean"] is True
    r = get(client, "ASK { ?s a <http://example.org/Nothing> }", "application/sparql-results+xml")
    assert b"<boolean>false</boolean>" in r.data


@pytest.mark.parametrize(
    ("accept", "mimetype", "rdf_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_construct_formats(
    client: FlaskClient, accept: str, mimetype: str, rdf_format: str
) -> None:
    r = get(client, CONSTRUCT, accept)
    assert r.status_code == 200 and r.mimetype == mimetype
    g = Graph().parse(data=r.data, format=rdf_format)
    assert len(g) == 5


def test_describe(client: FlaskClient) -> None:
    r = get(client, "DESCRIBE <https://w3id.org/coopkg/id/place/country-pl>")
    assert r.mimetype == "text/turtle" and b"Poland" in r.data


def test_malformed_query_is_400_problem_json(client: FlaskClient) -> None:
    r = get(client, "SELECT ?x WHERE { ?x ")
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    problem = r.get_json()
    assert problem["status"] == 400 and "does not parse" in problem["detail"]
    assert "Traceback" not in r.data.decode()


def test_updates_are_refused(client: FlaskClient) -> None:
    update = "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }"
    assert client.post("/sparql", data={"update": update}).status_code == 400
    r = client.post("/sparql", data=update.encode(), content_type="application/sparql-update")
    assert r.status_code == 400 and "/update" in r.get_json()["detail"]
    assert get(client, update).status_code == 400
    assert get(client, "ASK { <http://e/s> ?p ?o }").get_json()["boolean"] is False


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"data": b"x", "content_type": "text/plain"}, 400),
        ({"data": {}}, 400),
        ({"data": b"\xff\xfe", "content_type": "application/sparql-query"}, 400),
        ({"data": b"   ", "content_type": "application/sparql-query"}, 400),
    ],
)
def test_bad_posts_are_client_errors(
    client: FlaskClient, kwargs: dict[str, object], status: int
) -> None:
    r = client.post("/sparql", **kwargs)  # type: ignore[arg-type]
    assert r.status_code == status and r.mimetype == "application/problem+json"


def test_default_and_named_graph_parameters(client: FlaskClient) -> None:
    graph = "https://w3id.org/coopkg/id/source/003-aa63097409705188"
    r = get(client, SELECT, **{"default-graph-uri": graph})
    assert titles_from_json(r.data) == ["Úřady bez hranic"]
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    r = get(client, q, **{"named-graph-uri": graph})
    assert [b["g"]["value"] for b in r.get_json()["results"]["bindings"]] == [graph]
    assert get(client, SELECT, **{"default-graph-uri": "not an iri"}).status_code == 400


def test_oversized_body_is_413(app, client: FlaskClient) -> None:  # type: ignore[no-untyped-def]
    app.config["MAX_CONTENT_LENGTH"] = 100
    r = client.post(
        "/sparql", data=("#" * 500 + "\nASK {}").encode(), content_type="application/sparql-query"
    )
    assert r.status_code == 413 and r.mimetype == "application/problem+json"


def test_more_than_one_query_parameter_is_a_client_error(client: FlaskClient) -> None:
    ask = quote("ASK {}")
    r = client.get(f"/sparql?query={ask}&query={ask}")
    assert r.status_code == 400 and "exactly one 'query'" in r.get_json()["detail"]
    r = client.post("/sparql", data={"query": ["ASK {}", "SELECT * {}"]})
    assert r.status_code == 400 and r.mimetype == "application/problem+json"


def test_head_answers_like_get_without_a_body(client: FlaskClient) -> None:
    url = "/sparql?query=" + quote("SELECT (1 AS ?x) {}")
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code == 200
    assert head.headers["Content-Type"] == got.headers["Content-Type"]
    assert head.headers["Content-Length"] == got.headers["Content-Length"]
    assert head.data == b""
    assert client.head("/sparql").status_code == 200  # the service description


def test_a_browser_following_a_query_link_gets_a_results_page(client: FlaskClient) -> None:
    select = "SELECT ?project ?title WHERE { ?project a coop:Project ; dct:title ?title }"
    prefixes = (
        "PREFIX coop: <https://w3id.org/coopkg/ontology#> PREFIX dct: <http://purl.org/dc/terms/> "
    )
    r = client.get(
        "/sparql", query_string={"query": prefixes + select}, headers={"Accept": BROWSER_ACCEPT}
    )
    assert r.status_code == 200 and r.mimetype == "text/html"
    page = r.data.decode()
    assert "<th>?project</th>" in page and "5 row(s)" in page and "Synergi@" in page
    assert 'href="/id/project/' in page  # the graph's own IRIs link to their pages
    assert "format=csv" in page  # the same answer as a file is one click away
    ask = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "text/html"})
    assert ask.status_code == 200 and "<strong>yes</strong>" in ask.data.decode()
    graph = client.get(
        "/sparql",
        query_string={"query": "CONSTRUCT { <http://e/a> <http://e/b> 1 } WHERE {}"},
        headers={"Accept": "text/html"},
    )
    assert graph.status_code == 200 and "&lt;http://e/a&gt;" in graph.data.decode()


def test_html_is_only_for_those_who_ask_for_it(client: FlaskClient) -> None:
    for accept in ("*/*", "application/sparql-results+json", ""):
        r = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": accept})
        assert r.mimetype == "application/sparql-results+json", accept
    bad = client.get("/sparql", query_string={"query": "SELEC"}, headers={"Accept": "text/html"})
    assert bad.status_code == 400  # a malformed query is still the client's mistake
