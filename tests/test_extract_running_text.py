"""extract/running_text: organisations named in running text, head first or head last."""

from __future__ import annotations

import pytest

from coopkg.extract.document import Doc
from coopkg.extract.organisations import find_organisations
from coopkg.extract.running_text import nominative_org


def test_a_municipality_named_in_a_case_gets_its_head_word() -> None:
    assert nominative_org("gminy Żmudź") == "Gmina Żmudź"
    assert nominative_org("Fundacja Orlen") == "Fundacja Orlen"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Projektą įgyvendino Alytaus miesto savivaldybė kartu su partneriais.\n",
            "lt",
            "Alytaus miesto savivaldybė",
        ),
        (
            "A látogatást Tiszaföldvár Város Önkormányzata szervezte.\n",
            "hu",
            "Tiszaföldvár Város Önkormányzata",
        ),
        ("Табір організувала Бочечківська громада.\n", "uk", "Бочечківська громада"),
    ],
)
def test_names_whose_head_comes_last(text: str, lang: str, expected: str) -> None:
    assert expected in [o.data["name"] for o in find_organisations(Doc(text, lang))]


def _named(text: str, lang: str) -> dict[str, str]:
    return {o.data["name"]: o.data["role"] for o in find_organisations(Doc(text, lang))}


# made-up sentences in each language's ways of naming a school, a museum, a university or
# an association in running text, with the role its clause gives
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Partnerem projektu je Základní škola Jablunkov a spolek Přátelé Beskyd.",
            "cs",
            {"Základní škola Jablunkov": "partner", "Spolek Přátelé Beskyd": "partner"},
        ),
        (
            "Prijímateľom je Mesto Bardejov a partnerom Občianske združenie Karpaty.",
            "sk",
            {"Mesto Bardejov": "lead", "Občianske združenie Karpaty": "partner"},
        ),
        (
            "A partner a Miskolci Egyetem és a Kassai Műszaki Egyetem volt.",
            "hu",
            {"Miskolci Egyetem": "partner", "Kassai Műszaki Egyetem": "partner"},
        ),
        (
            "Partneris – asociacija „Nemuno euroregionas“.",
            "lt",
            {"Asociacija „Nemuno euroregionas“": "partner"},
        ),
        (
            "The municipality of Krosno worked with the Association of Ukrainian Cities.",
            "en",
            {"Municipality of Krosno": "lead", "Association of Ukrainian Cities": "partner"},
        ),
        (
            "Projektträger ist der Verein Umgebindeland e.V., Partner ist die Stiftung Kreisau.",
            "de",
            {"Verein Umgebindeland": "lead", "Stiftung Kreisau": "partner"},
        ),
        (
            "Партнером проєкту виступила Мостиська міська територіальна громада.",
            "uk",
            {"Мостиська міська територіальна громада": "partner"},
        ),
        (
            "За підтримки Львівської обласної державної адміністрації відбувся форум.",
            "uk",
            {"Львівська обласна державна адміністрація": "funder"},
        ),
    ],
)
def test_more_heads_and_the_role_their_clause_gives(
    text: str, lang: str, expected: dict[str, str]
) -> None:
    assert _named(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A kiállítás a Zempléni Múzeumban nyílt meg.", "hu"),
        ("Renginys vyko Pagėgių savivaldybėje ir Tauragės mokykloje.", "lt"),
        ("The school year started in September and the library was closed.", "en"),
        ("Partnerami są wszyscy mieszkańcy gminy.", "pl"),
        ("Uczestnicy zwiedzili Muzeum Narodowe w Krakowie.", "pl"),
        ("Kontakt: Urząd Gminy Lesko, ul. Parkowa 1, tel. 13 469 80 10", "pl"),
    ],
)
def test_where_something_happened_and_common_words_are_no_organisations(
    text: str, lang: str
) -> None:
    assert _named(text, lang) == {}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Akci připravilo Město Náchod ve spolupráci s Gminou Miejską Kudowa-Zdrój a Obcí Hronov.",
            "cs",
            {"Město Náchod", "Gmina Miejska Kudowa-Zdrój", "Obec Hronov"},
        ),
        (
            "Partnerem byl Euroregion Glacensis a Mestský úrad Čadca.",
            "cs",
            {"Euroregion Glacensis", "Mestský úrad Čadca"},
        ),
        (
            "Partnerem było Koło Gospodyń Wiejskich w Łące.",
            "pl",
            {"Koło Gospodyń Wiejskich w Łące"},
        ),
        (
            "Партнером виступило Управління освіти Луцької міської ради.",
            "uk",
            {"Управління освіти Луцької міської ради"},
        ),
    ],
)
def test_conjunctions_part_names_and_more_heads(text: str, lang: str, expected: set[str]) -> None:
    assert set(_named(text, lang)) == expected


def test_a_fund_is_no_organisation() -> None:
    text = "A projekt az Európai Regionális Fejlesztési Alap társfinanszírozásával valósult meg."
    assert _named(text, "hu") == {}
