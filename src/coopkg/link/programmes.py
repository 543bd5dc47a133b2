"""Programmes: a cross-border programme's name → its CCI code and partner countries."""

from __future__ import annotations

import re
from functools import cache

from rdflib import Literal, URIRef

from ..registries.index import LinkIndex
from ..vocab import COOP
from ..vocab import T_RDF as RDF
from ..vocab import T_RDFS as RDFS
from ..vocab import T_SKOS as SKOS
from .units import GraphLike, LinkReport

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


def link_programmes(g: GraphLike, ix: LinkIndex, report: LinkReport, document: str) -> None:
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
