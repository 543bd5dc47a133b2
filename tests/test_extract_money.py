"""extract/money: a project's amounts by kind and its co-financing rate."""

from __future__ import annotations

import pytest

from coopkg.extract.document import Doc
from coopkg.extract.money import find_amounts


def test_total_and_rate_with_evidence() -> None:
    text = "Wartość projektu: 1 200 000,50 zł, dofinansowanie 85%."
    amounts, rate = find_amounts(Doc(text, "pl"), [])
    assert [a.data for a in amounts] == [{"kind": "total", "value": 1200000.5, "currency": "PLN"}]
    assert text[slice(*amounts[0].spans[0])] == "1 200 000,50 zł"
    assert rate is not None and rate.data == {"rate": 0.85}


def test_a_page_without_money_has_no_amounts() -> None:
    amounts, rate = find_amounts(Doc("Spotkanie partnerów w Lublinie.", "pl"), [])
    assert (amounts, rate) == ([], None)


# made-up sentences, one per way the corpus languages state a project's money
PHRASED_AMOUNTS = [
    (
        "pl",
        "Gmina otrzymała dotację z UE w wysokości nieco ponad 46 tys. zł.",
        [("eu_contribution", 46000.0, "PLN")],
    ),
    (
        "pl",
        "Budżet całego programu to 82 mln EUR, a nasz projekt kosztował 240 tys. euro.",
        [("total", 240000.0, "EUR")],
    ),
    (
        "uk",
        "Загальна вартість проєкту становить 512 340 євро, з яких грант ЄС – 460 000 євро.",
        [("total", 512340.0, "EUR"), ("eu_contribution", 460000.0, "EUR")],
    ),
    (
        "sk",
        "Celkový rozpočet projektu je 320 000 eur, z toho príspevok EÚ 272 000 eur.",
        [("total", 320000.0, "EUR"), ("eu_contribution", 272000.0, "EUR")],
    ),
    (
        "lt",
        "Bendra projekto vertė – 450 000 eurų, iš jų ES lėšos – 382 500 eurų.",
        [("total", 450000.0, "EUR"), ("eu_contribution", 382500.0, "EUR")],
    ),
    (
        "hu",
        "A projekt teljes költségvetése 95 millió forint, az uniós támogatás 80 millió forint.",
        [("total", 95000000.0, "HUF"), ("eu_contribution", 80000000.0, "HUF")],
    ),
    (
        "de",
        "Die Gesamtkosten belaufen sich auf 742.000 EUR, davon EFRE-Mittel 630.700 EUR.",
        [("total", 742000.0, "EUR"), ("eu_contribution", 630700.0, "EUR")],
    ),
    ("en", "The project received an EU grant of €45,000.", [("eu_contribution", 45000.0, "EUR")]),
    ("en", "Total project value: 2,345,678.90 EUR", [("total", 2345678.9, "EUR")]),
    # a grant with no EU or EEA money on the page is another source's
    (
        "pl",
        "Fundacja Orlen przyznała nam grant w wysokości 25 000 zł.",
        [("other", 25000.0, "PLN")],
    ),
    # the programme's budget is no project's
    ("pl", "Na realizację Programu przeznaczono 184,7 mln euro z EFRR.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PHRASED_AMOUNTS)
def test_amounts_as_each_language_states_them(
    lang: str, text: str, expected: list[tuple[str, float, str]]
) -> None:
    amounts, _ = find_amounts(Doc(text, lang), [])
    got = [(a.data["kind"], a.data["value"], a.data["currency"]) for a in amounts]
    assert got == expected


@pytest.mark.parametrize(
    ("lang", "text", "rate"),
    [
        ("sk", "Celkové výdavky 897 000 eur, príspevok EÚ tvorí 90 %.", 0.9),
        ("hu", "Az összköltsége 312 000 euró volt, ebből a támogatás 85%.", 0.85),
        ("de", "Gesamtkosten 742.000 EUR, Fördersatz 85 %.", 0.85),
        ("lt", "Bendra vertė 450 000 eurų, ES lėšos sudaro 85 proc.", 0.85),
        ("uk", "Загальна вартість 500 000 євро, частка гранту ЄС – 90 відсотків.", 0.9),
    ],
)
def test_the_cofinancing_rate_as_each_language_gives_it(lang: str, text: str, rate: float) -> None:
    _, found = find_amounts(Doc(text, lang), [])
    assert found is not None and found.data["rate"] == rate
