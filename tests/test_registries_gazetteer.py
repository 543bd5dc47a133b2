"""registries/gazetteer: places from the snapshots, found by inflected and transliterated names."""

from __future__ import annotations

import pytest

from coopkg.registries.gazetteer import Gazetteer, Place, gazetteer


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Lublinie", "Lublin", "PL"),
        ("Rzeszowa", "Rzeszów", "PL"),
        ("Луцьку", "Lutsk", "UA"),
        ("Ostravě", "Ostrava", "CZ"),
        ("Nitre", "Nitra", "SK"),
    ],
)
def test_inflected_forms_find_the_town(text: str, name: str, country: str) -> None:
    _, best = gazetteer().lookup(text)[0]
    assert (best.name, best.country) == (name, country)


def test_a_bare_adjective_needs_a_type_word_beside_it() -> None:
    g = gazetteer()
    assert g.lookup("myśliborski") == []
    _, county = g.lookup("myśliborski", cued=True)[0]
    assert (county.name, county.level, county.code("teryt")) == (
        "powiat myśliborski",
        "county",
        "3210",
    )


def test_filters_by_country_and_level() -> None:
    g = gazetteer()
    assert all(p.country == "CZ" for _, p in g.lookup("Ostrava", countries={"CZ"}))
    assert g.lookup("Lublin", countries={"UA"}) == []
    assert {p.level for _, p in g.lookup("Lublin", levels={"municipality"})} == {"municipality"}


def test_a_gazetteer_of_ones_own() -> None:
    g = Gazetteer()
    g.add(Place("x:1", "Biała Podlaska", "PL", "locality"), ["Biała Podlaska"], ("bialski",))
    assert [p.key for _, p in g.lookup("Białej Podlaskiej")] == ["x:1"]
    assert g.lookup("bialskim") == [] and g.lookup("bialskim", cued=True)


@pytest.mark.parametrize(
    ("text", "name", "country", "level"),
    [
        ("Tiszaföldvár", "Tiszaföldvár", "HU", "locality"),
        ("Suczawa", "Suceava", "RO", "locality"),  # the Polish name, a GeoNames alternate
        ("Сучава", "Suceava", "RO", "locality"),
        ("Jász-Nagykun-Szolnok", "Jász-Nagykun-Szolnok", "HU", "county"),  # a NUTS 3 label
    ],
)
def test_places_of_the_rest_of_europe(text: str, name: str, country: str, level: str) -> None:
    found = [p for _, p in gazetteer().lookup(text)]
    assert any((p.name, p.country, p.level) == (name, country, level) for p in found), found


def test_a_nuts_region_carries_its_code() -> None:
    county = next(p for _, p in gazetteer().lookup("Jász-Nagykun-Szolnok") if p.level == "county")
    assert county.code("nuts3") == "HU322" and county.parent == "nuts:HU32"


@pytest.mark.parametrize(
    ("text", "written", "name"),
    [
        ("Slezského vojvodství", "Slezské vojvodství", "województwo śląskie"),
        ("obwodu lwowskiego", "Obwód lwowski", "Львівська область"),
    ],
)
def test_regions_by_their_names_in_the_neighbours_languages(
    text: str, written: str, name: str
) -> None:
    score, place, matched = gazetteer().lookup_named(text, cued=True, levels={"region"})[0]
    assert (place.name, matched) == (name, written) and score > 0


def test_a_raion_abolished_in_2020_is_still_found_by_its_name() -> None:
    found = gazetteer().lookup("Старосамбірському районі", cued=True, levels={"county"})
    assert found and found[0][1].name == "Старосамбірський район"
    assert found[0][1].country == "UA"
