"""search/lemmas: simplemma's dictionaries read from one on-disk table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coopkg.search import lemmas
from coopkg.search.lemmas import LEMMAS, Lemmas, write_table


@pytest.mark.parametrize(
    ("word", "lang", "lemma"),
    [
        ("współpracy", "pl", "współpraca"),
        ("громади", "uk", "громада"),
        ("spolupráci", "sk", "spolupráca"),
        ("savivaldybės", "lt", "savivaldybė"),
        ("Gemeinden", "de", "Gemeinde"),
        ("municipalities", "en", "municipality"),
    ],
)
def test_lemmas_of_the_search_languages(word: str, lang: str, lemma: str) -> None:
    assert LEMMAS.lemma(word, lang) == lemma


def test_an_unknown_word_has_no_lemma() -> None:
    assert LEMMAS.lemma("qwxzzy", "pl") is None


def test_the_table_is_written_once_and_read_by_its_own_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def tiny(lang: str) -> Iterator[tuple[str, str, str]]:
        calls.append(lang)
        yield lang, "domy", "dom"

    monkeypatch.setattr(lemmas, "_dictionary", tiny)
    path = tmp_path / "lemmas.sqlite"
    table = Lemmas(path)
    assert table.lemma("Domy", "pl") == "dom"  # written on first use
    assert calls == list(lemmas.LANGUAGES)
    write_table(path)  # already there: nothing is written again
    assert calls == list(lemmas.LANGUAGES)
    assert not list(tmp_path.glob(".*.tmp"))
    table.close()
