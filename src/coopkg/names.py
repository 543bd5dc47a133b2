"""Name normalisation and inflection-tolerant comparison for pl, cs, sk, uk (and en, de).

Place and organisation names appear inflected in running text: `w Lublinie`,
`у Луцьку`, `v Ostravě`, `Czerwionce – Leszczynach`. Instead of lists of word
forms we compare names token by token: two tokens match when they share a stem
and what is left of each is short enough to be a case ending. Combined with a
gazetteer this finds `Lublin` for `Lublinie` but not `Kamienica` for `Kamień`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Ukrainian national romanisation (2010): used for IRIs' slugs and for matching names in
# Latin script against registers kept in Cyrillic.
UK_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "'": "",
    "’": "",
}


def uk_to_latin(text: str) -> str:
    """Lower-case romanisation of Ukrainian text; enough for names and slugs."""
    return "".join(UK_LATIN.get(c, c) for c in text.lower())


_DASHES = re.compile(r"\s*[-‐‑‒–—]\s*")
_NON_WORD = re.compile(r"[^\w\s-]+")


@lru_cache(maxsize=1 << 16)  # names recur: a place or an organisation in many documents
def fold(text: str) -> str:
    """Lower-case, diacritics removed (Cyrillic kept), dashes unified, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l").replace("ß", "ss"))
    # the Cyrillic short i and yi lose their marks too (й → и, ї → і), on both sides of
    # every comparison alike; the ending tables below carry the folded forms (-ий → -ии)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("ʼ", "'")
    text = _DASHES.sub("-", text)
    text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    """Folded tokens; hyphenated names become separate tokens."""
    return [t for t in re.split(r"[\s-]+", fold(text)) if t]


# Case endings after folding (diacritics removed): Polish, Czech, Slovak, Ukrainian, German.
TEXT_ENDINGS = frozenset(
    [
        "a",
        "e",
        "i",
        "o",
        "u",
        "y",
        "ie",
        "ia",
        "iu",
        "ii",
        "io",
        "em",
        "om",
        "am",
        "ach",
        "ami",
        "ow",
        "owi",
        "ego",
        "emu",
        "ej",
        "iej",
        "ym",
        "im",
        "ich",
        "ou",
        "um",
        "ech",
        "iem",
        "ce",
        "ze",
        "dze",
        "cach",
        "kach",
        "ka",
        "ku",
        "ki",
        "ko",
        "ky",
        "ke",
        "ek",
        "у",
        "ю",
        "і",
        "а",
        "я",
        "е",
        "є",
        "и",
        "о",
        "ом",
        "ем",
        "ою",
        "ею",
        "ах",
        "ях",
        "ам",
        "ям",
        "ові",
        "еві",
        "ого",
        "оі",
        "ои",
        "іи",
        "ому",
        "им",
        "их",
        "ова",
        "ів",
        "ка",
        "ку",
        "ки",
        "ці",
        "ки",
        "ко",
        "ці",
        "ою",
        "ою",
        "s",
        "es",
        "n",
        "en",
        # Czech and Slovak adjectives' genitive (-ého) and the -ec/-ci alternation (Třinci)
        "eho",
        "ci",
        "cu",
        "ca",
        "cem",
        # Lithuanian cases (genitive -o, -ės, -ių, -aus; locative -e, -oje, -yje, -uje, -uose)
        "uje",
        "eje",
        "aus",
        "es",
        "iu",
        "oje",
        "yje",
        "uose",
        # Hungarian case suffixes (-on, -ban, -ra, -ról, -tól, -nál, -hoz, -val, -ért)
        "on",
        "an",
        "ban",
        "ben",
        "ba",
        "be",
        "ra",
        "re",
        "rol",
        "tol",
        "bol",
        "nal",
        "nel",
        "hoz",
        "hez",
        "val",
        "vel",
        "ert",
    ]
) | {""}
# What the dictionary form may have in place of the ending: a vowel, a soft sign, or a
# stem-final syllable that alternates (Wólka/Wólce, Чортків/Чорткова).
NAME_ENDINGS = frozenset(
    [
        "a",
        "e",
        "i",
        "o",
        "u",
        "y",
        "ia",
        "ie",
        "ka",
        "ga",
        "ha",
        "ko",
        "ow",
        "ek",
        "ec",
        "iec",
        "ек",
        "ок",
        "ів",
        "ий",
        "ій",
        "ии",
        "іи",
        "а",
        "я",
        "е",
        "о",
        "и",
        "і",
        "ь",
        # Lithuanian nominatives (Alytus, Kaunas, Pagėgiai, Biržai)
        "us",
        "as",
        "is",
        "ys",
        "ai",
        "iai",
    ]
) | {""}

MAX_TEXT_ENDING = 4  # e.g. -ach, -iem, -ového
MAX_NAME_ENDING = 3  # the dictionary form keeps at most a short ending of its own (-iai)


@lru_cache(maxsize=1 << 16)  # the same token pairs are compared again and again
def token_match(text_token: str, name_token: str) -> int:
    """Length of the shared stem if `text_token` can be an inflected form of `name_token`, else 0."""
    if text_token == name_token:
        return len(name_token) + 1  # exact beats inflected
    if text_token.isdigit() or name_token.isdigit():
        return 0
    n = 0
    for a, b in zip(text_token, name_token, strict=False):
        if a != b:
            break
        n += 1
    # the shared beginning may swallow part of an ending (podkarpacki|ego / podkarpacki|e):
    # try the longest stem first, then up to two letters shorter
    for k in range(n, max(n - 3, 3), -1):
        rest_text, rest_name = text_token[k:], name_token[k:]
        if len(rest_text) > MAX_TEXT_ENDING or len(rest_name) > MAX_NAME_ENDING:
            continue
        # the shared stem carries most of the name
        if k < 4 or k < 0.6 * len(name_token):
            return 0
        # a text shorter than the name is a truncation, not an inflection (Lublinie ≠ Lubliniec)
        if rest_name and not rest_text:
            continue
        # what is left must be a case ending of the text and a stem-final part of the name
        if rest_text in TEXT_ENDINGS and rest_name in NAME_ENDINGS:
            # a name that needs more of its own letters replaced is the weaker reading
            return max(1, k - len(rest_name))
    return 0


def name_match(text_tokens: list[str], name_tokens: list[str]) -> int:
    """Sum of stem lengths when every token matches in order, else 0."""
    if len(text_tokens) != len(name_tokens):
        return 0
    total = 0
    for t, n in zip(text_tokens, name_tokens, strict=True):
        m = token_match(t, n)
        if not m:
            return 0
        total += m
    return total
