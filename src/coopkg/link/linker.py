"""Linking: territories, organisations and programmes of a document graph → registry identifiers.

`link_graph` adds to a converted document graph, for every territory it can
resolve with confidence: its level, national codes (TERYT, RÚIAN, KATOTTH, LAU),
NUTS 3, GeoNames ID and point, a Wikidata QID (asserted only when two
independent sources agree, otherwise kept as a candidate), and its containing
territories up to the country, materialised as `geo:sfWithin`. Names that match
nothing, or several places that the project's other places cannot tell apart,
are reported and left unlinked: a wrong link is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from rdflib import Graph, Literal, URIRef

from .. import vocab
from ..convert.docgraph import DocGraph
from ..iris import Minter
from ..names import fold, name_match, tokens
from ..registries.gazetteer import Place, gazetteer
from ..registries.index import LinkIndex, distance_km, link_index
from ..terms import iri, literal
from ..vocab import COOP, GEO, ORG
from ..vocab import T_RDF as RDF
from ..vocab import T_RDFS as RDFS
from ..vocab import T_SKOS as SKOS
from ..vocab import T_XSD as XSD

GEONAMES = "https://sws.geonames.org/{}/"
WIKIDATA = "http://www.wikidata.org/entity/{}"
NUTS = "http://data.europa.eu/nuts/code/{}"

CODE_PROPERTY = {
    "teryt": COOP.terytCode,
    "ruian": COOP.ruianCode,
    "katotth": COOP.katotthCode,
    "lau": COOP.lauCode,
    "nuts": COOP.nutsCode,
    "iso": COOP.isoCode,
}


GraphLike = Graph | DocGraph  # linking reads and writes either kind of document graph


@dataclass
class Unit:
    """A territory of the hierarchy with what the registries say about it."""

    key: str
    name: str
    level: str
    country: str
    codes: dict[str, str] = field(default_factory=dict)
    external: list[str] = field(default_factory=list)  # verified skos:exactMatch targets


@dataclass
class Resolution:
    unit: Unit
    ancestors: list[Unit]
    geonames: int | None = None
    point: tuple[float, float] | None = None  # lon, lat
    wikidata: str | None = None
    wikidata_verified: bool = False
    method: str = ""
    confidence: float = 0.0


@dataclass
class Problem:
    name: str
    country: str | None
    reason: str
    candidates: list[str] = field(default_factory=list)


@dataclass
class LinkReport:
    linked: list[tuple[str, str, str]] = field(default_factory=list)  # document, name, summary
    problems: list[tuple[str, Problem]] = field(default_factory=list)
    organisations: list[tuple[str, str, str]] = field(default_factory=list)
    programmes: list[tuple[str, str, str]] = field(default_factory=list)
    # containing territories described from the registries alone (the same in every
    # document that cites them), and their countries; see DocGraph.nquads_split
    registry_nodes: set[URIRef] = field(default_factory=set)
    registry_countries: set[URIRef] = field(default_factory=set)
    # with ContainingTerritories: those territories' statements, made outside the graph
    registry_statements: set[str] = field(default_factory=set)

    def merge(self, other: LinkReport) -> None:
        self.linked += other.linked
        self.problems += other.problems
        self.organisations += other.organisations
        self.programmes += other.programmes
        self.registry_nodes |= other.registry_nodes
        self.registry_countries |= other.registry_countries
        self.registry_statements |= other.registry_statements

    def text(self) -> str:
        lines = [f"linked places: {len(self.linked)}; unlinked: {len(self.problems)}"]
        for doc, name, summary in self.linked:
            lines.append(f"  ok   {doc}: {name} → {summary}")
        for doc, p in self.problems:
            cands = f" (candidates: {', '.join(p.candidates[:5])})" if p.candidates else ""
            lines.append(f"  --   {doc}: {p.name} [{p.country or '?'}]: {p.reason}{cands}")
        for doc, name, summary in self.organisations:
            lines.append(f"  org  {doc}: {name} → {summary}")
        for doc, name, summary in self.programmes:
            lines.append(f"  prog {doc}: {name} → {summary}")
        return "\n".join(lines)


# --- hierarchies ---------------------------------------------------------------------------


def _country_unit(code: str) -> Unit:
    from ..countries import country_name

    return Unit(
        f"country:{code}",
        country_name(code),
        "country",
        code,
        {"iso": code, "nuts": code} if code in ("PL", "CZ", "SK", "LT", "DE") else {"iso": code},
    )


def _nuts_units(ix: LinkIndex, nuts3: str, country: str) -> list[Unit]:
    out = []
    for code, level in ((nuts3, "nuts3"), (nuts3[:4], "nuts2")):
        if code in ix.nuts_label:
            out.append(
                Unit(
                    f"nuts:{code}",
                    ix.nuts_label[code],
                    level,
                    country,
                    {"nuts": code},
                    [NUTS.format(code)],
                )
            )
    return out


def _region_qid(ix: LinkIndex, iso: str) -> list[str]:
    """A region's QID when two sources (WOF and protomaps) name the same one."""
    qids = ix.region_qids.get(iso, [])
    return [WIKIDATA.format(qids[0])] if len(qids) >= 2 and len(set(qids)) == 1 else []


def pl_gmina(ix: LinkIndex, teryt7: str) -> tuple[Unit, list[Unit]] | None:
    row = ix.pl_gmina.get(teryt7)
    if row is None:
        return None
    unit = Unit(
        f"teryt:{teryt7}",
        row["gmina_name"],
        "municipality",
        "PL",
        {"teryt": teryt7, "lau": row["gisco_lau_id_2020"], "nuts": row["nuts3_2021"]},
    )
    return unit, pl_ancestors(ix, teryt7[:4]) + _nuts_units(ix, row["nuts3_2021"], "PL")


def pl_ancestors(ix: LinkIndex, powiat: str) -> list[Unit]:
    out = []
    name = ix.pl_units.get(powiat)
    if name:
        label = f"powiat {name}" if name[:1].islower() else name
        out.append(Unit(f"teryt:{powiat}", label, "county", "PL", {"teryt": powiat}))
    out += pl_region(ix, powiat[:2])
    return out


def pl_region(ix: LinkIndex, woj: str) -> list[Unit]:
    name = ix.pl_units.get(woj)
    if not name:
        return [_country_unit("PL")]
    iso = f"PL-{woj}"
    return [
        Unit(
            f"teryt:{woj}",
            f"województwo {name.lower()}",
            "region",
            "PL",
            {"teryt": woj, "iso": iso},
            _region_qid(ix, iso),
        ),
        _country_unit("PL"),
    ]


def cz_obec(ix: LinkIndex, kod: str) -> tuple[Unit, list[Unit]] | None:
    row = ix.cz_obec.get(kod)
    if row is None:
        return None
    unit = Unit(
        f"ruian:{kod}",
        row["nazev_obce"],
        "municipality",
        "CZ",
        {"ruian": kod, "lau": kod, "nuts": row["lau_nuts3_2021"]},
    )
    kraj = (
        row["nazev_kraje"]
        if row["nazev_kraje"].startswith("Hlavní")
        else f"{row['nazev_kraje']} kraj"
    )
    iso = ix.iso_by_name.get(("CZ", fold(kraj)))
    ancestors = [
        Unit(
            f"ruian-okres:{row['kod_okresu']}",
            f"okres {row['nazev_okresu']}",
            "county",
            "CZ",
            {"ruian": row["kod_okresu"]},
        ),
        Unit(
            f"ruian-kraj:{row['kod_kraje']}",
            kraj,
            "region",
            "CZ",
            {"ruian": row["kod_kraje"], **({"iso": iso} if iso else {})},
        ),
        _country_unit("CZ"),
    ]
    return unit, ancestors + _nuts_units(ix, row["lau_nuts3_2021"], "CZ")


def ua_unit(ix: LinkIndex, code: str) -> tuple[Unit, list[Unit]] | None:
    entry = ix.ua.get(code)
    if entry is None:
        return None
    category, name, parent = entry
    level = {
        "O": "region",
        "P": "county",
        "H": "municipality",
        "M": "locality",
        "K": "locality",
        "B": "city_district",
    }.get(category, "locality")
    label = {
        "O": f"{name} область" if " " not in name else name,
        "P": f"{name} район",
        "H": f"{name} територіальна громада",
    }.get(category, name)
    codes = {"katotth": code}
    if category == "O":
        codes["iso"] = f"UA-{code[2:4]}"
    unit = Unit(
        f"katotth:{code}",
        label,
        level,
        "UA",
        codes,
        _region_qid(ix, codes["iso"]) if category == "O" else [],
    )
    ancestors: list[Unit] = []
    while parent:
        p = ua_unit(ix, parent)
        if p is None:
            break
        ancestors.append(p[0])
        parent = ix.ua[parent][2]
    return unit, [*ancestors, _country_unit("UA")]


def sk_lau(ix: LinkIndex, lau_id: str) -> tuple[Unit, list[Unit]] | None:
    entry = ix.lau.get(lau_id)
    if entry is None or entry[2] != "SK":
        return None
    name, nuts3, _, _, _ = entry
    unit = Unit(f"lau:SK_{lau_id}", name, "municipality", "SK", {"lau": lau_id, "nuts": nuts3})
    ancestors = []
    region = ix.nuts_label.get(nuts3)
    if region:
        iso = ix.iso_by_name.get(("SK", fold(region)))
        ancestors.append(
            Unit(
                f"nuts:{nuts3}",
                region,
                "region",
                "SK",
                {"nuts": nuts3, **({"iso": iso} if iso else {})},
                [NUTS.format(nuts3)],
            )
        )
    if nuts3[:4] in ix.nuts_label:
        ancestors.append(
            Unit(
                f"nuts:{nuts3[:4]}",
                ix.nuts_label[nuts3[:4]],
                "nuts2",
                "SK",
                {"nuts": nuts3[:4]},
                [NUTS.format(nuts3[:4])],
            )
        )
    return unit, [*ancestors, _country_unit("SK")]


# --- resolving a name ---------------------------------------------------------------------

TYPE_WORD = re.compile(
    r"\b(powiat\w*|województw\w*|woj\.|gmin\w*|okres|okr\.|kraj|obec|область|"
    r"област\w*|район\w*|oblast|raion|poviat|county|district|voivodeship|region)\b",
    re.I,
)


MEMO_MAX = 200_000  # remembered lookups a Linker keeps (a few hundred bytes each)


class Linker:
    def __init__(self) -> None:
        self.gaz = gazetteer()
        self.ix = link_index()
        # names recur across documents (a region's towns, its powiats): remember the
        # context-free steps; the choice among candidates still sees each project's places
        self._candidates: dict[tuple[tuple[str, ...], str | None], tuple[int, list[Place], bool]]
        self._candidates = {}
        self._expanded: dict[str, Resolution | None] = {}
        self._towns: dict[tuple[str, str, str], Place | None] = {}

    def forget(self) -> None:
        """Drop what was remembered (after the gazetteer or link index changed in place)."""
        self._candidates.clear()
        self._expanded.clear()
        self._towns.clear()

    def candidates(self, names: list[str], country: str | None) -> tuple[int, list[Place], bool]:
        key = (tuple(names), country)
        found = self._candidates.get(key)
        if found is None:
            found = self._find_candidates(names, country)
            if len(self._candidates) < MEMO_MAX:
                self._candidates[key] = found
        best, places, exact = found
        return best, list(places), exact

    def _find_candidates(
        self, names: list[str], country: str | None
    ) -> tuple[int, list[Place], bool]:
        """Best gazetteer matches of the first name that matches anything.

        The label comes first; other spellings are tried only when it finds nothing,
        so an inflected alias cannot outvote the name itself. Bare adjectival forms of
        counties and regions are admitted only when the name carries a type word.
        """
        for name in names:
            best, found, exact = 0, {}, False
            toks = tokens(name)
            exact_len = sum(len(t) + 1 for t in toks)
            cued = bool(TYPE_WORD.search(name))
            for score, place in self.gaz.lookup(name, cued=cued):
                if country and place.country != country:
                    continue
                if score > best:
                    best, found, exact = score, {place.key: place}, score >= exact_len
                elif score == best:
                    found[place.key] = place
            if found:
                return best, list(found.values()), exact
        return 0, [], False

    def resolve(
        self, names: list[str], country: str | None, context: list[Resolution]
    ) -> Resolution | Problem:
        name = names[0]
        _, found, exact = self.candidates(names, country)
        if not found:
            return Problem(name, country, "no territory of that name in the registries")
        resolutions: dict[str, Resolution] = {}
        for place in found:
            r = self._expand(place)
            if r is not None:
                resolutions.setdefault(r.unit.key, r)
        if not resolutions:
            return Problem(
                name, country, "matched only places without registry codes", [p.key for p in found]
            )
        distinct = list(resolutions.values())
        method = "exact name" if exact else "inflected name"
        confidence = 0.95 if exact else 0.85
        if len(distinct) > 1:
            chosen = self._same_thing(distinct, names) or self._disambiguate(distinct, context)
            if chosen is None:
                return Problem(
                    name, country, "ambiguous", [f"{r.unit.name} ({r.unit.key})" for r in distinct]
                )
            chosen.method, chosen.confidence = (
                method + ", disambiguated by the project's other places",
                confidence - 0.15,
            )
            return chosen
        r = distinct[0]
        r.method, r.confidence = method, confidence
        return r

    @staticmethod
    def _same_thing(options: list[Resolution], names: list[str]) -> Resolution | None:
        """Several readings that are one place seen from two registers.

        A unit whose own name is the text wins over one found through an alternate
        name (`Stary Dzików` the gmina, not the village `Dzików Stary` inside it); a
        town and the rural gmina named after it in the same powiat are the town.
        """
        wanted = {fold(n) for n in names}
        own = [o for o in options if fold(o.unit.name) in wanted]
        if len(own) == 1:
            return own[0]
        teryt = [o.unit.codes.get("teryt", "") for o in options]
        if len(options) == 2 and all(len(t) == 7 for t in teryt) and teryt[0][:4] == teryt[1][:4]:
            urban = [o for o, t in zip(options, teryt, strict=True) if t[6] in "13"]
            if len(urban) == 1:
                return urban[0]
        return None

    def _disambiguate(
        self, options: list[Resolution], context: list[Resolution]
    ) -> Resolution | None:
        # a territory that contains the others, or sits in the same region as the project's others
        regions = {a.key for c in context for a in c.ancestors if a.level == "region"}
        inside = [o for o in options if {a.key for a in o.ancestors} & regions]
        if len(inside) == 1:
            return inside[0]
        points = [c.point for c in context if c.point]
        if points:
            near = [
                o for o in options if o.point and min(distance_km(o.point, p) for p in points) < 60
            ]
            if len(near) == 1:
                return near[0]
        # a city far larger than any namesake is what a text means by the bare name
        sized = sorted(options, key=lambda o: -(self._population(o)))
        if (
            len(sized) > 1
            and self._population(sized[0]) >= 10 * max(1, self._population(sized[1]))
            and self._population(sized[0]) >= 50000
        ):
            return sized[0]
        return None

    def _population(self, r: Resolution) -> int:
        if r.geonames:
            p = self.gaz.places.get(f"gn:{r.geonames}")
            return p.population if p else 0
        return 0

    def _expand(self, place: Place) -> Resolution | None:
        """A fresh copy (callers set its method and confidence) of the entry's resolution."""
        if place.key not in self._expanded:
            r = self._resolve_entry(place)
            if len(self._expanded) >= MEMO_MAX:
                return r
            self._expanded[place.key] = r
        cached = self._expanded[place.key]
        return replace(cached) if cached is not None else None

    # one gazetteer entry → its registry unit, hierarchy, GeoNames and Wikidata
    def _resolve_entry(self, place: Place) -> Resolution | None:
        ix = self.ix
        key = place.key
        if key.startswith("gn:"):
            return self._from_geonames(place)
        scheme, code = key.split(":", 1)
        expanded: tuple[Unit, list[Unit]] | None = None
        if scheme == "teryt":
            if len(code) == 7:
                expanded = pl_gmina(ix, code)
            elif len(code) == 4:
                label = place.name
                expanded = (
                    Unit(key, label, "county", "PL", {"teryt": code}),
                    pl_ancestors(ix, code)[1:] + self._powiat_nuts(code),
                )
            elif len(code) == 2:
                region = pl_region(ix, code)
                expanded = (region[0], region[1:] + self._woj_nuts(code))
        elif scheme == "ruian":
            expanded = cz_obec(ix, code)
        elif scheme == "ruian-momc":
            name, obec = ix.cz_momc[code]
            parent = cz_obec(ix, obec)
            if parent:
                unit = Unit(key, name, "city_district", "CZ", {"ruian": code})
                expanded = (unit, [parent[0], *parent[1]])
        elif scheme == "ruian-kraj":
            iso = ix.iso_by_name.get(("CZ", fold(place.name)))
            expanded = (
                Unit(
                    key,
                    place.name,
                    "region",
                    "CZ",
                    {"ruian": code, **({"iso": iso} if iso else {})},
                ),
                [_country_unit("CZ")],
            )
        elif scheme == "ruian-okres":
            expanded = (
                Unit(key, place.name, "county", "CZ", {"ruian": code}),
                [_country_unit("CZ")],
            )
        elif scheme == "katotth":
            expanded = ua_unit(ix, code)
        elif scheme == "lau":
            expanded = sk_lau(ix, code.split("_", 1)[-1])
        elif scheme == "iso":
            expanded = (
                Unit(key, place.name, "region", place.country, {"iso": code}),
                [_country_unit(place.country)],
            )
        if expanded is None:
            return None
        unit, ancestors = expanded
        r = Resolution(unit, ancestors)
        self._attach_geonames(r, place)
        return r

    def _powiat_nuts(self, powiat: str) -> list[Unit]:
        nuts3 = {r["nuts3_2021"] for t, r in self.ix.pl_gmina.items() if t[:4] == powiat}
        return _nuts_units(self.ix, nuts3.pop(), "PL") if len(nuts3) == 1 else []

    def _woj_nuts(self, woj: str) -> list[Unit]:
        nuts2 = {r["nuts2_2021"] for t, r in self.ix.pl_gmina.items() if t.startswith(woj)}
        if len(nuts2) == 1:
            code = nuts2.pop()
            return [
                Unit(
                    f"nuts:{code}",
                    self.ix.nuts_label.get(code, code),
                    "nuts2",
                    "PL",
                    {"nuts": code},
                    [NUTS.format(code)],
                )
            ]
        return []

    def _from_geonames(self, g: Place) -> Resolution | None:
        """A GeoNames town → the municipality that governs it, then the hierarchy."""
        ix = self.ix
        assert g.geonames is not None
        wof = ix.wof_by_geonames.get(g.geonames)
        expanded = None
        via = ""
        if g.country == "PL":
            teryt = None
            if wof and wof[1]:
                six, rodz = wof[1].split("_") if "_" in wof[1] else (wof[1], "")
                for kind in ([rodz] if rodz in "123" and rodz else []) + ["1", "3", "2"]:
                    if f"{six}{kind}" in ix.pl_gmina:
                        teryt, via = f"{six}{kind}", "Who's On First TERYT concordance"
                        break
            if teryt is None:
                teryt = self._nearest_gmina(g)
                via = "nearest gmina of the same name"
            if teryt:
                expanded = pl_gmina(ix, teryt)
        elif g.country == "CZ":
            kod = self._nearest_lau(g, "CZ")
            if kod:
                expanded = cz_obec(ix, kod)
                via = "nearest municipality of the same name"
        elif g.country == "SK":
            lau_id = self._nearest_lau(g, "SK")
            if lau_id:
                expanded = sk_lau(ix, lau_id)
                via = "nearest municipality of the same name"
        elif g.country == "UA":
            code = self._ua_city(g)
            if code:
                expanded = ua_unit(ix, code)
                via = "KATOTTH city of the same name"
        if expanded is None:
            return None
        unit, ancestors = expanded
        if unit.level == "municipality" and g.country in ("PL", "CZ", "SK"):
            # the town itself is the place; its municipality is the first containing unit
            town = Unit(
                f"gn:{g.geonames}",
                g.name,
                "locality",
                g.country,
                {k: v for k, v in unit.codes.items()},
            )
            if fold(g.name) == fold(unit.name):
                ancestors = [*ancestors]
                unit = Unit(unit.key, unit.name, "municipality", unit.country, unit.codes)
            else:
                ancestors = [unit, *ancestors]
                unit = town
        point = (g.lon, g.lat) if g.lon is not None and g.lat is not None else None
        r = Resolution(unit, ancestors, g.geonames, point)
        r.method = via
        self._wikidata(r, g, wof)
        return r

    def _wikidata(self, r: Resolution, g: Place, wof: tuple[str, str, str] | None) -> None:
        assert g.geonames is not None
        from_wof = wof[0] if wof and wof[0] else None
        from_wikidata = self.ix.wikidata_by_geonames.get(g.geonames)
        if from_wikidata:
            # Wikidata's own GeoNames statement agrees with our GeoNames match
            r.wikidata, r.wikidata_verified = from_wikidata, True
        elif from_wof:
            # WOF ties this QID to the same GeoNames ID; for PL it must also carry the
            # TERYT gmina we reached, an independent code, to be asserted
            teryt_ok = bool(
                wof and wof[1] and r.unit.codes.get("teryt", "")[:6] == wof[1][:6]
            ) or any(
                a.codes.get("teryt", "")[:6] == wof[1][:6] for a in r.ancestors if wof and wof[1]
            )
            r.wikidata = from_wof
            r.wikidata_verified = (
                g.country == "PL" and teryt_ok and r.method != "Who's On First TERYT concordance"
            )

    def _attach_geonames(self, r: Resolution, place: Place) -> None:
        """For a municipality from a national register, the GeoNames town of that name nearby."""
        if r.unit.level not in ("municipality", "locality"):
            return
        key = (r.unit.key, r.unit.name, r.unit.country)
        if key not in self._towns:
            if len(self._towns) >= MEMO_MAX:
                self._towns.clear()
            self._towns[key] = self._town_of(r.unit)
        t = self._towns[key]
        if t is not None:
            r.geonames = t.geonames
            r.point = (t.lon, t.lat) if t.lon is not None and t.lat is not None else None
            self._wikidata(r, t, self.ix.wof_by_geonames.get(t.geonames or 0))

    def _town_of(self, unit: Unit) -> Place | None:
        """The one GeoNames town that is this municipality, if there is exactly one."""
        centre = None
        if "teryt" in unit.codes:
            centre = self.ix.gmina_centres.get(unit.codes["teryt"])
        elif "lau" in unit.codes and unit.codes["lau"] in self.ix.lau:
            lau = self.ix.lau[unit.codes["lau"]]
            centre = (lau[3], lau[4])
        towns = [
            p
            for _, p in self.gaz.lookup(unit.name)
            if p.key.startswith("gn:")
            and p.country == unit.country
            and fold(p.name) == fold(unit.name)
        ]
        if centre:
            towns = [
                t
                for t in towns
                if t.lon is not None
                and t.lat is not None
                and distance_km(centre, (t.lon, t.lat)) < 15
            ]
        if unit.country == "UA":
            towns = sorted(towns, key=lambda t: -t.population)[:1]
        return towns[0] if len(towns) == 1 else None

    def _nearest_gmina(self, g: Place) -> str | None:
        if g.lon is None or g.lat is None:
            return None
        best = None
        for teryt in self.ix.gmina_by_name.get(fold(g.name), []):
            centre = self.ix.gmina_centres.get(teryt)
            if centre:
                d = distance_km(centre, (g.lon, g.lat))
                if d < 20 and (best is None or d < best[0]):
                    best = (d, teryt)
        return best[1] if best else None

    def _nearest_lau(self, g: Place, country: str) -> str | None:
        if g.lon is None or g.lat is None:
            return None
        best = None
        for lau_id in self.ix.lau_by_name.get((country, fold(g.name)), []):
            _, _, _, lon, lat = self.ix.lau[lau_id]
            d = distance_km((lon, lat), (g.lon, g.lat))
            if d < 15 and (best is None or d < best[0]):
                best = (d, lau_id)
        return best[1] if best else None

    def _ua_city(self, g: Place) -> str | None:
        """The KATOTTH city whose official romanisation is the GeoNames name."""
        cities = self.ix.ua_city_by_latin.get(fold(g.name).replace("'", ""), [])
        return cities[0] if len(cities) == 1 else None


# --- the graph ------------------------------------------------------------------------------


def _node(minter: Minter, unit: Unit) -> URIRef:
    """Containing territories are keyed by their registry code: a city with powiat rights
    and its powiat share a name but are two units."""
    return _unit_iri(minter.base, unit.level == "country", unit.country, unit.name, unit.key)


@lru_cache(maxsize=100_000)  # a registry unit recurs in every document citing it
def _unit_iri(base: str, country_level: bool, country: str, name: str, key: str) -> URIRef:
    minter = Minter(base)
    return minter.country(country) if country_level else minter.entity("place", name, key)


def _add_unit(g: GraphLike, node: URIRef, unit: Unit, minter: Minter) -> None:
    g.add((node, RDF.type, COOP.Territory))
    g.add((node, RDF.type, GEO.Feature))
    if g.value(node, RDFS.label) is None:
        g.add((node, RDFS.label, literal(unit.name)))
    g.set((node, COOP.level, iri(vocab.level_concept(unit.level))))
    for scheme, code in unit.codes.items():
        if code and not (unit.level != "country" and scheme == "iso" and len(code) == 2):
            g.add((node, CODE_PROPERTY[scheme], literal(code)))
    for target in unit.external:
        g.add((node, SKOS.exactMatch, iri(target)))
    if unit.level != "country":
        g.set((node, COOP.country, minter.country(unit.country)))


def _add_link(
    g: GraphLike, node: URIRef, name: str, target: URIRef, method: str, confidence: float
) -> None:
    link = iri(f"{node}/link/{name}")
    g.add((link, RDF.type, COOP.Link))
    g.add((node, COOP.link, link))
    g.add((link, COOP.target, target))
    g.add((link, COOP.method, literal(method)))
    g.add((link, COOP.confidence, literal(f"{confidence:.2f}", str(XSD.decimal))))


class ContainingTerritories:
    """The registry graph's statements about containing territories, made once a process.

    A territory that contains a document's places but is not named by it is described
    from the registries alone, the same in every document citing it (its type, name,
    codes, level, country and the territories it lies within). Describing it in each
    document's graph, only for the build to move it to the registry graph, was about a
    tenth of conversion. Bounded by the registry snapshots.
    """

    def __init__(self) -> None:
        self._statements: dict[tuple[URIRef, tuple[URIRef, ...]], list[str]] = {}

    def __len__(self) -> int:
        return len(self._statements)

    def statements(
        self, node: URIRef, unit: Unit, parents: tuple[URIRef, ...], minter: Minter
    ) -> list[str]:
        """What `apply` would state about `node` (`DocGraph.statements()` form)."""
        key = (node, parents)
        statements = self._statements.get(key)
        if statements is None:
            alone = DocGraph(node)
            _add_unit(alone, node, unit, minter)
            for parent in parents:
                alone.add((node, GEO.sfWithin, parent))
            statements = self._statements[key] = alone.statements()
        return statements


@dataclass(frozen=True)
class Deferred:
    """One document's containing territories described outside its graph (see `apply`)."""

    territories: ContainingTerritories
    named: AbstractSet[URIRef]  # places the document names: described in its graph
    statements: set[str]  # where their statements go


def apply(
    g: GraphLike,
    node: URIRef,
    r: Resolution,
    minter: Minter,
    deferred: Deferred | None = None,
) -> None:
    """Describe `node` as the registry unit `r` found, and the territories containing it.

    With `deferred`, a containing territory that the document does not name is stated
    in `deferred.statements` instead of in `g` (it goes to the registry graph alone).
    """
    _add_unit(g, node, r.unit, minter)
    if r.geonames:
        target = iri(GEONAMES.format(r.geonames))
        g.add((node, SKOS.exactMatch, target))
        _add_link(g, node, "geonames", target, r.method, r.confidence)
    if r.point:
        geometry = iri(f"{node}/geometry")
        g.add((node, GEO.hasGeometry, geometry))
        g.add((geometry, RDF.type, GEO.Geometry))
        g.add(
            (
                geometry,
                GEO.asWKT,
                literal(f"POINT({r.point[0]:.5f} {r.point[1]:.5f})", str(GEO.wktLiteral)),
            )
        )
    if r.wikidata:
        target = iri(WIKIDATA.format(r.wikidata))
        if r.wikidata_verified:
            g.add((node, SKOS.exactMatch, target))
            _add_link(g, node, "wikidata", target, "QID agreed by two sources", r.confidence)
        else:
            g.add((node, COOP.wikidataCandidate, target))
    chain = [node] + [_node(minter, a) for a in r.ancestors]
    levels = [r.unit.level] + [a.level for a in r.ancestors]
    # plain strings: rdflib terms compare in Python code, about a hundred times a
    # document here
    texts = [str.__str__(n) for n in chain]
    for i, child in enumerate(chain):
        parents = tuple(
            parent
            for j, parent in enumerate(chain)
            if (i < j or levels[j] == "country")
            and lies_within(levels[i], levels[j])
            and texts[j] != texts[i]
        )
        if i == 0:
            for parent in parents:
                g.add((child, GEO.sfWithin, parent))
            continue
        a = r.ancestors[i - 1]
        if deferred is not None and a.level != "country" and child not in deferred.named:
            deferred.statements.update(deferred.territories.statements(child, a, parents, minter))
            continue
        _add_unit(g, child, a, minter)
        for parent in parents:
            g.add((child, GEO.sfWithin, parent))


NESTED_IN_NUTS = {"locality", "city_district", "municipality", "county"}


def lies_within(child: str, parent: str) -> bool:
    """Whether a territory of level `child` lies within the `parent` of a resolution's
    ancestors, which list the national hierarchy up to the country and then NUTS 3 and 2.

    Municipalities and counties nest in NUTS 3 units; regions need not (a Polish
    voivodeship is larger than its NUTS 3 units, and Mazowieckie spans two NUTS 2).
    """
    if child == "country":
        return False
    if parent == "country":
        return True
    if parent.startswith("nuts"):
        return child in NESTED_IN_NUTS or (child, parent) == ("nuts3", "nuts2")
    return not child.startswith("nuts")


def _names(g: GraphLike, node: URIRef) -> list[str]:
    labels = [str(o) for o in g.objects(node, RDFS.label)]
    return labels + sorted(str(o) for o in g.objects(node, SKOS.altLabel))


def _country_of(g: GraphLike, node: URIRef) -> str | None:
    country = g.value(node, COOP.country)
    code = g.value(country, COOP.isoCode) if country is not None else None
    return str(code) if code else None


def link_graph(
    g: GraphLike,
    minter: Minter | None = None,
    linker: Linker | None = None,
    document: str = "",
    territories: ContainingTerritories | None = None,
) -> LinkReport:
    """Add registry links to a document graph in place; return what was and was not linked.

    With `territories`, the containing territories the document does not name are not
    added to `g`: their statements are in the report's `registry_statements` (for
    `DocGraph.nquads_split`), as the build stores them in the registry graph anyway.
    """
    minter = minter or Minter()
    linker = linker or Linker()
    report = LinkReport()
    country_level = URIRef(vocab.level_concept("country"))
    places = sorted(
        {
            p
            for p in g.subjects(RDF.type, COOP.Territory)
            if isinstance(p, URIRef) and (p, COOP.level, country_level) not in g
        }
    )
    results: dict[URIRef, Resolution] = {}
    deferred = (
        Deferred(territories, frozenset(places), report.registry_statements)
        if territories is not None
        else None
    )
    pending = []
    for node in places:
        names = _names(g, node)
        if not names:
            continue
        r = linker.resolve(names, _country_of(g, node), list(results.values()))
        if isinstance(r, Problem) and r.reason == "ambiguous":
            pending.append((node, names))
            continue
        _record(g, node, r, minter, report, document, results, deferred)
    for node, names in pending:  # second pass: the unambiguous places are known now
        r = linker.resolve(names, _country_of(g, node), list(results.values()))
        _record(g, node, r, minter, report, document, results, deferred)
    _link_organisations(g, results, report, document)
    _link_programmes(g, linker.ix, report, document)
    named = set(places)
    for r in results.values():
        for a in r.ancestors:
            node = _node(minter, a)
            # a place the document names keeps its own description; a country is in the
            # registry graph as the country of a territory there
            if a.level != "country" and node not in named:
                report.registry_nodes.add(node)
                report.registry_countries.add(minter.country(a.country))
    return report


def _record(
    g: GraphLike,
    node: URIRef,
    r: Resolution | Problem,
    minter: Minter,
    report: LinkReport,
    document: str,
    results: dict[URIRef, Resolution],
    deferred: Deferred | None = None,
) -> None:
    names = _names(g, node)
    if isinstance(r, Problem):
        report.problems.append((document, r))
        if (node, COOP.level, None) not in g:
            g.add((node, COOP.level, URIRef(vocab.level_concept("locality"))))
        return
    apply(g, node, r, minter, deferred)
    results[node] = r
    codes = ", ".join(f"{k} {v}" for k, v in r.unit.codes.items())
    gn = f", GeoNames {r.geonames}" if r.geonames else ""
    wd = (
        f", Wikidata {r.wikidata}{'' if r.wikidata_verified else ' (candidate)'}"
        if r.wikidata
        else ""
    )
    report.linked.append(
        (
            document,
            names[0],
            f"{r.unit.name} [{r.unit.level}; {codes}{gn}{wd}] ({r.method}, {r.confidence:.2f})",
        )
    )


MUNICIPAL = re.compile(
    r"gmin|miast|město|města|obec|obce|mesto|місто|міськ|сільськ|селищн|city|town|"
    r"municipality|powiat|poviat|raion|район|okres|county",
    re.I,
)


SEAT = re.compile(
    r"(?:z siedzibą w|se sídlem v|so sídlom v|з місцезнаходженням у|based in)\s+(.+)$", re.I
)


def _link_organisations(
    g: GraphLike, results: dict[URIRef, Resolution], report: LinkReport, document: str
) -> None:
    """An organisation is based in the seat its name gives (`z siedzibą w Rybniku`); a
    municipal authority in the territory it governs (`Gmina X`, `Виконавчий комітет X …`)."""
    # each linked place's names as tokens, once for all of the document's organisations
    places = [
        (node, r, [tokens(n) for n in [r.unit.name, *_names(g, node)]])
        for node, r in results.items()
    ]
    for org in sorted(
        o for o in set(g.subjects(RDF.type, COOP.Organisation)) if isinstance(o, URIRef)
    ):
        label = name = str(g.value(org, RDFS.label) or "")
        kind = str(g.value(org, ORG.classification) or "")
        seat = SEAT.search(name)
        if seat:
            name = seat.group(1)
        elif kind.endswith(
            ("association_of_municipalities", "ngo", "foundation", "school")
        ) or not (MUNICIPAL.search(name) or kind.endswith(("municipality", "county", "region"))):
            continue
        words = tokens(name)
        best = None
        for node, r, place_tokens in places:
            for pt in place_tokens:
                for i in range(len(words) - len(pt) + 1):
                    score = name_match(words[i : i + len(pt)], pt)
                    if score and (best is None or score > best[0]):
                        best = (score, node, r)
        if best is None:
            continue
        _, node, r = best
        g.add((org, COOP.basedIn, node))
        if g.value(org, COOP.country) is None:
            g.add((org, COOP.country, Minter().country(r.unit.country)))
        report.organisations.append((document, label, f"based in {r.unit.name}"))
    for org in sorted(
        o for o in set(g.subjects(RDF.type, COOP.Organisation)) if isinstance(o, URIRef)
    ):
        if g.value(org, COOP.country) is None:
            name = str(g.value(org, RDFS.label) or org)
            report.problems.append(
                (document, Problem(name, None, "organisation without a country"))
            )


COUNTRY_NAMES = {
    "PL": r"pol(?:and|sko|ska|ská|ska|sk)|polsk|poľsk|польщ",
    "CZ": r"czech|česk|cesk|česko|czesk|чех|чесь",
    "SK": r"slovak|slovensk|słowac|slovaki|словач",
    "UA": r"ukrain|україн|ukrajin",
    "BY": r"belarus|białoru|білорус",
    "LT": r"lithuan|litw|litv|литв",
    "DE": r"german|deutschland|niemc|německ|sachsen|saxony|brandenburg|bayern|bavaria|mecklenburg",
}


def programme_countries(label: str) -> set[str]:
    low = label.lower()
    return {code for code, pattern in COUNTRY_NAMES.items() if re.search(pattern, low)}


@cache
def _cross_border_programmes(file: str) -> list[tuple[dict[str, str], frozenset[str]]]:
    """The cross-border (TC16) programmes of a CCI list with their countries, read once."""
    from ..registries.snapshots import read_rows

    return [
        (row, frozenset(programme_countries(row["programme_title"])))
        for row in read_rows(file)
        if "TC16" in row["cci"]
    ]


def _link_programmes(g: GraphLike, ix: LinkIndex, report: LinkReport, document: str) -> None:
    for prog in sorted(
        p for p in set(g.subjects(RDF.type, COOP.Programme)) if isinstance(p, URIRef)
    ):
        label = str(g.value(prog, RDFS.label) or "")
        countries = programme_countries(label)
        if len(countries) < 2 or not re.search(
            r"interreg|cross-border|transgranicz|přeshranič|cezhranič|"
            r"транскордон|spolupráce|współprac",
            label,
            re.I,
        ):
            continue
        years = re.findall(r"(20\d\d)", label)
        period = (
            "2021-2027"
            if "2021" in years
            else "2014-2020"
            if ("2014" in years or "V-A" in label.upper())
            else None
        )
        if period is None:
            continue
        matches = []
        files = (
            ["eu_programmes_cci_2014_2020.csv"]
            if period == "2014-2020"
            else ["eu_programmes_cci_2021_2027_verified_partial.csv"]
        )
        for f in files:
            for row, row_countries in _cross_border_programmes(f):
                if row_countries == countries:
                    matches.append(row)
        if len(matches) == 1:
            row = matches[0]
            g.set((prog, SKOS.notation, Literal(row["cci"])))
            g.set((prog, COOP.period, Literal(row.get("period") or period)))
            report.programmes.append(
                (document, label, f"CCI {row['cci']} {row['programme_title']}")
            )
