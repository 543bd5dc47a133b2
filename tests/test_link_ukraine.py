"""link/ukraine: a KATOTTH unit up through hromada, raion and oblast to Ukraine."""

from __future__ import annotations

from coopkg.link.ukraine import ua_unit
from coopkg.registries.index import link_index


def test_lutsk_climbs_its_ladder() -> None:
    found = ua_unit(link_index(), "UA07080170010083384")
    assert found is not None
    unit, ancestors = found
    assert (unit.name, unit.level) == ("Луцьк", "locality")
    assert [(a.name, a.level) for a in ancestors] == [
        ("Луцька територіальна громада", "municipality"),
        ("Луцький район", "county"),
        ("Волинська область", "region"),
        ("Ukraine", "country"),
    ]
    assert ancestors[2].codes["iso"] == "UA-07"
    assert ancestors[2].external == ["http://www.wikidata.org/entity/Q167859"]


def test_an_unknown_code_is_none() -> None:
    assert ua_unit(link_index(), "UA00") is None
