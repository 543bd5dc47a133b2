"""Text → index terms, and a query → the term patterns it matches.

Both sides reduce a word to forms that its inflections share: the folded word itself
(lower case, no diacritics), its lemma in the text's language from simplemma's
dictionaries (see `lemmas.py`; `Lublinie` → `lublin`, `współpracy` → `współpraca`),
and for Cyrillic the romanised form (`Луцьк` → `lutsk`), so that a Latin query finds
Ukrainian text. A query word also matches by its stem (the lemma without its last
letters, as a prefix), which carries derivations a dictionary keeps apart: `samorządów`
(lemma `samorząd`) finds `samorządowej`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..names import fold, uk_to_latin
from .lemmas import LANGUAGES, LEMMAS

WORD = re.compile(r"\w+", re.UNICODE)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MIN_STEM = 4
SHORT_WORD = 2  # a shorter stem matches too much to be worth a prefix search


def words(text: str) -> list[str]:
    return WORD.findall(text)


@lru_cache(maxsize=1 << 18)  # names and common words recur across the whole graph
def lemmas(word: str, language: str | None) -> frozenset[str]:
    """The word's lemmas, folded: in `language`, or in each of LANGUAGES when unknown."""
    chosen = (language,) if language in LANGUAGES else LANGUAGES
    found = set()
    for lang in chosen:
        lemma = LEMMAS.lemma(word, lang)
        if lemma:
            found.add(fold(lemma).replace(" ", ""))
    return frozenset(found)


@lru_cache(maxsize=1 << 18)
def forms(word: str, language: str | None) -> frozenset[str]:
    """Every form a word is indexed under (see the module's docstring)."""
    out = {fold(word).replace(" ", "")} | lemmas(word, language)
    if CYRILLIC.search(word):
        out |= {fold(uk_to_latin(f)) for f in list(out)}
    return frozenset(f for f in out if f)


def index_terms(text: str, language: str | None) -> str:
    """The text as a space-separated list of index terms."""
    terms: dict[str, None] = {}
    for w in words(text):
        for f in sorted(forms(w, language)):
            terms[f] = None
    return " ".join(terms)


def stem(form: str) -> str | None:
    """The prefix a form's inflections and derivations share, or None for a short word."""
    if len(form) < MIN_STEM + 1 or form.isdigit():
        return None
    # case endings run to three letters (-ach, -ami, -iej, -ого); shorter words keep more
    cut = 1 if len(form) <= 6 else 2 if len(form) <= 8 else 3
    return form[: max(MIN_STEM, len(form) - cut)]


def query_patterns(query: str, language: str | None) -> list[tuple[frozenset[str], frozenset[str]]]:
    """For each query word: (the exact forms, the stems matched as prefixes).

    Words of one or two letters (`w`, `i`, `z`, `of`, `na`) are left out when the query
    has longer ones: they are prepositions and conjunctions far more often than names.
    """
    out = []
    found = words(query)
    longer = [w for w in found if len(w) > SHORT_WORD]
    for w in longer or found:
        exact = forms(w, language)
        stems = frozenset(s for s in (stem(f) for f in exact) if s)
        out.append((exact, stems))
    return out


def fts_query(patterns: list[tuple[frozenset[str], frozenset[str]]]) -> str:
    """An FTS5 MATCH expression: every query word, by any of its forms or stems."""
    groups = []
    for exact, stems in patterns:
        # a form or a stem that a shorter stem begins matches nothing more, and each phrase
        # costs a pass over its doclist for its weight
        shortest = [s for s in sorted(stems) if not any(s != t and s.startswith(t) for t in stems)]
        kept = [f for f in sorted(exact) if not any(f.startswith(s) for s in shortest)]
        alternatives = [f'"{f}"' for f in kept] + [f'"{s}"*' for s in shortest]
        groups.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(groups)


def matches(
    word: str, language: str | None, patterns: list[tuple[frozenset[str], frozenset[str]]]
) -> bool:
    """Whether a word of a text is one the query found (for highlighting)."""
    mine = forms(word, language)
    for exact, stems in patterns:
        if mine & exact or any(f.startswith(s) for f in mine for s in stems):
            return True
    return False


def matches_plainly(word: str, patterns: list[tuple[frozenset[str], frozenset[str]]]) -> bool:
    """Whether the query found a word by its folded or romanised form alone: `matches`
    without the dictionary lookups, which cost most of a result's snippet."""
    mine = {fold(word).replace(" ", "")}
    if CYRILLIC.search(word):
        mine.add(fold(uk_to_latin(word)).replace(" ", ""))
    for exact, stems in patterns:
        if mine & exact or any(f.startswith(s) for f in mine for s in stems):
            return True
    return False
