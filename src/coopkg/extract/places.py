"""Places: names next to a type word (`gmina`, `obec`, `місто`), after a preposition, or
capitalised spans, looked up in the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..names import fold, name_match, tokens
from ..registries.gazetteer import Place, gazetteer
from .document import CAP, IC, Doc, Item, Span, flatten_asides
from .trace import explaining, reject

PLACE_TYPE_BEFORE = re.compile(
    # a type word starts a word: `m.` is not the end of `im.` (imienia, "named after")
    r"(?<![\w.])(?P<type>powiat\w*|powiec\w*|województw\w*|woj\.|okres\w*|okr\.|kraj\w*|obec|obci|obce|"
    r"gmin\w*|miast\w*|město|města|městě|m\.|м\.|місто|міста|місті|"
    r"obw[oó]d\w*|rejon\w*|okręg\w*|landkreis\w*|woiwodschaft|kreis\w*|"
    r"region|municipality of|city of|town of)\s+(?P<name>(?:"
    + CAP
    + r"|[a-ząćęłńóśźż])[\w'’-]+(?:\s+"
    + CAP
    + r"[\w'’-]+)?)",
    IC,
)


# each pattern starts at a word's beginning: without that the engine tries every letter
# (with IGNORECASE, CAP is any letter), which cost most of a page's extraction time
PLACE_TYPE_AFTER = re.compile(
    r"(?<![\w'’-])(?P<name>"
    + CAP
    + r"[\w'’-]+(?:[ -]"
    + CAP
    + r"[\w'’-]+)?)\s+(?P<type>kraj\w*|oblast\w*|област\w*|район\w*|vojvodstv\w*|"
    r"apskrit\w*|vaivadij\w*|повіт\w*|воєводств\w*|megy[eé]\w*|kerület\w*|край|краю|"
    r"raion|poviat|county|district|voivodeship|region|okres)\b",
    IC,
)


ADJ_TYPE = re.compile(
    r"(?<![\w-])(?P<name>[a-ząćęłńóśźżа-яіїєґ-]+(?:ego|iego|ej|ím|ém|ого|ої|ій|ий|ький|ська|ки|ky|ký)?)\s+(?P<type>powiat\w*|województw\w*|област\w*|район\w*)",
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
    (
        r"powiat|powiec|okres|okr\.|район|raion|poviat|county|district|rejon|landkreis|kreis|повіт",
        {"county"},
    ),
    (
        r"województw|woj\.|kraj|область|област|oblast|voivodeship|region|obw[oó]d|okręg|"
        r"woiwodschaft|vojvodstv|apskrit|vaivadij|воєводств|megy|kerület|край",
        {"region"},
    ),
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
    r"mikroprojekt\w*|celem|cel|rada|urz[ąę]d\w*|wójt|burmistrz|prezydent|starosta|"
    # heads of organisations' names: `z Urzędem Gminy X` names an office, not `Urzędów`
    r"towarzystw\w*|ośrod\w*|instytut\w*|szkoł\w*|spółdzielni\w*|parafi\w*|uniwersyt\w*|"
    r"spol[e]?k\w*|sdružen\w*|združen\w*|nadac\w*|nadáci\w*|товариств\w*|асоціаці\w*|"
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
        # a region or county named with its type word in the page's language (`Slezského
        # vojvodství`) is no common word, whatever country it is in
        or (cued and p.level in ("region", "county"))
        # a big town abroad named as a partner town (`міста-побратима Жешува`)
        or (cued and p.population >= 20000)
    ]
    if not results:
        return []
    best_score = results[0][0]
    top = [p for s, p in results if s == best_score]
    preferred = [p for p in top if p.country == doc.home]
    return preferred or top


@lru_cache(maxsize=65536)
def _lookup(name: str, cued: bool, levels: frozenset[str] | None) -> list[tuple[int, Place]]:
    return [(s, p) for s, p, _ in _lookup_named(name, cued, levels)]


@lru_cache(maxsize=65536)
def _lookup_named(
    name: str, cued: bool, levels: frozenset[str] | None
) -> list[tuple[int, Place, str]]:
    return gazetteer().lookup_named(name, cued=cued, levels=set(levels) if levels else None)


def shown_name(place: Place, text: str, levels: set[str] | None = None, cued: bool = True) -> str:
    """The place's name as the page's language writes it: the snapshot's name that the
    text matched when it is another language's (`Obwód lwowski`, `Sambor`, `Stryi Raion`),
    else the place's own (`Żmudź` for `gminie Żmudź`, `Druskininkai` for `Druskininkuose`)."""
    if name_match(tokens(text), tokens(place.name)):
        return place.name
    for _, found, written in _lookup_named(text, cued, frozenset(levels) if levels else None):
        if found.key == place.key:
            own, other = fold(place.name), fold(written)
            return place.name if own in other or other in own else written
    return place.name


@dataclass
class PlaceHit:
    place: Place
    span: Span
    strong: bool  # named with a type word, a preposition or inside an organisation
    why: str = ""
    name: str = ""  # as the page's language writes it (`shown_name`)


def find_places(doc: Doc, organisations: list[Item], title_span: Span | None) -> list[Item]:
    text = doc.text
    hits: list[PlaceHit] = []

    def consider(
        name: str,
        span: Span,
        strong: bool,
        levels: set[str] | None = None,
        cued: bool = False,
        rule: str = "",
    ) -> bool:
        words = name.split()
        if not words or NOT_PLACES.match(words[0]) or doc.is_masked(*span):
            return False
        taken = next((h for h in hits if h.span[0] < span[1] and span[0] < h.span[1]), None)
        if taken is not None:  # `okr. Žilina` is the okres, not also the town
            if taken.place.name != name:
                reject("places", name, span, f"its words already name {taken.place.name}")
            return taken.strong or not strong
        if any(len(w) > 2 and w.isupper() and not cued for w in words):
            return False  # headings and acronyms in capitals are not place names
        found = places_in(doc, name, levels, cued)
        if not found:
            return False
        place = prefer_place(found, name)
        population = max(p.population for p in found)  # one city may sit in two registries
        if not strong and population < 20000 and place.level not in ("region", "county"):
            _reject(
                name,
                span,
                f"{place.name} ({place.country}) has {population:,} people, "
                "too few to believe a capitalised word with no cue",
            )
            return False
        if not strong and place.country not in doc.countries():
            _reject(
                name,
                span,
                f"{place.name} is in {place.country}, a country the page does "
                "not name, and no cue stands before it",
            )
            return False
        hits.append(
            PlaceHit(
                place,
                span,
                strong,
                f"{rule}; gazetteer: {place.name} ({place.level}, {place.country})",
                shown_name(place, name, levels, cued),
            )
        )
        return True

    def _reject(name: str, span: Span, reason: str) -> None:
        if explaining():
            best = _lookup(name, False, None)
            reject("places", name, span, reason, best[0][0] if best else None)

    for m in _type_before_matches(text):
        t = m.group("type").lower()
        levels = next((lv for p, lv in LEVELS_FOR_TYPE if re.match(p, t)), None)
        full = f"{m.group('type')} {m.group('name')}"
        rule = f"type word {m.group('type')!r} before the name"
        cued = bool(levels and ("county" in levels or "region" in levels))
        if cued and consider(full, (m.start(), m.end()), True, levels, True, rule):
            continue
        # the pattern ignores case, so its second word may be the sentence's next word
        # (`miasta Tiszaföldvár odwiedziła`): the longest part that is a place counts
        for cand in _sub_spans(m.group("name")):
            span = (m.start("name"), m.start("name") + len(cand))
            if consider(cand, span, True, levels, cued, rule):
                break
    for m in PLACE_TYPE_AFTER.finditer(text):
        t = m.group("type").lower()
        levels = next((lv for p, lv in LEVELS_FOR_TYPE if re.match(p, t)), None)
        rule = f"type word {m.group('type')!r} after the name"
        # the pattern ignores case, so its first word may be the sentence's verb
        # (`охоплює Чернівецьку область`): the name is what starts with a capital
        for start in _word_starts(m.group("name"), m.start("name")):
            full = f"{text[start : m.end('name')]} {m.group('type')}"
            name_span = (start, m.end("name"))
            if consider(full, (start, m.end()), True, levels, True, rule) or consider(
                text[start : m.end("name")], name_span, True, levels, True, rule
            ):
                break
    for m in ADJ_TYPE.finditer(text):
        t = m.group("type").lower()
        levels = next((lv for p, lv in LEVELS_FOR_TYPE if re.match(p, t)), None)
        rule = f"adjective before the type word {m.group('type')!r}"
        full = f"{m.group('type')} {m.group('name')}"
        consider(full, (m.start(), m.end()), True, levels, True, rule)
    # a twinning page's partner towns: `Partnerstadt Jelenia Góra`, `Testvérvárosunk, Krosno`,
    # `miasto partnerskie … węgierskie Sátoraljaújhely`
    for m in PARTNER_TOWN.finditer(text):
        window = text[m.end() : m.end() + 50].split("\n")[0].split(".")[0]
        for town in TOWN_NAME.finditer(window):
            at = m.end() + town.start()
            for cand in _sub_spans(town.group(0)):
                rule = f"after {m.group(0).strip()!r}"
                levels = {"municipality", "locality"}
                if consider(cand, (at, at + len(cand)), True, levels, True, rule):
                    break
    for m in PREP_PLACE.finditer(text):
        name = m.group("name")
        for cand in _sub_spans(name):
            before = len(hits)
            rule = f"after the preposition {m.group('prep')!r}"
            consider(cand, (m.start("name"), m.start("name") + len(cand)), True, rule=rule)
            if len(hits) > before:
                # the names listed after it share the preposition: `z Przemyśla, Sambora i
                # Drohobycza`, `in Lviv, Rzeszów and Košice`
                pos = m.start("name") + len(cand)
                while item := LIST_ITEM.match(text, pos):
                    rule = f"listed after the preposition {m.group('prep')!r}"
                    for sub in _sub_spans(item.group("name")):
                        if consider(
                            sub,
                            (item.start("name"), item.start("name") + len(sub)),
                            True,
                            rule=rule,
                        ):
                            break
                    pos = item.end()
                break
    for m in CAP_SPAN.finditer(text):
        # a qualifier in brackets is part of a town's name: `Frankfurt (Oder)`
        qualifier = QUALIFIER.match(text, m.end())
        if qualifier:
            name = m.group(0) + qualifier.group(0)
            rule = "capitalised words with a qualifier in brackets"
            if consider(name, (m.start(), qualifier.end()), False, rule=rule):
                continue
        # Hungarian and Lithuanian say `in`, `to` and `from` by a case ending, a cue as
        # good as a preposition: `Sárospatakon`, `Druskininkuose`
        suffixed = doc.lang in ("hu", "lt") and bool(CASE_SUFFIX.search(m.group(0)))
        for cand in _sub_spans(m.group(0)):
            before = len(hits)
            rule = (
                "capitalised words with a case ending of place"
                if suffixed
                else "capitalised words, no cue (a large place of a named country)"
            )
            consider(cand, (m.start(), m.start() + len(cand)), suffixed, rule=rule)
            if len(hits) > before:
                break
    for m in PLURAL_TYPE_LIST.finditer(flatten_asides(text)):
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
                True,
                f"a list after the plural type word {m.group('type')!r}",
            )
    # places named by municipal organisations (Gmina X, Město X, місто X)
    for org in organisations:
        name = org.data["name"]
        mm = re.match(
            r"(?:gmina(?: i miasto)?|miasto|obec|město|statutární město|mesto|місто|gmina miejska|"
            r"městský obvod|гміна|stadt|gemeinde|stadtverwaltung|gemeindeverwaltung|"
            r"municipality of|city of|town of)\s+(.+)$",
            name,
            IC,
        )
        # and head last: `Alytaus miesto savivaldybė`, `Tiszaföldvár Város Önkormányzata`
        last = MUNICIPALITY_LAST.match(name)
        towns = [] if mm or last else _council_towns(name)  # alternatives: the first found
        parts = [mm.group(1)] if mm else [last.group(1)] if last else towns
        if "," in name:
            parts += [
                re.sub(
                    r"^(?:městský obvod|městská část|statutární město)\s+", "", p.strip(), flags=IC
                )
                for p in name.split(",")
            ]
        for part in parts:
            before = len(hits)
            for cand in _sub_spans(part):
                found = places_in(doc, cand)
                if found:
                    span = org.spans[0] if org.spans else (0, 0)
                    place = prefer_place(found, cand)
                    if towns and _named_already(doc, hits, place.country, cand):
                        break  # `Чортківська міська рада` after `міста Чорткова`
                    why = f"named in the organisation {name!r}; gazetteer: {place.name}"
                    hits.append(PlaceHit(place, span, True, why, shown_name(place, cand)))
                    break
            if towns and len(hits) > before:
                break  # the likeliest town the adjective comes from
        if re.search(r"poviat|raion|county|powiat|район", name, IC):
            found = places_in(doc, name, {"county"}, cued=True)
            if found:
                why = f"the county of the organisation {name!r}"
                hits.append(PlaceHit(prefer_place(found), org.spans[0], True, why))
    # one item per place; a city and its municipality are one place
    out: dict[str, Item] = {}
    for h in hits:
        shown = h.name or h.place.name
        # one town in two registries is one place: keyed by its own name and by the name shown
        keys = (_place_key(h.place), f"{h.place.country}:{fold(shown)}")
        merged = next((out[k] for k in keys if k in out), None)
        if merged is not None:
            merged.spans.append(h.span)
        else:
            merged = Item({"name": shown, "country": h.place.country}, [h.span], h.why)
        for k in keys:
            out.setdefault(k, merged)
    return list({id(i): i for i in out.values()}.values())


PARTNER_TOWN = re.compile(
    r"(?<!\w)(?:partnersk\w*\s+měst\w*|partnersk\w*\s+mest\w*|miast\w*\s+partnersk\w*|"
    r"partnersk\w*\s+miast\w*|partnerstadt\w*|partnergemeinde\w*|testvérváros\w*|"
    r"testvértelepülés\w*|побратим\w*|міст\w*-побратим\w*|miest\w* partner\w*|"
    r"partner (?:city|town)|twin town|sister city|twinned with)",
    IC,
)
TOWN_NAME = re.compile(
    "(?<![\\w'’-])"
    + "(?-i:[A-ZĄĆĘŁŃÓŚŹŻÁČĎÉĚÍŇŘŠŤÚŮÝŽÄÖÜŐŰЀ-ЯІЇЄҐ])[\\w'’]+(?:[ -](?-i:[A-ZĄĆĘŁŃÓŚŹŻÁČĎÉĚÍŇŘŠŤÚŮÝŽÄÖÜŐŰЀ-ЯІЇЄҐ])[\\w'’]+)?"
)
LIST_ITEM = re.compile(
    r"(?:\s*,\s*|\s+(?:i|oraz|a|and|und|és|ir|та|і|й|ta|et)\s+)"
    r"(?:(?:w|we|v|ve|в|у|in|z|ze|з|із|do|od|nach|aus)\s+)?"
    r"(?P<name>" + CAP + r"[\w'’]+(?:[-–]" + CAP + r"?[\w'’]+)*(?:\s+" + CAP + r"[\w'’]+){0,2})"
)
CASE_SUFFIX = re.compile(
    r"(?:on|en|ön|ban|ben|ba|be|ra|re|ról|ről|ból|ből|tól|től|hoz|hez|höz|nál|nél|"
    r"oje|uje|yje|ėje|uose|iuose|ėse)$"
)


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


QUALIFIER = re.compile(r" ?\((?-i:[A-ZÄÖÜ])[a-zäöüß]+\)")
MUNICIPALITY_LAST = re.compile(
    r"(.+?)\s+(?:(?:miesto|rajono)\s+savivaldyb\w*|savivaldyb\w*|miesto\s+valdyb\w*|miestas|"
    r"(?:város\s+|község\s+|nagyközség\s+)?önkormányzat\w*|polgármesteri hivatal\w*|"
    r"(?:district\s+|city\s+|town\s+)?municipality|city council|town council)$",
    IC,
)
# a Ukrainian council named by its town's adjective: `Самбірська міська рада` (Самбір),
# `Берегівська міська рада` (Берегове), `Луцька міська рада` (Луцьк)
COUNCIL_ADJECTIVE = re.compile(
    r"^(?P<a>[\w'’-]+?)(?P<e>ська|цька|зька|ський|цький|зький)\s+(?:міськ|селищн|сільськ)\w*\s+рад\w*$",
    IC,
)


def _council_towns(name: str) -> list[str]:
    """The town names a council's adjective can come from, likeliest first."""
    m = COUNCIL_ADJECTIVE.match(name)
    if not m:
        return []
    stem, ending = m.group("a"), m.group("e")
    out = [stem, stem + ending[:-1].rstrip("ь")]  # Самбір; Луцьк
    if "і" in stem[-3:]:  # the closed syllable's і is о in the town's name: Берегів → Берегове
        i = stem.rfind("і")
        out += [stem[:i] + "о" + stem[i + 1 :] + "е", stem[:i] + stem[i + 1 :] + "а"]
    return out


def _type_before_matches(text: str) -> list[re.Match[str]]:
    """Every `type word + name`, where a name that is itself a type word with its name
    (`gminy powiatu bieszczadzkiego`) is read again as one."""
    out, pos = [], 0
    while m := PLACE_TYPE_BEFORE.search(text, pos):
        out.append(m)
        again = PLACE_TYPE_BEFORE.match(text, m.start("name"))
        pos = m.start("name") if again else m.end()
    return out


def _named_already(doc: Doc, hits: list[PlaceHit], country: str, name: str) -> bool:
    """Whether a place of `country` was found where the text writes a form of `name`
    (the same town may stand in two registries under two spellings)."""
    toks = tokens(name)
    return any(
        h.place.country == country
        and (name_match(tokens(doc.text[h.span[0] : h.span[1]]), toks) or h.place.name == name)
        for h in hits
    )


def _word_starts(name: str, offset: int) -> list[int]:
    """Where each word of `name` that starts with a capital begins, first to last."""
    return [offset + w.start() for w in re.finditer(r"\S+", name) if w.group(0)[:1].isupper()]


def _sub_spans(name: str) -> list[str]:
    words = name.split()
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def prefer_place(found: list[Place], query: str = "") -> Place:
    """A place whose own name (not an alternate name) was matched, then the finest level."""
    order = {"city_district": 0, "locality": 1, "municipality": 2, "county": 3, "region": 4}
    q = tokens(query)

    def own_name(p: Place) -> int:
        return 0 if q and name_match(q, tokens(p.name)) else 1

    return sorted(found, key=lambda p: (own_name(p), order.get(p.level, 9), -p.population))[0]


def _place_key(p: Place) -> str:
    return f"{p.country}:{fold(p.name)}"
