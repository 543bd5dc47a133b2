"""extract/places: towns from the gazetteer, inflected forms included."""

from __future__ import annotations

from coopkg.extract.document import Doc
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
