"""extract/nominative: an organisation's head and its agreeing adjectives back in the
nominative, its dependants left as they are."""

from __future__ import annotations

import pytest

from coopkg.extract.nominative import nominative


@pytest.mark.parametrize(
    ("inflected", "expected"),
    [
        (
            "Stowarzyszeniem Przyjaciół Ziemi Sędziszowskiej",
            "Stowarzyszenie Przyjaciół Ziemi Sędziszowskiej",
        ),
        ("Szkołą Podstawową im. Jana Pawła II", "Szkoła Podstawowa im. Jana Pawła II"),
        ("Miejskim Ośrodkiem Kultury", "Miejski Ośrodek Kultury"),
        ("Rady Miejskiej w Sanoku", "Rada Miejska w Sanoku"),
        ("Гміною Тарнув Опольський", "Гміна Тарнув Опольський"),
        ("Старосамбірською міською радою", "Старосамбірська міська рада"),
        ("Лемківським Товариством «Ватра»", "Лемківське Товариство «Ватра»"),
        ("Městem Náchod", "Město Náchod"),
    ],
)
def test_oblique_forms_are_put_back(inflected: str, expected: str) -> None:
    assert nominative(inflected) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Urząd Miasta Lublin",  # the genitive `Miasta` depends on the nominative head
        "Związek Gmin i Powiatów Subregionu Zachodniego",
        "Fundacja Ziemi Kłodzkiej",
        "Landkreis Bautzen",
    ],
)
def test_a_name_in_the_nominative_is_kept(name: str) -> None:
    assert nominative(name) == name
