"""search/text: the forms a word is indexed under and the patterns a query matches."""

from __future__ import annotations

from coopkg.search.text import forms, fts_query, index_terms, matches, query_patterns, stem


def test_a_word_is_indexed_folded_and_lemmatised() -> None:
    assert {"wspolpracy", "wspolpraca"} <= forms("współpracy", "pl")
    assert "samorzadowy" in forms("samorządowej", "pl")


def test_cyrillic_is_romanised_too() -> None:
    assert {"луцьк", "lutsk"} <= forms("Луцьк", "uk")


def test_an_unknown_language_tries_every_search_language() -> None:
    assert "gemeinde" in forms("Gemeinden", None)
    assert "savivaldybe" in forms("savivaldybės", None)


def test_stems_leave_short_words_alone() -> None:
    assert stem("lublin") == "lubli"
    assert stem("samorzad") == "samorz"
    assert stem("stranavach") == "stranav"
    assert stem("gmin") is None and stem("2020") is None


def test_query_words_must_all_match_by_a_form_or_a_stem() -> None:
    patterns = query_patterns("współpraca samorządów", "pl")
    expression = fts_query(patterns)
    assert expression.count(" AND ") == 1
    assert '"samorz"*' in expression


def test_alternatives_a_shorter_stem_covers_are_left_out() -> None:
    """`lublinie`, `lublin` and the stem `lublin*` match nothing `lubli*` does not."""
    assert fts_query(query_patterns("Lublinie", "pl")) == '("lubli"*)'
    assert fts_query(query_patterns("współpraca samorządów", "pl")) == (
        '("wspolpr"*) AND ("samorz"*)'
    )
    assert fts_query(query_patterns("UE", None)) == '("ue")'  # too short for a stem


def test_short_words_are_left_out_unless_alone() -> None:
    assert len(query_patterns("w Lublinie", "pl")) == 1
    assert len(query_patterns("UE", None)) == 1


def test_highlighting_uses_the_same_matching() -> None:
    patterns = query_patterns("współpraca samorządów", "pl")
    assert matches("samorządowej", "pl", patterns)
    assert matches("Współpracy", "pl", patterns)
    assert not matches("gmina", "pl", patterns)


def test_index_terms_keep_each_form_once() -> None:
    terms = index_terms("Gmina gmina Gminy", "pl").split()
    assert len(terms) == len(set(terms)) and "gmina" in terms
