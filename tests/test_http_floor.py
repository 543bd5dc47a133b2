"""The bench's HTTP floor: a fixed answer through the same gunicorn set-up as `coopkg serve`."""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

from benchmarks.bench import _running
from benchmarks.http_floor import create_floor_app
from benchmarks.virtuoso_local import free_port

from coopkg.server.launch import THREADS, gunicorn_options

BODY = b'{"head": {"vars": ["p"]}, "results": {"bindings": []}}'
JSON = "application/sparql-results+json; charset=utf-8"


def test_the_floor_app_answers_any_query_with_the_fixed_body() -> None:
    client = create_floor_app(BODY, JSON).test_client()
    for response in (
        client.get("/sparql?query=ASK%7B%7D"),
        client.post("/sparql", data={"query": "SELECT * { ?s ?p ?o }"}),
    ):
        assert response.status_code == 200
        assert response.data == BODY
        assert response.content_type == JSON


def test_the_floor_runs_gunicorn_as_coopkg_serve_does(tmp_path: Path) -> None:
    options = gunicorn_options("127.0.0.1:1", 2, "WARNING")
    assert options["worker_class"] == "gthread" and options["threads"] == THREADS
    assert options["accesslog"] == "-" and options["loglevel"] == "warning"
    body_file = tmp_path / "body"
    body_file.write_bytes(BODY)
    port = free_port()
    command = [sys.executable, "-m", "benchmarks.http_floor", str(body_file), JSON, str(port), "1"]
    with (
        _running(command, port) as base,
        urllib.request.urlopen(base + "/sparql?query=x", timeout=10) as r,
    ):
        assert r.read() == BODY
        assert r.headers["Content-Type"] == JSON
