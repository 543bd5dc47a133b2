"""A gazetteer of territories built from the registry snapshots, with inflection-tolerant lookup.

Every territory of the snapshots (GeoNames populated places, Polish TERYT
units, Czech RÚIAN municipalities and city districts, Ukrainian KATOTTH units,
ISO 3166-2 regions, GeoNames and NUTS for the rest of Europe) becomes a `Place`
with its level, country, codes and the key of the unit that contains it; Who's On
First adds the names of regions and counties in the neighbours' languages and the
Ukrainian raions abolished in 2020. Names are indexed by their folded tokens; a
lookup compares an (inflected) text span with the indexed names token by token
(see `names.py`). The index is built once and cached beside the snapshots.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache

from ..names import name_match, tokens, uk_to_latin
from . import europe
from . import snapshots as registries

log = logging.getLogger(__name__)

CACHE_VERSION = 10
# names are bucketed by the first letters of their first token: an inflected form
# shares at least four letters with its name (see names.token_match)
KEY = 4

# Adjectival endings of county/region names (pl, uk, and their Latin transliteration):
# "Stryi Raion" names the raion "Стрийський" (Stryiskyi), "powiat myśliborski" the powiat.
_ADJ_END = re.compile(
    r"(sk|ck|dzk|zk|ck)(i|y|a|e|ie|yi|ij)$|(ськ|цьк|зьк)(ий|а|е)$|(ský|cký|ská|cká)$"
)


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    country: str
    level: str  # country, region, county, municipality, locality, city_district
    population: int = 0
    lat: float | None = None
    lon: float | None = None
    geonames: int | None = None
    parent: str | None = None
    codes: tuple[tuple[str, str], ...] = ()  # (scheme, code): teryt, lau, nuts, ruian, katotth, iso

    def code(self, scheme: str) -> str | None:
        return dict(self.codes).get(scheme)


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    # first folded token → [(name tokens, place key, needs_cue, the name as written)]
    index: dict[str, list[tuple[tuple[str, ...], str, bool, str]]] = field(default_factory=dict)

    def add(self, place: Place, names: list[str], cue_only: tuple[str, ...] = ()) -> None:
        self.places[place.key] = place
        seen: set[tuple[str, ...]] = set()
        for name, needs_cue in [(n, False) for n in names] + [(n, True) for n in cue_only]:
            toks = tuple(tokens(name))
            if not toks or toks in seen or len(toks[0]) < 2:
                continue
            seen.add(toks)
            self.index.setdefault(toks[0][:KEY], []).append((toks, place.key, needs_cue, name))

    def lookup(
        self,
        text: str,
        *,
        cued: bool = False,
        countries: set[str] | None = None,
        levels: set[str] | None = None,
    ) -> list[tuple[int, Place]]:
        """Places whose name `text` can be an inflected form of, best first.

        `cued` says a type word (powiat, raion, kraj…) stood beside the name, which
        admits the bare adjectival forms of counties and regions.
        """
        return [
            (score, place)
            for score, place, _ in self.lookup_named(
                text, cued=cued, countries=countries, levels=levels
            )
        ]

    def lookup_named(
        self,
        text: str,
        *,
        cued: bool = False,
        countries: set[str] | None = None,
        levels: set[str] | None = None,
    ) -> list[tuple[int, Place, str]]:
        """As `lookup`, with the name of each place that `text` matched, as the snapshot
        writes it (`Obwód lwowski` for `obwodzie lwowskim`, `Lwów` for `Lwowa`)."""
        toks = tokens(text)
        if not toks:
            return []
        found: dict[str, tuple[int, str]] = {}
        for name_toks, key, needs_cue, written in self.index.get(toks[0][:KEY], ()):
            if needs_cue and not cued:
                continue
            score = name_match(toks, list(name_toks))
            if score and score > found.get(key, (0, ""))[0]:
                found[key] = (score, written)
        out = []
        for key, (score, written) in found.items():
            place = self.places[key]
            if countries and place.country not in countries:
                continue
            if levels and place.level not in levels:
                continue
            out.append((score, place, written))
        out.sort(
            key=lambda sp: (-sp[0], _LEVEL_RANK.get(sp[1].level, 9), -sp[1].population, sp[1].key)
        )
        return out


_LEVEL_RANK = {
    "municipality": 0,
    "locality": 1,
    "city_district": 2,
    "county": 3,
    "region": 4,
    "country": 5,
}


def _adj_stem(name: str) -> str | None:
    m = _ADJ_END.search(name.lower())
    return name[: m.start()] if m and m.start() >= 3 else None


_ANY_SCRIPT = re.compile(r"[\w\s'’.-]+")


def _add_town(
    g: Gazetteer, row: dict[str, str], alternates: list[str], script: re.Pattern[str]
) -> None:
    """A GeoNames populated place with its alternate names in `script` (without codes,
    bracketed notes and short forms)."""
    gid = int(row["geonameid"])
    alts = [
        a
        for a in alternates
        if len(a) >= 3 and not re.search(r"[0-9()]", a) and script.fullmatch(a)
    ]
    place = Place(
        key=f"gn:{gid}",
        name=row["name"],
        country=row["countrycode"],
        level="locality",
        population=int(row["population"] or 0),
        lat=float(row["latitude"]),
        lon=float(row["longitude"]),
        geonames=gid,
        codes=(("geonames_admin1", f"{row['countrycode']}.{row['admin1code']}"),),
    )
    g.add(place, [row["name"], *alts])


def _load_geonames(g: Gazetteer) -> None:
    for row in registries.read_rows("geonames_cities500_pl_cz_sk_ua_lt_de_by.csv"):
        _add_town(g, row, row["alternatenames"].split("|"), _ANY_SCRIPT)


def _load_teryt(g: Gazetteer) -> None:
    nuts = {r["teryt_gmina"]: r for r in registries.read_rows("pl_gmina_teryt_to_nuts2021.csv")}
    for row in registries.read_rows("pl_teryt_terc_2024-01-01.csv"):
        code, name, kind = row["teryt_code"], row["NAZWA"], row["NAZWA_DOD"]
        if len(code) == 2:
            region = name.lower()
            place = Place(
                f"teryt:{code}",
                f"województwo {region}",
                "PL",
                "region",
                codes=(("teryt", code), ("iso", f"PL-{code}")),
                parent="country:PL",
            )
            g.add(
                place,
                [f"województwo {region}", f"woj. {region}", f"{region} voivodeship"],
                cue_only=(region,),
            )
        elif len(code) == 4:
            if "powiat" in kind and "miasto" not in kind:
                place = Place(
                    f"teryt:{code}",
                    f"powiat {name}",
                    "PL",
                    "county",
                    codes=(("teryt", code),),
                    parent=f"teryt:{code[:2]}",
                )
                stem = _adj_stem(name)
                g.add(
                    place,
                    [f"powiat {name}", f"{name} poviat", f"{name} county"],
                    cue_only=(name, *([stem] if stem else [])),
                )
            else:  # a city with powiat rights: the city itself is the gmina below
                place = Place(
                    f"teryt:{code}",
                    name,
                    "PL",
                    "county",
                    codes=(("teryt", code),),
                    parent=f"teryt:{code[:2]}",
                )
                g.add(place, [], cue_only=(name,))
        elif row["RODZ"] in ("1", "2", "3"):
            link = nuts.get(code, {})
            codes = [("teryt", code)]
            if link.get("gisco_lau_id_2020"):
                codes.append(("lau", link["gisco_lau_id_2020"]))
            if link.get("nuts3_2021"):
                codes.append(("nuts3", link["nuts3_2021"]))
            place = Place(
                f"teryt:{code}",
                name,
                "PL",
                "municipality",
                codes=tuple(codes),
                parent=f"teryt:{code[:4]}",
            )
            g.add(place, [name, f"gmina {name}"])


def _load_czech(g: Gazetteer) -> None:
    regions: dict[str, str] = {}
    counties: dict[str, tuple[str, str]] = {}
    for row in registries.read_rows("cz_obce_ruian_2021_with_nuts2021.csv"):
        regions[row["kod_kraje"]] = row["nazev_kraje"]
        counties[row["kod_okresu"]] = (row["nazev_okresu"], row["kod_kraje"])
        place = Place(
            f"ruian:{row['kod_obce']}",
            row["nazev_obce"],
            "CZ",
            "municipality",
            codes=(
                ("ruian", row["kod_obce"]),
                ("lau", row["kod_obce"]),
                ("nuts3", row["lau_nuts3_2021"]),
            ),
            parent=f"ruian-okres:{row['kod_okresu']}",
        )
        g.add(place, [row["nazev_obce"], f"obec {row['nazev_obce']}", f"město {row['nazev_obce']}"])
    for code, name in regions.items():
        full = name if name.startswith("Hlavní") else f"{name} kraj"
        g.add(
            Place(
                f"ruian-kraj:{code}",
                full,
                "CZ",
                "region",
                codes=(("ruian", code),),
                parent="country:CZ",
            ),
            [full, f"kraj {name}"],
            cue_only=(name,),
        )
    for code, (name, region) in counties.items():
        g.add(
            Place(
                f"ruian-okres:{code}",
                f"okres {name}",
                "CZ",
                "county",
                codes=(("ruian", code),),
                parent=f"ruian-kraj:{region}",
            ),
            [f"okres {name}", f"okr. {name}"],
            cue_only=(name,),
        )
    for row in registries.read_rows("cz_momc_city_districts_ruian_2021.csv"):
        g.add(
            Place(
                f"ruian-momc:{row['kod_momc']}",
                row["nazev_momc"],
                "CZ",
                "city_district",
                codes=(("ruian", row["kod_momc"]),),
                parent=f"ruian:{row['kod_obce']}",
            ),
            [row["nazev_momc"], f"městský obvod {row['nazev_momc']}"],
        )


def _load_ukraine(g: Gazetteer) -> None:
    for row in registries.read_rows("ua_katottg_codifier.csv"):
        category, name, code = row["category"], row["name_uk"], row["code"]
        levels = [row[k] for k in ("level1", "level2", "level3", "level4") if row[k]]
        parent = f"katotth:{levels[-2]}" if len(levels) > 1 else "country:UA"
        latin = uk_to_latin(name)
        if category == "O":
            full = name if " " in name else f"{name} область"
            g.add(
                Place(
                    f"katotth:{code}",
                    full,
                    "UA",
                    "region",
                    codes=(("katotth", code),),
                    parent=parent,
                ),
                [full, f"{latin} oblast"],
                cue_only=(name, latin),
            )
        elif category == "P":
            stem, lstem = _adj_stem(name), _adj_stem(latin)
            g.add(
                Place(
                    f"katotth:{code}",
                    f"{name} район",
                    "UA",
                    "county",
                    codes=(("katotth", code),),
                    parent=parent,
                ),
                [
                    f"{name} район",
                    f"{latin} raion",
                    f"{latin} district",
                    *([f"{lstem} raion", f"{lstem} district"] if lstem else []),
                ],
                cue_only=tuple(x for x in (name, latin, stem, lstem) if x),
            )
        elif category in ("M", "K"):
            g.add(
                Place(
                    f"katotth:{code}",
                    name,
                    "UA",
                    "locality",
                    codes=(("katotth", code),),
                    parent=parent,
                ),
                [name, f"місто {name}", f"м. {name}"],
            )
        elif category == "B":
            g.add(
                Place(
                    f"katotth:{code}",
                    name,
                    "UA",
                    "city_district",
                    codes=(("katotth", code),),
                    parent=parent,
                ),
                [],
                cue_only=(name,),
            )


def _load_iso_regions(g: Gazetteer) -> None:
    for row in registries.read_rows("iso3166_2_subdivisions_pl_cz_sk_ua_lt_de_by.csv"):
        if row["parent_code"] or row["country"] in ("PL", "UA", "CZ"):
            # PL, UA and CZ regions come from TERYT, KATOTTH and RÚIAN; districts are not regions
            continue
        others = [
            o.rsplit(" (", 1)[0] for o in row["local_other_name_iso3166_2pkg"].split(", ") if o
        ]
        g.add(
            Place(
                f"iso:{row['code']}",
                row["name"],
                row["country"],
                "region",
                codes=(("iso", row["code"]),),
                parent=f"country:{row['country']}",
            ),
            [row["name"], *[f"{o} region" for o in others]],
        )


def _load_slovak_counties(g: Gazetteer) -> None:
    for row in registries.read_rows("geonames_admin2_codes_pl_cz_sk_ua_lt_de_by.csv"):
        if row["code"].startswith("SK.") and row["name"].startswith("Okres "):
            name = row["name"][len("Okres ") :]
            g.add(
                Place(
                    f"gn-admin2:{row['code']}",
                    row["name"].replace("Okres", "okres"),
                    "SK",
                    "county",
                    geonames=int(row["geonameid"]),
                ),
                [f"okres {name}", f"okr. {name}"],
                cue_only=(name,),
            )


def _load_slovak_municipalities(g: Gazetteer) -> None:
    for row in registries.read_rows("lau2020_nuts2021_pl_cz_sk_lt_de.csv"):
        if row["country"] != "SK":
            continue
        g.add(
            Place(
                f"lau:{row['gisco_id']}",
                row["lau_name"],
                "SK",
                "municipality",
                population=int(float(row["population"] or 0)),
                lat=float(row["latitude"]),
                lon=float(row["longitude"]),
                codes=(("lau", row["lau_id"]), ("nuts3", row["nuts_3"])),
            ),
            [row["lau_name"], f"obec {row['lau_name']}"],
        )


# alternate names in the scripts of the pages: Latin (with its diacritics) and Cyrillic
_LATIN_OR_CYRILLIC = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff\s'’.-]+")
# NUTS labels write Greece and the United Kingdom as EL and UK
_NUTS_COUNTRY = {"EL": "GR", "UK": "GB"}


def _load_europe(g: Gazetteer) -> None:
    """Towns (GeoNames cities1000) and NUTS regions of Europe outside the home countries."""
    for row in europe.cities():
        _add_town(g, row, row["alternatenames"], _LATIN_OR_CYRILLIC)
    for row in registries.read_rows("nuts_2021_2024_eu.csv"):
        country = _NUTS_COUNTRY.get(row["country_code"], row["country_code"])
        code, level = row["code_2021"], row["nuts_level"]
        if country not in europe.COUNTRIES or level == "0" or not code or not row["label"]:
            continue
        names = [n.strip() for n in row["label"].split("/") if n.strip()]
        g.add(
            Place(
                f"nuts:{code}",
                names[0],
                country,
                "county" if level == "3" else "region",
                codes=((f"nuts{level}", code),),
                parent=f"nuts:{code[:-1]}" if level != "1" else f"country:{country}",
            ),
            names,
        )


# a name that carries its type word is a full name; a bare adjective (`Nowotarski`) or an
# English short form (`Donetsk`) names the unit only beside a type word
_TYPE_WORD = re.compile(
    r"(?i)(?<!\w)(?:obw[oó]d|oblast|област|kraj|край|vojvodstv|voivodeship|"
    r"województw|воєводств|okręg|okres|powiat|повіт|район|raion|county|district|region|"
    r"apskrit|vaivadij)\w*"
)
_WOF_LEVELS = {"region": "region", "county": "county"}
_WOF_NAMES = ("name_pol", "name_ces", "name_slk", "name_ukr", "name_eng")


def _load_wof(g: Gazetteer) -> None:
    """The names Who's On First gives regions and counties in the corpus languages
    (`Obwód lwowski`, `Slezské vojvodství`, `Пряшівський край`), added to the unit the
    other snapshots hold; Ukrainian raions abolished in 2020, which older pages name
    (`Старосамбірський район`), become units of their own."""
    for row in registries.read_rows("wof_places_with_wikidata_pl_cz_ua_sk_lt.csv"):
        level = _WOF_LEVELS.get(row["placetype"])
        if level is None:
            continue
        country = row["country"]
        names = list(dict.fromkeys(n for k in _WOF_NAMES if (n := row[k].strip())))
        if country == "UA" and level == "county":
            names = [f"{n} район" if re.fullmatch(r"[\w'’-]+", n) else n for n in names]
        place = _wof_unit(g, row, level, names)
        if place is None:
            if not (country == "UA" and level == "county" and row["name_ukr"]):
                continue
            place = Place(
                f"wof:{row['wof_id']}",
                f"{row['name_ukr']} район",
                "UA",
                "county",
                lat=float(row["latitude"]) if row["latitude"] else None,
                lon=float(row["longitude"]) if row["longitude"] else None,
            )
        full = [n for n in names if _TYPE_WORD.search(n)]
        g.add(place, full, cue_only=tuple(n for n in names if n not in full))


def _wof_unit(g: Gazetteer, row: dict[str, str], level: str, names: list[str]) -> Place | None:
    """The unit of the other snapshots a Who's On First row describes: by its TERYT or
    ISO code, else by one of its names read exactly, in its country and at its level."""
    for key in (f"teryt:{row['teryt_pl_gugik']}", f"iso:{row['iso3166_2']}"):
        if key in g.places and g.places[key].level == level:
            return g.places[key]
    country = row["country"]
    for name in [*names, *(f"{n} kraj" for n in names if country == "CZ")]:
        exact = sum(len(t) + 1 for t in tokens(name))
        found = g.lookup(name, cued=True, countries={country}, levels={level})
        if found and found[0][0] >= exact:
            return found[0][1]
    return None


def build() -> Gazetteer:
    g = Gazetteer()
    _load_europe(g)
    _load_slovak_municipalities(g)
    _load_geonames(g)
    _load_teryt(g)
    _load_czech(g)
    _load_ukraine(g)
    _load_iso_regions(g)
    _load_slovak_counties(g)
    _load_wof(g)
    return g


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, from the cache when the snapshots have not changed."""
    return registries.cached(f"gazetteer-v{CACHE_VERSION}", Gazetteer, build)
