"""search/sparql: `search:score` joins the index with the graph inside SPARQL."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coopkg.errors import BadInput
from coopkg.queries import rows, run_sparql
from coopkg.search import SearchIndex
from coopkg.search.sparql import SEARCH_NS, uses_search

PREFIXES = f"""PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX search: <{SEARCH_NS}>
"""
ERDF_IN = (
    PREFIXES
    + """SELECT ?project ?title ?score WHERE {
  ?project a coop:Project ; dct:title ?title ; coop:fundedBy ?fund .
  BIND(search:score(?project, "%s") AS ?score)
  FILTER(BOUND(?score))
} ORDER BY DESC(?score)"""
)


def test_search_joins_with_the_graph(seed_store: ox.Store, seed_search: SearchIndex) -> None:
    _, found = rows(run_sparql(seed_store, ERDF_IN % "Ostrava", search=seed_search))
    assert [r["title"] for r in found] == ["Úřady bez hranic"]
    assert float(found[0]["score"] or 0) > 0


def test_no_match_leaves_the_score_unbound(seed_store: ox.Store, seed_search: SearchIndex) -> None:
    query = PREFIXES + (
        'SELECT ?s WHERE { BIND(search:score(<https://example.org/x>, "Ostrava") AS ?s) }'
    )
    (row,) = rows(run_sparql(seed_store, query, search=seed_search))[1]
    assert row["s"] is None
    literal = PREFIXES + 'SELECT ?s WHERE { BIND(search:score("not an IRI", "Ostrava") AS ?s) }'
    assert rows(run_sparql(seed_store, literal, search=seed_search))[1][0]["s"] is None


def test_the_language_argument(seed_store: ox.Store, seed_search: SearchIndex) -> None:
    query = PREFIXES + (
        "SELECT ?e WHERE { ?e a coop:Territory ."
        ' BIND(search:score(?e, "Ostravě", "cs") AS ?s) FILTER(BOUND(?s)) }'
    )
    found = {r["e"] for r in rows(run_sparql(seed_store, query, search=seed_search))[1]}
    assert found and all("ostrava" in str(e) for e in found)


def test_without_an_index_the_query_is_refused_clearly(seed_store: ox.Store) -> None:
    with pytest.raises(BadInput, match="needs the search index"):
        run_sparql(seed_store, ERDF_IN % "Ostrava")
    assert uses_search(ERDF_IN) and not uses_search("SELECT * { ?s ?p ?o }")
