"""The ontology documents every term in four languages and covers what the converter emits."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from coopkg.ontology_docs import ontology_doc, ontology_graph
from coopkg.vocab import COOP

from .conftest import ROOT

LANGUAGES = {"en", "pl", "uk", "cs"}
EURIO = "http://data.europa.eu/s66#"
SCHEMA = "http://schema.org/"
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme)


def terms() -> list[URIRef]:
    g = ontology_graph()
    return sorted({s for t in TERM_TYPES for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)})


@pytest.mark.parametrize("term", terms(), ids=lambda t: t.split("#")[-1])
def test_every_term_has_labels_in_four_languages_and_a_definition(term: URIRef) -> None:
    g = ontology_graph()
    languages = {o.language for o in g.objects(term, RDFS.label) if isinstance(o, Literal)}
    assert languages >= LANGUAGES, f"{term}: labels only in {languages}"
    assert any(
        isinstance(o, Literal) and o.language == "en" for o in g.objects(term, SKOS.definition)
    )


def test_ontology_header() -> None:
    g = ontology_graph()
    onto = URIRef("https://w3id.org/coopkg/ontology")
    for p in (
        OWL.versionIRI,
        OWL.versionInfo,
        URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix"),
        URIRef("http://purl.org/dc/terms/license"),
    ):
        assert g.value(onto, p) is not None, p


def test_classes_are_aligned_to_eurio_and_schema_org() -> None:
    g = ontology_graph()
    matches = {str(o) for o in g.objects(None, SKOS.closeMatch)}
    assert any(m.startswith(EURIO) for m in matches)
    assert any(m.startswith(SCHEMA) for m in matches)
    for cls in (COOP.Project, COOP.Organisation, COOP.Programme):
        targets = {str(o) for o in g.objects(cls, SKOS.closeMatch)}
        assert any(t.startswith(EURIO) for t in targets) and any(
            t.startswith(SCHEMA) for t in targets
        )


def test_every_coop_term_in_the_generated_data_is_defined() -> None:
    g = ontology_graph()
    ds = Dataset()
    for f in sorted((ROOT / "data" / "rdf").glob("*.nq")):
        ds.parse(f, format="nquads")
    used = {
        n
        for q in ds.quads()
        for n in q[:3]
        if isinstance(n, URIRef) and str(n).startswith(str(COOP))
    }
    undefined = sorted(str(u) for u in used if (u, RDF.type, None) not in g)
    assert not undefined


def test_documentation_lists_every_term() -> None:
    doc = ontology_doc()
    documented = {t.iri for t in doc.classes + doc.object_properties + doc.datatype_properties}
    documented |= {s.term.iri for s in doc.schemes} | {
        c.iri for s in doc.schemes for c in s.concepts
    }
    assert documented == {str(t) for t in terms()}


def test_ontology_file_is_where_the_docs_say() -> None:
    assert (ROOT / "ontology" / "coop.ttl").is_file()
    assert Path(ROOT / "shapes").is_dir()
