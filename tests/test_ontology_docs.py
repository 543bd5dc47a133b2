"""ontology_docs: the ontology's own documentation, built from the Turtle."""

from __future__ import annotations

from rdflib import Graph

from coopkg.ontology_docs import build_doc, curie, ontology_doc

TINY = """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix coop: <https://w3id.org/coopkg/ontology#> .
<https://w3id.org/coopkg/ontology> a owl:Ontology ; rdfs:label "Tiny"@en , "Mała"@pl ;
    owl:versionInfo "0.1" .
coop:Thing a owl:Class ; rdfs:label "thing"@en , "rzecz"@pl ; skos:definition "A thing."@en .
coop:kinds a skos:ConceptScheme ; rdfs:label "kinds"@en .
coop:kind-a a skos:Concept ; skos:inScheme coop:kinds ; rdfs:label "a"@en .
"""


def test_curie() -> None:
    assert curie("https://w3id.org/coopkg/ontology#Project") == "coop:Project"
    assert curie("http://data.europa.eu/s66#Project") == "eurio:Project"
    assert curie("https://example.org/x") == "https://example.org/x"


def test_a_tiny_ontology_documented() -> None:
    doc = build_doc(Graph().parse(data=TINY, format="turtle"))
    assert (doc.title, doc.version) == ("Tiny", "0.1")
    (thing,) = doc.classes
    assert (thing.curie, thing.anchor, thing.definition) == ("coop:Thing", "Thing", "A thing.")
    assert thing.labels == {"en": "thing", "pl": "rzecz"}
    (scheme,) = doc.schemes
    assert [c.curie for c in scheme.concepts] == ["coop:kind-a"]


def test_the_real_ontology_documents_projects() -> None:
    doc = ontology_doc()
    assert "coop:Project" in {c.curie for c in doc.classes}
    assert doc.object_properties and doc.datatype_properties and doc.schemes
