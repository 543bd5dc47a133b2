"""Organisations and their roles: labelled lines and lists (`Lider:`, `Partnerzy:`), lead
sentences (`projekt realizuje …`) and managing bodies."""

from __future__ import annotations

import itertools
import re
from typing import Any

from ..names import fold
from . import lexicon as lx
from .document import CAP, IC, LEGAL, Doc, Item, Span, flatten_asides
from .nominative import nominative
from .places import places_in, prefer_place
from .running_text import CONJUNCTION, NAMED, ORG_PHRASE, nominative_org, running_text
from .trace import reject

ROLE_LINE = re.compile(
    r"^\s*(?:[-•·*–]\s*)?(?P<label>" + "|".join(f"(?:{p})" for p, _ in lx.ROLE_LABELS) + r")"
    r"(?=[\s:\-–·•(]|$|(?-i:[A-ZА-ЯІЇЄҐĄĆĘŁŃÓŚŹŻÁČĎÉĚÍŇŘŠŤÚŮÝŽ„\"«]))"
    r"(?:\s*\d+)?\s*(?P<sep>[:\-–]?)\s*(?P<v>.*)$",
    IC | re.M,
)


BULLET = re.compile(r"^\s*[-•·*–]\s*(?P<v>\S.*)$")


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
    # the rest of a label: `Partner wiodący: Powiat Gorlicki` read as `Partner` + value
    name = re.sub(r"^[^\W\d_A-ZА-ЯІЇЄҐ][\w-]*:\s+(?=\S)", "", name)
    if name[:1].islower() and LEGAL.match(name):
        name = name[0].upper() + name[1:]
    return name


def _country_words(text: str) -> str | None:
    named = lx.countries_named(text)
    return named[0] if named else None


NAME_WORDS = [
    (re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", IC), country)
    for pattern, country in lx.NAME_LANGUAGE_COUNTRY
]


def _name_language_country(name: str) -> str | None:
    """The country whose language alone writes a word of the name, if one does."""
    for pattern, country in NAME_WORDS:
        if pattern.search(name):
            return country
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
    # a name in another language than the page's: `Uniwersytet Wrocławski` on a German
    # page, `Prešovský samosprávny kraj` on a Polish one
    said = _name_language_country(name)
    if said and said != doc.home:
        return said
    # a place named inside the organisation's name: the whole name, then its parts
    words = [w for w in re.findall(r"[\w'’-]+", name) if not LEGAL.fullmatch(w)]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            part = " ".join(words[i : i + size])
            if size == 1 and (len(part) < 4 or not part[0].isupper()):
                continue
            found = places_in(doc, part)
            if found:
                return prefer_place(found, part).country
    if re.search(
        r"міськ\w* рад|виконавч\w* комітет|\bго\b|громадськ|сільськ\w* рад|обласн", name, IC
    ):
        return "UA"
    if re.search(r"\b(gmina|miasto|powiat|starostwo|stowarzyszenie|fundacja|związek)\b", name, IC):
        return "PL"
    return doc.home


def find_organisations(doc: Doc) -> list[Item]:
    found: dict[str, Item] = {}

    def add(name: str, role: str, span: Span, context: str = "", why: str = "") -> None:
        parts = _joined_parts(doc.text, span)
        if len(parts) > 1:  # `Gminą X ta Asocjacją Y`, `X City Council; Y Association`
            for part in parts:
                add(doc.text[part[0] : part[1]], role, part, context, f"{why}; split at a join")
            return
        name = nominative(_clean_org(name))
        if len(name) < 3 or len(name) > 160 or not re.search(r"\w{2}", name):
            reject("organisations", name, span, "too short or too long for a name")
            return
        if re.match(r"(?:\d|http|www|e-?mail|tel)", name, IC):
            reject("organisations", name, span, "a number, address or contact")
            return
        trailing = re.match(r"\s*\(([^)]{3,20})\)", doc.text[span[1] : span[1] + 30])
        country = (_country_words(trailing.group(1)) if trailing else None) or org_country(
            doc, name, context
        )
        # `X (Polska)` loses its country, `Stadt Frankfurt (Oder)` keeps its river
        name = COUNTRY_PAREN.sub(
            lambda m: "" if _country_words(m.group("c")) else m.group(0), name
        ).strip()
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
        found[key] = Item({"name": name, "role": role, "country": country}, [span], why)

    # labelled lines, with bulleted continuation lines
    lines = doc.lines

    def add_bullets(i: int, role: str) -> None:
        """The bulleted lines that follow a role label line, one organisation each."""
        for start, line in lines[i + 1 : i + 12]:
            b = BULLET.match(line)
            if not b:
                break
            value = b.group("v").strip()
            span = (start + b.start("v"), start + b.end("v"))
            add(value, role, span, value, f"bulleted line under a {role} label")

    def labelled(i: int, start: int, line: str) -> None:
        """A role label and its value (`Partner: X`), or its bulleted lines below."""
        m = ROLE_LINE.match(line)
        if not m:
            return
        label = m.group("label")
        value = m.group("v").strip()
        if re.match(r"(?:country|kraj|країна)\b", value, IC) or label.lower().startswith(
            "partnerstw"
        ):
            return
        if not m.group("sep") and value[:1].islower():
            # `Partnerami są …`, `Projektträger ist …`: a sentence, which the cue rules read
            return
        role = _role_of(label)
        if value[:1] in "·•-*–":
            value = value[1:].strip()
            add_bullets(i, role)
        if value and not re.match(r"(?:projektu?\s+)?(?:jest|je|is|є|будет|bude)\b", value, IC):
            if len(value.split()) <= 16 and not re.search(
                r"\b(odpowiedzialn|responsible|bude|będzie)\b", value, IC
            ):
                span = (start + m.start("v"), start + m.start("v") + len(value))
                add(value, role, span, value, f"labelled line {label.strip()!r}")
        elif not value:
            add_bullets(i, role)

    for i, (line_start, whole) in enumerate(lines):
        for start, line in _label_segments(line_start, whole):
            labelled(i, start, line)
    # sentence cues
    _lead_sentences(doc, add)
    _partner_lists(doc, add)
    _managers(doc, add)
    running_text(doc, add, list(found.values()))
    return _without_joined(_offices_merged(list(found.values())))


def _label_segments(start: int, line: str) -> list[tuple[int, str]]:
    """A line cut before each sentence that opens with a label: `Lead partner: X (Lithuania).
    Partner: Y (Poland). Budget: …` gives one labelled value per part."""
    cuts = [m.end() for m in NEXT_LABEL.finditer(line)]
    bounds = [0, *cuts, len(line)]
    return [(start + a, line[a:b]) for a, b in itertools.pairwise(bounds)]


NEXT_LABEL = re.compile(r"\.\s+(?=[^\W\d_][\w ’'-]{1,30}?\s*:\s)")


# a municipality's office and the municipality are one partner: `Urząd Gminy X` (often the
# site's banner) and `Gmina X` in the text
OFFICE = re.compile(
    r"^(?:urząd\s+(?:gminy|miasta|miejski|gminy\s+i\s+miasta)|obecní\s+úřad|městský\s+úřad|"
    r"mestský\s+úrad|obecný\s+úrad|stadtverwaltung|gemeindeverwaltung)\s+(?:w\s+|v\s+|we\s+)?"
    r"(?P<n>.+)$",
    IC,
)
MUNICIPALITY = re.compile(
    r"^(?:gmina(?:\s+miejska|\s+wiejska)?|miasto|obec|město|mesto|stadt|gemeinde)\s+(?P<n>.+)$", IC
)


def _offices_merged(items: list[Item]) -> list[Item]:
    municipalities = {
        fold(m.group("n")): item for item in items if (m := MUNICIPALITY.match(item.data["name"]))
    }
    out = []
    for item in items:
        office = OFFICE.match(item.data["name"])
        same = next(
            (
                m
                for key, m in municipalities.items()
                if office and _same_org(fold(office.group("n")), key)
            ),
            None,
        )
        if same is None:
            out.append(item)
            continue
        same.spans.extend(item.spans)
        if item.data["role"] == "lead":
            same.data["role"] = "lead"
        reject(
            "organisations", item.data["name"], item.spans[0], f"the office of {same.data['name']}"
        )
    return out


JOIN = re.compile(r"\s*;\s*|" + CONJUNCTION.pattern, IC)


def _joined_parts(text: str, span: Span) -> list[Span]:
    """A span's parts when it is two names joined by `;` or by a conjunction before a
    legal-form head (`… Опольський та Асоціацією «…»`); else the span itself."""
    start, end = span
    cuts, pos = [], start
    for m in JOIN.finditer(text, start, end):
        # `Związek Gmin i Powiatów`, `Gmina i Miasto X`: the left side has no name of its
        # own yet, so the heads are coordinated inside one name
        left = [w for w in re.findall(r"[\w'’-]+", text[pos : m.start()]) if not LEGAL.fullmatch(w)]
        if ";" in m.group(0) or (
            LEGAL.match(text, m.end(), end) and NAMED.search(" " + " ".join(left))
        ):
            cuts.append(m)
            pos = m.end()
    if not cuts:
        return [span]
    bounds, pos = [], start
    for m in cuts:
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, end))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


def _without_joined(items: list[Item]) -> list[Item]:
    """Drop a name that is two found names joined by a conjunction (`X a Y`, `X та Y`)."""
    names = {fold(i.data["name"]) for i in items}
    out = []
    for item in items:
        parts = CONJUNCTION.split(item.data["name"], maxsplit=1)
        if len(parts) == 2 and fold(parts[0].strip()) in names:
            reject("organisations", item.data["name"], item.spans[0], "two found names joined")
            continue
        out.append(item)
    return out


def _same_org(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    from ..names import token_match

    return all(token_match(x, y) or token_match(y, x) for x, y in zip(ta, tb, strict=True))


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
            why = f"lead sentence, cue {cue.pattern.split('|')[0]!r}…"
            add(nominative_org(org), "lead", (m.start("org"), m.end("org")), context, why)


LIST_ITEM = re.compile(rf"{CAP}[\w'’-]+(?:\s+{CAP}[\w'’-]+)?")


def _partner_lists(doc: Doc, add: Any) -> None:
    text = flatten_asides(doc.text)
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
        cue = " ".join(text[m.start() : m.start("rest")].split())
        _parse_partner_list(doc, rest, base, add, text[max(0, m.start() - 40) : m.end()], cue)


def _parse_partner_list(
    doc: Doc, rest: str, base: int, add: Any, context: str, cue: str = ""
) -> None:
    why = f"partner list after {cue!r}"
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
            add(muni, "partner", (base + m.start("org"), base + m.end("org")), ctx, why)
            consumed.append((m.start(), m.end()))
            continue
        add(org, "partner", (base + m.start("org"), base + m.end("org")), context, why)
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
            add(f"{word} {item}", "partner", (pos, pos + len(item)), item, f"{why}, a municipality")


def _municipality_name(doc: Doc, word: str, name: str, country: str | None) -> str:
    name = re.split(r"\s+(?:z|ze|w|we|v|ve|у|в|з|із|,)\s", name)[0].strip(" ,")
    # `Gminą Miejską Kudowa-Zdrój`: the kind of gmina, then its name
    kind = re.match(r"(miejsk|wiejsk|miejsko-wiejsk)\w*\s+", name, IC)
    if kind and re.match(r"gmin", word, IC):
        adjective = {"miejsk": "Miejska", "wiejsk": "Wiejska"}.get(
            kind.group(1).lower(), "Miejsko-Wiejska"
        )
        return f"Gmina {adjective} {name[kind.end() :]}"
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
        add(m.group("org"), "manager", (m.start("org"), m.end("org")), "", "managing body")
