"""extract/places: towns from the gazetteer, inflected forms included."""

from __future__ import annotations

import pytest

from coopkg.extract.document import Doc
from coopkg.extract.organisations import find_organisations
from coopkg.extract.places import find_places, places_in, prefer_place


def test_inflected_town_names_are_found_with_their_country() -> None:
    text = "Spotkanie odbyło się w Lublinie i w Przemyślu."
    found = [p.data for p in find_places(Doc(text, "pl"), [], None)]
    assert found == [{"name": "Lublin", "country": "PL"}, {"name": "Przemyśl", "country": "PL"}]


def test_places_in_prefers_the_named_town() -> None:
    doc = Doc("Lublin", "pl")
    best = prefer_place(places_in(doc, "Lublin"), "Lublin")
    assert best.name == "Lublin" and best.country == "PL"


def test_plain_words_are_not_places() -> None:
    assert find_places(Doc("Spotkanie było bardzo udane.", "pl"), [], None) == []


def test_a_partner_town_abroad_is_found_by_its_type_word() -> None:
    text = "Delegacja z węgierskiego miasta Tiszaföldvár odwiedziła gminę w lipcu."
    found = [p.data for p in find_places(Doc(text, "pl"), [], None)]
    assert {"name": "Tiszaföldvár", "country": "HU"} in found


def test_a_foreign_namesake_without_a_cue_is_not_a_place() -> None:
    """`Essen` is a town in Germany and Belgium; capitalised in a Polish sentence with no
    cue, and no such country named, it is not taken."""
    text = "Na festynie Essen i Trinken były najważniejsze."
    assert find_places(Doc(text, "pl"), [], None) == []


def test_lithuanian_and_hungarian_cases_find_the_town() -> None:
    lt = Doc("Vizitas vyko Alytaus mieste; dalyvavo Marijampolės atstovai.", "lt")
    hu = Doc("A küldöttség Gyulán járt.", "hu")
    assert {"name": "Alytus", "country": "LT"} in [p.data for p in find_places(lt, [], None)]
    assert {"name": "Gyula", "country": "HU"} in [p.data for p in find_places(hu, [], None)]


def test_a_qualifier_in_brackets_is_part_of_the_name() -> None:
    text = "Frankfurt (Oder) und Słubice planen ein Konzept mit Polen."
    found = [p.data for p in find_places(Doc(text, "de"), [], None)]
    assert {"name": "Frankfurt (Oder)", "country": "DE"} in found
    assert not any(p["name"] == "Frankfurt am Main" for p in found)


def _names(text: str, lang: str) -> list[str]:
    return [p.data["name"] for p in find_places(Doc(text, lang), [], None)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # places listed after one preposition share it
        ("Delegacje z Przemyśla, Sanoka i Krosna.", "pl", ["Przemyśl", "Sanok", "Krosno"]),
        # a case ending says `in` in Hungarian and Lithuanian
        ("A találkozóra Sárospatakon került sor.", "hu", ["Sárospatak"]),
        ("Renginiai vyko Alytuje ir Druskininkuose.", "lt", ["Alytus", "Druskininkai"]),
        # the type word after the name, the sentence's verb before it
        ("Проєкт охоплює Чернівецьку область.", "uk", ["Чернівецька область"]),
        # a region of a neighbour in the page's language keeps that language's name
        ("Projekt se týká Slezského vojvodství.", "cs", ["Slezské vojvodství"]),
        ("Współpraca z obwodem lwowskim.", "pl", ["Obwód lwowski"]),
        # a twinning page's partner towns
        ("Unsere Partnerstadt Jelenia Góra feierte.", "de", ["Jelenia Góra"]),
        ("Testvérvárosunk, Krosno küldöttsége érkezett.", "hu", ["Krosno"]),
        ("Our twin town Kežmarok hosted the festival.", "en", ["Kežmarok"]),
        # a county inside a municipality's phrase: `gminy powiatu …`
        ("Obejmuje gminy powiatu bieszczadzkiego.", "pl", ["powiat bieszczadzki"]),
    ],
)
def test_places_as_each_language_names_them(text: str, lang: str, expected: list[str]) -> None:
    assert _names(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Projekt realizuje Gminny Ośrodek Kultury w Horyńcu-Zdroju.", "pl", ["Horyniec-Zdrój"]),
        ("Партнер – Берегівська міська рада.", "uk", ["Берегове"]),
        (
            "Die Stadtverwaltung Zittau und die Gemeinde Großschönau.",
            "de",
            ["Zittau", "Großschönau"],
        ),
        (
            "Lead partner: Druskininkai Municipality. Partner: Sejny Municipality.",
            "en",
            ["Druskininkai", "Sejny"],
        ),
    ],
)
def test_places_named_inside_organisations(text: str, lang: str, expected: list[str]) -> None:
    organisations = find_organisations(Doc(text, lang))
    found = [p.data["name"] for p in find_places(Doc(text, lang), organisations, None)]
    assert sorted(found) == sorted(expected)
