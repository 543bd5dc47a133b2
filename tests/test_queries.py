"""Every named query has its exact expected result on the seed graph, and parameters are
bound by the engine (a hostile value cannot change the query)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.errors import BadInput, NotFound
from coopkg.queries import all_queries, get_query, rows, run_named
from coopkg.search import SearchIndex
from coopkg.search.sparql import uses_search

EXPECTED = Path(__file__).parent / "expected" / "queries"
NAMES = sorted(all_queries())

FLAT_VIEWS = {
    "projects": ["project", "title", "start", "end", "programme", "cofinancingRate", "source"],
    "project-amounts": ["project", "kind", "value", "currency", "holder"],
    "project-organisations": ["project", "organisation", "name", "role", "country"],
    "project-places": ["project", "place", "name", "country", "geonames", "wikidata", "nuts"],
    "project-outcomes": ["project", "value", "unit", "status", "description"],
}


def test_every_named_query_has_an_expected_result() -> None:
    assert {p.stem for p in EXPECTED.glob("*.json")} == set(NAMES)


def test_there_are_at_least_eight_research_queries() -> None:
    research = [
        n
        for n in NAMES
        if n not in FLAT_VIEWS and not n.startswith("project-") and not n.endswith("-violation")
    ]
    assert len(research) >= 8, research


@pytest.mark.parametrize("name", NAMES)
def test_named_query_gives_its_exact_expected_result(
    any_store: ox.Store, seed_search: SearchIndex, name: str
) -> None:
    """On both backends: the embedded Oxigraph store and a remote Virtuoso (which has no
    search function: a query using it is refused there with a clear message)."""
    expected = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    search = None
    if uses_search(get_query(name).text):
        if not isinstance(any_store, ox.Store):
            with pytest.raises(BadInput, match="use /search"):
                run_named(any_store, name, expected["params"], search=seed_search)
            return
        search = seed_search
    variables, data = rows(run_named(any_store, name, expected["params"], search=search))
    assert variables == expected["variables"]
    assert data == expected["rows"]


@pytest.mark.parametrize(("name", "variables"), sorted(FLAT_VIEWS.items()))
def test_flat_views_have_exactly_the_contracted_variables(name: str, variables: list[str]) -> None:
    expected = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    assert expected["variables"] == variables


@pytest.mark.parametrize("name", NAMES)
def test_every_query_has_a_header(name: str) -> None:
    q = get_query(name)
    assert q.title != name and q.description


def test_violation_queries_return_nothing_on_the_seed_graph(any_store: ox.Store) -> None:
    for name in NAMES:
        if name.endswith("-violation"):
            assert rows(run_named(any_store, name))[1] == [], name


def test_orphan_value_nodes_of_each_kind_are_found(seed_store: ox.Store) -> None:
    db = ox.Store()
    db.extend(seed_store)
    coop, schema, org = (
        "https://w3id.org/coopkg/ontology#",
        "http://schema.org/",
        "http://www.w3.org/ns/org#",
    )
    graph = ox.DefaultGraph()  # where a built store keeps the merge of its graphs

    def state(s: str, p: str, o: str) -> None:
        db.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), graph))

    a = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    state("urn:x:amount", a, schema + "MonetaryAmount")
    state("urn:x:held-amount", a, schema + "MonetaryAmount")
    state("urn:x:holder", coop + "otherAmount", "urn:x:held-amount")
    state("urn:x:outcome", a, coop + "Outcome")
    state("urn:x:membership", a, org + "Membership")
    state("urn:x:membership-of-a-place", a, org + "Membership")
    state("urn:x:membership-of-a-place", org + "organization", "urn:x:place")
    found = {(r["node"], r["type"]) for r in rows(run_named(db, "orphan-value-nodes-violation"))[1]}
    assert found == {
        ("urn:x:amount", "amount"),
        ("urn:x:outcome", "outcome"),
        ("urn:x:membership", "membership"),
        ("urn:x:membership-of-a-place", "membership"),
    }


def test_parameter_values_are_bound_not_pasted(any_store: ox.Store) -> None:
    hostile = "2014 } UNION { ?project ?p ?o"
    with pytest.raises(BadInput, match="must be of type integer"):
        run_named(any_store, "projects-active-in-year", {"year": hostile})
    # an IRI parameter carrying query text is refused as an IRI, never spliced in
    with pytest.raises(BadInput):
        run_named(any_store, "projects-in-territory", {"territory": "x> } ?s ?p ?o {"})


def test_year_parameter_changes_the_answer(any_store: ox.Store) -> None:
    in_2024 = rows(run_named(any_store, "projects-active-in-year", {"year": "2024"}))[1]
    assert [r["title"] for r in in_2024] == ["Synergi@"]
    assert rows(run_named(any_store, "projects-active-in-year", {"year": "1999"}))[1] == []


def test_missing_and_unknown_parameters_are_client_errors(any_store: ox.Store) -> None:
    with pytest.raises(BadInput, match="needs parameter"):
        run_named(any_store, "projects-active-in-year")
    with pytest.raises(BadInput, match="has no parameter"):
        run_named(any_store, "projects", {"year": "2014"})
    with pytest.raises(NotFound):
        run_named(any_store, "no-such-query")
