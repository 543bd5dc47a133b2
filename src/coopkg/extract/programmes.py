"""The funding programme (a labelled line or a cue such as `w ramach Programu …`) and its funds."""

from __future__ import annotations

import re

from . import lexicon as lx
from .document import IC, QUOTED, QUOTES, Doc, Item, Span
from .nominative import nominative
from .trace import reject

PROGRAMME_LABEL = re.compile(
    r"^\s*(?:operační program|operačný program|program(?:me)?|донор|програма|fundusz|"
    r"funding programme|programm)(?:\s*[:\-–]\s*|(?=(?-i:[A-ZА-ЯІЇЄҐ„\"«])))(?P<v>.+)$",
    IC | re.M,
)


PROGRAMME_CONTEXT = re.compile(
    r"(?:w ramach|ze środków|в рамках|у рамках|v rámci|v rámc|within|under|funded by|"
    r"financed by|z programu|из|за|z|ze|zo|from|aus|durch|im|pagal)\s+"
    r"(?P<v>(?:(?:the|z|dem|das|der)\s+)?(?:(?:(?-i:[A-ZĄĆĘŁŃÓŚŹŻ])\w+(?:ego|y|ym|emu)\s+)?"
    r"[Pp]rogram\w*|[Пп]рограм\w*|"
    r"[Oo]peračn\w* program\w*|(?-i:[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ])\w+ (?:regionáln\w* )?operačn\w* "
    r"program\w*|INTERREG|Interreg|Cezhraničn\w*|[Cc]ross-border\w*|Kooperationsprogramm\w*)"
    r"[^\n.;]*)",
)
# names whose word for programme comes last: Lithuanian (`pagal … bendradarbiavimo per
# sieną programą`), Hungarian (`az … Együttműködési Program keretében`), English
# (`under the Interreg Central Europe programme`)
PROGRAMME_LAST = re.compile(
    r"(?:(?<!\w)pagal\s+(?P<lt>[^\n.;]{3,140}?\s+program(?:a|ą|os|oje)?)(?!\w)"
    r"|(?<!\w)(?:az?|Az?)\s+(?P<hu>(?-i:[A-Z0-9ÁÉÍÓÖŐÚÜŰ])[^\n.;]{2,120}?\s+[Pp]rogram(?:ja|jának|nak)?)\s+"
    r"(?:keretében|támogatásával|által|forrásából|forrásaiból|révén)"
    r"|(?<!\w)(?:the|by|under|from)\s+(?P<en>(?:(?-i:[A-Z])[\w+’'-]*\s+){1,6})"
    r"(?:programme|program)(?!\w))",
)
# operational programmes by their acronyms (`w ramach RPO WL 2014-2020`, `z OP Z`,
# `a GINOP-1.2.1 felhívás`), as the pages of the corpus countries write them
PROGRAMME_ACRONYM = re.compile(
    r"(?<![\w-])(?P<v>(?:RPO(?:\s+W[A-ZŁŚŻ]{1,3})?|PO\s?WER|PO\s?KL|POPW|PO\s?IiŚ|PROW|FEPW|"
    r"IROP|OP\s?Z|OP\s?VVV|OP\s?ŽP|OP\s?PIK|OP\s?KŽP|OP\s?ĽZ|GINOP|EFOP|VEKOP|KEHOP|IKOP|"
    r"TOP(?=-\d))(?:\s+20\d\d\s*[-–]\s*20\d\d)?)(?![\w])"
)
# programmes known by a name without the word programme; a page that names one names
# its programme
PROGRAMME_BRAND = re.compile(
    r"(?<!\w)(?P<v>Erasmus\s*\+|Europ[ae] (?:dla Obywateli|for Citizens|für Bürgerinnen und "
    r"Bürger)|Evropa pro občany|Európa (?:a Polgárokért|pre občanov)|Europa piliečiams|"
    r"Європа для громадян|Kreatywna Europa|Creative Europe|Kreativní Evropa|Kreatívna Európa|"
    r"Horizon(?:t)? 2020|Horyzont 2020|Horizon Europe|Horyzont Europa|"
    r"Active Citizens Fund|Aktywni Obywatele(?:\s*[-–]\s*Fundusz (?:Regionalny|Krajowy))?|"
    r"Aktívni občania|Aktivní občané|Széchenyi 2020|Széchenyi Terv\w*|URBACT|ESPON)(?![\w+])",
)


PROGRAMME_START = re.compile(
    r"(?P<v>(?:INTERREG|Interreg)\s+[IVX]+(?:-[ABC])?[^\n.;,]*|"
    # `Interreg Polska – Słowacja 2021-2027`, `Interreg NEXT Polska – Ukraina`
    r"(?:INTERREG|Interreg)\s+(?:NEXT\s+)?(?-i:[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽĄĆĘŁŃŚŹŻ])[^\n.;,]*|"
    r"Kooperationsprogramm[^\n.;,]*|"
    r"(?:Regionaln\w* )?Program\w* (?:Operacyjn\w*|Współpracy Transgranicznej|Rozwoju|Regionaln\w*)[^\n.;]*|"
    r"Program\w* cezhraničnej spolupráce[^\n.;]*|Operační program[^\n.;]*|"
    r"Програм\w* транскордонного[^\n.;]*|Cross-border Cooperation Programme[^\n.;]*)"
)


PROGRAMME_STOP = re.compile(
    r",|\.\s|\s+(?:w kwocie|w wysokości|kwot\w*|támogatás\w*|keretében|s podporou|"
    r"gefördert|beantragt|wird|soll|priorytet|oś priorytetow|działani|poddziałani|działanie|prioritní|opatření|"
    r"pro období|measure|priority|na rzecz|w partnerstwie|Європейськ|Fond mikro|Mikroprojekt|"
    r"współfinansowan|spolufinancován|фінансу|jest realizowany|który|která|який)\b",
    IC,
)


# a programme's name in the case its sentence put it: `w ramach Programu Operacyjnego …`
# → `Program Operacyjny …`; before a name of its own the word goes (`programu Erasmus+`)
OBLIQUE_PROGRAMME = re.compile(
    r"^(?:(?:the|dem|das|der|die)\s+)?(?:programu|programem|programie|programom|програми|"
    r"програмі|програму|програмою|programm|programme|program)\s+"
    r"(?=(?:Erasmus|Interreg|INTERREG|Horizon|Horyzont|LIFE|COSME|Europ|Evrop|Európ|Європ|"
    r"Kreatywn|Creative|Aktywni|Active|Fundusz))",
    IC,
)


ARTICLE = re.compile(r"^(?:the|dem|das|der|die|az|a)\s+", IC)


def _nominative_programme(value: str) -> str:
    m = OBLIQUE_PROGRAMME.match(value)
    return value[m.end() :] if m else nominative(ARTICLE.sub("", value))


def _cut_programme(value: str) -> str:
    m = re.search(r"(19|20)\d\d\s*[-–]\s*(19|20)\d\d", value)
    if m:
        value = value[: m.end()]
    stop = PROGRAMME_STOP.search(value)
    if stop and stop.start() > 8:
        value = value[: stop.start()]
    return _nominative_programme(value.strip().strip(QUOTES + " .:;–-"))


# what may stand before a programme's quoted name: its word and one more (`Програма USAID`)
PROGRAMME_WORD_BEFORE = re.compile(r"\s*(?:[Pp]rogram\w*|[Пп]рограм\w*)?\s*(?:\w+\s)?")


def find_programme(doc: Doc, skip: list[Span]) -> Item | None:
    candidates: list[tuple[int, Item]] = []
    for m in PROGRAMME_LABEL.finditer(doc.text):
        v = m.group("v").strip()
        if re.match(r"(contribution|\d|:)", v, IC) or re.search(r"\d[\d ]*,\d\d", v):
            continue
        value = _cut_programme(v)
        q = QUOTED.search(v)
        if q and PROGRAMME_WORD_BEFORE.fullmatch(v[: q.start()]):  # `Програма USAID «Говерла»`
            value = q.group("q")
        if len(value) >= 4:
            span = (m.start("v"), m.start("v") + len(value))
            candidates.append((0, Item({"programme": value}, [span], "programme label line")))
    for pattern, rank, why in (
        (PROGRAMME_CONTEXT, 1, "after a cue such as `w ramach`"),
        (PROGRAMME_LAST, 1, "a name that ends in its word for programme"),
        (PROGRAMME_START, 2, "a programme's name pattern"),
        (PROGRAMME_BRAND, 2, "a programme known by its own name"),
        (PROGRAMME_ACRONYM, 3, "an operational programme's acronym"),
    ):
        for m in pattern.finditer(doc.text):
            group = m.lastgroup or "v"
            if any(s <= m.start(group) < e for s, e in skip):
                continue
            raw = m.group(group)
            if group == "v":
                value = _cut_programme(raw)
            else:  # the name ends at its word for programme: nothing to cut after it
                value = nominative(ARTICLE.sub("", raw.strip()))
                if group == "en":
                    value += " programme"
            q = QUOTED.search(raw)
            if q and PROGRAMME_WORD_BEFORE.fullmatch(raw[: q.start()]):
                value = q.group("q")
            if len(value) >= (3 if pattern is PROGRAMME_ACRONYM else 6) and not re.match(
                r"(?:program|програм)\w*\s+(?:pod tytułem|pn\.)", value, IC
            ):
                span = (m.start(group), m.start(group) + len(value))
                candidates.append((rank, Item({"programme": value}, [span], why)))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1].spans[0][0]))
    for rank, item in candidates[1:]:
        reject(
            "programme",
            item.data["programme"],
            item.spans[0],
            "a candidate ranking higher came first (label 0, cue 1, name 2, acronym 3)",
            rank,
        )
    return candidates[0][1]


# every fund's words in one pattern, anchored at a word's start: eleven passes over the
# page were a tenth of its extraction time
FUND_CODES = [code for _, code in lx.FUNDS]
FUNDS_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<f{i}>{p})" for i, (p, _) in enumerate(lx.FUNDS)) + ")", IC
)


PROGRAMME_FUND_CODES = [code for _, code in lx.PROGRAMME_FUNDS]
PROGRAMME_FUNDS_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(f"(?P<f{i}>{p})" for i, (p, _) in enumerate(lx.PROGRAMME_FUNDS))
    + r")(?!\w)",
    IC,
)


def find_funds(doc: Doc) -> list[Item]:
    """Each fund named, with its first mention, in the order of the lexicon; then the
    funds that a programme's own name stands for (Interreg is the ERDF's)."""
    out = [
        Item({"fund": code}, [m.span()], f"fund named {m.group(0)!r}")
        for code, m in _first_mentions(FUNDS_RE, FUND_CODES, doc.text)
    ]
    named = {item.data["fund"] for item in out}
    for code, m in _first_mentions(PROGRAMME_FUNDS_RE, PROGRAMME_FUND_CODES, doc.text):
        if code not in named:
            named.add(code)
            why = f"programme {m.group(0)!r} is an instrument of this fund"
            out.append(Item({"fund": code}, [m.span()], why))
    return out


def _first_mentions(
    pattern: re.Pattern[str], codes: list[str], text: str
) -> list[tuple[str, re.Match[str]]]:
    """The first match of each alternative `f<i>` of `pattern`, by the alternative's order."""
    first: dict[int, re.Match[str]] = {}
    for m in pattern.finditer(text):
        if m.lastgroup:
            first.setdefault(int(m.lastgroup[1:]), m)
    return [(codes[i], first[i]) for i in sorted(first)]
