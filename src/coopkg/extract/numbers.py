"""Dates, money and percentages in the common written forms of pl, uk, cs, sk, en and de."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .lexicon import CURRENCIES, MULTIPLIERS, month_of

IC = re.IGNORECASE


@dataclass(frozen=True)
class DateHit:
    value: str  # ISO at the written precision
    start: int
    end: int


@dataclass(frozen=True)
class MoneyHit:
    value: float
    currency: str | None
    start: int
    end: int


# thousands grouped by spaces or dots with a decimal comma (pl, cs, de…), or by commas
# with a decimal point (en: `€45,000`, `2,345,678.90 EUR`)
_NUM = (
    r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|"
    r"\d+(?:[.,]\d{1,2})?"
)
_CUR = "|".join(f"(?:{p})" for p, _ in CURRENCIES)
_MUL = "|".join(f"(?:{p})" for p, _ in MULTIPLIERS)
MONEY = re.compile(
    rf"(?<![\d.,/_])(?<!\w-)(?:(?P<pre>€|eur|pln|uah|czk)\s?)?(?P<num>{_NUM})(?![\d/])"
    rf"(?:\s?(?P<mul>{_MUL})(?!\w))?\s?(?P<cur>{_CUR})?(?![\w])",
    IC,
)
WORD_MILLION = re.compile(
    rf"(?P<pre>понад|більше|ponad|over|more than)?\s*(?P<mul>мільйон|milion|million)\s+(?P<cur>{_CUR})(?!\w)",
    IC,
)
# `85 %`, and in words: `85 proc.` (lt, pl), `90 відсотків`, `85 procent`, `85 per cent`
PERCENT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d{1,2})?)\s?(?:%|proc\.|procent\w*|відсот\w*|процент\w*|"
    r"per\s?cent|prozent)",
    re.IGNORECASE,
)


def parse_number(text: str) -> float:
    t = text.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+(?:,\d{1,2})?", t):
        t = re.sub(r"[ .]", "", t).replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", t):
        t = t.replace(",", "")
    else:
        t = t.replace(" ", "").replace(",", ".")
    return float(t)


def currency_of(text: str | None) -> str | None:
    if not text:
        return None
    for pattern, code in CURRENCIES:
        if re.fullmatch(pattern, text.strip(), IC):
            return code
    return None


def multiplier_of(text: str | None) -> float:
    if not text:
        return 1.0
    for pattern, factor in MULTIPLIERS:
        if re.fullmatch(pattern, text.strip(), IC):
            return factor
    return 1.0


def find_money(text: str) -> list[MoneyHit]:
    hits: list[MoneyHit] = []
    for m in MONEY.finditer(text):
        cur = currency_of(m.group("cur")) or currency_of(m.group("pre"))
        mul = multiplier_of(m.group("mul"))
        if cur is None and (m.group("mul") or "").lower() == "mil.":
            continue  # `10 mil.` without a currency is ten miles, not ten million
        if cur is None and mul == 1.0:
            continue  # a bare number; amounts without currency are found by their cues
        value = parse_number(m.group("num")) * mul
        hits.append(MoneyHit(round(value, 2), cur, m.start(), m.end()))
    for m in WORD_MILLION.finditer(text):
        if any(h.start <= m.start("mul") < h.end for h in hits):
            continue
        hits.append(
            MoneyHit(
                1e6 * multiplier_of(None), currency_of(m.group("cur")), m.start("mul"), m.end()
            )
        )
    return sorted(hits, key=lambda h: h.start)


# --- dates --------------------------------------------------------------------

_D = r"(?P<d>[0-3]?\d)"
NUMERIC_DATE = re.compile(
    r"(?=\d)(?:(?<![\d.])(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)\d\d)(?!\d)|"
    r"(?<!\d)(?P<y2>(?:19|20)\d\d)-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)(?!\d)|"
    r"(?<![\d.])(?P<m3>[01]?\d)[./](?P<y3>(?:19|20)\d\d)(?:\s?r\.?)?(?!\d|\.\d))"
)
# starts at a word's start (a label glued to the month, `реалізаціїквітень`, is one long
# word): tried at every letter, the pattern was a tenth of a page's time
WORD_DATE = re.compile(
    r"(?<![\w])(?:(?P<d>[0-3]?\d)\.?\s+)?(?P<mon>[^\W\d_]{3,30})\.?\s+(?P<y>(?:19|20)\d\d)(?!\d)"
)


# English writes the month first: "Oct 31, 2014", "March 1, 2013"
MONTH_FIRST = re.compile(
    r"(?<![\w])(?P<mon>[^\W\d_]{3,12})\.?\s+(?P<d>[0-3]?\d),?\s+(?P<y>(?:19|20)\d\d)(?!\d)"
)
# a range of months with one year: "od kwietnia do listopada 2022", "березень – грудень 2022"
MONTH_RANGE = re.compile(
    r"(?<![\w])(?P<mon>[^\W\d_]{3,12})\s*(?:[-–—]|do|to|until|až|по|до|bis)\s*"
    r"(?P<mon2>[^\W\d_]{3,12})\.?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)


# year first, as Lithuanian and Hungarian write dates: "2018 m. gegužės 1 d.",
# "2018. március 1.", "2017.09.01", and a month alone: "2019 m. sausio", "2019 januárjától"
# a quarter is given at the precision of its year: "III kwartał 2019", "Q3 2019"
QUARTER = re.compile(
    r"(?<!\w)(?:(?:I{1,3}|IV|[1-4]\.?)\s*(?:kwartał\w*|kw\.|квартал\w*|čtvrtlet\w*|"
    r"štvrťrok\w*|quarter|quartal|negyedév\w*|ketvirt\w*)|Q[1-4])\s+(?:of\s+)?"
    r"(?P<y>(?:19|20)\d\d)(?!\d)",
    IC,
)
YEAR_BEFORE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*(?:m\.|\.)?\s+$")
YEAR_FIRST_NUMERIC = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<d>[0-3]?\d)\.?(?![\d.]\d)"
)
YEAR_FIRST_WORDS = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s*(?:m\.|\.)?\s+(?P<mon>[^\W\d_]{3,14})"
    r"(?:\s+(?P<d>[0-3]?\d)(?!\d)(?:\.|\s*d\.)?)?"
)


def iso_date(y: int, m: int | None = None, d: int | None = None) -> str | None:
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_dates(text: str) -> list[DateHit]:
    hits: list[DateHit] = []
    for m in NUMERIC_DATE.finditer(text):
        if m.group("y"):
            v = iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        elif m.group("y2"):
            v = iso_date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
        else:
            v = iso_date(int(m.group("y3")), int(m.group("m3")))
        if v:
            hits.append(DateHit(v, m.start(), m.end()))
    for m in WORD_DATE.finditer(text):
        word = m.group("mon")
        month = month_of(word)
        shift = 0
        if month is None:  # a label glued to the month: "реалізаціїквітень"
            for k in range(1, len(word) - 3):
                month = month_of(word[k:]) if word[k].isupper() or word[k - 1].islower() else None
                if month is not None:
                    shift = k
                    break
        if month is None or any(h.start <= m.start() < h.end for h in hits):
            continue
        if not m.group("d") and YEAR_BEFORE.search(text, max(0, m.start() - 10), m.start()):
            continue  # `2019 januárjától 2020 …`: the month is the earlier year's
        day = int(m.group("d")) if m.group("d") else None
        v = iso_date(int(m.group("y")), month, day)
        if v:
            start = m.start("d") if m.group("d") else m.start("mon") + shift
            hits.append(DateHit(v, start, m.end()))
    for m in MONTH_FIRST.finditer(text):
        month = month_of(m.group("mon"))
        if month is None or any(h.start <= m.start() < h.end for h in hits):
            continue
        v = iso_date(int(m.group("y")), month, int(m.group("d")))
        if v:
            hits.append(DateHit(v, m.start(), m.end()))
    for m in MONTH_RANGE.finditer(text):
        first, last = month_of(m.group("mon")), month_of(m.group("mon2"))
        if first is None or last is None or first >= last:
            continue
        if any(h.start <= m.start() < h.end for h in hits):
            continue
        v = iso_date(int(m.group("y")), first)
        if v:
            hits.append(DateHit(v, m.start(), m.end("mon")))
    for m in QUARTER.finditer(text):
        hits.append(DateHit(m.group("y"), m.start(), m.end()))
    for m in YEAR_FIRST_NUMERIC.finditer(text):
        v = iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if v and not any(h.start <= m.start() < h.end for h in hits):
            hits.append(DateHit(v, m.start(), m.end()))
    for m in YEAR_FIRST_WORDS.finditer(text):
        month = month_of(m.group("mon"))
        if month is None or any(h.start <= m.start() < h.end for h in hits):
            continue
        v = iso_date(int(m.group("y")), month, int(m.group("d")) if m.group("d") else None)
        if v:
            hits.append(DateHit(v, m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)
