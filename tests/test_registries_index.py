"""registries/index: the registers keyed for linking, and distances between points."""

from __future__ import annotations

import pytest

from coopkg.registries.index import distance_km, link_index


def test_the_registers_are_indexed() -> None:
    ix = link_index()
    assert ix.pl_gmina["0663011"]["gmina_name"] == "Lublin"
    assert ix.cz_obec["554821"]["nazev_obce"] == "Ostrava"
    assert ix.ua["UA07000000000024379"][1] == "Волинська"
    assert ix.lau["500011"][:3] == ("Nitra", "SK023", "SK")
    assert ix.iso_by_name[("CZ", "moravskoslezsky kraj")] == "CZ-80"


def test_distance_between_lublin_and_rzeszow() -> None:
    assert distance_km((22.57, 51.25), (22.0, 50.04)) == pytest.approx(140, abs=15)
    assert distance_km((22.0, 50.0), (22.0, 50.0)) == 0
