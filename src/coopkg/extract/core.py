"""Text → record: the rules that find each field of record format v1, with evidence spans.

The rules are general: label lines (`Lider projektu: …`, `Partner: …`), cue
words around values (`w ramach Programu …`, `wartość projektu …`), section
headings (`Rezultaty`, `Grupa docelowa`) and a gazetteer for places. Each value
keeps the character offsets of the text it came from.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..names import fold, name_match, tokens
from ..registries.gazetteer import Gazetteer, Place, gazetteer
from . import lexicon as lx
from .numbers import PERCENT, MoneyHit, find_dates, find_money

IC = re.IGNORECASE
Span = tuple[int, int]

QUOTES = "\"'„“”«»‚‘’❝❞"
QUOTED = re.compile(r"[„“”\"«‚‘](?P<q>[^„“”\"«»‚‘’\n]{2,250}?)[”“\"»’‘]")
CAP = r"[A-ZĄĆĘŁŃÓŚŹŻÁČĎÉĚÍŇŘŠŤÚŮÝŽÄÖÜЀ-ЯІЇЄҐ]"
WORD = r"[\w'’]+"


@dataclass
class Item:
    data: dict[str, Any]
    spans: list[Span] = field(default_factory=list)

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
            for pattern, code in lx.COUNTRY_WORDS.items():
                if re.search(rf"(?<!\w)(?:{pattern})", self.text, IC):
                    found.add(code)
            self._countries = found
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


# --- titles -------------------------------------------------------------------

TITLE_LABEL = re.compile(
    r"^\s*(?:(?:tytuł projektu|nazwa projektu|název projektu|názov projektu|project title|"
    r"title of the project|назва про[єе]?кту|projekttitel)\s*[:\-–]?|"
    r"(?:projekt|про[єе]?кт|project|titel)\s*:)\s*(?P<v>.+)$",
    IC | re.M,
)
PROJECT_CUE = re.compile(
    r"(?:mikro)?projek\w*|про[єе]?кт\w*|project\w*|mikroprojekt\w*|programu? pod tytułem|"
    r"pn\.|pt\.|pod nazwą|pod tytułem|s názvem|titled|entitled|назвою",
    IC,
)
SKIP_HEADING = re.compile(
    r"^(?:priorit\w*|priority|measure|działanie|opatření|menu|kontakt|szukaj|search|home|"
    r"strona główna|aktualności|wiadomości|news|новини|проекти|projekty|projects|informace|"
    r"informacje|informácie|czcionki|kontrast|english|slovensk|polsk|lead partner country|"
    r"програма|program\b|programme\b|\d)",
    IC,
)


def _clean_title(t: str) -> str:
    t = t.strip().strip(QUOTES).strip()
    t = re.sub(r"\s+[–—-]\s+(?:PO\s?KL|POKL|RPO\w*|PO\s?WER|FIO)$", "", t)
    return t.rstrip(" .,:;")


def find_title(doc: Doc) -> Item | None:
    text = doc.text
    # 1. a quoted name right after a word for project
    for m in QUOTED.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if PROJECT_CUE.search(before) and len(m.group("q").split()) >= 1:
            if re.search(
                r"(fundusz|program|programu|програм|festival|festiwal)\w*\s*$", before, IC
            ) and not re.search(r"projek|проє?кт|project", before, IC):
                continue
            return Item({"title": _clean_title(m.group("q"))}, [(m.start("q"), m.end("q"))])
    # 2. a labelled title
    for m in TITLE_LABEL.finditer(text):
        value = m.group("v").strip()
        if len(value.split()) >= 2 and not re.match(r"(?:jest|je|is|є|realiz)", value, IC):
            q = QUOTED.search(value)
            if q:
                return Item(
                    {"title": _clean_title(q.group("q"))},
                    [(m.start("v") + q.start("q"), m.start("v") + q.end("q"))],
                )
            if len(value) < 250 and not re.search(
                r"\b(realizowan|реаліз|realizován|will|będzie)\w*", value, IC
            ):
                return Item({"title": _clean_title(value)}, [(m.start("v"), m.end("v"))])
    # 3. the first heading-like line
    for start, line in doc.lines[:25]:
        s = line.strip()
        if not s or SKIP_HEADING.match(s) or s.endswith(":") or len(s) > 250:
            continue
        words = s.split()
        if len(words) < 2 or re.search(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|@|https?:", s):
            continue
        if s.count(".") > 1 and len(words) > 25:
            continue
        off = start + line.index(s)
        return Item({"title": _clean_title(s)}, [(off, off + len(s))])
    return None


# --- identifiers, programme, funds ---------------------------------------------

IDENTIFIER = re.compile(
    r"(?<![A-Z0-9._/-])(?=[A-Z0-9./_-]*\d[A-Z0-9./_-]*\d)(?=[A-Z0-9./_-]*[A-Z])"
    r"[A-Z][A-Z0-9]*(?:[./_-][A-Z0-9]+){3,}(?![\w])"
)


def find_identifiers(doc: Doc) -> list[Item]:
    out: list[Item] = []
    seen = set()
    for m in IDENTIFIER.finditer(doc.text):
        ident = m.group(0)
        if ident in seen or len(re.findall(r"\d", ident)) < 4:
            continue
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        if re.search(
            r"(nip|regon|krs|tel|fax|konto|iban|ičo|dič|ičo)\W*$",
            doc.text[line_start : m.start()],
            IC,
        ):
            continue
        seen.add(ident)
        out.append(Item({"id": ident}, [(m.start(), m.end())]))
        doc.masked.append((m.start(), m.end()))
    return out


PROGRAMME_LABEL = re.compile(
    r"^\s*(?:operační program|operačný program|program(?:me)?|донор|програма|fundusz|"
    r"funding programme|programm)(?:\s*[:\-–]\s*|(?=(?-i:[A-ZА-ЯІЇЄҐ„\"«])))(?P<v>.+)$",
    IC | re.M,
)
PROGRAMME_CONTEXT = re.compile(
    r"(?:w ramach|ze środków|в рамках|у рамках|v rámci|v rámc|within|under|funded by|"
    r"financed by|z programu|из)\s+(?P<v>(?:(?:the|z)\s+)?(?:[Pp]rogram\w*|[Пп]рограм\w*|"
    r"[Oo]perační\w* program\w*|INTERREG|Interreg|Cezhraničn\w*|[Cc]ross-border\w*)[^\n.;]*)",
)
PROGRAMME_START = re.compile(
    r"(?P<v>(?:INTERREG|Interreg)\s+[IVX]+(?:-[ABC])?[^\n.;,]*|"
    r"Program\w* (?:Operacyjn\w*|Współpracy Transgranicznej|Rozwoju|Regionaln\w*)[^\n.;]*|"
    r"Program\w* cezhraničnej spolupráce[^\n.;]*|Operační program[^\n.;]*|"
    r"Програм\w* транскордонного[^\n.;]*|Cross-border Cooperation Programme[^\n.;]*)"
)
PROGRAMME_STOP = re.compile(
    r",|\s+(?:priorytet|oś priorytetow|działani|poddziałani|działanie|prioritní|opatření|"
    r"pro období|measure|priority|na rzecz|w partnerstwie|Європейськ|Fond mikro|Mikroprojekt|"
    r"współfinansowan|spolufinancován|фінансу|jest realizowany|który|která|який)\b",
    IC,
)


def _cut_programme(value: str) -> str:
    m = re.search(r"(19|20)\d\d\s*[-–]\s*(19|20)\d\d", value)
    if m:
        value = value[: m.end()]
    stop = PROGRAMME_STOP.search(value)
    if stop and stop.start() > 8:
        value = value[: stop.start()]
    return value.strip().strip(QUOTES + " .:;–-")


def find_programme(doc: Doc, skip: list[Span]) -> Item | None:
    candidates: list[tuple[int, Item]] = []
    for m in PROGRAMME_LABEL.finditer(doc.text):
        v = m.group("v").strip()
        if re.match(r"(contribution|\d|:)", v, IC) or re.search(r"\d[\d ]*,\d\d", v):
            continue
        value = _cut_programme(v)
        if len(value) >= 4:
            candidates.append(
                (0, Item({"programme": value}, [(m.start("v"), m.start("v") + len(value))]))
            )
    for pattern, rank in ((PROGRAMME_CONTEXT, 1), (PROGRAMME_START, 2)):
        for m in pattern.finditer(doc.text):
            if any(s <= m.start("v") < e for s, e in skip):
                continue
            raw = m.group("v")
            value = _cut_programme(raw)
            q = QUOTED.search(raw)
            if q and re.match(
                r"\s*(?:[Pp]rogram\w*|[Пп]рограм\w*)?\s*(?:\w+\s)?$", raw[: q.start()]
            ):
                value = q.group("q")
            if len(value) >= 6 and not re.match(
                r"(?:program|програм)\w*\s+(?:pod tytułem|pn\.)", value, IC
            ):
                candidates.append(
                    (rank, Item({"programme": value}, [(m.start("v"), m.start("v") + len(value))]))
                )
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1].spans[0][0]))
    return candidates[0][1]


def find_funds(doc: Doc) -> list[Item]:
    out = []
    for pattern, code in lx.FUNDS:
        m = re.search(pattern, doc.text, IC)
        if m:
            out.append(Item({"fund": code}, [(m.start(), m.end())]))
    return out


# --- dates ----------------------------------------------------------------------

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
        _mask(doc, start, end)
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
            _mask(doc, s, e)
            return s, e
    m = YEAR_ONLY.search(doc.text)
    if m:
        span = [(m.start(1), m.end(1))]
        return Item({"date": m.group(1)}, span), Item({"date": m.group(1)}, span)
    return None, None


def _mask(doc: Doc, *items: Item | None) -> None:
    for it in items:
        if it:
            doc.masked.extend(it.spans)


# --- money ------------------------------------------------------------------------


def _kind(context: str) -> str | None:
    best: tuple[int, str] | None = None
    for pattern, kind in lx.AMOUNT_CUES:
        for m in re.finditer(pattern, context, IC):
            if best is None or m.end() > best[0]:
                best = (m.end(), kind)
    return best[1] if best else None


def _doc_currency(doc: Doc, hits: list[MoneyHit]) -> str | None:
    found = {h.currency for h in hits if h.currency}
    if len(found) == 1:
        return found.pop()
    if not found:
        return {"pl": "PLN", "cs": "CZK", "uk": "UAH"}.get(doc.lang or "")
    return None


def find_amounts(doc: Doc, organisations: list[Item]) -> tuple[list[Item], Item | None]:
    text = doc.text
    hits = find_money(text)
    # amounts without a currency but with a strong cue: "wydatków … wynosi 833 929,04 ."
    for m in re.finditer(
        r"(?:wynosi|wynoszą|činí|становить|amounts to|to)\s+(\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d{2})?)(?!\s*(?:osób|%|\w))",
        text,
        IC,
    ):
        if not any(h.start <= m.start(1) < h.end for h in hits):
            from .numbers import parse_number

            hits.append(MoneyHit(parse_number(m.group(1)), None, m.start(1), m.end(1)))
    hits.sort(key=lambda h: h.start)
    default_currency = _doc_currency(doc, hits)
    items: list[Item] = []
    rate: Item | None = None
    table = _table_kinds(doc, hits)
    prev_end = 0
    for h in hits:
        doc.masked.append((h.start, h.end))
        line_start = text.rfind("\n", 0, h.start) + 1
        clause_start = max(
            prev_end, line_start, text.rfind(". ", 0, h.start) + 1, text.rfind(", ", 0, h.start) + 1
        )
        before = text[clause_start : h.start]
        after = text[h.end : h.end + 40].split("\n")[0].split(",")[0]
        kind = table.get(h.start) or _kind(before) or _kind_after(after) or "other"
        holder = None
        if kind == "partner_share" or re.search(
            r"\b(w tym|з них|of which|z toho|v tom)\b", before, IC
        ):
            holder = _holder(doc, before + " " + after, organisations)
            if holder:
                kind = "partner_share" if kind in ("partner_share", "total", "other") else kind
            elif kind == "partner_share":
                kind = "other"
        if kind == "other" and holder is None:
            holder = None
        value = h.value
        data: dict[str, Any] = {
            "kind": kind,
            "value": value,
            "currency": h.currency or default_currency,
        }
        if holder:
            data["holder"] = holder
        items.append(Item(data, [(h.start, h.end)]))
        prev_end = h.end
    # co-financing rate: a percentage beside an EU-funding cue
    for m in PERCENT.finditer(text):
        ctx = text[max(0, m.start() - 90) : m.end() + 60]
        value = float(m.group(1).replace(",", ".")) / 100
        if 0 < value <= 1 and re.search(
            r"dofinans|finansowan\w* ze środków|unii europejskiej|\beu\b|\bue\b|erdf|efrr|"
            r"evropsk\w* fond|spolufinanc|co-?financ|співфінанс|фінансуван|grant rate|"
            r"dotac|fondu|funduszu",
            ctx,
            IC,
        ):
            if value == 1.0 and re.search(
                r"spolu|celkem|razem|total|sum", text[max(0, m.start() - 30) : m.start()], IC
            ):
                continue
            rate = Item({"rate": round(value, 4)}, [(m.start(), m.end())])
            break
    # the same sum stated twice (e.g. in a table and in a sentence) is one amount
    unique: dict[tuple[float, str | None], Item] = {}
    for it in items:
        key = (it.data["value"], it.data["currency"])
        if key in unique:
            if unique[key].data["kind"] == "other" and it.data["kind"] != "other":
                unique[key] = it
            continue
        unique[key] = it
    return list(unique.values()), rate


def _kind_after(after: str) -> str | None:
    if re.search(r"грантов|grant|dotac|dofinans|contribution", after, IC):
        return "eu_contribution"
    if re.search(r"міськ\w* бюджет|бюджет\w* міст|budżet\w* gmin|own|vlastn", after, IC):
        return "other"
    return None


def _table_kinds(doc: Doc, hits: list[MoneyHit]) -> dict[int, str]:
    """Kinds for amounts laid out in a table row under a row of column headers."""
    out: dict[int, str] = {}
    for i, (start, line) in enumerate(doc.lines):
        row = [h for h in hits if start <= h.start < start + len(line)]
        if len(row) < 2:
            continue
        for back in range(1, 4):
            if i - back < 0:
                break
            head = doc.lines[i - back][1]
            if re.search(r"\d", head):
                continue
            cols = [
                c
                for c in re.split(r"\s{2,}|\t|\s(?=[A-ZÁČĎÉĚÍĽĹŇÓÔŘŠŤÚŮÝŽĄĆĘŁŃŚŹŻ])", head.strip())
                if c
            ]
            if len(cols) == len(row):
                for col, h in zip(cols, row, strict=True):
                    out[h.start] = _kind(col) or "other"
            break
    return out


def _same_stem(a: str, b: str) -> bool:
    """Two inflected forms of one word: a long common beginning (Луцьку / Луцької)."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= 0.7 * min(len(a), len(b))


def _holder(doc: Doc, context: str, organisations: list[Item]) -> str | None:
    ctx_tokens = tokens(context)
    best = None
    for org in organisations:
        name = org.data["name"]
        name_toks = [t for t in tokens(name) if len(t) > 3]
        if not name_toks:
            continue
        hits = sum(1 for nt in name_toks if any(_same_stem(ct, nt) for ct in ctx_tokens))
        if hits and (best is None or hits > best[0]):
            best = (hits, name)
    return best[1] if best else None


# --- organisations -------------------------------------------------------------------

ROLE_LINE = re.compile(
    r"^\s*(?:[-•·*–]\s*)?(?P<label>" + "|".join(f"(?:{p})" for p, _ in lx.ROLE_LABELS) + r")"
    r"(?=[\s:\-–·•(]|$|(?-i:[A-ZА-ЯІЇЄҐĄĆĘŁŃÓŚŹŻÁČĎÉĚÍŇŘŠŤÚŮÝŽ„\"«]))"
    r"(?:\s*\d+)?\s*[:\-–]?\s*(?P<v>.*)$",
    IC | re.M,
)
BULLET = re.compile(r"^\s*[-•·*–]\s*(?P<v>\S.*)$")
LEGAL = re.compile(rf"(?<![\w])(?:{lx.LEGAL_FORMS})(?![\w])", IC)
COUNTRY_PAREN = re.compile(r"\s*\((?P<c>[^)]{3,20})\)\s*$")


def _role_of(label: str) -> str:
    for pattern, role in lx.ROLE_LABELS:
        if re.fullmatch(pattern, label.strip(), IC):
            return role
    return "partner"


def _clean_org(name: str) -> str:
    name = re.split(
        r",\s*(?:(?:powiat|okres|district|county|район|adres|tel)\b|okr\.|ul\.)", name, flags=IC
    )[0]
    name = name.strip().strip(".,;:·•-–— ")
    if name[:1].islower() and LEGAL.match(name):
        name = name[0].upper() + name[1:]
    return name


def _country_words(text: str) -> str | None:
    for pattern, code in lx.COUNTRY_WORDS.items():
        if re.search(rf"(?<!\w)(?:{pattern})", text, IC):
            return code
    return None


def org_country(doc: Doc, name: str, context: str = "") -> str | None:
    paren = COUNTRY_PAREN.search(name)
    if paren:
        c = _country_words(paren.group("c"))
        if c:
            return c
    c = _country_words(context) if context else None
    if c:
        return c
    # a place named inside the organisation's name: the whole name, then its parts
    words = [w for w in re.findall(r"[\w'’-]+", name) if not LEGAL.fullmatch(w)]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            part = " ".join(words[i : i + size])
            if size == 1 and (len(part) < 4 or not part[0].isupper()):
                continue
            found = places_in(doc, part)
            if found:
                return _prefer(found, part).country
    if re.search(
        r"міськ\w* рад|виконавч\w* комітет|\bго\b|громадськ|сільськ\w* рад|обласн", name, IC
    ):
        return "UA"
    if re.search(r"\b(gmina|miasto|powiat|starostwo|stowarzyszenie|fundacja|związek)\b", name, IC):
        return "PL"
    return doc.home


def find_organisations(doc: Doc) -> list[Item]:
    found: dict[str, Item] = {}

    def add(name: str, role: str, span: Span, context: str = "") -> None:
        name = _clean_org(name)
        if len(name) < 3 or len(name) > 160 or not re.search(r"\w{2}", name):
            return
        if re.match(r"(?:\d|http|www|e-?mail|tel)", name, IC):
            return
        trailing = re.match(r"\s*\(([^)]{3,20})\)", doc.text[span[1] : span[1] + 30])
        country = (_country_words(trailing.group(1)) if trailing else None) or org_country(
            doc, name, context
        )
        name = COUNTRY_PAREN.sub("", name).strip()
        key = fold(name)
        if key in found:
            old = found[key]
            if old.data["role"] != "lead" and role == "lead":
                old.data["role"] = "lead"
            old.spans.append(span)
            return
        for k, other in found.items():  # "gmina Żmudź" and "Gmina Żmudź" are one
            if _same_org(k, key):
                other.spans.append(span)
                if role == "lead":
                    other.data["role"] = "lead"
                return
        found[key] = Item({"name": name, "role": role, "country": country}, [span])

    # labelled lines, with bulleted continuation lines
    lines = doc.lines

    def add_bullets(i: int, role: str) -> None:
        """The bulleted lines that follow a role label line, one organisation each."""
        for start, line in lines[i + 1 : i + 12]:
            b = BULLET.match(line)
            if not b:
                break
            value = b.group("v").strip()
            add(value, role, (start + b.start("v"), start + b.end("v")), value)

    for i, (start, line) in enumerate(lines):
        m = ROLE_LINE.match(line)
        if not m:
            continue
        label = m.group("label")
        value = m.group("v").strip()
        if re.match(r"(?:country|kraj|країна)\b", value, IC) or label.lower().startswith(
            "partnerstw"
        ):
            continue
        role = _role_of(label)
        if value[:1] in "·•-*–":
            value = value[1:].strip()
            add_bullets(i, role)
        if value and not re.match(r"(?:projektu?\s+)?(?:jest|je|is|є|будет|bude)\b", value, IC):
            if len(value.split()) <= 16 and not re.search(
                r"\b(odpowiedzialn|responsible|bude|będzie)\b", value, IC
            ):
                add(value, role, (start + m.start("v"), start + m.start("v") + len(value)), value)
        elif not value:
            add_bullets(i, role)
    # sentence cues
    _lead_sentences(doc, add)
    _partner_lists(doc, add)
    _managers(doc, add)
    return list(found.values())


def _same_org(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    from ..names import token_match

    return all(token_match(x, y) or token_match(y, x) for x, y in zip(ta, tb, strict=True))


ORG_PHRASE = (
    r"(?P<org>(?i:" + lx.LEGAL_FORMS + r")(?:\s+(?:i\s+)?(?i:" + lx.LEGAL_FORMS + r"))?"
    r"(?:\s+(?:"
    + CAP
    + r"[\w'’-]*|[„“\"«][^„“”\"»]+[”“\"»]|(?:i|z|ze|w|we|v|na|nad|pod|do|od|a|і|та|з)(?=\s+"
    + CAP
    + r")|[A-Z]{2,}|\d+)(?![\w]))*"
    r"|" + CAP + r"[\w'’-]+(?:\s+" + CAP + r"[\w'’-]+){0,4}\s+(?:міськ\w* рад\w*|сільськ\w* рад\w*|"
    r"Poviat|Raion|County|District|Municipality|City Council|Town Council|"
    r"Rad\w* Miejsk\w*|Rad\w* Gminy|Rad\w* Miasta)"
    r"|" + CAP + r"[\w'’-]+ (?:міськ\w* рад\w*|rad\w* miejsk\w*))"
)


_REALISE = (
    r"realizuje|realizowała?|rozpoczęł\w* realizację|zrealizował\w*|реалізує|"
    r"реалізувал\w*|впроваджує|realizoval\w*|realizovala|implements|implemented|"
    r"carries out|is implementing|führt\w*"
)
# (cheap cue that must occur in the text, full pattern); the cue spares the costly
# organisation-phrase scan on pages that cannot match
LEAD_PATTERNS = [
    (
        r"liderem|wnioskodawcą|beneficjentem|realizatorem",
        rf"(?i:liderem|wnioskodawcą|beneficjentem|realizatorem)(?i: projektu)?\s+"
        rf"(?i:jest|był[ao]?|będzie)\s+{ORG_PHRASE}",
    ),
    (
        r"lead partner|leading partner|beneficiary|applicant",
        rf"(?i:lead partner|leading partner|beneficiary|applicant)(?: of the project)?\s+is\s+"
        rf"(?:the\s+)?{ORG_PHRASE}",
    ),
    (
        r"бенефіціар|заявник|виконавц",
        rf"{ORG_PHRASE},?\s+(?:який|яка|що)\s+(?:виступає|є)\s+(?:головним\s+)?"
        rf"(?:бенефіціаром|заявником|виконавцем)",
    ),
    (r"про[єе]?кт|projekt", rf"(?:Про[єе]?кт|Projekt)\s+{ORG_PHRASE}"),
    # an organisation opening a sentence that carries out the project
    (_REALISE, rf"(?:^|(?<=[.!?]\s)|(?<=\n)){ORG_PHRASE}[^.\n]{{0,80}}?\s(?i:{_REALISE})\b"),
    (
        r"žadatel|příjem|žiadateľ",
        rf"(?i:žadatelem|příjemcem|žiadateľom)\s+(?:je|bylo|byl)\s+{ORG_PHRASE}",
    ),
]
LEAD_COMPILED = [(re.compile(cue, IC), re.compile(p, re.M)) for cue, p in LEAD_PATTERNS]


def _lead_sentences(doc: Doc, add: Any) -> None:
    text = doc.text
    for cue, pattern in LEAD_COMPILED:
        if not cue.search(text):
            continue
        for m in pattern.finditer(text):
            org = m.group("org")
            if not LEGAL.search(org):
                continue
            context = text[max(0, m.start() - 30) : m.start("org")]
            add(_nominative_org(org), "lead", (m.start("org"), m.end("org")), context)


def _nominative_org(name: str) -> str:
    """`gminy Żmudź` → `Gmina Żmudź`; other names are kept as written."""
    m = re.match(r"(gmin\w*|miast\w*|obc\w*|měst\w*|powiat\w*)\s+(.+)$", name, IC)
    if not m:
        return name
    base = {"gmin": "Gmina", "mias": "Miasto", "obc": "Obec", "měs": "Město", "powi": "Powiat"}
    for prefix, word in base.items():
        if m.group(1).lower().startswith(prefix):
            return f"{word} {m.group(2)}"
    return name


LIST_ITEM = re.compile(rf"{CAP}[\w'’-]+(?:\s+{CAP}[\w'’-]+)?")


ABBREVIATION = re.compile(r"\b(woj|pow|gm|ul|np|tj|okr|m|м|r|nr|pn|pt|st|sv|ing|mgr|dr)\.")


def _flatten(text: str) -> str:
    """The text with parenthesised asides and abbreviation dots blanked (same length),
    so that clause patterns do not stop at `(woj. Podkarpackie)` or `m.`"""
    text = re.sub(r"\([^()\n]*\)", lambda m: " " * len(m.group(0)), text)
    return ABBREVIATION.sub(lambda m: m.group(1) + " ", text)


def _partner_lists(doc: Doc, add: Any) -> None:
    text = _flatten(doc.text)
    # "w partnerstwie LGD „X” oraz gmin: A, B i C oraz ukraińskiej gminy D"
    for m in re.finditer(
        r"(?:w partnerstwie(?: z)?|w skład partnerstwa wchodzi|partnerami (?:są|byli)|"
        r"partnerem(?: projektu)? (?:jest|był\w*|będzie)|partnerem jest|"
        r"partner(?:em|om)? (?:projektu |projektu je |projekt\w* )?(?:je|bude|is|was)|"
        r"партнером (?:проєкту |проекту )?(?:є|виступає|був\w*)|"
        r"we współpracy z|у партнерстві (?:із|з)|спільно з|у співпраці з|"
        r"v partnerství s|ve spolupráci s|v spolupráci s|s partnerem|"
        r"s\s+\w+\s+partnerom|in partnership with|together with)\s+(?P<rest>[^.\n]{3,400})",
        text,
        IC,
    ):
        rest, base = m.group("rest"), m.start("rest")
        cut = re.search(r"\s(?:w ramach|в рамках|v rámci|within|który|яка|який|which)\b", rest, IC)
        if cut:
            rest = rest[: cut.start()]
        _parse_partner_list(doc, rest, base, add, text[max(0, m.start() - 40) : m.end()])


def _parse_partner_list(doc: Doc, rest: str, base: int, add: Any, context: str) -> None:
    # named organisations with a legal form, e.g. LGD „Ziemi Chełmskiej”, Товариством …
    consumed: list[Span] = []
    for m in re.finditer(ORG_PHRASE, rest):
        org = m.group("org")
        word = org.split()[0].lower()
        if re.match(r"gmin|obc|obec|měst|miast|громад", word) and (
            m.end() < len(rest) and rest[m.end() : m.end() + 1] == ":"
        ):
            continue
        if len(org.split()) < 2 or not LEGAL.search(org):
            continue
        if (
            re.match(r"(gmin\w*|obc\w*|miast\w*|міст\w*|містом)$", org.split()[0], IC)
            and len(org.split()) == 2
        ) or re.match(r"(gmin\w*|obc\w*|obcou|miast\w*|міст\w*|містом|містам\w*)\s", org, IC):
            # "gminy Rivne", "містом Люблін", "obcou Polanka Wielka" → a municipality
            name_part = org.split(None, 1)[1]
            ctx = rest[max(0, m.start() - 25) : m.start()]
            country = _country_words(ctx)
            muni = _municipality_name(doc, org.split()[0], name_part, country)
            add(muni, "partner", (base + m.start("org"), base + m.end("org")), ctx)
            consumed.append((m.start(), m.end()))
            continue
        add(
            org,
            "partner",
            (base + m.start("org"), base + m.end("org")),
            context,
        )
        consumed.append((m.start(), m.end()))
    # a list of municipalities after "gmin:" / "gminy:" / "obcí:" / "5 gmin:"
    for m in re.finditer(
        r"(?:gmin|gminy|obcí|obce|громад|municipalities)\s*:?\s*(?P<items>[^.\n:]+)", rest, IC
    ):
        if not re.match(CAP, m.group("items").strip() or "x"):
            continue
        items = re.split(
            r",|\s+i\s+|\s+oraz\s+|\s+a\s+|\s+та\s+|\s+і\s+|\s+and\s+", m.group("items")
        )
        offset = base + m.start("items")
        for raw in items:
            item = re.sub(r"\s+z\s+powiatu.*$|\s+z\s+\w+$", "", raw.strip())
            if not re.match(CAP, item) or any(s <= m.start("items") < e for s, e in consumed):
                continue
            pos = doc.text.find(item, offset)
            place = places_in(doc, item)
            if not place:
                continue
            word = (
                "Gmina"
                if place[0].country == "PL"
                else "Obec"
                if place[0].country in ("CZ", "SK")
                else "громада"
            )
            add(f"{word} {item}", "partner", (pos, pos + len(item)), item)


def _municipality_name(doc: Doc, word: str, name: str, country: str | None) -> str:
    name = re.split(r"\s+(?:z|ze|w|we|v|ve|у|в|з|із|,)\s", name)[0].strip(" ,")
    places = places_in(doc, name)
    c = country or (places[0].country if places else doc.home)
    if re.match(r"міст", word, IC):
        return f"місто {name}"
    if c == "PL":
        return f"Gmina {name}" if re.match(r"gmin|obc|obec|громад", word, IC) else f"Miasto {name}"
    if c in ("CZ", "SK"):
        return f"Obec {name}"
    if c == "UA":
        return f"gmina {name}" if re.match(r"gmin", word, IC) else name
    return name


MANAGER_CUE = re.compile(r"здійснювал|здійснює|zarządza|managed|manages|řídil", IC)


def _managers(doc: Doc, add: Any) -> None:
    if not MANAGER_CUE.search(doc.text):
        return
    for m in re.finditer(
        rf"{ORG_PHRASE}\s+(?i:здійснювал\w*|здійснює|zarządza\w*|zarządzał\w*|"
        r"managed|manages|řídil\w*)\s+(?i:проектн\w+ менеджмент|projektem|the project)",
        doc.text,
    ):
        add(m.group("org"), "manager", (m.start("org"), m.end("org")))


# --- places ----------------------------------------------------------------------------

PLACE_TYPE_BEFORE = re.compile(
    r"(?P<type>powiat\w*|powiec\w*|województw\w*|woj\.|okres\w*|okr\.|kraj\w*|obec|obci|obce|"
    r"gmin\w*|miast\w*|město|města|městě|m\.|м\.|місто|міста|місті|область|області|район\w*|"
    r"region|municipality of|city of|town of)\s+(?P<name>(?:"
    + CAP
    + r"|[a-ząćęłńóśźż])[\w'’-]+(?:\s+"
    + CAP
    + r"[\w'’-]+)?)",
    IC,
)
PLACE_TYPE_AFTER = re.compile(
    r"(?P<name>"
    + CAP
    + r"[\w'’-]+(?:[ -]"
    + CAP
    + r"[\w'’-]+)?)\s+(?P<type>kraj|oblast\w*|област\w*|район\w*|"
    r"raion|poviat|county|district|voivodeship|region|okres)\b",
    IC,
)
ADJ_TYPE = re.compile(
    r"(?P<name>[a-ząćęłńóśźżа-яіїєґ-]+(?:ego|iego|ej|ím|ém|ого|ої|ій|ий|ький|ська|ки|ky|ký)?)\s+(?P<type>powiat\w*|województw\w*|област\w*|район\w*)",
    IC,
)
PREP_PLACE = re.compile(
    r"(?:(?<=\s)|^)(?P<prep>w|we|v|ve|у|в|na|in|z|ze|із|з|do|od|nad|pod|mezi|między|до|між|для)\s+"
    r"(?P<name>"
    + CAP
    + r"[\w'’]+(?:[-–]"
    + CAP
    + r"?[\w'’]+)*(?:\s+"
    + CAP
    + r"[\w'’]+(?:-"
    + CAP
    + r"[\w'’]+)?){0,2})",
)
CAP_SPAN = re.compile(
    r"(?<![\w-])"
    + CAP
    + r"[\w'’]+(?:\s?[-–]\s?"
    + CAP
    + r"[\w'’]+)*(?:\s+"
    + CAP
    + r"[\w'’]+){0,2}"
)

LEVELS_FOR_TYPE = [
    (r"powiat|powiec|okres|okr\.|район|raion|poviat|county|district", {"county"}),
    (r"województw|woj\.|kraj|область|област|oblast|voivodeship|region", {"region"}),
    (
        r"obec|obci|obce|gmin|miast|město|města|městě|m\.|місто|міста|місті|municipality|city|town",
        {"municipality", "locality"},
    ),
]

NOT_PLACES = re.compile(
    r"^(?:unii?|unia|europ\w*|evrop\w*|європ\w*|program\w*|projekt\w*|проє?кт\w*|програм\w*|"
    r"fundusz\w*|fond\w*|interreg|gmin\w*|miast\w*|powiat\w*|obec|město|partner\w*|lider\w*|"
    r"centrum|związ\w*|stowarzysz\w*|fundacj\w*|priorytet\w*|działani\w*|polska|polski|polsko|"
    r"ukrain\w*|україн\w*|czech\w*|česk\w*|slovensk\w*|słowac\w*|білорус\w*|białoru\w*|"
    r"mikroprojekt\w*|celem|cel|rada|urząd|wójt|burmistrz|prezydent|starosta|"
    r"čech\w*|polák\w*|poláci|ukrajinc\w*|slovác\w*|němc\w*|polac\w*|ukraińc\w*)$",
    IC,
)


def places_in(
    doc: Doc, name: str, levels: set[str] | None = None, cued: bool = False
) -> list[Place]:
    """Gazetteer places `name` can stand for, best first.

    An inflected (not exact) match is only believed for places in the document's
    own country or a country the document names: `Jezioro` is not `Jeziory` in Belarus.
    """
    results = _lookup(name, cued, frozenset(levels) if levels else None)
    if not results:
        return []
    query = tokens(name)
    exact_len = sum(len(t) + 1 for t in query)
    allowed = doc.countries()
    # inflected forms are believed for home places, and for big places of named countries
    results = [
        (s, p)
        for s, p in results
        if s >= exact_len
        or p.country == doc.home
        or (p.country in allowed and (p.population >= 5000 or p.level in ("region", "county")))
    ]
    if not results:
        return []
    best_score = results[0][0]
    top = [p for s, p in results if s == best_score]
    preferred = [p for p in top if p.country == doc.home]
    return preferred or top


@lru_cache(maxsize=65536)
def _lookup(name: str, cued: bool, levels: frozenset[str] | None) -> list[tuple[int, Place]]:
    return gazetteer().lookup(name, cued=cued, levels=set(levels) if levels else None)


@dataclass
class PlaceHit:
    place: Place
    span: Span
    strong: bool  # named with a type word, a preposition or inside an organisation


def find_places(doc: Doc, organisations: list[Item], title_span: Span | None) -> list[Item]:
    text = doc.text
    hits: list[PlaceHit] = []

    def consider(
        name: str, span: Span, strong: bool, levels: set[str] | None = None, cued: bool = False
    ) -> bool:
        words = name.split()
        if not words or NOT_PLACES.match(words[0]) or doc.is_masked(*span):
            return False
        if any(len(w) > 2 and w.isupper() and not cued for w in words):
            return False  # headings and acronyms in capitals are not place names
        found = places_in(doc, name, levels, cued)
        if not found:
            return False
        place = _prefer(found, name)
        population = max(p.population for p in found)  # one city may sit in two registries
        if not strong and population < 20000 and place.level not in ("region", "county"):
            return False
        if not strong and place.country not in doc.countries():
            return False
        hits.append(PlaceHit(place, span, strong))
        return True

    for m in PLACE_TYPE_BEFORE.finditer(text):
        t = m.group("type").lower()
        levels = next((lv for p, lv in LEVELS_FOR_TYPE if re.match(p, t)), None)
        full = f"{m.group('type')} {m.group('name')}"
        if levels and ("county" in levels or "region" in levels):
            if not consider(full, (m.start(), m.end()), True, levels, cued=True):
                consider(m.group("name"), (m.start("name"), m.end("name")), True, levels, cued=True)
        else:
            consider(m.group("name"), (m.start("name"), m.end("name")), True, levels)
    for m in PLACE_TYPE_AFTER.finditer(text):
        t = m.group("type").lower()
        levels = next((lv for p, lv in LEVELS_FOR_TYPE if re.match(p, t)), None)
        if not consider(
            f"{m.group('name')} {m.group('type')}", (m.start(), m.end()), True, levels, cued=True
        ):
            consider(m.group("name"), (m.start("name"), m.end("name")), True, levels, cued=True)
    for m in ADJ_TYPE.finditer(text):
        t = m.group("type").lower()
        levels = next((lv for p, lv in LEVELS_FOR_TYPE if re.match(p, t)), None)
        consider(
            f"{m.group('type')} {m.group('name')}", (m.start(), m.end()), True, levels, cued=True
        )
    for m in PREP_PLACE.finditer(text):
        name = m.group("name")
        for cand in _sub_spans(name):
            before = len(hits)
            consider(cand, (m.start("name"), m.start("name") + len(cand)), True)
            if len(hits) > before:
                break
    for m in CAP_SPAN.finditer(text):
        for cand in _sub_spans(m.group(0)):
            before = len(hits)
            consider(cand, (m.start(), m.start() + len(cand)), False)
            if len(hits) > before:
                break
    for m in PLURAL_TYPE_LIST.finditer(_flatten(text)):
        singular = next((s for p, s in PLURAL_TYPES if re.match(p, m.group("type"), IC)), None)
        if singular is None:
            continue
        for adj in re.finditer(r"[^\W\d_]{4,}", m.group("items")):
            if re.fullmatch(r"i|oraz|a|та|і|and", adj.group(0), IC):
                continue
            start = m.start("items") + adj.start()
            consider(
                f"{singular} {adj.group(0)}",
                (start, start + len(adj.group(0))),
                True,
                None,
                cued=True,
            )
    # places named by municipal organisations (Gmina X, Město X, місто X)
    for org in organisations:
        name = org.data["name"]
        mm = re.match(
            r"(?:gmina(?: i miasto)?|miasto|obec|město|statutární město|mesto|місто|gmina miejska|"
            r"městský obvod)\s+(.+)$",
            name,
            IC,
        )
        parts = [mm.group(1)] if mm else []
        if "," in name:
            parts += [
                re.sub(
                    r"^(?:městský obvod|městská část|statutární město)\s+", "", p.strip(), flags=IC
                )
                for p in name.split(",")
            ]
        for part in parts:
            for cand in _sub_spans(part):
                found = places_in(doc, cand)
                if found:
                    span = org.spans[0] if org.spans else (0, 0)
                    hits.append(PlaceHit(_prefer(found, cand), span, True))
                    break
        if re.search(r"poviat|raion|county|powiat|район", name, IC):
            found = places_in(doc, name, {"county"}, cued=True)
            if found:
                hits.append(PlaceHit(_prefer(found), org.spans[0], True))
    # one item per place; a city and its municipality are one place
    out: dict[str, Item] = {}
    for h in hits:
        key = _place_key(h.place)
        if key in out:
            out[key].spans.append(h.span)
            continue
        out[key] = Item({"name": h.place.name, "country": h.place.country}, [h.span])
    return list(out.values())


PLURAL_TYPES = [
    (r"województw", "województwo"),
    (r"powiatów", "powiat"),
    (r"областей", "область"),
    (r"районів", "район"),
    (r"krajů|krajov", "kraj"),
    (r"okresů|okresov", "okres"),
]
PLURAL_TYPE_LIST = re.compile(
    r"(?P<type>województw|powiatów|областей|районів|krajů|krajov|okresů|okresov)\s*:?\s*"
    r"(?P<items>[^\W\d_]+(?:\s*(?:,|i|oraz|a|та|і|and)\s*[^\W\d_]+){1,6})",
    IC,
)


def _sub_spans(name: str) -> list[str]:
    words = name.split()
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def _prefer(found: list[Place], query: str = "") -> Place:
    """A place whose own name (not an alternate name) was matched, then the finest level."""
    order = {"city_district": 0, "locality": 1, "municipality": 2, "county": 3, "region": 4}
    q = tokens(query)

    def own_name(p: Place) -> int:
        return 0 if q and name_match(q, tokens(p.name)) else 1

    return sorted(found, key=lambda p: (own_name(p), order.get(p.level, 9), -p.population))[0]


def _place_key(p: Place) -> str:
    return f"{p.country}:{fold(p.name)}"


# --- outcomes ----------------------------------------------------------------------------

UNIT_RE = [(re.compile(rf"^(?:{p})$", IC), u) for p, u in lx.UNITS]
HEADING = re.compile(r"^\s*(?P<h>[^\n]{2,60}?)\s*:?\s*$")
NUMBER_WORD = re.compile(r"(?<![\w.,/-])(?P<n>\d{1,6})(?![\w.,/%-]|\s?%|[.,]\d)")


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
        if re.search(rf"(?<!\w)(?:{lx.ACHIEVED_HEADINGS})", s, IC):
            marks.append((start, "achieved"))
        elif re.search(rf"(?<!\w)(?:{lx.PLANNED_HEADINGS})", s, IC):
            marks.append((start, "planned"))
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
        value = int(m.group("n"))
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
            continue
        if re.match(rf"(?:{lx.PARTNERSHIP_COUNTS})$", words[0], IC):
            continue
        unit = _unit_of(words[:1]) or _unit_of(words[1:3])
        if unit is None:
            continue
        # a number in a date, address or identifier context is not a count
        if re.match(r"\s*[./:-]\s*\d", after) or re.search(
            r"(?:nr|no\.|№|ul\.|art\.)\s*$", text[max(0, m.start() - 6) : m.start()], IC
        ):
            continue
        s0, s1 = doc.sentence_bounds(m.start())
        sentence = text[s0:s1]
        status = _status_for(sections, m.start(), sentence)
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
            )
        )
    return out


def _status_for(sections: list[tuple[int, str]], at: int, sentence: str) -> str:
    section = None
    for start, status in sections:
        if start <= at:
            section = status
    if section in ("achieved", "planned"):
        return section
    if re.search(rf"(?<!\w)(?:{lx.PAST_CUES})(?!\w)", sentence, IC):
        return "achieved"
    return "planned"


def _describe(text: str, start: int, end: int) -> str:
    d = text[start:end].strip()
    return d[:160]


# --- the record ------------------------------------------------------------------------------


def extract_project(doc: Doc) -> dict[str, Any]:
    evidence: dict[str, list[dict[str, int]]] = {}

    def ev(name: str, item: Item | None) -> None:
        if item and item.spans:
            evidence[name] = [{"start": s, "end": e} for s, e in item.spans]

    identifiers = find_identifiers(doc)
    start, end = find_dates_of_project(doc)
    title = find_title(doc)
    organisations = find_organisations(doc)
    programme = find_programme(doc, [title.spans[0]] if title else [])
    amounts, rate = find_amounts(doc, organisations)
    funds = find_funds(doc)
    if programme:
        doc.masked.extend(programme.spans)
    places = find_places(doc, organisations, title.spans[0] if title else None)
    outcomes = find_outcomes(doc)
    ev("title", title)
    ev("programme", programme)
    ev("start", start)
    ev("end", end)
    ev("cofinancing_rate", rate)
    project: dict[str, Any] = {
        "title": title.data["title"] if title else None,
        "identifiers": [i.data["id"] for i in identifiers],
        "programme": programme.data["programme"] if programme else None,
        "funds": sorted({f.data["fund"] for f in funds}),
        "start": start.data["date"] if start else None,
        "end": end.data["date"] if end else None,
        "amounts": [a.out() for a in amounts],
        "cofinancing_rate": rate.data["rate"] if rate else None,
        "organisations": [o.out() for o in organisations],
        "places": [p.out() for p in places],
        "outcomes": [o.out() for o in outcomes],
    }
    if evidence:
        project["evidence"] = evidence
    return project
