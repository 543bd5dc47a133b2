"""registries/refresh: the Wikidata slice refreshed from a SPARQL endpoint (a local stand-in),
page by page, with clear errors."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from werkzeug.serving import make_server

from coopkg.registries.refresh import refresh
from coopkg.server import create_app
from coopkg.settings import Settings

WIKIDATA_FIXTURE = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
wd:Q598 wdt:P17 wd:Q36 ; wdt:P1566 "759734" ; wdt:P1653 "1863011" .
wd:Q37333 wdt:P17 wd:Q36 ; wdt:P1566 "765876" .
wd:Q7550 wdt:P17 wd:Q212 ; wdt:P1566 "702569" .
wd:Q8385 wdt:P17 wd:Q213 ; wdt:P1566 "3068799" .
wd:Q64 wdt:P17 wd:Q183 ; wdt:P1566 "2950159" .
"""


@pytest.fixture()
def local_wikidata() -> Iterator[str]:
    store = ox.Store()
    store.load(WIKIDATA_FIXTURE.encode(), format=ox.RdfFormat.TURTLE)
    app = create_app(Settings(store=":memory:", union_default_graph=False), store=store)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sparql"
    server.shutdown()
    server.server_close()


def test_refresh_reads_a_sparql_endpoint_page_by_page(local_wikidata: str, tmp_path: Path) -> None:
    count = refresh(local_wikidata, tmp_path, page_size=2)
    assert count == 4  # Germany's item is outside the countries asked for
    with (tmp_path / "wikidata_places.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {(r["qid"], r["country"], r["geonames"], r["teryt"]) for r in rows} == {
        ("Q598", "PL", "759734", "1863011"),
        ("Q37333", "PL", "765876", ""),
        ("Q7550", "UA", "702569", ""),
        ("Q8385", "CZ", "3068799", ""),
    }
    manifest = (tmp_path / "manifest.csv").read_text(encoding="utf-8")
    assert "wikidata_places.csv" in manifest and local_wikidata in manifest


def test_refresh_failure_is_a_clear_error(tmp_path: Path) -> None:
    from coopkg.errors import BadInput

    with pytest.raises(BadInput, match="query failed"):
        refresh("http://127.0.0.1:9/sparql", tmp_path, timeout=2)
