"""link/czechia: a RÚIAN obec up through okres, kraj and NUTS to Czechia."""

from __future__ import annotations

from coopkg.link.czechia import cz_obec
from coopkg.registries.index import link_index


def test_ostrava_climbs_its_ladder() -> None:
    found = cz_obec(link_index(), "554821")
    assert found is not None
    unit, ancestors = found
    assert (unit.name, unit.codes["nuts"]) == ("Ostrava", "CZ080")
    assert [(a.name, a.level) for a in ancestors][:3] == [
        ("okres Ostrava-město", "county"),
        ("Moravskoslezský kraj", "region"),
        ("Czechia", "country"),
    ]
    assert ancestors[1].codes.get("iso") == "CZ-80"


def test_an_unknown_code_is_none() -> None:
    assert cz_obec(link_index(), "0") is None
