"""server/search: `/search` as JSON and as a page, its client errors, search inside
`/sparql`, and the index following writes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from coopkg.build.run import build
from coopkg.server import create_app
from coopkg.settings import Settings

from .conftest import copy_data

TOKEN = {"Authorization": "Bearer secret"}
NEW = """PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
INSERT DATA { GRAPH <https://w3id.org/coopkg/id/source/new> {
  <https://w3id.org/coopkg/id/project/new> a coop:Project ;
  dct:title "Wspólne ogrody Kazimierza"@pl } }"""
SEARCH_QUERY = """PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX search: <https://w3id.org/coopkg/search#>
SELECT ?p WHERE { ?p a coop:Project . BIND(search:score(?p, "%s") AS ?s) FILTER(BOUND(?s)) }"""


def test_json_results(client: FlaskClient) -> None:
    r = client.get("/search?q=Rzeszowie&type=organisation")
    assert r.status_code == 200 and r.mimetype == "application/json"
    body = r.get_json()
    assert body["total"] >= 1 and body["q"] == "Rzeszowie" and body["type"] == "organisation"
    first = body["results"][0]
    assert set(first) == {"id", "type", "label", "language", "score", "snippet"}
    assert first["label"] == "Гміна міста Жешува" and "<mark>" in first["snippet"]


def test_the_page(client: FlaskClient) -> None:
    page = client.get("/search?q=Lublinie", headers={"Accept": "text/html"}).data.decode()
    assert 'id="search-count"' in page and "Synergi@" in page and "<mark>" in page
    assert 'href="/queries/search?q=Lublinie"' in page  # the same search in SPARQL
    assert client.get("/search", headers={"Accept": "text/html"}).status_code == 200
    assert 'action="/search"' in client.get("/", headers={"Accept": "text/html"}).data.decode()


@pytest.mark.parametrize(
    "query",
    ["", "?q=x&limit=0", "?q=x&limit=many", "?q=x&lang=fr", "?q=x&type=cat", "?q=x&offset=-1"],
)
def test_client_mistakes_are_400(client: FlaskClient, query: str) -> None:
    r = client.get(f"/search{query}")
    assert r.status_code == 400 and r.mimetype == "application/problem+json"


def test_unoffered_formats_are_406(client: FlaskClient) -> None:
    assert client.get("/search?q=x&format=xml").status_code == 406
    assert client.get("/search?q=x", headers={"Accept": "image/png"}).status_code == 406


def test_search_inside_sparql_and_the_named_query(client: FlaskClient) -> None:
    r = client.get(f"/sparql?query={quote(SEARCH_QUERY % 'Ostrava')}")
    assert r.status_code == 200, r.data
    assert len(r.get_json()["results"]["bindings"]) == 1
    named = client.get("/queries/search?q=Lublinie&format=json")
    assert named.status_code == 200
    assert named.get_json()["results"]["bindings"][0]["label"]["value"] == "Lublin"


def test_an_update_is_found_at_once_in_memory(seed_store: ox.Store) -> None:
    db = ox.Store()
    db.extend(seed_store)
    client = create_app(Settings(store=":memory:", write_token="secret"), store=db).test_client()
    assert client.get("/search?q=Kazimierza").get_json()["total"] == 0
    assert client.post("/update", data={"update": NEW}, headers=TOKEN).status_code == 204
    assert client.get("/search?q=Kazimierza").get_json()["total"] == 1


def test_writes_to_a_disk_store_are_found_and_sparql_reads_the_new_index(tmp_path: Path) -> None:
    data = copy_data(tmp_path / "data")
    settings = Settings(data_dir=data, store=str(data / "store"), write_token="secret")
    build(settings)
    client = create_app(settings).test_client()
    assert client.get("/search?q=Kazimierza").get_json()["total"] == 0
    assert client.post("/update", data={"update": NEW}, headers=TOKEN).status_code == 204
    assert client.get("/search?q=Kazimierza").get_json()["total"] == 1
    r = client.get(f"/sparql?query={quote(SEARCH_QUERY % 'Kazimierza')}")
    assert r.get_json()["results"]["bindings"][0]["p"]["value"].endswith("/project/new")
    graph = quote("https://w3id.org/coopkg/id/source/new", safe="")
    assert client.delete(f"/graph-store?graph={graph}", headers=TOKEN).status_code == 204
    assert client.get("/search?q=Kazimierza").get_json()["total"] == 0
