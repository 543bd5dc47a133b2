"""link/slovakia: a LAU municipality up through its kraj (NUTS 3) and NUTS 2 to Slovakia."""

from __future__ import annotations

from coopkg.link.slovakia import sk_lau
from coopkg.registries.index import link_index


def test_nitra_climbs_its_ladder() -> None:
    found = sk_lau(link_index(), "500011")
    assert found is not None
    unit, ancestors = found
    assert (unit.name, unit.country, unit.codes["nuts"]) == ("Nitra", "SK", "SK023")
    assert [(a.name, a.level) for a in ancestors] == [
        ("Nitriansky kraj", "region"),
        ("Západné Slovensko", "nuts2"),
        ("Slovakia", "country"),
    ]
    assert ancestors[0].codes["iso"] == "SK-NI"


def test_a_polish_lau_code_is_not_slovak() -> None:
    assert sk_lau(link_index(), "1001121200101") is None
