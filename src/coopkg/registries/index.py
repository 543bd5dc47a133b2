"""Joins between the registry snapshots that linking needs, built once and cached.

The gazetteer finds a territory by name; this index says what else is known of
it: the TERYT gmina of a GeoNames town (through Who's On First concordances or
the nearest LAU centre), a gmina's LAU and NUTS 3 codes and its powiat and
voivodeship, a Czech municipality's okres and kraj, a Ukrainian city's hromada,
raion and oblast, and Wikidata QIDs with the code they were checked against.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

from . import snapshots as registries


@dataclass
class LinkIndex:
    wof_by_geonames: dict[int, tuple[str, str, str]] = field(
        default_factory=dict
    )  # qid, teryt, type
    wikidata_by_geonames: dict[int, str] = field(default_factory=dict)  # from the refreshed slice
    lau: dict[str, tuple[str, str, str, float, float]] = field(
        default_factory=dict
    )  # id → name, nuts3, country, lon, lat
    pl_gmina: dict[str, dict[str, str]] = field(default_factory=dict)  # teryt7 → row
    pl_units: dict[str, str] = field(default_factory=dict)  # teryt 2/4 → name
    cz_obec: dict[str, dict[str, str]] = field(default_factory=dict)
    cz_momc: dict[str, tuple[str, str]] = field(default_factory=dict)  # momc → name, obec
    ua: dict[str, tuple[str, str, str]] = field(
        default_factory=dict
    )  # code → category, name, parent
    iso_by_name: dict[tuple[str, str], str] = field(
        default_factory=dict
    )  # (country, folded name) → code
    iso_name: dict[str, str] = field(default_factory=dict)
    nuts_label: dict[str, str] = field(default_factory=dict)
    region_qids: dict[str, list[str]] = field(default_factory=dict)  # ISO code → QIDs by source
    gmina_centres: dict[str, tuple[float, float]] = field(default_factory=dict)  # teryt7 → lon, lat
    # name indexes, so that a lookup never scans a whole register
    gmina_by_name: dict[str, list[str]] = field(default_factory=dict)  # folded name → teryt7
    lau_by_name: dict[tuple[str, str], list[str]] = field(
        default_factory=dict
    )  # (country, name) → ids
    ua_city_by_latin: dict[str, list[str]] = field(default_factory=dict)  # romanised name → codes


def _f(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def build() -> LinkIndex:
    from ..names import fold

    ix = LinkIndex()
    for row in registries.read_rows("wof_places_with_wikidata_pl_cz_ua_sk_lt.csv"):
        if row["geonames"] and row["placetype"] in ("locality", "localadmin"):
            gid = int(row["geonames"])
            if gid not in ix.wof_by_geonames or row["placetype"] == "locality":
                ix.wof_by_geonames[gid] = (row["wikidata"], row["teryt_pl_gugik"], row["placetype"])
        if row["placetype"] == "region" and row["iso3166_2"] and row["wikidata"]:
            ix.region_qids.setdefault(row["iso3166_2"], []).append(row["wikidata"])
    for row in registries.read_rows("wikidata_regions_protomaps_pl_de_ua.csv"):
        if not row["caveat"]:
            ix.region_qids.setdefault(row["iso3166_2_code_as_in_source"], []).append(
                row["wikidata_qid"]
            )
    for row in registries.read_rows("lau2020_nuts2021_pl_cz_sk_lt_de.csv"):
        lon, lat = _f(row["longitude"]), _f(row["latitude"])
        if lon is not None and lat is not None:
            ix.lau[row["lau_id"]] = (row["lau_name"], row["nuts_3"], row["country"], lon, lat)
    for row in registries.read_rows("pl_gmina_teryt_to_nuts2021.csv"):
        ix.pl_gmina[row["teryt_gmina"]] = row
        centre = ix.lau.get(row["gisco_lau_id_2020"])
        if centre:
            ix.gmina_centres[row["teryt_gmina"]] = (centre[3], centre[4])
    for row in registries.read_rows("pl_teryt_terc_2024-01-01.csv"):
        if len(row["teryt_code"]) in (2, 4):
            ix.pl_units[row["teryt_code"]] = row["NAZWA"]
    for row in registries.read_rows("cz_obce_ruian_2021_with_nuts2021.csv"):
        ix.cz_obec[row["kod_obce"]] = row
    for row in registries.read_rows("cz_momc_city_districts_ruian_2021.csv"):
        ix.cz_momc[row["kod_momc"]] = (row["nazev_momc"], row["kod_obce"])
    for row in registries.read_rows("ua_katottg_codifier.csv"):
        levels = [row[k] for k in ("level1", "level2", "level3", "level4") if row[k]]
        parent = levels[-2] if len(levels) > 1 else ""
        ix.ua[row["code"]] = (row["category"], row["name_uk"], parent)
    for row in registries.read_rows("iso3166_2_subdivisions_pl_cz_sk_ua_lt_de_by.csv"):
        ix.iso_name[row["code"]] = row["name"]
        ix.iso_by_name[(row["country"], fold(row["name"]))] = row["code"]
        for other in row["local_other_name_iso3166_2pkg"].split(", "):
            if other:
                ix.iso_by_name.setdefault(
                    (row["country"], fold(other.rsplit(" (", 1)[0])), row["code"]
                )
    for row in registries.read_rows("nuts_2021_2024_eu.csv"):
        code = row["code_2021"] or row["code_2024"]
        if code and row["label"]:
            ix.nuts_label[code] = row["label"]
    from ..names import uk_to_latin

    for teryt, row in ix.pl_gmina.items():
        ix.gmina_by_name.setdefault(fold(row["gmina_name"]), []).append(teryt)
    for lau_id, (name, _, country, _, _) in ix.lau.items():
        ix.lau_by_name.setdefault((country, fold(name)), []).append(lau_id)
    for code, (category, name, _) in ix.ua.items():
        if category in ("M", "K"):
            ix.ua_city_by_latin.setdefault(fold(uk_to_latin(name)).replace("'", ""), []).append(
                code
            )
    slice_path = registries.registry_dir() / "wikidata_places.csv"
    if slice_path.exists():
        for row in registries.read_rows("wikidata_places.csv"):
            if row.get("geonames"):
                ix.wikidata_by_geonames[int(row["geonames"])] = row["qid"]
    return ix


@cache
def link_index() -> LinkIndex:
    return registries.cached(f"links-v3-{_slice_stamp()}", LinkIndex, build)


def _slice_stamp() -> str:
    import hashlib

    path = registries.registry_dir() / "wikidata_places.csv"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.exists() else "none"


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))
