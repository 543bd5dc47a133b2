"""Services for researchers' own data: reconciliation (OpenRefine-shaped requests checked
against the API's JSON schemas), validation, and linked-data pages."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import Graph

from coopkg.build.run import build
from coopkg.records import Record, load_record
from coopkg.server import create_app
from coopkg.server.validation import EXAMPLE
from coopkg.settings import Settings

from .conftest import DATA, copy_data

SCHEMAS = Path(__file__).parent / "reconcile"


def schema(name: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(
        (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    )
    return loaded


def test_manifest(client: FlaskClient) -> None:
    m = client.get("/reconcile").get_json()
    jsonschema.validate(m, schema("manifest"))
    jsonschema.validate(client.get("/reconcile/suggest/type").get_json(), schema("suggest"))
    jsonschema.validate(client.get("/reconcile/suggest/property").get_json(), schema("suggest"))


def test_an_openrefine_batch(client: FlaskClient) -> None:
    batch = {
        "q0": {"query": "Wodzislaw Slaski", "type": "place", "limit": 3, "type_strict": "should"},
        "q1": {"query": "Lublinie", "type": "place"},
        "q2": {
            "query": "Miasto Wodzisław Śląski",
            "type": "organisation",
            "properties": [{"pid": "country", "v": "PL"}],
        },
        "q3": {"query": "2415041"},
        "q4": {"query": "Úřady bez hranic", "type": "project"},
        "q5": {"query": "Nowhere Land Town", "type": "place"},
        "q6": {"query": "Lublin", "type": "place", "limit": 3},
    }
    r = client.post("/reconcile", data={"queries": json.dumps(batch)})
    assert r.status_code == 200
    out = r.get_json()
    jsonschema.validate(out, schema("results"))
    assert out["q0"]["result"][0]["name"] == "Wodzisław Śląski" and out["q0"]["result"][0]["match"]
    assert out["q1"]["result"][0]["name"] == "Lublin"
    assert out["q2"]["result"][0]["name"] == "Miasto Wodzisław Śląski"
    assert out["q3"]["result"][0]["name"] == "Wodzisław Śląski"  # by TERYT code
    assert out["q4"]["result"][0]["match"] and out["q4"]["result"][0]["type"][0]["id"] == "project"
    assert out["q5"]["result"] == []
    # the town and the city county around it share the name: the town, which the county
    # contains, is the one clear match
    town, county = out["q6"]["result"][:2]
    assert town["id"] == "place/lublin-c6d73ea3" and town["match"] and town["score"] == 100
    assert county["id"] == "place/lublin-b341f5fd" and not county["match"]
    assert "municipality" in town["description"] and "county" in county["description"]
    # a country constraint that does not hold lowers the score
    wrong = client.post(
        "/reconcile",
        data={
            "queries": json.dumps(
                {
                    "q": {
                        "query": "Miasto Wodzisław Śląski",
                        "type": "organisation",
                        "properties": [{"pid": "country", "v": "CZ"}],
                    }
                }
            )
        },
    ).get_json()
    assert wrong["q"]["result"][0]["score"] < out["q2"]["result"][0]["score"]


def test_suggest_preview_and_jsonp(client: FlaskClient) -> None:
    s = client.get("/reconcile/suggest/entity?prefix=ostr").get_json()
    jsonschema.validate(s, schema("suggest"))
    assert any(r["name"] == "Ostrava" for r in s["result"])
    entity = s["result"][0]["id"]
    preview = client.get(f"/reconcile/preview?id={entity}")
    assert preview.status_code == 200 and "<a href=" in preview.data.decode()
    assert client.get(f"/id/{entity}").status_code == 200  # the view URL works
    jsonp = client.get("/reconcile?callback=cb")
    assert jsonp.data.startswith(b"cb(") and jsonp.mimetype == "application/javascript"


@pytest.mark.parametrize(
    "data",
    [
        {"queries": "{not json"},
        {"queries": "[1, 2]"},
        {"queries": json.dumps({"q": {"query": ""}})},
        {"queries": json.dumps({"q": {"query": "x", "type": "planet"}})},
        {
            "queries": json.dumps(
                {"q": {"query": "x", "properties": [{"pid": "colour", "v": "red"}]}}
            )
        },
        {"queries": json.dumps({"q": {"query": "x", "limit": "many"}})},
    ],
)
def test_bad_reconciliation_requests_are_400(client: FlaskClient, data: dict[str, str]) -> None:
    r = client.post("/reconcile", data=data)
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    assert client.get("/reconcile?callback=alert(1)").status_code == 400
    assert client.get("/reconcile/preview?id=nothing").status_code == 404


VALID = Path(__file__).parent / "shapes" / "valid" / "full.ttl"


def test_validation_service_formats(client: FlaskClient) -> None:
    ttl = VALID.read_bytes()
    ok = client.post("/validate", data=ttl, content_type="text/turtle")
    assert ok.status_code == 200 and ok.get_json()["conforms"] is True
    bad = ttl.replace(b"coop:coFinancingRate 0.85", b"coop:coFinancingRate 85.0")
    report = client.post("/validate", data=bad, content_type="text/turtle").get_json()
    assert report["conforms"] is False
    assert report["violations"][0]["component"] == "sh:MaxInclusiveConstraintComponent"
    as_turtle = client.post(
        "/validate", data=bad, content_type="text/turtle", headers={"Accept": "text/turtle"}
    )
    assert "ValidationReport" in as_turtle.data.decode()
    html = client.post(
        "/validate", data=bad, content_type="text/turtle", headers={"Accept": "text/html"}
    )
    assert html.mimetype == "text/html" and "co-financing rate" in html.data.decode()
    record = (DATA / "records" / "003_aa63097409705188.json").read_bytes()
    assert client.post("/validate", data=record, content_type="application/json").get_json()[
        "conforms"
    ]
    form = client.post(
        "/validate",
        data={"data": bad.decode(), "syntax": "text/turtle"},
        headers={"Accept": "text/html"},
    )
    assert "violation" in form.data.decode()


def test_validation_service_refuses_bad_input_clearly(app, client: FlaskClient) -> None:  # type: ignore[no-untyped-def]
    r = client.post(
        "/validate", data=b"@prefix x: <http://x/> .\nx:a x:b .", content_type="text/turtle"
    )
    assert r.status_code == 400 and "line 2" in r.get_json()["detail"]
    assert (
        client.post(
            "/validate", data=b'{"source": {}}', content_type="application/json"
        ).status_code
        == 400
    )
    assert client.post("/validate", data=b"", content_type="text/turtle").status_code == 400
    assert client.post("/validate", data=b"x", content_type="image/png").status_code == 400
    app.config["MAX_CONTENT_LENGTH"] = 50
    assert client.post("/validate", data=b"#" * 200, content_type="text/turtle").status_code == 413


def test_entity_pages(client: FlaskClient) -> None:
    key = "project/urady-bez-hranic-96d247f0"
    html = client.get(f"/id/{key}", headers={"Accept": "text/html", "Accept-Language": "pl"})
    page = html.data.decode()
    assert html.status_code == 200 and html.headers["Vary"] == "Accept"
    assert "Úřady bez hranic" in page and "conforms to the shapes" in page
    assert "poziom dofinansowania" in page  # the ontology's Polish label of coop:coFinancingRate
    assert 'href="/id/place/brenna-c12c2751"' in page
    english = client.get(
        f"/id/{key}", headers={"Accept": "text/html", "Accept-Language": "en"}
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
    page = client.get(f"/id/{key}", headers={"Accept": "text/html"}).data.decode()
    assert "<q>23 725,48 Eur</q>" in page
    assert 'href="/sources/003_aa63097409705188.txt#char=' in page
    source = client.get("/sources/003_aa63097409705188.txt")
    assert source.status_code == 200 and "Úřady bez hranic" in source.data.decode()
    assert client.get("/sources/manifest.csv").status_code == 404
    assert client.get("/sources/..%2Fsecret").status_code == 404


def test_record_type_is_importable() -> None:
    assert Record and load_record


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


def test_pages_of_containing_territories_and_of_countries(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A containing territory is described in the registry graph, which is judged around it
    (the whole graph is large at scale); a country, described in every document, has at
    most STATUS_MAX records judged on its page."""
    from coopkg.server import entities
    from coopkg.vocab import REGISTRY_GRAPH

    page = client.get("/id/place/rybnicki-9c25639a", headers={"Accept": "text/html"})
    text = page.data.decode()
    assert page.status_code == 200
    assert f'Record <code>{REGISTRY_GRAPH}</code>: <strong class="ok">' in text
    assert "Described in further records" not in text
    monkeypatch.setattr(entities, "STATUS_MAX", 2)
    monkeypatch.setitem(client.application.config, "COOPKG_SHACL_CACHE", {})
    country = client.get("/id/place/country-pl", headers={"Accept": "text/html"}).data.decode()
    assert country.count("conforms to the shapes") == 2
    assert "Described in further records too (the first 2 are judged here)" in country


def test_the_validate_form_takes_a_file_and_offers_an_example(client: FlaskClient) -> None:
    form = client.get("/validate?example=1").data.decode()
    assert 'type="file"' in form and "coop:coFinancingRate 85" in form
    page_accept = {"Accept": "text/html"}
    r = client.post(
        "/validate",
        data={"file": (io.BytesIO(EXAMPLE.encode()), "mine.ttl"), "syntax": "text/turtle"},
        headers=page_accept,
        content_type="multipart/form-data",
    )
    assert r.status_code == 200 and "85 % is 0.85" in r.data.decode()
    record = (DATA / "records" / "003_aa63097409705188.json").read_bytes()
    r = client.post(
        "/validate",
        data={"file": (io.BytesIO(record), "record.json")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 200 and r.get_json()["conforms"] is True  # a record, by its name
    r = client.post(
        "/validate",
        data={"file": (io.BytesIO(b"<a> <b> <c> ."), "notes.txt")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 400 and "cannot tell the syntax" in r.get_json()["detail"]
    r = client.post(
        "/validate",
        data={"file": (io.BytesIO(b"@prefix broken"), "bad.ttl")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 400  # a malformed upload is the client's mistake, never a 500
