"""The project's start and end: labelled dates, a period cue (`realizowany od … do …`), a
range of days in a month as news reports an event (`w dniach 10–16 lipca 2023`,
`18.–19. 8. 2017`, `2022 m. liepos 11–17 d.`), or a year range."""

from __future__ import annotations

import itertools
import re

from .document import IC, Doc, Item, mask_items
from .lexicon import month_of
from .numbers import DateHit, find_dates, iso_date

PERIOD_CUE = re.compile(
    r"okres\w* realizacji|termin realizacji|czas realizacji|realizowan\w*|realizacj\w*|"
    r"період реалізації|термін реалізації|строк\w* реалізації|реаліз\w*|"
    r"doba realizace|termín realizace|realiz\w*|obdob\w*|trvání|"
    r"duration|project period|implementation|period|laufzeit|\w*zeitraum|trukmė|"
    r"įgyvendinimo|vykdom\w*|időtartam\w*|megvalósítás\w*|"
    r"\bod\b|\bdo\b|\bз\b|\bпо\b|\bfrom\b|\buntil\b|\bto\b|\bvon\b|\bbis\b",
    IC,
)


# what may stand between the two dates of a period, and the words that make it one: a
# dash, `do`, `to`, `bis zum`, `iki`, `až`, `по`; Hungarian marks it on the words
# themselves (`2019 januárjától 2020 decemberéig`)
RANGE_BETWEEN = re.compile(
    r"\s*(?:[-–—]|do|to|until|till|až|po|по|до|bis(?:\s+(?:zum|einschließlich))?|iki|"
    r"roku|року|r\.|р\.|m\.|d\.|\s)*\s*",
    IC,
)
RANGE_WORD = re.compile(r"[-–—]|(?<!\w)(?:do|to|until|till|až|po|по|до|bis|iki)(?!\w)", IC)
# `between X and Y`: the conjunction is a range only with its preposition before the first
# date (`między`, `mezi`, `between`) or, in Hungarian, `között` after the second
BETWEEN_BEFORE = re.compile(
    r"(?<!\w)(?:między|pomiędzy|mezi|medzi|між|поміж|between|zwischen|tarp)\s+\S*\s*$", IC
)
BETWEEN_AFTER = re.compile(r"\s*(?:között|közt)(?!\w)", IC)
AND = re.compile(r"\s*(?:a|i|and|und|és|ir|і|та|и)\s*", IC)
FROM_UNTIL_SUFFIX = re.compile(r"t[óő]l$", IC)


START_LABEL = re.compile(
    r"(?<!\w)(?:projekt)?(zahájení|začátek|začiatok|rozpoczęcie|data rozpoczęcia|start|початок|"
    r"дата початку|beginn|kezdete|kezdés|kezdő|pradžia|pradžios)\w*[^\n\d]{0,25}$",
    IC,
)


END_LABEL = re.compile(
    r"(?<!\w)(?:projekt)?(ukončení|konec|ukončenie|koniec|zakończenie|data zakończenia|end|"
    r"завершення|закінчення|кінець|дата завершення|ende|vége|befejezés|befejező|záró|pabaiga|"
    r"pabaigos)\w*[^\n\d]{0,25}$",
    IC,
)


# a range of years the page gives as the project's time: after a period cue
# (`v letech 2020–2021`, `Laufzeit: 2019 – 2021`) or right after a quoted name
# (`«Прозорий бюджет громади» (2020–2021)`); a programme's period is not one
_YEARS = (
    r"(?P<y1>(?:19|20)\d\d)\s*(?:m\.|r\.|р\.)?\s*(?:[-–—/]|do|to|až|bis|по|до|iki)\s*"
    r"(?P<y2>(?:19|20)\d\d)(?![\d])"
)
YEAR_RANGE = re.compile(
    r"(?:(?<!\w)(?:v letech|v rokoch|w latach|w okresie|in den jahren|in the years|у|в|"
    r"протягом|упродовж|впродовж|během|počas|during|between|zwischen|"
    r"roku szkolnym|school year|schuljahr|навчальному році|školním roce|školskom roku|"
    r"from|von|od|з|nuo|"
    r"laufzeit|projektlaufzeit|laikotarpis|időszak\w*|időtartam\w*|realizacj\w*|realizace|"
    r"realizácie|реалізаці\w*|термін\w*|duration|period)\W{0,3}\s*(?:od\s+|from\s+|vom\s+|з\s+)?"
    r"|(?<!\w)(?:термін|період|строк|termin|okres|czas|doba|obdob|laufzeit|duration|period|"
    r"időtartam|laikotarp)\w*[^\d\n:]{0,30}:\s*"
    r"|[”“\"»]\s*\("
    # a list item's period beside its name: `Молодь змінює громаду (2020–2021)`,
    # `Közös múltunk – 2018–2019`
    r"|\((?=(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d\s*\))"
    r"|[–—-]\s*(?=(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d\s*(?:\n|$))"
    # a table's period cell: `| 2018–2019 |`
    r"|[|\t]\s*(?=(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d\s*(?:[|\t\n]|$)))" + _YEARS,
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


# a clause that says the project began or ended on a date:
# `rozpoczął się w marcu 2021`, `potrwa do końca czerwca 2022`, `стартував у квітні 2019`
START_VERB = re.compile(
    r"(?<!\w)(?:rozpocz\w*|rozpoczę\w*|zaczął\w*|zaczęł\w*|started|starts|began|begins|"
    r"розпоча\w*|почав\w*|почал\w*|стартува\w*|zahájen\w*|začal\w*|začne|začíná|začína|"
    r"začala|begann|beginnt|startet\w*|prasidėj\w*|prasidės|kezdőd\w*|indult|indul)(?!\w)",
    IC,
)
END_VERB = re.compile(
    r"(?<!\w)(?:potrwa|trwał\w*|trwa|zakończ\w*|ended|ends|will end|runs until|run until|"
    r"lasts until|lasted until|завершит\w*|завершив\w*|завершил\w*|завершу\w*|"
    r"триватиме|тривав|тривала|закінч\w*|skonč\w*|ukonč\w*|potrvá|potrvá|končí|endet|"
    r"endete|dauert|dauerte|läuft|baigsis|baigėsi|truks|truko|befejeződ\w*|zárul\w*|tart)"
    r"(?!\w)",
    IC,
)


def _clause_before(doc: Doc, at: int) -> str:
    """The words of the clause that ends at `at`: back to a sentence end or a line."""
    window = doc.text[max(0, at - 70) : at]
    cut = max(window.rfind("\n"), window.rfind(". "), window.rfind("; "))
    return window[cut + 1 :]


def _said_dates(doc: Doc, hits: list[DateHit]) -> tuple[Item | None, Item | None]:
    """Dates a clause calls the start or the end. A day a meeting merely took place on is
    no period of the project (the shared records leave such a page's dates empty)."""
    start = end = None
    for h in hits:
        clause = _clause_before(doc, h.start)
        span = [(h.start, h.end)]
        if start is None and (cue := START_VERB.search(clause)):
            start = Item({"date": h.value}, span, f"start verb {cue.group(0)!r}")
        elif end is None and start is not None and (cue := END_VERB.search(clause)):
            end = Item({"date": h.value}, span, f"end verb {cue.group(0)!r}")
    return start, end


# a year alone in a sentence that says the project was carried out then: `realizowany w 2021
# roku`, `У 2021 році громада реалізувала проєкт`, `Das Projekt wurde 2019 umgesetzt`
YEAR_ALONE = re.compile(
    r"(?<![\d\-–—/.])(?:(?:w|v|in|у|в|im)\s+(?:roku|roce|році|year|jahr)?\s*)?"
    r"(?P<y>(?:19|20)\d\d)(?![\d\-–—/.]\d|\s*[-–—]\s*\d)"
)
CARRIED_OUT = re.compile(
    r"(?<!\w)(?:realiz\w*|zrealiz\w*|реаліз\w*|implemented|carried out|umgesetzt|"
    r"durchgeführt|realisiert|įgyvendint\w*|įgyvendin\w*|megvalósít\w*|megvalósul\w*|"
    r"valósult\w*|valósít\w*)",
    IC,
)


def _year_alone(doc: Doc) -> tuple[Item, Item] | None:
    for m in YEAR_ALONE.finditer(doc.text):
        sentence_start = max(doc.text.rfind(". ", 0, m.start()), doc.text.rfind("\n", 0, m.start()))
        ends = [i for i in (doc.text.find(". ", m.end()), doc.text.find("\n", m.end())) if i >= 0]
        sentence = doc.text[sentence_start + 1 : min(ends) if ends else len(doc.text)]
        if len(sentence) > 200 or PROGRAMME_PERIOD.search(sentence):
            continue
        if cue := CARRIED_OUT.search(sentence):
            span = [m.span("y")]
            why = f"a year alone in a sentence with {cue.group(0)!r}"
            year = m.group("y")
            return Item({"date": year}, span, why), Item({"date": year}, span, why)
    return None


# the first day of a range written before a full date: "10–", "22. – ", "з 3 по ", "vom 26. bis "
FIRST_DAY = re.compile(
    r"(?<![\d.])(?P<d>[0-3]?\d)\.?\s*(?:[-–—]|po|по|до|do|bis|to|until|až|a|and|und|ir|і|та)\s*$",
    IC,
)
# year first, as Lithuanian and Hungarian write dates: "2022 m. liepos 11–17 d.",
# "2023. augusztus 18–20."
YEAR_FIRST = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*(?:m\.|\.)?\s+(?P<mon>[^\W\d_]{3,12})\s+"
    r"(?P<d1>[0-3]?\d)(?!\d)\.?(?:\s*[-–—]\s*(?P<d2>[0-3]?\d)\.?)?(?:\s*d\.)?"
)


# English puts the month first: "May 3–5, 2018"
MONTH_FIRST_RANGE = re.compile(
    r"(?<!\w)(?P<mon>[^\W\d_]{3,12})\.?\s+(?P<d1>[0-3]?\d)\s*[-–—]\s*(?P<d2>[0-3]?\d),?\s+"
    r"(?P<y>(?:19|20)\d\d)(?!\d)"
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
    for m in itertools.chain(YEAR_FIRST.finditer(doc.text), MONTH_FIRST_RANGE.finditer(doc.text)):
        month = month_of(m.group("mon"))
        if month is None or not m.group("d2"):
            continue  # one day alone is the event rule's, which wants a verb
        y = int(m.group("y"))
        first = iso_date(y, month, int(m.group("d1")))
        last = iso_date(y, month, int(m.group("d2")))
        if first and last and first < last:
            span = [(m.start(), m.end())]
            why = "range of days, " + ("year first" if m.re is YEAR_FIRST else "month first")
            found.append(
                (m.start(), Item({"date": first}, span, why), Item({"date": last}, span, why))
            )
    if not found:
        return None
    _, start, end = min(found, key=lambda f: f[0])
    return start, end


def _two_dates(doc: Doc, hits: list[DateHit]) -> tuple[Item, Item] | None:
    """A period: two dates close together, with a period cue before them or a range word
    between them (`od … do`, `1. 3. – 31. 8.`, `2018. március 1. és 2019. … között`)."""
    for a, b in itertools.pairwise(hits):
        between = doc.text[a.end : b.start]
        if len(between) > 40 or "\n\n" in between:
            continue
        context = doc.text[max(0, a.start - 80) : a.start]
        why = ""
        if AND.fullmatch(between):
            if BETWEEN_BEFORE.search(context) or BETWEEN_AFTER.match(doc.text, b.end):
                why = "two dates between which the project ran"
        elif RANGE_BETWEEN.fullmatch(between):
            cued = (
                PERIOD_CUE.search(context)
                or RANGE_WORD.search(between)
                or FROM_UNTIL_SUFFIX.search(doc.text[a.start : a.end])
            )
            if cued:
                cue = cued.group(0).strip()
                why = f"two dates with the period cue {cue!r}" if cue else "two dates"
        if why and a.value <= b.value:
            return (
                Item({"date": a.value}, [(a.start, a.end)], why),
                Item({"date": b.value}, [(b.start, b.end)], why),
            )
    return None


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
    period = _two_dates(doc, hits)
    if period:
        mask_items(doc, *period)
        return period
    days = _day_range(doc)
    if days:
        mask_items(doc, *days)
        return days
    said = _said_dates(doc, hits)
    if said[0]:
        mask_items(doc, *said)
        return said
    years = _year_range(doc)
    if years:
        mask_items(doc, *years)
        return years
    alone = _year_alone(doc)
    if alone:
        mask_items(doc, *alone)
        return alone
    return None, None
