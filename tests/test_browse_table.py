"""browse/table: each project's facet values, read from the store."""

from __future__ import annotations

import pyoxigraph as ox

from coopkg.browse.table import read_table


def test_rows_carry_each_facets_values(seed_store: ox.Store) -> None:
    table = read_table(seed_store)
    assert len(table.rows) == 5
    by_title = {r.title: r for r in table.rows}
    cz = by_title["Úřady bez hranic"]
    assert cz.values["fund"] == {"ERDF"} and cz.values["country"] == {"CZ", "PL"}
    assert (cz.budget, cz.currency) == (23725.48, "EUR")
    assert any("moravskoslezsko" in v for v in cz.values["region"])
    # every NUTS 2 and NUTS 3 unit its places lie in, from the codes' prefixes
    assert {"CZ08", "CZ080", "PL22"} <= cz.values["nuts"]
    assert all(len(code) in (4, 5) for code in cz.values["nuts"])
    assert any(place.point for place in cz.places.values())
    synergia = by_title["Synergi@"]
    assert synergia.values["year"] == {"2023", "2024", "2025"}
    assert {"event", "person"} <= synergia.values["unit"]
    assert {o.unit for o in synergia.outcomes} >= {"event", "person"}


def test_labels_name_every_value(seed_store: ox.Store) -> None:
    table = read_table(seed_store)
    for row in table.rows:
        for facet, values in row.values.items():
            assert values <= set(table.labels.get(facet, {})), facet
    assert any(label.endswith("(NUTS 2)") for label in table.labels["region"].values())
