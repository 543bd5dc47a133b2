"""Human-readable documentation of the ontology, built from ontology/coop.ttl itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from . import paths
from .vocab import PREFIXES

LANGUAGES = ("en", "pl", "uk", "cs")
EXTRA_PREFIXES = {"eurio": "http://data.europa.eu/s66#"}


def curie(iri: str) -> str:
    for prefix, ns in {**PREFIXES, **EXTRA_PREFIXES}.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


@dataclass
class Term:
    iri: str
    curie: str
    kind: str
    labels: dict[str, str]
    definition: str
    links: dict[str, list[str]] = field(default_factory=dict)  # relation → curies/IRIs

    @property
    def anchor(self) -> str:
        return self.curie.split(":", 1)[-1]


@dataclass
class Scheme:
    term: Term
    concepts: list[Term]


@dataclass
class OntologyDoc:
    iri: str
    title: str
    description: str
    version: str
    license: str
    classes: list[Term]
    object_properties: list[Term]
    datatype_properties: list[Term]
    schemes: list[Scheme]


def _labels(g: Graph, s: URIRef) -> dict[str, str]:
    out = {}
    for o in g.objects(s, RDFS.label):
        if isinstance(o, Literal) and o.language:
            out[o.language] = str(o)
    return {lang: out[lang] for lang in LANGUAGES if lang in out} | {
        k: v for k, v in out.items() if k not in LANGUAGES
    }


def _en(g: Graph, s: URIRef, p: URIRef) -> str:
    values = [o for o in g.objects(s, p) if isinstance(o, Literal)]
    for o in values:
        if o.language == "en":
            return str(o)
    return str(values[0]) if values else ""


def _term(g: Graph, s: URIRef, kind: str) -> Term:
    links: dict[str, list[str]] = {}
    for rel, p in (
        ("subclass of", RDFS.subClassOf),
        ("sub-property of", RDFS.subPropertyOf),
        ("domain", RDFS.domain),
        ("range", RDFS.range),
        ("close match", SKOS.closeMatch),
        ("notation", SKOS.notation),
    ):
        vals = sorted(curie(str(o)) for o in g.objects(s, p))
        if vals:
            links[rel] = vals
    return Term(str(s), curie(str(s)), kind, _labels(g, s), _en(g, s, SKOS.definition), links)


def build_doc(g: Graph) -> OntologyDoc:
    onto = next(g.subjects(RDF.type, OWL.Ontology))
    assert isinstance(onto, URIRef)

    def of_type(t: URIRef, kind: str) -> list[Term]:
        return sorted(
            (_term(g, s, kind) for s in set(g.subjects(RDF.type, t)) if isinstance(s, URIRef)),
            key=lambda x: x.curie,
        )

    schemes = []
    for scheme in of_type(SKOS.ConceptScheme, "concept scheme"):
        concepts = [
            _term(g, c, "concept")
            for c in g.subjects(SKOS.inScheme, URIRef(scheme.iri))
            if isinstance(c, URIRef)
        ]
        schemes.append(Scheme(scheme, sorted(concepts, key=lambda c: c.curie)))
    return OntologyDoc(
        iri=str(onto),
        title=_en(g, onto, RDFS.label),
        description=_en(g, onto, SKOS.definition),
        version=str(g.value(onto, OWL.versionInfo) or ""),
        license=str(g.value(onto, URIRef("http://purl.org/dc/terms/license")) or ""),
        classes=of_type(OWL.Class, "class"),
        object_properties=of_type(OWL.ObjectProperty, "object property"),
        datatype_properties=of_type(OWL.DatatypeProperty, "datatype property"),
        schemes=schemes,
    )


@cache
def ontology_graph(path: Path | None = None) -> Graph:
    return Graph().parse(path or paths.ontology_file(), format="turtle")


def ontology_doc() -> OntologyDoc:
    return build_doc(ontology_graph())
