"""names: folding, transliteration and the inflection-tolerant match of a name in text."""

from __future__ import annotations

from coopkg.names import fold, name_match, token_match, tokens, uk_to_latin


def test_fold_and_transliterate() -> None:
    assert fold("Łódź") == "lodz"
    assert uk_to_latin("Луцьк") == "lutsk"
    assert tokens("Gmina Kraśnik, 2020") == ["gmina", "krasnik", "2020"]


def test_an_inflected_form_matches_and_another_word_does_not() -> None:
    assert token_match("lublinie", "lublin") > 0
    assert token_match("lublin", "lublin") >= token_match("lublinie", "lublin")
    assert token_match("rybnik", "lublin") == 0
    assert name_match(["lublinie"], ["lublin"]) > 0
    assert name_match(["nowym", "targu"], ["nowy", "sacz"]) == 0


def test_feminine_adjectival_names_in_the_genitive() -> None:
    assert name_match(["bialej", "podlaskiej"], ["biala", "podlaska"]) > 0
