"""server/projects: `/projects` as a page, JSON and CSV, with permalinks and its SPARQL."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from flask.testing import FlaskClient


def test_json_has_projects_facets_and_the_query(client: FlaskClient) -> None:
    body = client.get("/projects?country=PL&format=json").get_json()
    assert body["total"] == 3 and len(body["projects"]) == 3
    assert {f["value"] for f in body["facets"]["country"]} >= {"PL", "CZ", "UA"}
    assert "FILTER EXISTS" in body["sparql"]
    assert client.get("/projects", headers={"Accept": "application/json"}).get_json()["total"] == 5


def test_csv_is_the_whole_list(client: FlaskClient) -> None:
    text = client.get("/projects?sort=-budget&format=csv").data.decode()
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == 5 and table[0]["title"] == "Úřady bez hranic"


def test_the_page_links_are_permalinks_and_its_query_runs(client: FlaskClient) -> None:
    page = client.get("/projects?country=PL").data.decode()
    assert "<strong>3</strong> projects" in page
    links = [unescape(h) for h in re.findall(r'href="(/projects\?[^"]+)"', page)]
    narrowed = next(h for h in links if "year=2014" in h)
    again = client.get(narrowed).data.decode()
    assert "<strong>2</strong> projects" in again
    run = unescape(re.search(r'href="(/sparql\?[^"]+)" id="run-sparql"', again).group(1))
    query = parse_qs(urlsplit(run).query)["query"][0]
    answer = client.get("/sparql", query_string={"query": query}).get_json()
    assert len(answer["results"]["bindings"]) == 2


def test_words_narrow_the_list_too(client: FlaskClient) -> None:
    body = client.get("/projects?q=Ostrava&format=json").get_json()
    assert [p["title"] for p in body["projects"]] == ["Úřady bez hranic"]
    run = client.get("/sparql", query_string={"query": body["sparql"]}).get_json()
    assert len(run["results"]["bindings"]) == 1


def test_client_mistakes(client: FlaskClient) -> None:
    for bad in ("year=abc", "sort=x", "page=0", "region=javascript:alert(1)"):
        r = client.get(f"/projects?{bad}")
        assert r.status_code == 400, bad
    assert client.get("/projects?format=xml").status_code == 406
