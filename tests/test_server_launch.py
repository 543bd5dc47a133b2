"""`coopkg serve` runs the app under gunicorn on 127.0.0.1; a standard SPARQL client can use it,
and a rebuild is picked up without a restart."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from coopkg.build.run import build
from coopkg.settings import Settings

from .conftest import copy_data


def start_serve(store: Path, *extra: str) -> tuple[subprocess.Popen[bytes], str]:
    """`coopkg serve` on a free port of 127.0.0.1, once it answers /health."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "coopkg.cli",
        "serve",
        "--store",
        str(store),
        "--port",
        str(port),
        "--log-level",
        "warning",
        *extra,
    ]
    # its output goes where the test's goes: pytest shows it when the test fails
    proc = subprocess.Popen(command)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(base + "/health", timeout=1) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    proc.wait(timeout=10)
    raise AssertionError("server did not start")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data = copy_data(tmp_path_factory.mktemp("serve") / "data")
    store = data / "store"
    build(Settings(data_dir=data, store=str(store)))
    proc, base = start_serve(store, "--workers", "2")
    try:
        yield base, data
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_sparqlwrapper_queries_the_served_endpoint(server: tuple[str, Path]) -> None:
    base, _ = server
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(
        "PREFIX coop: <https://w3id.org/coopkg/ontology#> "
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p a coop:Project }"
    )
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    assert result["results"]["bindings"][0]["n"]["value"] == "5"  # type: ignore[index,call-overload]
    client.setReturnFormat(CSV)
    assert client.queryAndConvert().decode().splitlines() == ["n", "5"]  # type: ignore[union-attr]


def test_served_by_gunicorn_not_the_development_server(server: tuple[str, Path]) -> None:
    base, _ = server
    with urllib.request.urlopen(base + "/health", timeout=5) as r:
        assert "gunicorn" in r.headers.get("Server", "")


def test_a_rebuild_is_served_without_restart(server: tuple[str, Path]) -> None:
    base, data = server
    # keep one document: remove the others' records and sources (else they are extracted)
    for record in sorted((data / "records").glob("*.json"))[1:]:
        record.unlink()
        (data / "sources" / f"{record.stem}.txt").unlink()
    build(Settings(data_dir=data, store=str(data / "store")))
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p a <https://w3id.org/coopkg/ontology#Project> }"
    )
    client.setReturnFormat(JSON)
    counts = set()
    for _ in range(4):  # every worker must see the new build
        counts.add(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"])  # type: ignore[index,call-overload]
    assert counts == {"1"}


def test_writes_through_gunicorn_on_a_disk_store(tmp_path: Path) -> None:
    """The production path for writes: one gunicorn worker, the on-disk store open read-write,
    queries answered by child processes that see every write."""
    data = copy_data(tmp_path / "data")
    store = data / "store"
    build(Settings(data_dir=data, store=str(store)))
    proc, base = start_serve(store, "--write-token", "tok")
    auth = {"Authorization": "Bearer tok"}
    try:
        for i in range(3):
            req = urllib.request.Request(
                f"{base}/graph-store?graph=http://e/g",
                method="PUT",
                data=f"<http://e/s> <http://e/p> <http://e/o{i}> .".encode(),
                headers={**auth, "Content-Type": "application/n-triples"},
            )
            with urllib.request.urlopen(req, timeout=10) as r:
                assert r.status in (201, 204)
            client = SPARQLWrapper(base + "/sparql")
            client.setQuery(f"ASK {{ GRAPH <http://e/g> {{ <http://e/s> ?p <http://e/o{i}> }} }}")
            client.setReturnFormat(JSON)
            assert client.queryAndConvert()["boolean"] is True  # type: ignore[index,call-overload]
        req = urllib.request.Request(
            f"{base}/graph-store?graph=http://e/g", method="DELETE", headers=auth
        )
        with urllib.request.urlopen(req, timeout=10) as r:
            assert r.status == 204
    finally:
        proc.kill()
        proc.wait(timeout=10)


def test_a_large_answer_is_streamed_and_a_cut_one_is_an_incomplete_transfer(
    server: tuple[str, Path],
) -> None:
    _, data = server
    proc, base = start_serve(data / "store", "--max-rows", "50000")
    pairs = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    try:
        url = base + "/sparql?query=" + urllib.parse.quote(pairs + " LIMIT 40000")
        with urllib.request.urlopen(url, timeout=60) as r:
            assert r.headers["Transfer-Encoding"] == "chunked"  # streamed: no length ahead
            body = r.read()
        assert len(body) > 8 << 20
        assert len(json.loads(body)["results"]["bindings"]) == 40000
        # past the row limit: the stream is cut off, so the client cannot take it as whole
        url = base + "/sparql?query=" + urllib.parse.quote(pairs)
        with (
            pytest.raises(http.client.IncompleteRead),
            urllib.request.urlopen(url, timeout=60) as r,
        ):
            r.read()
        with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=10) as r:
            assert json.loads(r.read())["boolean"] is True
    finally:
        proc.terminate()
        proc.wait(timeout=10)
