"""Namespaces used across coopkg, declared once."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD


class Terms(Namespace):
    """A namespace whose terms are made once: rdflib builds a new URIRef on every
    attribute access (about 4 µs), and conversion asks for terms ~300 times a document."""

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):  # copy, pickle and friends probe for dunder methods
            raise AttributeError(name)
        term = self.term(name)
        object.__setattr__(self, name, term)
        return term


COOP = Terms("https://w3id.org/coopkg/ontology#")
SCHEMA = Terms("http://schema.org/")
ORG = Terms("http://www.w3.org/ns/org#")
GEO = Terms("http://www.opengis.net/ont/geosparql#")
OA = Terms("http://www.w3.org/ns/oa#")
# the standard vocabularies conversion and linking use most, with the same cache
T_RDF = Terms(str(RDF))
T_RDFS = Terms(str(RDFS))
T_SKOS = Terms(str(SKOS))
T_DCTERMS = Terms(str(DCTERMS))
T_PROV = Terms(str(PROV))
T_XSD = Terms(str(XSD))
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VANN = Namespace("http://purl.org/vocab/vann/")
SH = Namespace("http://www.w3.org/ns/shacl#")

ONTOLOGY_IRI = "https://w3id.org/coopkg/ontology"
# The graph holding what the registries alone say about the territories documents cite
# (their codes, names and hierarchy): stated once there, not again in every document.
REGISTRY_GRAPH = "https://w3id.org/coopkg/registry"

PREFIXES: dict[str, str] = {
    "coop": str(COOP),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "geo": str(GEO),
    "oa": str(OA),
    "void": str(VOID),
    "dcat": str(DCAT),
    "sd": str(SD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "sh": str(SH),
}

# Record-format codes → SKOS concepts in the ontology namespace.
ROLE_CODES = ("lead", "partner", "associated", "manager", "funder", "other")
FUND_CODES = (
    "ERDF",
    "ESF",
    "ENPI",
    "ENI",
    "IPA",
    "EAFRD",
    "CF",
    "EEA",
    "NORWAY",
    "NATIONAL",
    "OTHER",
)
AMOUNT_KINDS = ("total", "eligible", "eu_contribution", "partner_share", "other")
OUTCOME_UNITS = ("person", "organisation", "institution", "event", "agreement", "document", "other")
OUTCOME_STATUSES = ("achieved", "planned")
DATE_PRECISIONS = ("year", "month", "day")


def role_concept(code: str) -> str:
    return f"{COOP}role-{code}"


def fund_concept(code: str) -> str:
    return f"{COOP}fund-{code}"


def unit_concept(code: str) -> str:
    return f"{COOP}unit-{code}"


def status_concept(code: str) -> str:
    return f"{COOP}{code.capitalize()}"


def precision_concept(code: str) -> str:
    return f"{COOP}precision-{code}"


def level_concept(code: str) -> str:
    return f"{COOP}level-{code}"


def orgtype_concept(code: str) -> str:
    return f"{COOP}orgtype-{code}"


# Amount kinds map to the property that links a project to the amount.
AMOUNT_PROPERTY = {
    "total": COOP.totalBudget,
    "eligible": COOP.eligibleCost,
    "eu_contribution": COOP.euContribution,
    "partner_share": COOP.partnerShare,
    "other": COOP.otherAmount,
}
