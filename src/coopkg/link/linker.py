"""The `Linker`: a territory's names (and the country and places around it) → one registry
unit with its codes, GeoNames and Wikidata identifiers, or a `Problem` saying why not."""

from __future__ import annotations

import re
from dataclasses import replace

from ..names import fold, tokens
from ..registries.gazetteer import Place, gazetteer
from ..registries.index import distance_km, link_index
from .czechia import cz_obec
from .poland import pl_ancestors, pl_gmina, pl_region
from .slovakia import sk_lau
from .ukraine import ua_unit
from .units import NUTS, Problem, Resolution, Unit, country_unit, nuts_units

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
                [country_unit("CZ")],
            )
        elif scheme == "ruian-okres":
            expanded = (
                Unit(key, place.name, "county", "CZ", {"ruian": code}),
                [country_unit("CZ")],
            )
        elif scheme == "katotth":
            expanded = ua_unit(ix, code)
        elif scheme == "lau":
            expanded = sk_lau(ix, code.split("_", 1)[-1])
        elif scheme == "iso":
            expanded = (
                Unit(key, place.name, "region", place.country, {"iso": code}),
                [country_unit(place.country)],
            )
        if expanded is None:
            return None
        unit, ancestors = expanded
        r = Resolution(unit, ancestors)
        self._attach_geonames(r, place)
        return r

    def _powiat_nuts(self, powiat: str) -> list[Unit]:
        nuts3 = {r["nuts3_2021"] for t, r in self.ix.pl_gmina.items() if t[:4] == powiat}
        return nuts_units(self.ix, nuts3.pop(), "PL") if len(nuts3) == 1 else []

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
