"""browse/facets: filters, counts, order and the SPARQL query of a view — the counts and
the list checked against that query run by the engine."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coopkg.browse.facets import FACETS, View, counts, select, sparql
from coopkg.browse.table import Table, read_table
from coopkg.errors import BadInput
from coopkg.queries import rows, run_sparql
from coopkg.search import SearchIndex

VIEWS = [
    {},
    {"country": ["PL"]},
    {"country": ["PL", "CZ"], "sort": ["-budget"]},
    {"year": ["2014"], "role": ["lead"]},
    {"fund": ["ESF", "ERDF"], "orgtype": ["municipality"], "sort": ["-start"]},
    {"unit": ["person"], "sort": ["-title"]},
    {"q": ["Rzeszów"]},
    {"nuts": ["PL22"]},
    {"nuts": ["PL227", "CZ080"], "country": ["PL"]},
]


@pytest.fixture(scope="module")
def table(seed_store: ox.Store) -> Table:
    return read_table(seed_store)


def _sparql_projects(store: ox.Store, view: View, search: SearchIndex) -> list[str]:
    return [str(r["project"]) for r in rows(run_sparql(store, sparql(view), search=search))[1]]


@pytest.mark.parametrize("args", VIEWS, ids=lambda a: "&".join(f"{k}={v}" for k, v in a.items()))
def test_the_list_is_what_its_sparql_gives(
    table: Table, seed_store: ox.Store, seed_search: SearchIndex, args: dict[str, list[str]]
) -> None:
    view = View.from_args(args)
    matched = set(seed_search.scores(view.q)) if view.q else None
    mine = [r.iri for r in select(table, view, matched)]
    assert mine == _sparql_projects(seed_store, view, seed_search)


@pytest.mark.parametrize("args", VIEWS, ids=lambda a: "&".join(f"{k}={v}" for k, v in a.items()))
def test_facet_counts_are_sparql_counts(
    table: Table, seed_store: ox.Store, seed_search: SearchIndex, args: dict[str, list[str]]
) -> None:
    """Each count is the number of projects the view gives with that value chosen alone."""
    view = View.from_args(args)
    matched = set(seed_search.scores(view.q)) if view.q else None
    for facet, values in counts(table, view, matched).items():
        for value, _, n in values:
            narrowed = View({**view.chosen, facet: (value,)}, view.q)
            assert len(_sparql_projects(seed_store, narrowed, seed_search)) == n, (facet, value)


def test_values_are_checked_before_they_reach_the_query() -> None:
    for bad in (
        {"region": ["x> } ?s ?p ?o {"]},
        {"fund": ['ERDF" } #']},
        {"year": ["20x4"]},
        {"nuts": ["PL"]},
        {"nuts": ['PL22" ']},
        {"sort": ["budget; DROP"]},
        {"page": ["0"]},
        {"per_page": ["1000"]},
    ):
        with pytest.raises(BadInput):
            View.from_args(bad)


def test_links_toggle_a_value_and_go_back_to_the_first_page() -> None:
    view = View.from_args({"country": ["PL"], "page": ["3"]})
    assert view.params(("country", "CZ")) == [("country", "PL"), ("country", "CZ")]
    assert view.params(("country", "PL")) == []
    assert view.params(page=2) == [("country", "PL"), ("page", "2")]
    assert set(FACETS) >= set(view.chosen)
