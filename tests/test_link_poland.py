"""link/poland: a TERYT gmina up through powiat, województwo and NUTS to Poland."""

from __future__ import annotations

from coopkg.link.poland import pl_gmina
from coopkg.registries.index import link_index


def test_lublin_climbs_its_ladder() -> None:
    found = pl_gmina(link_index(), "0663011")
    assert found is not None
    unit, ancestors = found
    assert (unit.name, unit.level, unit.codes["nuts"]) == ("Lublin", "municipality", "PL814")
    assert [(a.name, a.level) for a in ancestors] == [
        ("Lublin", "county"),
        ("województwo lubelskie", "region"),
        ("Poland", "country"),
        ("Lubelski", "nuts3"),
        ("Lubelskie", "nuts2"),
    ]
    assert ancestors[1].codes == {"teryt": "06", "iso": "PL-06"}


def test_an_unknown_code_is_none() -> None:
    assert pl_gmina(link_index(), "9999999") is None
