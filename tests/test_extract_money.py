"""extract/money: a project's amounts by kind and its co-financing rate."""

from __future__ import annotations

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
