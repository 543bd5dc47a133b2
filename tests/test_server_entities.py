"""server/entities: linked-data pages of projects, organisations and places, with their evidence."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import Graph

from coopkg.build.run import build
from coopkg.server import create_app
from coopkg.settings import Settings

from .conftest import copy_data


def test_entity_pages(client: FlaskClient) -> None:
    key = "project/urady-bez-hranic-96d247f0"
    # the table of every statement (the readable page is tested in test_server_readable)
    html = client.get(
        f"/id/{key}?view=triples", headers={"Accept": "text/html", "Accept-Language": "pl"}
    )
    page = html.data.decode()
    assert html.status_code == 200 and html.headers["Vary"] == "Accept"
    assert "Úřady bez hranic" in page and "conforms to the shapes" in page
    assert "poziom dofinansowania" in page  # the ontology's Polish label of coop:coFinancingRate
    assert 'href="/id/place/brenna-c12c2751"' in page
    english = client.get(
        f"/id/{key}?view=triples", headers={"Accept": "text/html", "Accept-Language": "en"}
    ).data.decode()
    assert "co-financing rate" in english
    # literals as a person reads them: the 0.85 rate as a share, a true flag as yes
    assert "<td>85 %</td>" in english and "xsd:decimal" not in english
    assert "xsd:boolean" not in english and "<td>yes</td>" in english
    for accept, fmt in (
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ):
        r = client.get(f"/id/{key}", headers={"Accept": accept})
        assert r.status_code == 200 and len(Graph().parse(data=r.data, format=fmt)) > 5
    assert client.get(f"/id/{key}.nt").mimetype == "application/n-triples"
    assert client.get("/id/project/no-such-project").status_code == 404
    assert client.get("/ontology.ttl").status_code == 200


def test_entity_page_quotes_the_source_sentence(tmp_path: Path) -> None:
    data = copy_data(tmp_path / "data")
    (
        data / "records" / "003_aa63097409705188.json"
    ).unlink()  # the build extracts it, with evidence
    db = ox.Store()
    build(Settings(data_dir=data, store=":memory:"), db=db)
    client = create_app(Settings(data_dir=data, store=":memory:"), store=db).test_client()
    rows = client.get(
        "/sparql?query="
        + __import__("urllib.parse").parse.quote(
            "SELECT ?p WHERE { ?p a <https://w3id.org/coopkg/ontology#Project> ; "
            "<https://w3id.org/coopkg/ontology#reviewed> false }"
        )
    ).get_json()["results"]["bindings"]
    key = rows[0]["p"]["value"].split("/id/", 1)[1]
    page = client.get(f"/id/{key}?view=triples", headers={"Accept": "text/html"}).data.decode()
    assert "<q>23 725,48 Eur</q>" in page
    assert 'href="/sources/003_aa63097409705188.txt#char=' in page
    source = client.get("/sources/003_aa63097409705188.txt")
    assert source.status_code == 200 and "Úřady bez hranic" in source.data.decode()
    assert client.get("/sources/manifest.csv").status_code == 404
    assert client.get("/sources/..%2Fsecret").status_code == 404


def test_pages_of_containing_territories_and_of_countries(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A containing territory is described in the registry graph, which is judged around it
    (the whole graph is large at scale); a country, described in every document, has at
    most STATUS_MAX records judged on its page."""
    from coopkg.server import entities
    from coopkg.vocab import REGISTRY_GRAPH

    page = client.get("/id/place/rybnicki-9c25639a?view=triples", headers={"Accept": "text/html"})
    text = page.data.decode()
    assert page.status_code == 200
    assert f'Record <code>{REGISTRY_GRAPH}</code>: <strong class="ok">' in text
    assert "Described in further records" not in text
    monkeypatch.setattr(entities, "STATUS_MAX", 2)
    monkeypatch.setitem(client.application.config, "COOPKG_SHACL_CACHE", {})
    country = client.get(
        "/id/place/country-pl?view=triples", headers={"Accept": "text/html"}
    ).data.decode()
    assert country.count("conforms to the shapes") == 2
    assert "Described in further records too (the first 2 are judged here)" in country
