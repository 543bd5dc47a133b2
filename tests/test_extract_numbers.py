"""extract/numbers: numbers in the local formats, currencies, multipliers, money and dates."""

from __future__ import annotations

import pytest

from coopkg.extract.numbers import (
    currency_of,
    find_dates,
    find_money,
    multiplier_of,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1 200 000,50", 1200000.5), ("1.200.000", 1200000.0), ("46", 46.0), ("2,5", 2.5)],
)
def test_parse_number_reads_local_separators(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_currency_and_multiplier_words() -> None:
    assert currency_of("zł") == "PLN"
    assert currency_of("EUR") == "EUR"
    assert currency_of(None) is None
    assert multiplier_of("mln") == 1_000_000
    assert multiplier_of("tys.") == 1_000
    assert multiplier_of(None) == 1


def test_find_money_applies_multipliers_and_keeps_offsets() -> None:
    text = "Budżet 2,5 mln EUR oraz 46 tys. zł"
    hits = find_money(text)
    assert [(h.value, h.currency) for h in hits] == [(2_500_000, "EUR"), (46_000, "PLN")]
    assert text[hits[0].start : hits[0].end] == "2,5 mln EUR"


def test_find_dates_numeric_and_in_words() -> None:
    text = "od 01.03.2019 do 31 grudnia 2020"
    hits = find_dates(text)
    assert [h.value for h in hits] == ["2019-03-01", "2020-12-31"]
    assert text[hits[1].start : hits[1].end] == "31 grudnia 2020"


def test_a_number_alone_is_not_money_or_a_date() -> None:
    assert find_money("W spotkaniu wzięło udział 40 osób.") == []
    assert find_dates("W spotkaniu wzięło udział 40 osób.") == []


def test_money_in_more_languages_and_the_czech_million() -> None:
    from coopkg.extract.numbers import find_money

    assert [(h.value, h.currency) for h in find_money("náklady 4,6 mil. EUR")] == [
        (4_600_000.0, "EUR")
    ]
    assert [(h.value, h.currency) for h in find_money("12 500 euró összeggel")] == [
        (12_500.0, "EUR")
    ]
    assert [(h.value, h.currency) for h in find_money("2 800 000 forinttal")] == [
        (2_800_000.0, "HUF")
    ]
    assert find_money("trasa ma 10 mil. długości") == []  # miles, not millions
