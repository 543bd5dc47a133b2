"""link/units: countries, NUTS ancestors and the link report."""

from __future__ import annotations

from coopkg.link.units import LinkReport, Problem, country_unit, nuts_units
from coopkg.registries.index import link_index


def test_country_unit() -> None:
    poland = country_unit("PL")
    assert (poland.name, poland.level, poland.codes) == (
        "Poland",
        "country",
        {"iso": "PL", "nuts": "PL"},
    )


def test_nuts_units_from_a_nuts3_code() -> None:
    found = [(u.codes["nuts"], u.level) for u in nuts_units(link_index(), "PL814", "PL")]
    assert found == [("PL814", "nuts3"), ("PL81", "nuts2")]


def test_reports_merge() -> None:
    a, b = LinkReport(), LinkReport()
    a.linked.append(("a.json", "Lublin", "teryt:0663011"))
    b.problems.append(("b.json", Problem("Xyz", "PL", "unknown", ["Xyzów"])))
    a.merge(b)
    text = a.text()
    assert text.startswith("linked places: 1; unlinked: 1")
    assert "b.json: Xyz [PL]: unknown (candidates: Xyzów)" in text
