"""Organisations named anywhere in running text, with no label: their name's shape, and
the rule that finds them by their legal-form head (`Gmina X`, `X savivaldybė`)."""

from __future__ import annotations

import re
from typing import Any

from ..names import fold
from . import lexicon as lx
from .document import CAP, IC, LEGAL, Doc, Item, Span
from .programmes import FUNDS_RE
from .trace import reject

# an organisation's name: a legal-form head and what names it, or a council's name
ORG_PHRASE = (
    # a council's department first: `Управління освіти Луцької міської ради`
    r"(?P<org>(?:Управлінн\w*|Департамент\w*|Відділ\w*|Служб\w*)(?:\s+[а-яіїєґ'’]+){1,3}\s+"
    + CAP
    + r"[\w'’-]+\s+(?:міськ|обласн|районн|селищн|сільськ)\w*\s+(?:рад\w*|"
    r"(?:державн\w*\s+)?адміністраці\w*)"
    r"|(?i:" + lx.LEGAL_FORMS + r")(?:\s+(?:i\s+)?(?i:" + lx.LEGAL_FORMS + r"))?"
    r"(?:\s+(?:"
    + CAP
    + r"[\w'’-]*|[„“\"«][^„“”\"»]+[”“\"»]|(?:i|z|ze|w|we|v|na|nad|pod|do|od|і|та|з)(?=\s+"
    + CAP
    + r")|(?:of|of the|for|für|des|der)(?=\s+"
    + CAP
    + r")|[A-Z]{2,}|\d+)(?![\w]))*"
    r"|" + CAP + r"[\w'’-]+(?:\s+" + CAP + r"[\w'’-]+){0,4}\s+(?:міськ\w* рад\w*|сільськ\w* рад\w*|"
    r"Poviat|Raion|County|District|Municipality|City Council|Town Council|"
    r"Rad\w* Miejsk\w*|Rad\w* Gminy|Rad\w* Miasta)"
    r"|" + CAP + r"[\w'’-]+ (?:міськ\w* рад\w*|rad\w* miejsk\w*)"
    r")"
)


def nominative_org(name: str) -> str:
    """`gminy Żmudź` → `Gmina Żmudź`; other names are kept as written."""
    m = re.match(r"(gmin\w*|miast\w*|obc\w*|měst\w*|powiat\w*)\s+(.+)$", name, IC)
    if not m:
        return name
    base = {"gmin": "Gmina", "mias": "Miasto", "obc": "Obec", "měs": "Město", "powi": "Powiat"}
    for prefix, word in base.items():
        if m.group(1).lower().startswith(prefix):
            return f"{word} {m.group(2)}"
    return name


# organisations named anywhere in running text, by their legal-form head (`Gmina X`,
# `Stowarzyszenie „Y”`, `Асоціація «Z»`, `Stadt X`), each role read from the words just
# before it in its clause; a candidate with no capitalised or quoted name after its
# head (`gmina`, `the association`) is no name and is left out
CANDIDATE = re.compile(r"(?<![\w])" + ORG_PHRASE, re.M)
PLACE_BEFORE = re.compile(
    r"(?<!\w)(?:v|ve|w|we|в|у|in|im|na|at)\s+(?:[^\W\d_]+\s+)?$|(?<!\w)(?:at|in)\s+the\s+$", IC
)
# Hungarian and Lithuanian say where by a case ending on the head: `a Múzeumban`,
# `savivaldybėje`
LOCATIVE_ENDING = re.compile(r"(?:ban|ben|oje|ėje|uje|yje|ije)$", IC)
CONJUNCTION = re.compile(r"\s+(?:a|i|oraz|та|і|й|and|und|ir|és|ja|un)\s+", IC)
NAMED = re.compile(rf"\s(?:{CAP}|[„“\"«])")
FUNDER_BEFORE = re.compile(
    r"(?:wniosek\w*\s+do|dofinansowan\w*\s+(?:przez|z)|wsparci\w*\s+(?:udzielił\w*\s+)?|"
    r"за\s+підтримки|підтримал\w*|донор:?|supported\s+by|support\s+from|funded\s+by|"
    r"gefördert\s+(?:von|durch)|finansuoj\w*|támogat\w*)\s*$",
    IC,
)
# a role said of the name in its clause: `Projektträger ist der …`, `the lead partner is
# the …`, `Žadatelem je …`, `Partnerem projektu je …`
_IS = r"(?:\s+\w+){0,2}?\s*(?:[:–-]|is|ist|jest|je|jsou|sú|są|є|був|була|було|был\w*|był\w*|byl\w*|was|were|war|volt)?"
_ARTICLE = r"\s*(?:(?:der|die|das|the|a|az)\s+)?"
LEAD_BEFORE = re.compile(
    r"(?<!\w)(?:lead\s+partner|lead\s+beneficiary|leader|lider\w*|wnioskodawc\w*|beneficjent\w*|"
    r"organizator\w*|žadatel\w*|příjemc\w*|prijímateľ\w*|žiadateľ\w*|vedoucí\s+partner\w*|"
    r"vedúc\w*\s+partner\w*|projektträger|antragsteller|leadpartner|заявник\w*|"
    r"бенефіціар\w*|головн\w*\s+партнер\w*|організатор\w*|pareiškėj\w*|vadovaujanti\w*|"
    r"vezető\s+partner\w*|kedvezményezett\w*|pályázó\w*)" + _IS + _ARTICLE + r"$",
    IC,
)
# the verb that makes the name the project's doer: `Akci připravilo Město Náchod`,
# `Gmina X zrealizowała`, `… valósította meg a Y`, `hosted by the Z`
_DOER = (
    r"připravil\w*|zorganizoval\w*|organizoval\w*|realizoval\w*|uspořádal\w*|usporiadal\w*|"
    r"zorganizował\w*|przygotował\w*|zrealizował\w*|realizuje|realizował\w*|"
    r"організува\w*|підготува\w*|реалізує|реалізува\w*|провів|провела|провело|"
    r"organisiert\w*|veranstaltet\w*|durchgeführt|szervezte|rendezte|valósította|"
    r"įgyvendino|organizavo|surengė|organi[sz]ed|hosted|implemented|led"
)
LEAD_VERB_BEFORE = re.compile(rf"(?<!\w)(?:{_DOER})(?:\s+(?:by|the|von|der|die|das))*\s*$", IC)
LEAD_VERB_AFTER = re.compile(rf"\s*(?:,[^,]{{0,40}},\s*)?((?:{_DOER}))(?!\w)", IC)
# a page's footer or contact box names its publisher with an address, not a partner
CONTACT = re.compile(
    r"(?<!\w)(?:tel\.|tel:|telefon\w*|e-?mail|fax|ul\.|nip|regon|ičo|www\.|https?://)|@",
    IC,
)
# what the participants visited is no partner: `zwiedzili Muzeum X`, `visited the Y`
VISITED_BEFORE = re.compile(
    r"(?<!\w)(?:odwiedzi\w*|zwiedzi\w*|zwiedzanie|visited|toured|navštívil\w*|navštívi\w*|"
    r"prohlédl\w*|відвідал\w*|відвідали|оглянул\w*|besucht\w*|besichtigt\w*|"
    r"meglátogat\w*|aplankė|apžiūrėjo)(?:\s+(?:the|die|das|den|a|az))?\s*$",
    IC,
)
PARTNER_LABEL_BEFORE = re.compile(
    r"(?<!\w)(?:partner\w*|партнер\w*|partneri\w*)" + _IS + _ARTICLE + r"$", IC
)
PARTNER_BEFORE = re.compile(
    r"(?<!\w)(?:współpracy\s+z|wspólnie\s+z|partnerstwie\s+z|razem\s+z|oraz|i|a|"
    r"spolupráci\s+s|spolu\s+s|společně\s+s|se|s|a|"
    r"спільно\s+з|партнерстві\s+з|разом\s+з|з|та|і|"
    r"kartu\s+su|su|ir|gemeinsam\s+mit|zusammen\s+mit|mit(?:\s+der|\s+dem)?|und|"
    r"together\s+with|cooperation\s+with|partnership\s+with|with|and|és|a\s+partner\w*)"
    r"(?:\s+(?:the|a|az|der|die|dem))?\s*$",
    IC,
)


def _known(name: str, spans: list[Span], items: list[Item]) -> bool:
    """Whether a candidate is one of the organisations other rules found: it overlaps one
    of their spans, or each of its words starts like a word of one's name (an inflected
    or shortened mention: `Міста Жешува`, `Związek Gmin`)."""
    start, end = spans[0]
    words = [w[:4] for w in fold(name).split()]
    if len(words) > 1 and LEGAL.match(name):
        words = words[1:]  # the head is inflected or translated: `města` for `Miasto`
    for item in items:
        if any(s < end and start < e for s, e in item.spans):
            return True
        theirs = [w[:4] for w in fold(item.data["name"]).split()]
        if words and all(w in theirs for w in words):
            return True
    return False


# names whose head comes last (lt, hu; uk, cs and sk adjective-first): `Alytaus miesto
# savivaldybė`, `Tiszaföldvár Város Önkormányzata`, `Бочечківська громада`,
# `Užhorodská mestská rada`, `Liberecký kraj`; the words before the head are capitalised or
# from a closed list of the lower-case words such names carry
HEAD_LAST = (
    r"savivaldyb\w*|valdyb\w*|centr(?:as|o|e|ą)|namai|namų|mokykl\w*|gimnazij\w*|"
    r"bendruomen\w*|asociacij\w*|draugij\w*|"
    r"önkormányzat\w*|egyesület\w*|központ\w*|alap|alapítvány\w*|iskol\w*|hivatal\w*|"
    r"társulás\w*|múzeum\w*|egyetem\w*|könyvtár\w*|gimnázium\w*|kamar\w*|intézet\w*|"
    r"szövetség\w*|"
    r"громад[аиіуою]+|рад[аиіуою]+|ліце[йюєм]\w*|гімназі\w+|адміністраці\w+|університет\w*|"
    r"kraj|rada|vojvodství|vojvodstvo|župa|"
    r"University|Museum|Library|Agency|Chamber|Institute|Association|Foundation|Society|"
    r"Council|Administration"
)
HEAD_LAST_LOWER = (
    r"miesto|rajono|sporto|kultūros|poilsio|ir|jaunimo|meno|város|"
    r"міськ\w+|селищн\w+|сільськ\w+|обласн\w+|районн\w+|територіальн\w+|державн\w+|"
    r"національн\w+|"
    r"mestsk\w+|městsk\w+|obecn\w+|samosprávn\w+|krajsk\w+"
)
NOT_A_NAME_WORD = re.compile(r"(?:a|az|egy|the|die|der|das)$", IC)
TRAILING = re.compile(
    rf"(?<![\w'’-])(?P<org>{CAP}[\w'’.-]+\s+"
    rf"(?:(?:{CAP}[\w'’.-]+|(?i:{HEAD_LAST_LOWER}))\s+){{0,3}}(?i:{HEAD_LAST}))(?![\w])"
)


TERRITORY_HEAD = re.compile(r"kraj|vojvodství|vojvodstvo|župa|громад\w*", IC)
LABELLED = re.compile(r":\s*$")


def _candidates(text: str) -> list[tuple[int, str, str]]:
    """(start, name, head) of every organisation named in running text, in text order:
    head first (`Gmina X`) or head last (`X savivaldybė`)."""
    found = []
    pos = 0
    while (m := CANDIDATE.search(text, pos)) is not None:
        # a name ends at its line and before a conjunction that starts the next one, which
        # is scanned in its turn
        org = CONJUNCTION.split(m.group("org").split("\n", 1)[0], maxsplit=1)[0].strip()
        pos = max(m.start("org") + len(org), m.start() + 1)
        head = LEGAL.match(org)
        if head is None or not NAMED.search(org[head.end() - 1 :]):
            span = (m.start("org"), m.start("org") + len(org))
            reject("organisations", org, span, "no capitalised or quoted name after its head")
            continue
        found.append((m.start("org"), org, head.group(0)))
    taken = [(s, s + len(o)) for s, o, _ in found]
    for m in TRAILING.finditer(text):
        words = m.group("org").split()
        while words and NOT_A_NAME_WORD.match(words[0]):  # a sentence's article
            words = words[1:]
        if len(words) < 2:
            continue
        org = " ".join(words)
        start = m.end("org") - len(org)
        line_start = text.rfind("\n", 0, start) + 1
        if TERRITORY_HEAD.fullmatch(words[-1]) and LABELLED.search(text[line_start:start]):
            # `Region: Královéhradecký kraj` names where, under a label other rules read
            reject("organisations", org, (start, m.end("org")), "a territory under a label")
            continue
        if LOCATIVE_ENDING.search(words[-1]):
            reject("organisations", org, (start, m.end("org")), "a place: a locative ending")
            continue
        if org == text[start : m.end("org")] and not any(
            s < m.end("org") and start < e for s, e in taken
        ):
            found.append((start, org, words[-1]))
    return sorted(found)


def running_text(doc: Doc, add: Any, earlier: list[Item]) -> None:
    text = doc.text
    lead_given = bool(earlier)
    for start, org, head in _candidates(text):
        span = (start, start + len(org))
        if FUNDS_RE.fullmatch(org) or FUNDS_RE.match(org):
            reject("organisations", org, span, "a fund, not an organisation")
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if CONTACT.search(line):
            reject("organisations", org, span, "a contact line (address, telephone, e-mail)")
            continue
        if VISITED_BEFORE.search(text[max(line_start, start - 30) : start]):
            reject("organisations", org, span, "a place the participants visited")
            continue
        if doc.is_masked(*span):
            reject("organisations", org, span, "inside a value already taken (money, date, id)")
            continue
        s0, _ = doc.sentence_bounds(start)
        before = text[max(s0, start - 40) : start]
        if PLACE_BEFORE.search(before):  # `v polské obci Brenna`: where, not who
            reject("organisations", org, span, f"a place: a locative before it {before[-12:]!r}")
            continue
        after = text[span[1] : span[1] + 30]
        if cue := LEAD_BEFORE.search(before) or LEAD_VERB_BEFORE.search(before):
            role, why = "lead", f"lead cue {cue.group(0).strip()!r}"
            lead_given = True
        elif not lead_given and (cue := LEAD_VERB_AFTER.match(after)):
            role, why = "lead", f"the subject of {cue.group(1)!r}"
            lead_given = True
        elif cue := FUNDER_BEFORE.search(before):
            role, why = "funder", f"funder cue {cue.group(0).strip()!r}"
        elif cue := PARTNER_LABEL_BEFORE.search(before) or PARTNER_BEFORE.search(before):
            role, why = "partner", f"partner cue {cue.group(0).strip()!r}"
        elif lead_given:
            role, why = "partner", "named after the lead"
        else:
            role, why = "lead", "the first organisation named"
            lead_given = True
        if _known(org, [span], earlier):
            reject("organisations", org, span, "repeats an organisation found by another rule")
            continue
        # `Powiatowa Biblioteka`, `Miejski Ośrodek`: an adjective, not a case of the head
        adjective = re.match(r"(?:powiatow|miejsk|gminn)\w*\s", org, IC)
        name = org if adjective else nominative_org(org)
        add(name, role, span, before, f"running text, head {head!r}; {why}")
