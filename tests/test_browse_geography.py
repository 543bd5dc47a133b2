"""browse/geography: projects counted and budgets summed per NUTS region (per currency,
never across), and the places with coordinates as points."""

from __future__ import annotations

from coopkg.browse.geography import currencies, points, region_stats, regions_geojson
from coopkg.browse.table import Place, Row
from coopkg.geo import boundaries

from .conftest import missing


def _row(iri: str, nuts: set[str], budget: float | None, currency: str | None) -> Row:
    row = Row(iri, iri.upper(), budget=budget, currency=currency)
    row.values["nuts"] = nuts
    return row


ROWS = [
    _row("a", {"PL22", "PL227"}, 100.0, "PLN"),
    _row("b", {"PL22", "PL225", "CZ08", "CZ080"}, 10.0, "EUR"),
    _row("c", {"PL22"}, 50.0, "PLN"),
    _row("d", {"PL81"}, None, None),
]


def test_counts_and_budgets_per_region_and_currency() -> None:
    stats = region_stats(ROWS, 2)
    assert {code: s.projects for code, s in stats.items()} == {"PL22": 3, "CZ08": 1, "PL81": 1}
    assert dict(stats["PL22"].budgets) == {"PLN": 150.0, "EUR": 10.0}
    assert dict(stats["PL81"].budgets) == {}
    assert set(region_stats(ROWS, 3)) == {"PL227", "PL225", "CZ080"}


def test_currencies_most_used_first() -> None:
    stats = region_stats(ROWS, 2)
    assert currencies(stats.values()) == ["EUR", "PLN"]  # in two regions each: by name
    more = [*ROWS, _row("e", {"PL81"}, 1.0, "PLN"), _row("f", {"PL42"}, 1.0, "PLN")]
    assert currencies(region_stats(more, 2).values()) == ["PLN", "EUR"]


def test_points_gather_the_projects_at_each_place() -> None:
    a, b = _row("a", set(), None, None), _row("b", set(), None, None)
    for row in (a, b):
        row.places["p1"] = Place("p1", "Rzeszów", (21.99, 50.04))
    b.places["p2"] = Place("p2", "województwo", None)  # no coordinates: no point
    (point,) = points([a, b])
    assert (point["label"], point["lon"], point["lat"]) == ("Rzeszów", 21.99, 50.04)
    assert [p["id"] for p in point["projects"]] == ["a", "b"]


def test_the_choropleth_covers_each_country_with_projects() -> None:
    if not boundaries.installed():
        missing("the map boundaries are installed by scripts/install")
    collection = regions_geojson(region_stats(ROWS, 2), 2)
    codes = {f["id"] for f in collection["features"]}
    assert {"PL22", "PL81", "CZ08", "PL91", "CZ01"} <= codes  # regions without projects too
    assert not any(code.startswith("DE") for code in codes)
    silesia = next(f for f in collection["features"] if f["id"] == "PL22")
    assert silesia["properties"]["projects"] == 3 and silesia["properties"]["name"] == "Śląskie"
