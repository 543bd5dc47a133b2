"""The project's title (a labelled line, a quoted name after a project cue, or the page's
heading) and its identifiers (contract and application numbers)."""

from __future__ import annotations

import re

from .document import IC, LEGAL, QUOTED, QUOTES, Doc, Item
from .trace import reject

TITLE_LABEL = re.compile(
    r"^\s*(?:(?P<label>tytuł projektu|nazwa projektu|název projektu|názov projektu|project title|"
    r"title of the project|назва про[єе]?кту|projekttitel|projekto pavadinimas|"
    r"(?:a\s+)?projekt (?:címe|neve)|projektname|projektbezeichnung)\s*[:\-–]?|"
    r"(?:projekt|про[єе]?кт|project|titel|tytuł|nazwa|název|názov|назва|title|pavadinimas|"
    r"címe?)\s*:)\s*(?P<v>.+)$",
    IC | re.M,
)


PROJECT_CUE = re.compile(
    r"(?:mikro)?projek\w*|про[єе]?кт\w*|project\w*|mikroprojekt\w*|programu? pod tytułem|"
    r"pn\.|pt\.|pod nazwą|pod tytułem|s názvem|titled|entitled|назвою|vorhaben\w*",
    IC,
)
# languages that name the project after its name: `„X” című projekt`, `„X” projekt része`,
# `„X“ projektas`, `„X“ projekte`
PROJECT_CUE_AFTER = re.compile(r"\s*(?:című\s+|nevű\s+)?(?:projekt\w*|project\b)", IC)


# a paragraph opening with a quoted name: alone on its line (with an aside such as the
# period), or after a project word, or after an organisation and a dash
PARAGRAPH_TITLE = re.compile(
    r"(?:\A|\n[ \t]*\n|\n(?=[ \t]*(?:\d{1,2}[.)]|[•·*])[ \t]))[ \t]*"
    r"(?P<line>(?:(?:\d{1,2}[.)]|[•·*])[ \t]+)?(?:(?:[^\n]{0,80}?\s[–—-]\s*)?"
    r"(?:(?:mikro)?projek\w*|про[єе]?кт\w*|project\w*)\s+)?"
    r"[„“\"«](?P<q>[^„“”\"«»\n]{3,150})[”“\"»]"
    # or an unquoted name before a dash and the word project: `Cesty pod Roháčmi – projekt …`
    r"|(?:(?:\d{1,2}[.)]|[•·*])[ \t]+)?(?P<u>(?-i:[A-ZĄĆĘŁŃÓŚŹŻÁČĎÉĚÍŇŘŠŤÚŮÝŽÄÖÜЀ-ЯІЇЄҐ])"
    r"[^\n–—.:]{2,80}?)\s+[–—-]\s+(?:(?:mikro)?projekt(?:as|u|e)?|про[єе]?кт|project)(?!\w))",
    IC,
)
QUOTED_ITEM = re.compile(
    r"^[ \t]*(?:\d{1,2}[.)]|[•·*-])[ \t]+[„“\"«](?P<q>[^„“”\"«»\n]{3,150})[”“\"»]", re.M
)
# the same at a line's start: the name a paragraph gives its project before `– projekt`
NAME_BEFORE_PROJECT = re.compile(
    r"^[ \t]*(?:(?:\d{1,2}[.)]|[•·*])[ \t]+)?(?P<u>(?-i:[A-ZĄĆĘŁŃÓŚŹŻÁČĎÉĚÍŇŘŠŤÚŮÝŽÄÖÜЀ-ЯІЇЄҐ])"
    r"[^\n–—.:]{2,80}?)\s+[–—-]\s+(?:(?:mikro)?projekt(?:as|u|e)?|про[єе]?кт|project)(?!\w)",
    IC | re.M,
)
QUOTED_LINE = re.compile(
    r"^[ \t]*[„“\"«](?P<q>[^„“”\"«»\n]{3,150})[”“\"»]\s*(?:\([^()\n]{0,60}\))?[ \t.]*$", re.M
)


# a site's banner, `<organisation or site> – <section>` (`Krajský úřad … – tisková zpráva`,
# `Gyula Város – Testvérvárosi kapcsolatok`, `Бочечківська громада | Новини`): one part names
# a section of a website, or begins or ends with an organisation's head word
BANNER_SEPARATOR = re.compile(r"\s+[–—|-]\s+|\s*\|\s*")
SECTION = re.compile(
    r"^(?:news|aktualności|aktualnosci|wiadomości|komunikat\w*|aktuality|aktuálně|správy|"
    r"tisková zpráva|tlačová správa|press release|новини|новина|оголошення|naujienos|hírek|"
    r"aktuell\w*|rathaus aktuell|neuigkeiten|pressemitteilung\w*|"
    r"o projek\w*|about the project|a projektről|apie projektą|про про[єе]?кт|über das projekt|"
    r"projekty|projects|projektai|projektek|проєкти|проекти|nasze projekty|naše projekty|"
    r"miestai partneriai|partnerská města|partnerské mestá|miasta partnerskie|"
    r"міста-партнери|testvérvárosi kapcsolatok|testvérvárosok|partnerstädte|"
    r"tarptautinis bendradarbiavimas|mezinárodní spolupráce|medzinárodná spolupráca|"
    r"współpraca zagraniczna|współpraca międzynarodowa|міжнародна співпраця|"
    r"nemzetközi kapcsolatok|international cooperation|internationale zusammenarbeit)\b",
    IC,
)
ORG_END = re.compile(
    r"(?:savivaldyb\w*|önkormányzat\w*|város|polgármesteri hivatal|громада|рада|"
    r"council|municipality|gemeinde|stadt)$",
    IC,
)


def is_banner(line: str) -> bool:
    """Whether a heading-like line is a site's banner rather than a project's name."""
    parts = [p.strip() for p in BANNER_SEPARATOR.split(line) if p.strip()]
    if len(parts) < 2:
        return False
    return any(SECTION.match(p) or LEGAL.match(p) or ORG_END.search(p) for p in parts)


SKIP_HEADING = re.compile(
    r"^(?:priorit\w*|priority|measure|działanie|opatření|menu|kontakt|szukaj|search|home|"
    r"strona główna|aktualności|wiadomości|news|новини|проекти|projekty|projects|informace|"
    r"informacje|informácie|czcionki|kontrast|english|slovensk|polsk|lead partner country|"
    r"програма|program\b|programme\b|\d)",
    IC,
)


# an unquoted name after the words that introduce one (`projekt pn. Bezpieczne pogranicze,`,
# `s názvem Společně bez hranic.`, `entitled Safe Borders for Children,`) up to the clause's
# end; Hungarian puts the word after the name (`a Közös múltunk elnevezésű projekt`)
NAMING_CUE = re.compile(
    r"(?<!\w)(?:pn\.|pt\.|pod nazwą|pod tytułem|o nazwie|s názvem|s názvom|pod názvom|"
    r"під назвою|з назвою|entitled|titled|called|named|mit dem titel|unter dem titel|"
    r"pavadinimu|pavadintas|pavadintą)[ \t]+"
    r"(?P<q>(?-i:[A-ZĄĆĘŁŃÓŚŹŻÁČĎÉĚÍŇŘŠŤÚŮÝŽÄÖÜЀ-ЯІЇЄҐ0-9])[^,.;:()\n„“”\"«»]{2,120}?)"
    r"(?=\s*(?:[,.;:()\n]|$|\s(?:który|która|które|finansowan\w*|współfinansowan\w*|"
    r"realizowan\w*|ktor\w*|který|která|které|financovan\w*|spolufinancovan\w*|що|який|яка|"
    r"яке|which|that|funded|financed|co-financed|der|die|das|wurde|wird|kuris|kuri|"
    r"finansuojam\w*)\b))|"
    r"(?<!\w)(?:a|az|A|Az)\s+(?P<hu>(?-i:[A-ZÁÉÍÓÖŐÚÜŰ0-9])[^,.;:()\n„“”\"«»]{2,100}?)\s+"
    r"(?:elnevezésű|című|nevű)\s+projekt",
    IC,
)


_NAME_END = (
    r"(?=\s*(?:[,.;:()\n]|$|\s(?:który|która|które|finansowan\w*|współfinansowan\w*|"
    r"realizowan\w*|ktor\w*|který|která|které|financovan\w*|spolufinancovan\w*|що|який|яка|"
    r"яке|which|that|funded|financed|co-financed|wurde|wird|wollen|soll|kuris|kuri|"
    r"finansuojam\w*|jest|je|is|ist|є)\b))"
)
# an unquoted name right after the word project (`projekt Goralské tradice bez hranic.`,
# `projektu Přeshraniční železnice Liberec – Jelenia Góra, který …`)
AFTER_PROJECT_WORD = re.compile(
    r"(?<!\w)(?:projekt\w*|про[єе]?кт\w*|project|vorhaben)[ \t]+"
    r"(?P<q>(?-i:[A-ZĄĆĘŁŃÓŚŹŻÁČĎÉĚÍŇŘŠŤÚŮÝŽÄÖÜЀ-ЯІЇЄҐ])[^,.;:()\n„“”\"«»]{2,120}?)" + _NAME_END,
    IC,
)
NOT_A_PROJECT_NAME = re.compile(
    r"(?:program\w*|програм\w*|interreg|erasmus|partner\w*|партнер\w*|lead|leader)\b", IC
)


LIST_ITEM_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•·*–])\s+")
LABEL_LINE = re.compile(r"^[^\W\d_][\w ’'-]{1,30}?\s*:\s+\S")
# what follows a list item's name: its period (`(2020–2021)`, `– 2018–2019`) or the next
# sentence (`Green Borders (2017–2019). Lead partner: …`)
HEADING_TAIL = re.compile(
    r"\s*(?:\((?:19|20)\d\d[^()]{0,12}\)|[–—-]\s*(?:19|20)\d\d\s*(?:[-–—]\s*(?:19|20)\d\d)?)"
    r"\s*(?:\.\s.*)?$|\.\s+[^\W\d_][\w ’'-]{1,30}?\s*:\s.*$"
)


def _heading(line: str) -> str:
    """A line as a heading: its list marker and the period or sentence after it dropped;
    a table row's first cell."""
    if "|" in line or "\t" in line.strip():
        line = re.split(r"\s*\|\s*|\t+", line.strip().strip("|"))[0]
    s = LIST_ITEM_MARKER.sub("", line.strip()) if LIST_ITEM_MARKER.match(line) else line.strip()
    return HEADING_TAIL.sub("", s).strip() or s


def _clean_title(t: str) -> str:
    t = t.strip().strip(QUOTES).strip()
    t = re.sub(r"\s+[–—-]\s+(?:PO\s?KL|POKL|RPO\w*|PO\s?WER|FIO)$", "", t)
    return t.rstrip(" .,:;")


def find_title(doc: Doc, start: int = 0) -> Item | None:
    """The project's title; from `start` on when the project is a block of a list."""
    if start:
        found = find_title(Doc(doc.text[start:], doc.lang))
        if found:
            found.spans = [(s + start, e + start) for s, e in found.spans]
        return found
    text = doc.text
    # 1. a quoted name right after a word for project
    for m in QUOTED.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if PROJECT_CUE.search(before) and len(m.group("q").split()) >= 1:
            if re.search(
                r"(fundusz|program|programu|програм|festival|festiwal)\w*\s*$", before, IC
            ) and not re.search(r"projek|проє?кт|project", before, IC):
                continue
            cue = PROJECT_CUE.search(before)
            return Item(
                {"title": _clean_title(m.group("q"))},
                [(m.start("q"), m.end("q"))],
                f"quoted name after {cue.group(0).strip()!r}" if cue else "quoted name",
            )
    # 1a. a quoted name right before a word for project
    for m in QUOTED.finditer(text):
        after = PROJECT_CUE_AFTER.match(text, m.end())
        if after:
            why = f"quoted name before {after.group(0).strip()!r}"
            return Item({"title": _clean_title(m.group("q"))}, [m.span("q")], why)
    # 1b. a line that is a quoted name alone (with an aside such as its period)
    alone = QUOTED_LINE.search(text)
    if alone:
        why = "a quoted name alone on its line"
        return Item({"title": _clean_title(alone.group("q"))}, [alone.span("q")], why)
    # 1b'. a quoted name opening a list item (`2. „Žalieji krantai“ (2021–2022) – …`)
    item = QUOTED_ITEM.search(text)
    if item:
        why = "a quoted name opening a list item"
        return Item({"title": _clean_title(item.group("q"))}, [item.span("q")], why)
    # 1c. a name before a dash and the word project at a line's start
    named = NAME_BEFORE_PROJECT.search(text)
    if named and not LEGAL.match(named.group("u")):
        why = "a name before '– projekt' at a line's start"
        return Item({"title": _clean_title(named.group("u"))}, [named.span("u")], why)
    # 2. a labelled title
    for m in TITLE_LABEL.finditer(text):
        value = m.group("v").strip()
        # an explicit title label is believed for a one-word name (an acronym); a bare
        # `Projekt:` needs two words, as it also opens sentences
        min_words = 1 if m.group("label") else 2
        if len(value.split()) >= min_words and not re.match(r"(?:jest|je|is|є|realiz)", value, IC):
            q = QUOTED.search(value)
            if q:
                return Item(
                    {"title": _clean_title(q.group("q"))},
                    [(m.start("v") + q.start("q"), m.start("v") + q.end("q"))],
                    f"quoted name in a title line {m.group(0).split(':')[0].strip()[:30]!r}",
                )
            if len(value) < 250 and not re.search(
                r"\b(realizowan|реаліз|realizován|will|będzie)\w*", value, IC
            ):
                label = (m.group("label") or "Projekt").strip()
                return Item(
                    {"title": _clean_title(value)},
                    [(m.start("v"), m.end("v"))],
                    f"title label {label!r}",
                )
            reject("title", value, (m.start("v"), m.end("v")), "a sentence, not a name")
    # 2a. an unquoted name after the words that introduce a name
    for m in NAMING_CUE.finditer(text):
        group = "q" if m.group("q") else "hu"
        value = _clean_title(m.group(group))
        if len(value.split()) <= 12:
            why = f"a name after {m.group(0)[: m.start(group) - m.start()].strip()!r}"
            return Item({"title": value}, [m.span(group)], why)
    # 2b. an unquoted name right after the word project, not an organisation's or
    # programme's name (`projekt Gminy X`, `projektu Interreg`)
    for m in AFTER_PROJECT_WORD.finditer(text):
        value = _clean_title(m.group("q"))
        words = value.split()
        if 2 <= len(words) <= 10 and not LEGAL.match(value) and not NOT_A_PROJECT_NAME.match(value):
            return Item({"title": value}, [m.span("q")], "a name right after the word project")
    # 3. the first heading-like line, without a list marker or a period beside it
    for start, line in doc.lines[:25]:
        s = _heading(line)
        if not s or SKIP_HEADING.match(s) or s.endswith(":") or len(s) > 250:
            continue
        if is_banner(s):
            reject(
                "title", s, (start, start + len(line)), "a site's banner: organisation – section"
            )
            continue
        words = s.split()
        if len(words) < 2 or re.search(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|@|https?:", s):
            continue
        if (s.count(".") > 1 and len(words) > 25) or (s.endswith(".") and len(words) > 6):
            reject("title", s, (start, start + len(line)), "a sentence, not a heading")
            continue
        if LABEL_LINE.match(s):
            continue  # `Partner: Gmina Mościska` is a labelled value, not a heading
        off = start + line.index(s)
        return Item({"title": _clean_title(s)}, [(off, off + len(s))], "first heading-like line")
    return None


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
        out.append(Item({"id": ident}, [(m.start(), m.end())], "code of letters and digits"))
        doc.masked.append((m.start(), m.end()))
    return out
