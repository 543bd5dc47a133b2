"""One document's text as the rules see it (`Doc`), the value they produce (`Item`), and the
character classes every rule shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..registries.gazetteer import Gazetteer, gazetteer
from . import lexicon as lx

IC = re.IGNORECASE


Span = tuple[int, int]


QUOTES = "\"'„“”«»‚‘’❝❞"


QUOTED = re.compile(r"[„“”\"«‚‘](?P<q>[^„“”\"«»‚‘’\n]{2,250}?)[”“\"»’‘]")


CAP = r"[A-ZĄĆĘŁŃÓŚŹŻÁČĎÉĚÍŇŘŠŤÚŮÝŽÄÖÜЀ-ЯІЇЄҐ]"


WORD = r"[\w'’]+"


# an organisation's legal-form head (`Gmina`, `Stowarzyszenie`, `Асоціація`, `Stadt`) as a word
LEGAL = re.compile(rf"(?<![\w])(?:{lx.LEGAL_FORMS})(?![\w])", IC)


@dataclass
class Item:
    data: dict[str, Any]
    spans: list[Span] = field(default_factory=list)
    why: str = field(default="", compare=False)  # the rule and cue (`coopkg extract --explain`)

    def out(self) -> dict[str, Any]:
        d = dict(self.data)
        if self.spans:
            d["evidence"] = [{"start": s, "end": e} for s, e in sorted(set(self.spans))]
        return d


class Doc:
    """One document's text with the helpers every rule needs."""

    def __init__(self, text: str, language: str | None) -> None:
        self.text = text
        self.lang = language
        self.home = lx.LANG_COUNTRY.get(language or "", None)
        self.lines: list[tuple[int, str]] = []
        pos = 0
        for line in text.split("\n"):
            self.lines.append((pos, line))
            pos += len(line) + 1
        self.gaz: Gazetteer = gazetteer()
        self.masked: list[Span] = []  # spans already used by money, dates, identifiers
        self._countries: set[str] | None = None

    def countries(self) -> set[str]:
        """The document's own country and every country it names."""
        if self._countries is None:
            found = {self.home} if self.home else set()
            self._countries = found | set(lx.countries_named(self.text))
        return self._countries

    def sentence_bounds(self, at: int) -> Span:
        left = (
            max(
                self.text.rfind(". ", 0, at),
                self.text.rfind("\n", 0, at),
                self.text.rfind("; ", 0, at),
            )
            + 1
        )
        m = re.compile(r"\.\s|\n|;\s").search(self.text, at)
        return left, (m.start() if m else len(self.text))

    def is_masked(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.masked)


def mask_items(doc: Doc, *items: Item | None) -> None:
    for it in items:
        if it:
            doc.masked.extend(it.spans)


ABBREVIATION = re.compile(r"\b(woj|pow|gm|ul|np|tj|okr|m|м|r|nr|pn|pt|st|sv|ing|mgr|dr)\.")


def flatten_asides(text: str) -> str:
    """The text with parenthesised asides and abbreviation dots blanked (same length),
    so that clause patterns do not stop at `(woj. Podkarpackie)` or `m.`"""
    text = re.sub(r"\([^()\n]*\)", lambda m: " " * len(m.group(0)), text)
    return ABBREVIATION.sub(lambda m: m.group(1) + " ", text)
