"""What linking produces: registry units with their codes, resolutions, problems and the
report of a run; the NUTS and country rungs every ladder ends in."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from ..convert.docgraph import DocGraph
from ..registries.index import LinkIndex
from ..vocab import COOP
from ..vocab import T_RDFS as RDFS
from ..vocab import T_SKOS as SKOS

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


def country_unit(code: str) -> Unit:
    from ..countries import country_name

    return Unit(
        f"country:{code}",
        country_name(code),
        "country",
        code,
        {"iso": code, "nuts": code} if code in ("PL", "CZ", "SK", "LT", "DE") else {"iso": code},
    )


def nuts_units(ix: LinkIndex, nuts3: str, country: str) -> list[Unit]:
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


def region_qid(ix: LinkIndex, iso: str) -> list[str]:
    """A region's QID when two sources (WOF and protomaps) name the same one."""
    qids = ix.region_qids.get(iso, [])
    return [WIKIDATA.format(qids[0])] if len(qids) >= 2 and len(set(qids)) == 1 else []


def territory_names(g: GraphLike, node: URIRef) -> list[str]:
    labels = [str(o) for o in g.objects(node, RDFS.label)]
    return labels + sorted(str(o) for o in g.objects(node, SKOS.altLabel))
