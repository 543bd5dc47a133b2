"""extract/lexicon: the words the rules share."""

from __future__ import annotations

import re

import pytest

from coopkg.extract import lexicon as lx


@pytest.mark.parametrize(
    ("word", "month"), [("września", 9), ("October", 10), ("březen", 3), ("xyz", None)]
)
def test_month_of(word: str, month: int | None) -> None:
    assert lx.month_of(word) == month


def test_every_language_maps_to_a_country() -> None:
    assert lx.LANG_COUNTRY["uk"] == "UA" and lx.LANG_COUNTRY["cs"] == "CZ"


def test_legal_forms_compile_and_match_heads() -> None:
    legal = re.compile(rf"(?<!\w)(?:{lx.LEGAL_FORMS})(?!\w)", re.IGNORECASE)
    for head in ("Gmina", "Stowarzyszenie", "obec", "Fundacja"):
        assert legal.search(f"{head} Testowa"), head
