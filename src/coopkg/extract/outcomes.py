"""Outcomes: a number tied to a unit (persons, events, agreements…) with its description,
planned or achieved by the section or sentence it stands in."""

from __future__ import annotations

import re

from . import lexicon as lx
from .document import IC, Doc, Item
from .trace import reject

UNIT_RE = [(re.compile(rf"^(?:{p})$", IC), u) for p, u in lx.UNITS]
PAST = re.compile(rf"(?<!\w)(?:{lx.PAST_CUES})(?!\w)", IC)
RESULT_VERB = re.compile(rf"(?<!\w)(?:{lx.RESULT_VERBS})(?!\w)", IC)
NOT_RESULT_UNIT = re.compile(rf"(?:{lx.NOT_RESULT_UNITS})$", IC)
ACHIEVED_LABEL = re.compile(rf"\s*((?:{lx.ACHIEVED_HEADINGS})\w*)\s*:", IC)
FUTURE = re.compile(rf"(?<!\w)(?:{lx.FUTURE_CUES})(?!\w)", IC)


HEADING = re.compile(r"^\s*(?P<h>[^\n]{2,60}?)\s*:?\s*$")


# a whole number, or one with one or two decimals (`1,8 km`)
NUMBER_WORD = re.compile(r"(?<![\w.,/-])(?P<n>\d{1,6}(?:[.,]\d{1,2})?)(?![\w.,/%-]|\s?%|[.,]\d)")


def _unit_of(words: list[str]) -> str | None:
    for w in words:
        for pattern, unit in UNIT_RE:
            if pattern.match(w):
                return unit
    return None


def _status_sections(doc: Doc) -> list[tuple[int, str]]:
    marks: list[tuple[int, str]] = []
    for start, line in doc.lines:
        s = line.strip().rstrip(":").strip()
        if not s or len(s.split()) > 6 or re.search(r"\d", s):
            continue
        is_heading = s.isupper() or line.strip().endswith(":") or len(s.split()) <= 3
        if not is_heading:
            continue
        # `Planowane rezultaty`, `Plánované výstupy`: the plan word decides
        if re.search(rf"(?<!\w)(?:{lx.PLANNED_HEADINGS})", s, IC):
            marks.append((start, "planned"))
        elif re.search(rf"(?<!\w)(?:{lx.ACHIEVED_HEADINGS})", s, IC):
            marks.append((start, "achieved"))
        elif s.isupper() and len(s) > 3:
            marks.append((start, "none"))
    return marks


def find_outcomes(doc: Doc) -> list[Item]:
    text = doc.text
    sections = _status_sections(doc)
    out: list[Item] = []
    seen: set[tuple[float, str, str]] = set()
    for m in NUMBER_WORD.finditer(text):
        if doc.is_masked(m.start(), m.end()):
            continue
        number = m.group("n").replace(",", ".")
        value: float = float(number) if "." in number else int(number)
        if 1900 <= value <= 2100 or value == 0:
            continue
        after = text[m.end() : m.end() + 80]
        head = re.match(r"[^\W\d_]+(?:\s+[^\W\d_]+){0,3}", after.split("\n")[0].lstrip())
        words = head.group(0).split() if head and after[:1] in " \u00a0" else []
        if not words:
            continue
        if re.search(
            r"(?:priorit\w*|priorytet\w*|oś|osa|measure|działani\w*|opatření|etap\w*|"
            r"step|krok|nr|č\.)\s*$",
            text[max(0, m.start() - 14) : m.start()],
            IC,
        ):
            reject(
                "outcomes",
                text[m.start() : m.end() + 20],
                (m.start(), m.end()),
                "a number of a priority, measure or step",
            )
            continue
        if re.match(rf"(?:{lx.PARTNERSHIP_COUNTS})$", words[0], IC):
            reject(
                "outcomes",
                f"{value} {words[0]}",
                (m.start(), m.end()),
                "counts the partnership's members",
            )
            continue
        unit = _unit_of(words[:1]) or _unit_of(words[1:3])
        if unit is None:
            s0, s1 = doc.sentence_bounds(m.start())
            clause = text[max(s0, m.start() - 60) : m.start()]
            if (
                RESULT_VERB.search(clause)
                and not NOT_RESULT_UNIT.match(words[0])
                and words[0][:1].islower()
                and m.start() - s0 > 0
            ):
                unit = "other"  # `oznakowanie 3 szlaków`: a thing made, no unit word
            else:
                continue
        if re.match(r"\s*[^\W\d_]+\s?/", after):  # `11 km/h`, `5 t/ha`: a rate, not a result
            reject("outcomes", f"{value} {words[0]}", (m.start(), m.end()), "a rate")
            continue
        # a number in a date, address or identifier context is not a count
        if re.match(r"\s*[./:-]\s*\d", after) or re.search(
            r"(?:nr|no\.|№|ul\.|art\.)\s*$", text[max(0, m.start() - 6) : m.start()], IC
        ):
            reject(
                "outcomes",
                f"{value} {words[0]}",
                (m.start(), m.end()),
                "part of a date, address or number",
            )
            continue
        s0, s1 = doc.sentence_bounds(m.start())
        sentence = text[s0:s1]
        line_start = text.rfind("\n", 0, m.start()) + 1
        label = ACHIEVED_LABEL.match(text, line_start, m.start())
        if label and not FUTURE.search(label.group(0)):
            # `Results: 120 km of trails marked`, `Ergebnis: 2 gemeinsame Übungen`
            status, why = "achieved", f"achieved: on a line labelled {label.group(1)!r}"
        else:
            status, why = _status_for(
                sections, m.start(), sentence, _clause(text, m.start(), s0, s1)
            )
        key = (float(value), unit, status)
        if key in seen:
            continue
        seen.add(key)
        unit_end = m.end() + after.find(words[0]) + len(words[0])
        out.append(
            Item(
                {
                    "value": value,
                    "unit": unit,
                    "status": status,
                    "description": _describe(text, m.start(), s1),
                },
                [(m.start(), unit_end)],
                f"a number before the unit word for {unit!r}; {why}",
            )
        )
    return out


def _status_for(
    sections: list[tuple[int, str]], at: int, sentence: str, clause: str = ""
) -> tuple[str, str]:
    """The status, and why: its section's heading, else the tense of its sentence."""
    section = None
    for start, status in sections:
        if start <= at:
            section = status
    if section in ("achieved", "planned"):
        return section, f"{section}: under a heading for {section} results"
    # the number's own clause first (`wzięło udział 120 dzieci, a … planujemy 200`), then
    # its sentence; a future or a plan outweighs a past participle (`zostanie przeszkolonych`)
    for part, where in ((clause, "clause"), (sentence, "sentence")):
        future = FUTURE.search(part)
        past = PAST.search(part)
        if future:
            return "planned", f"planned: the future or plan {future.group(0)!r} in its {where}"
        if past:
            return "achieved", f"achieved: the past form {past.group(0)!r} in its {where}"
    return "planned", "planned: no past form in its sentence and no heading"


CLAUSE_BREAK = re.compile(r",\s+(?:a|ale|lecz|але|а|but|while|aber|de|bet|o)\s|;\s", IC)


def _clause(text: str, at: int, s0: int, s1: int) -> str:
    """The clause of the sentence `s0:s1` that `at` stands in: sentences joined by `, a`,
    `, but`, `;` report one thing done and another planned."""
    left, right = s0, s1
    for m in CLAUSE_BREAK.finditer(text, s0, s1):
        if m.end() <= at:
            left = m.end()
        elif m.start() >= at:
            right = m.start()
            break
    return text[left:right]


def _describe(text: str, start: int, end: int) -> str:
    d = text[start:end].strip()
    return d[:160]
