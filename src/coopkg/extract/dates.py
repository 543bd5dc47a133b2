"""The project's start and end: labelled dates, a period cue (`realizowany od … do …`) or a
year range."""

from __future__ import annotations

import itertools
import re

from .document import IC, Doc, Item, mask_items
from .numbers import find_dates

PERIOD_CUE = re.compile(
    r"okres\w* realizacji|termin realizacji|czas realizacji|realizowan\w*|realizacj\w*|"
    r"період реалізації|термін реалізації|строк\w* реалізації|реаліз\w*|"
    r"doba realizace|termín realizace|realiz\w*|obdob\w*|trvání|"
    r"duration|project period|implementation period|period|laufzeit|"
    r"\bod\b|\bdo\b|\bз\b|\bпо\b|\bfrom\b|\buntil\b|\bto\b|\bvon\b|\bbis\b",
    IC,
)


START_LABEL = re.compile(
    r"(zahájení|začátek|začiatok|rozpoczęcie|data rozpoczęcia|start|початок|дата початку|beginn)\w*[^\n\d]{0,25}$",
    IC,
)


END_LABEL = re.compile(
    r"(ukončení|konec|ukončenie|zakończenie|data zakończenia|end|завершення|кінець|дата завершення|ende)\w*[^\n\d]{0,25}$",
    IC,
)


YEAR_ONLY = re.compile(
    r"(?:realiz\w*|реаліз\w*|implemented)[^.\n]{0,40}?\b(?:v|w|in|у|в)\s+(?:roku|roce|році|year)?\s*((?:19|20)\d\d)\b",
    IC,
)


def find_dates_of_project(doc: Doc) -> tuple[Item | None, Item | None]:
    hits = find_dates(doc.text)
    start: Item | None = None
    end: Item | None = None
    for h in hits:
        line_start = doc.text.rfind("\n", 0, h.start) + 1
        before = doc.text[line_start : h.start]
        if START_LABEL.search(before) and start is None:
            start = Item({"date": h.value}, [(h.start, h.end)])
        elif END_LABEL.search(before) and end is None:
            end = Item({"date": h.value}, [(h.start, h.end)])
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
            s, e = (
                Item({"date": a.value}, [(a.start, a.end)]),
                Item({"date": b.value}, [(b.start, b.end)]),
            )
            mask_items(doc, s, e)
            return s, e
    m = YEAR_ONLY.search(doc.text)
    if m:
        span = [(m.start(1), m.end(1))]
        return Item({"date": m.group(1)}, span), Item({"date": m.group(1)}, span)
    return None, None
