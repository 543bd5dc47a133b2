"""Organisations: a municipality or county office is linked to the territory it governs,
and an organisation to the country of its seat."""

from __future__ import annotations

import re

from rdflib import URIRef

from ..iris import Minter
from ..names import name_match, tokens
from ..vocab import COOP, ORG
from ..vocab import T_RDF as RDF
from ..vocab import T_RDFS as RDFS
from .units import GraphLike, LinkReport, Problem, Resolution, territory_names

MUNICIPAL = re.compile(
    r"gmin|miast|město|města|obec|obce|mesto|місто|міськ|сільськ|селищн|city|town|"
    r"municipality|powiat|poviat|raion|район|okres|county",
    re.I,
)


SEAT = re.compile(
    r"(?:z siedzibą w|se sídlem v|so sídlom v|з місцезнаходженням у|based in)\s+(.+)$", re.I
)


def link_organisations(
    g: GraphLike,
    results: dict[URIRef, Resolution],
    report: LinkReport,
    document: str,
    minter: Minter,
) -> None:
    """An organisation is based in the seat its name gives (`z siedzibą w Rybniku`); a
    municipal authority in the territory it governs (`Gmina X`, `Виконавчий комітет X …`)."""
    # each linked place's names as tokens, once for all of the document's organisations
    places = [
        (node, r, [tokens(n) for n in [r.unit.name, *territory_names(g, node)]])
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
            g.add((org, COOP.country, minter.country(r.unit.country)))
        report.organisations.append((document, label, f"based in {r.unit.name}"))
    for org in sorted(
        o for o in set(g.subjects(RDF.type, COOP.Organisation)) if isinstance(o, URIRef)
    ):
        if g.value(org, COOP.country) is None:
            name = str(g.value(org, RDFS.label) or org)
            report.problems.append(
                (document, Problem(name, None, "organisation without a country"))
            )
