"""server/reconcile: the Reconciliation Service API, checked against its JSON schemas with
OpenRefine-shaped requests."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from flask.testing import FlaskClient

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
