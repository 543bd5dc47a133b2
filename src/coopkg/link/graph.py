"""Writing links into a document graph: `link_graph` resolves every territory of the graph,
then adds codes, identifiers and the containing territories (`geo:sfWithin`)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

from .. import vocab
from ..convert.docgraph import DocGraph
from ..iris import Minter
from ..terms import iri, literal
from ..vocab import COOP, GEO
from ..vocab import T_RDF as RDF
from ..vocab import T_RDFS as RDFS
from ..vocab import T_SKOS as SKOS
from ..vocab import T_XSD as XSD
from .linker import Linker
from .organisations import link_organisations
from .programmes import link_programmes
from .units import (
    CODE_PROPERTY,
    GEONAMES,
    WIKIDATA,
    GraphLike,
    LinkReport,
    Problem,
    Resolution,
    Unit,
    territory_names,
)


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
            and (lies_within(levels[i], levels[j]) or (i == 0 and whole_region_in(r, j)))
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


def whole_region_in(r: Resolution, j: int) -> bool:
    """Whether the resolved unit is a region and chain member `j` (ancestor j-1) a NUTS 2
    unit found for the region as a whole: the linker names one only when every
    municipality of the region lies in it (so Mazowieckie, across two, gets none)."""
    return r.unit.level == "region" and j > 0 and r.ancestors[j - 1].level == "nuts2"


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
        names = territory_names(g, node)
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
    link_organisations(g, results, report, document, minter)
    link_programmes(g, linker.ix, report, document)
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
    names = territory_names(g, node)
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
