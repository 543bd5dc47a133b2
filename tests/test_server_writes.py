"""Writes: SPARQL Update and the Graph Store Protocol, only with the configured bearer token."""

from __future__ import annotations

from urllib.parse import quote

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from coopkg.server import create_app
from coopkg.settings import Settings

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
G = "http://example.org/graph/1"


@pytest.fixture()
def writable() -> FlaskClient:
    return create_app(Settings(store=":memory:", write_token=TOKEN), store=ox.Store()).test_client()


def ask(client: FlaskClient, pattern: str) -> bool:
    r = client.get("/sparql?query=" + quote(f"ASK {{ {pattern} }}"))
    return bool(r.get_json()["boolean"])


def test_writes_are_disabled_without_a_configured_token() -> None:
    client = create_app(Settings(store=":memory:"), store=ox.Store()).test_client()
    r = client.post("/update", data={"update": "INSERT DATA { <a:s> <a:p> <a:o> }"}, headers=AUTH)
    assert r.status_code == 403 and r.mimetype == "application/problem+json"
    assert (
        client.put(
            f"/graph-store?graph={G}",
            data=b"<a:s> <a:p> <a:o> .",
            content_type="application/n-triples",
            headers=AUTH,
        ).status_code
        == 403
    )


def test_a_write_without_a_token_is_refused_and_with_it_works(writable: FlaskClient) -> None:
    update = "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }"
    r = writable.post("/update", data={"update": update})
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")
    assert (
        writable.post(
            "/update", data={"update": update}, headers={"Authorization": "Bearer wrong"}
        ).status_code
        == 403
    )
    assert not ask(writable, "<http://e/s> ?p ?o")
    assert writable.post("/update", data={"update": update}, headers=AUTH).status_code == 204
    assert ask(writable, "<http://e/s> <http://e/p> <http://e/o>")
    r = writable.post(
        "/update",
        data=b"DELETE DATA { <http://e/s> <http://e/p> <http://e/o> }",
        content_type="application/sparql-update",
        headers=AUTH,
    )
    assert r.status_code == 204 and not ask(writable, "<http://e/s> ?p ?o")


def test_bad_updates_are_client_errors(writable: FlaskClient) -> None:
    for text in [
        "INSERT DATA { <http://e/s> ",
        "LOAD <http://example.org/data.ttl>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ]:
        r = writable.post("/update", data={"update": text}, headers=AUTH)
        assert r.status_code == 400 and r.mimetype == "application/problem+json", text


UPLOADS = [
    ("text/turtle", b"@prefix e: <http://e/> . e:s e:p e:o ."),
    ("application/n-triples", b"<http://e/s> <http://e/p> <http://e/o> ."),
    ("application/n-quads", b"<http://e/s> <http://e/p> <http://e/o> <http://other/g> ."),
    ("application/trig", b"<http://other/g> { <http://e/s> <http://e/p> <http://e/o> }"),
    ("application/ld+json", b'{"@id": "http://e/s", "http://e/p": {"@id": "http://e/o"}}'),
    (
        "application/rdf+xml",
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns:e="http://e/"><rdf:Description rdf:about="http://e/s">'
        b'<e:p rdf:resource="http://e/o"/></rdf:Description></rdf:RDF>',
    ),
]


@pytest.mark.parametrize(("media", "body"), UPLOADS, ids=[m for m, _ in UPLOADS])
def test_graph_store_put_get_post_delete(writable: FlaskClient, media: str, body: bytes) -> None:
    url = f"/graph-store?graph={quote(G)}"
    assert writable.get(url).status_code == 404
    assert writable.put(url, data=body, content_type=media).status_code == 401
    assert writable.put(url, data=body, content_type=media, headers=AUTH).status_code == 201
    assert ask(writable, f"GRAPH <{G}> {{ <http://e/s> <http://e/p> <http://e/o> }}")
    got = writable.get(url, headers={"Accept": "application/n-triples"})
    assert (
        got.status_code == 200 and got.data.strip() == b"<http://e/s> <http://e/p> <http://e/o> ."
    )
    head = writable.head(url)
    assert head.status_code == 200 and head.data == b"" and int(head.headers["Content-Length"]) > 0
    more = b"<http://e/s> <http://e/p> <http://e/o2> ."
    assert (
        writable.post(
            url, data=more, content_type="application/n-triples", headers=AUTH
        ).status_code
        == 204
    )
    assert ask(writable, f"GRAPH <{G}> {{ <http://e/s> <http://e/p> <http://e/o2> }}")
    assert (
        writable.put(url, data=more, content_type="application/n-triples", headers=AUTH).status_code
        == 204
    )
    assert not ask(writable, f"GRAPH <{G}> {{ <http://e/s> <http://e/p> <http://e/o> }}")
    assert writable.delete(url).status_code == 401
    assert writable.delete(url, headers=AUTH).status_code == 204
    assert writable.get(url).status_code == 404


def test_default_graph(writable: FlaskClient) -> None:
    body = b"<http://e/a> <http://e/b> <http://e/c> ."
    assert (
        writable.put(
            "/graph-store?default", data=body, content_type="application/n-triples", headers=AUTH
        ).status_code
        == 204
    )
    assert (
        writable.get(
            "/graph-store?default", headers={"Accept": "application/n-triples"}
        ).data.strip()
        == body
    )
    assert writable.delete("/graph-store?default", headers=AUTH).status_code == 204


def test_a_malformed_upload_changes_nothing(writable: FlaskClient) -> None:
    url = f"/graph-store?graph={quote(G)}"
    good = b"<http://e/s> <http://e/p> <http://e/o> ."
    writable.put(url, data=good, content_type="application/n-triples", headers=AUTH)
    bad = b'<http://e/s> <http://e/p> <http://e/x> .\n<http://e/s> <http://e/p> "unterminated .'
    r = writable.put(url, data=bad, content_type="application/n-triples", headers=AUTH)
    assert r.status_code == 400 and "line 2" in r.get_json()["detail"]
    assert ask(writable, f"GRAPH <{G}> {{ <http://e/s> <http://e/p> <http://e/o> }}")
    assert not ask(writable, "?s ?p <http://e/x>")
    for params in ("", "?default&graph=http://e/g", "?graph=not%20an%20iri"):
        assert writable.get(f"/graph-store{params}").status_code == 400
    r = writable.put(url, data=good, content_type="image/png", headers=AUTH)
    assert r.status_code == 400


def test_writes_keep_a_built_stores_merged_default_graph(seed_store: ox.Store) -> None:
    from coopkg.stores.merged import has_merged_default

    store = ox.Store()
    store.extend(list(seed_store))  # a copy of the built seed store
    assert has_merged_default(store)
    client = create_app(Settings(store=":memory:", write_token=TOKEN), store=store).test_client()
    url = f"/graph-store?graph={quote(G)}"
    body = b"<http://e/s> <http://e/p> <http://e/o> ."
    assert (
        client.put(url, data=body, content_type="application/n-triples", headers=AUTH).status_code
        == 201
    )
    assert ask(client, "<http://e/s> <http://e/p> <http://e/o>")  # seen in the default graph
    assert client.delete(url, headers=AUTH).status_code == 204
    assert not ask(client, "<http://e/s> ?p ?o")


def test_a_write_gives_the_store_a_new_version_and_fresh_counts(writable: FlaskClient) -> None:
    """Counts and VoID figures are cached a store version (counting a large store takes
    minutes); a write through the server starts a new version, so they are recounted."""
    before = writable.get("/health").get_json()["version"]
    void = writable.get("/.well-known/void", headers={"Accept": "application/n-triples"})
    assert '<http://rdfs.org/ns/void#triples> "0"' in void.get_data(as_text=True)
    update = "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }"
    assert writable.post("/update", data={"update": update}, headers=AUTH).status_code == 204
    after = writable.get("/health").get_json()["version"]
    assert after != before
    void = writable.get("/.well-known/void", headers={"Accept": "application/n-triples"})
    assert '<http://rdfs.org/ns/void#triples> "1"' in void.get_data(as_text=True)
