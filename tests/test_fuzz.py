"""Property-based fuzzing: no request, however malformed, gets a 5xx or a traceback."""

from __future__ import annotations

from urllib.parse import quote

import pyoxigraph as ox
import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopkg.server import create_app
from coopkg.settings import Settings

TOKEN = "fuzz-token"

FRAGMENTS = [
    "SELECT",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "WHERE",
    "{",
    "}",
    "?s",
    "?p",
    "?o",
    "<",
    ">",
    "<http://e/x>",
    '"',
    "'",
    "\\",
    "PREFIX",
    "ex:",
    ":",
    ".",
    ";",
    ",",
    "(",
    ")",
    "FILTER",
    "OPTIONAL",
    "UNION",
    "GRAPH",
    "SERVICE",
    "FROM",
    "NAMED",
    "BIND",
    "AS",
    "COUNT(*)",
    "*",
    "LIMIT",
    "-1",
    "1e999",
    "ORDER BY",
    "VALUES",
    "a",
    "\x00",
    "\ud7ff",
    "é",
    "#",
    "\n",
    "@en",
    "^^",
    "xsd:int",
    "LOAD",
    "INSERT DATA",
    "DELETE",
    "CLEAR ALL",
    "$",
    "_:b",
    "[]",
    "!",
    "|",
]

queries = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join),
)
media = st.one_of(
    st.sampled_from(
        [
            "text/turtle",
            "application/n-triples",
            "application/n-quads",
            "application/trig",
            "application/ld+json",
            "application/rdf+xml",
            "application/json",
            "text/plain",
            "application/sparql-query",
            "application/sparql-update",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "image/png",
            "*/*",
            "",
        ]
    ),
    # anything that can stand in an HTTP header (no line breaks)
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
)
bodies = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(lambda x: " ".join(x).encode()),
)
safe_header = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60)

FUZZ = settings(
    max_examples=int(__import__("os").environ.get("COOPKG_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    from coopkg.build.run import build

    from .conftest import copy_data

    data = copy_data(tmp_path_factory.mktemp("fuzz") / "data")
    db = ox.Store()
    build(Settings(data_dir=data, store=":memory:"), db=db)
    return create_app(
        Settings(
            data_dir=data,
            store=":memory:",
            write_token=TOKEN,
            query_timeout=3,
            max_body_bytes=20_000,
        ),
        store=db,
    )


def no_server_error(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code < 500, (response.status_code, response.data[:300])
    body = response.get_data(as_text=False)
    assert b"Traceback" not in body
    if response.status_code >= 400 and response.mimetype != "text/html":
        assert response.mimetype == "application/problem+json", response.mimetype


@FUZZ
@given(query=queries, accept=media)
def test_queries_and_accept_headers(fuzz_app: Flask, query: str, accept: str) -> None:
    client = fuzz_app.test_client()
    no_server_error(
        client.get("/sparql?query=" + quote(query, safe=""), headers={"Accept": accept})
    )
    no_server_error(client.post("/sparql", data={"query": query}, headers={"Accept": accept}))


@FUZZ
@given(body=bodies, content_type=media, accept=media)
def test_raw_posts_to_every_endpoint(
    fuzz_app: Flask, body: bytes, content_type: str, accept: str
) -> None:
    client = fuzz_app.test_client()
    headers = {"Accept": accept, "Content-Type": content_type}
    for path in ("/sparql", "/validate", "/reconcile", "/update"):
        no_server_error(client.post(path, data=body, headers=headers))
    auth = {**headers, "Authorization": f"Bearer {TOKEN}"}
    for method in ("put", "post"):
        no_server_error(
            getattr(client, method)("/graph-store?graph=http://e/g", data=body, headers=auth)
        )
    no_server_error(client.post("/update", data=body, headers=auth))


@FUZZ
@given(path=st.text(max_size=80), header=safe_header, value=safe_header)
def test_paths_and_headers(fuzz_app: Flask, path: str, header: str, value: str) -> None:
    client = fuzz_app.test_client()
    headers = {}
    if (
        header.strip()
        and ":" not in header
        and header.isascii()
        and header.replace("-", "").isalnum()
    ):
        headers[header] = value
    for prefix in (
        "/id/",
        "/queries/",
        "/reconcile?queries=",
        "/reconcile/preview?id=",
        "/graph-store?graph=",
        "/sources/",
        "/dumps/",
        "/ontology.",
    ):
        no_server_error(client.get(prefix + quote(path, safe="/?=&"), headers=headers))


@FUZZ
@given(
    batch=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
        max_leaves=12,
    )
)
def test_reconciliation_batches(fuzz_app: Flask, batch: object) -> None:
    import json

    client = fuzz_app.test_client()
    no_server_error(client.post("/reconcile", data={"queries": json.dumps(batch)}))
    if isinstance(batch, dict):
        no_server_error(client.post("/reconcile", data={"queries": json.dumps({"q": batch})}))
