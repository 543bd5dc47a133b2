"""server/validation: /validate for researchers' own data, in every format, with a file
upload and an example to try."""

from __future__ import annotations

import io
from pathlib import Path

from flask.testing import FlaskClient

from coopkg.server.validation import EXAMPLE

from .conftest import DATA

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
