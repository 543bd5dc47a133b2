"""The project's start and end: labelled dates, a period cue (`realizowany od … do …`), a
range of days in a month as news reports an event (`w dniach 10–16 lipca 2023`,
`18.–19. 8. 2017`, `2022 m. liepos 11–17 d.`), or a year range."""

from __future__ import annotations

import itertools
import re

from .document import IC, Doc, Item, mask_items
from .lexicon import month_of
from .numbers import find_dates, iso_date

PERIOD_CUE = re.compile(
    r"okres\w* realizacji|termin realizacji|czas realizacji|realizowan\w*|realizacj\w*|"
    r"період реалізації|термін реалізації|строк\w* реалізації|реаліз\w*|"
    r"doba realizace|termín realizace|realiz\w*|obdob\w*|trvání|"
    r"duration|project period|implementation period|period|laufzeit|"
    r"\bod\b|\bdo\b|\bз\b|\bпо\b|\bfrom\b|\buntil\b|\bto\b|\bvon\b|\bbis\b",
    IC,
)


START_LABEL = re.compile(
    r"(?<!\w)(zahájení|začátek|začiatok|rozpoczęcie|data rozpoczęcia|start|початок|дата початку|beginn)\w*[^\n\d]{0,25}$",
    IC,
)


END_LABEL = re.compile(
    r"(?<!\w)(ukončení|konec|ukončenie|zakończenie|data zakończenia|end|завершення|кінець|дата завершення|ende)\w*[^\n\d]{0,25}$",
    IC,
)


# a range of years the page gives as the project's time: after a period cue
# (`v letech 2020–2021`, `Laufzeit: 2019 – 2021`) or right after a quoted name
# (`«Прозорий бюджет громади» (2020–2021)`); a programme's period is not one
_YEARS = (
    r"(?P<y1>(?:19|20)\d\d)\s*(?:m\.|r\.|р\.)?\s*(?:[-–—]|do|to|až|bis|по|до)\s*"
    r"(?P<y2>(?:19|20)\d\d)(?![\d])"
)
YEAR_RANGE = re.compile(
    r"(?:(?<!\w)(?:v letech|v rokoch|w latach|w okresie|in den jahren|in the years|у|в|"
    r"laufzeit|projektlaufzeit|laikotarpis|időszak\w*|időtartam\w*|realizacj\w*|realizace|"
    r"realizácie|реалізаці\w*|термін\w*|duration|period)\W{0,3}\s*(?:od\s+|from\s+|vom\s+|з\s+)?"
    r"|[”“\"»]\s*\()" + _YEARS,
    IC,
)
# a year alone under a period label: `Įgyvendinimo laikotarpis: 2018 m.`
LABELLED_YEAR = re.compile(
    r"(?<!\w)(?:laikotarpis|laufzeit|projektlaufzeit|realizacja|termin realizacji|"
    r"období realizace|doba realizácie|термін реалізації|період реалізації|duration|"
    r"implementation period|project period|időszak|időtartam)\s*:\s*"
    r"(?P<y>(?:19|20)\d\d)\s*(?:m\.|r\.|р\.|roku|року)?\s*$",
    IC | re.M,
)
PROGRAMME_PERIOD = re.compile(r"program\w*|програм\w*|interreg|období|perspektyw\w*", IC)


def _year_range(doc: Doc) -> tuple[Item, Item] | None:
    for m in YEAR_RANGE.finditer(doc.text):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        before = doc.text[max(0, m.start() - 30) : m.start("y1")]
        if not 0 <= y2 - y1 <= 6 or PROGRAMME_PERIOD.search(before):
            continue
        span = [(m.start("y1"), m.end("y2"))]
        why = f"a range of years after {m.group(0)[: m.start('y1') - m.start()].strip()!r}"
        return Item({"date": str(y1)}, span, why), Item({"date": str(y2)}, span, why)
    alone = LABELLED_YEAR.search(doc.text)
    if alone:
        span, year = [alone.span("y")], alone.group("y")
        why = "a year alone under a period label"
        return Item({"date": year}, span, why), Item({"date": year}, span, why)
    return None


YEAR_ONLY = re.compile(
    r"(?:realiz\w*|реаліз\w*|implemented)[^.\n]{0,40}?\b(?:v|w|in|у|в)\s+(?:roku|roce|році|year)?\s*((?:19|20)\d\d)\b",
    IC,
)


# the first day of a range written before a full date: "10–", "22. – ", "з 3 по ", "vom 26. bis "
FIRST_DAY = re.compile(
    r"(?<![\d.])(?P<d>[0-3]?\d)\.?\s*(?:[-–—]|po|по|до|do|bis|to|until|až|a)\s*$", IC
)
# year first, as Lithuanian and Hungarian write dates: "2022 m. liepos 11–17 d.",
# "2023. augusztus 18–20."
YEAR_FIRST = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*(?:m\.|\.)?\s+(?P<mon>[^\W\d_]{3,12})\s+"
    r"(?P<d1>[0-3]?\d)\.?(?:\s*[-–—]\s*(?P<d2>[0-3]?\d)\.?)?(?:\s*d\.)?"
)


def _day_range(doc: Doc) -> tuple[Item, Item] | None:
    """The first range of days within one month the text gives."""
    found: list[tuple[int, Item, Item]] = []
    for h in find_dates(doc.text):
        if len(h.value) != 10:
            continue
        m = FIRST_DAY.search(doc.text[max(0, h.start - 16) : h.start])
        if not m:
            continue
        first = iso_date(int(h.value[:4]), int(h.value[5:7]), int(m.group("d")))
        if first and first < h.value:
            at = h.start - len(m.group(0))
            found.append(
                (
                    at,
                    Item({"date": first}, [(at, h.end)], why=f"range of days: {m.group(0)!r}"),
                    Item({"date": h.value}, [(at, h.end)], why="range of days: its last day"),
                )
            )
            break
    for m in YEAR_FIRST.finditer(doc.text):
        month = month_of(m.group("mon"))
        if month is None:
            continue
        y = int(m.group("y"))
        first = iso_date(y, month, int(m.group("d1")))
        last = iso_date(y, month, int(m.group("d2"))) if m.group("d2") else first
        if first and last and first <= last:
            span = [(m.start(), m.end())]
            why = "range of days, year first"
            found.append(
                (m.start(), Item({"date": first}, span, why), Item({"date": last}, span, why))
            )
            break
    if not found:
        return None
    _, start, end = min(found, key=lambda f: f[0])
    return start, end


def find_dates_of_project(doc: Doc) -> tuple[Item | None, Item | None]:
    hits = find_dates(doc.text)
    start: Item | None = None
    end: Item | None = None
    for h in hits:
        line_start = doc.text.rfind("\n", 0, h.start) + 1
        before = doc.text[line_start : h.start]
        if START_LABEL.search(before) and start is None:
            label = START_LABEL.search(before)
            why = f"start label {label.group(0).strip()!r}" if label else ""
            start = Item({"date": h.value}, [(h.start, h.end)], why)
        elif END_LABEL.search(before) and end is None:
            label = END_LABEL.search(before)
            why = f"end label {label.group(0).strip()!r}" if label else ""
            end = Item({"date": h.value}, [(h.start, h.end)], why)
    if start or end:
        mask_items(doc, start, end)
        return start, end
    # a range: two dates close together with a period cue before or between them
    for a, b in itertools.pairwise(hits):
        between = doc.text[a.end : b.start]
        if len(between) > 40 or "\n\n" in between:
            continue
        if not re.fullmatch(
            r"\s*(?:[-–—]|do|to|until|až|по|до|bis|roku|року|r\.|р\.|\s)*\s*", between, IC
        ):
            continue
        context = doc.text[max(0, a.start - 80) : a.start]
        cued = PERIOD_CUE.search(context) or re.fullmatch(r"\s*[-–—]\s*", between)
        if cued and a.value <= b.value:
            why = (
                f"two dates with the period cue {cued.group(0).strip()!r}"
                if cued.group(0).strip()
                else "two dates joined by a dash"
            )
            s, e = (
                Item({"date": a.value}, [(a.start, a.end)], why),
                Item({"date": b.value}, [(b.start, b.end)], why),
            )
            mask_items(doc, s, e)
            return s, e
    days = _day_range(doc)
    if days:
        mask_items(doc, *days)
        return days
    years = _year_range(doc)
    if years:
        mask_items(doc, *years)
        return years
    m = YEAR_ONLY.search(doc.text)
    if m:
        span = [(m.start(1), m.end(1))]
        why = f"a year alone: {m.group(0).strip()!r}"
        return Item({"date": m.group(1)}, span, why), Item({"date": m.group(1)}, span, why)
    return None, None
