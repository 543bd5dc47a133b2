"""Record → RDF: one named graph per source document.

`convert_record` is a pure function of the record and the source's metadata:
the same input always yields the same triples with the same IRIs, and no blank
nodes, so graphs can be diffed, validated one by one and reloaded safely.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from .. import classify, vocab
from ..countries import country_name
from ..iris import Minter, normalise
from ..records import Organisation, Project, Record, Spans
from ..terms import iri, literal
from ..vocab import COOP, GEO, OA, ORG, SCHEMA
from ..vocab import T_DCTERMS as DCTERMS
from ..vocab import T_PROV as PROV
from ..vocab import T_RDF as RDF
from ..vocab import T_RDFS as RDFS
from ..vocab import T_SKOS as SKOS
from ..vocab import T_XSD as XSD
from .docgraph import DocGraph


@dataclass(frozen=True)
class SourceInfo:
    """What conversion knows about the source document besides the record."""

    file: str
    text: str | None = None
    sha256: str | None = None
    url: str | None = None
    language: str | None = None


def graph_name(record: Record, minter: Minter) -> URIRef:
    """The named graph of a source document is the document's own IRI."""
    return minter.source(record.source.file)


def decimal(value: float | int) -> Literal:
    # repr of a float is its shortest round-tripping form: 833929.04, not 833929.0399…
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    return literal(d, str(XSD.decimal))


def date_bounds(text: str, *, end: bool) -> tuple[Literal, str]:
    """ISO date at year/month/day precision → full xsd:date and the precision code.

    A period's start is its first day and an end its last day, so that ranges
    compare correctly whatever precision the source gave.
    """
    parts = [int(p) for p in text.split("-")]
    precision = ("year", "month", "day")[len(parts) - 1]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if end else 1)
    last_day = calendar.monthrange(year, month)[1]
    day = parts[2] if len(parts) > 2 else (last_day if end else 1)
    return literal(f"{year:04d}-{month:02d}-{day:02d}", str(XSD.date)), precision


class _Builder:
    def __init__(self, record: Record, source: SourceInfo, minter: Minter) -> None:
        self.record = record
        self.info = source
        self.minter = minter
        self.source = minter.source(record.source.file)
        self.graph = DocGraph(self.source)
        self.lang = source.language or record.source.language or "und"
        self.countries: set[str] = set()

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.graph.add((s, p, o))

    def text(self, value: str) -> Literal:
        return Literal(value, lang=self.lang)

    # --- provenance --------------------------------------------------------

    def source_node(self) -> None:
        s, rec = self.source, self.record.source
        self.add(s, RDF.type, COOP.SourceDocument)
        self.add(s, RDF.type, PROV.Entity)
        self.add(s, COOP.fileName, Literal(rec.file))
        language = self.info.language or rec.language
        if language:
            self.add(s, DCTERMS.language, Literal(language, datatype=XSD.language))
        if self.info.sha256:
            self.add(s, COOP.sha256, Literal(self.info.sha256))
        url = self.info.url or rec.url
        if url:
            self.add(s, DCTERMS.source, URIRef(url))

    def evidence(self, node: URIRef, spans: Spans, field: str | None = None) -> None:
        """Web Annotation: the value node is the body, a text span of the source the target."""
        for n, (start, end) in enumerate(spans, 1):
            ann = URIRef(f"{node}/evidence/{field}-{n}" if field else f"{node}/evidence/{n}")
            target, pos, quote = (URIRef(f"{ann}/{x}") for x in ("target", "position", "quote"))
            self.add(ann, RDF.type, OA.Annotation)
            self.add(ann, OA.motivatedBy, OA.describing)
            self.add(ann, OA.hasBody, node)
            if field:
                self.add(ann, COOP.evidenceField, Literal(field))
            self.add(ann, OA.hasTarget, target)
            self.add(target, RDF.type, OA.SpecificResource)
            self.add(target, OA.hasSource, self.source)
            self.add(target, OA.hasSelector, pos)
            self.add(pos, RDF.type, OA.TextPositionSelector)
            self.add(pos, OA.start, Literal(start, datatype=XSD.nonNegativeInteger))
            self.add(pos, OA.end, Literal(end, datatype=XSD.nonNegativeInteger))
            if self.info.text is not None and 0 <= start < end <= len(self.info.text):
                self.add(target, OA.hasSelector, quote)
                self.add(quote, RDF.type, OA.TextQuoteSelector)
                self.add(quote, OA.exact, Literal(self.info.text[start:end]))

    # --- shared entities ---------------------------------------------------

    def country(self, code: str | None) -> URIRef | None:
        if not code:
            return None
        node = self.minter.country(code)
        if code not in self.countries:
            self.countries.add(code)
            self.add(node, RDF.type, COOP.Territory)
            self.add(node, RDF.type, GEO.Feature)
            self.add(node, RDFS.label, literal(country_name(code), lang="en"))
            self.add(node, COOP.level, iri(vocab.level_concept("country")))
            self.add(node, COOP.isoCode, literal(code))
        return node

    def organisation(self, org: Organisation) -> URIRef:
        node = self.minter.organisation(org.name, org.country)
        self.add(node, RDF.type, COOP.Organisation)
        self.add(node, RDF.type, ORG.FormalOrganization)
        self.add(node, RDFS.label, literal(org.name))
        for alias in org.aliases:
            self.add(node, SKOS.altLabel, literal(alias))
        country = self.country(org.country)
        if country is not None:
            self.add(node, COOP.country, country)
        kind = classify.organisation_type(org.name)
        if kind:
            self.add(node, ORG.classification, iri(vocab.orgtype_concept(kind)))
        return node

    def holder(self, name: str, project: Project) -> URIRef:
        """A partner share's holder is the project's organisation of that name, if any."""
        wanted = normalise(name)
        for org in project.organisations:
            if wanted in {normalise(n) for n in (org.name, *org.aliases)}:
                return self.minter.organisation(org.name, org.country)
        return self.organisation(Organisation(name=name, role="other"))

    # --- the project -------------------------------------------------------

    def project(self, index: int, p: Project) -> None:
        node = self.minter.project(self.record.source.file, index, p.title)
        add = self.add
        add(node, RDF.type, COOP.Project)
        add(node, RDF.type, SCHEMA.Project)
        add(node, PROV.wasDerivedFrom, self.source)
        add(node, COOP.reviewed, literal(self.record.reviewed))
        if p.title:
            add(node, DCTERMS.title, self.text(p.title))
        for alias in p.aliases:
            add(node, SKOS.altLabel, self.text(alias))
        for identifier in p.identifiers:
            add(node, DCTERMS.identifier, Literal(identifier))
        if p.programme:
            prog = self.minter.programme(p.programme)
            add(node, COOP.programme, prog)
            add(prog, RDF.type, COOP.Programme)
            add(prog, RDF.type, SCHEMA.FundingScheme)
            add(prog, RDFS.label, self.text(p.programme))
            for alias in p.programme_aliases:
                add(prog, SKOS.altLabel, literal(alias))
        for fund in p.funds:
            add(node, COOP.fundedBy, iri(vocab.fund_concept(fund)))
        for value, is_end in ((p.start, False), (p.end, True)):
            if value:
                date, precision = date_bounds(value, end=is_end)
                add(node, SCHEMA.endDate if is_end else SCHEMA.startDate, date)
                prop = COOP.endDatePrecision if is_end else COOP.startDatePrecision
                add(node, prop, iri(vocab.precision_concept(precision)))
        if p.cofinancing_rate is not None:
            add(node, COOP.coFinancingRate, decimal(p.cofinancing_rate))
        for field, spans in p.evidence:
            self.evidence(node, spans, field)

        for n, amount in enumerate(p.amounts, 1):
            a = Minter.sub(node, "amount", n)
            add(node, vocab.AMOUNT_PROPERTY[amount.kind], a)
            add(a, RDF.type, SCHEMA.MonetaryAmount)
            add(a, COOP.amountKind, iri(f"{COOP}amount-{amount.kind}"))
            add(a, SCHEMA.value, decimal(amount.value))
            if amount.currency:
                add(a, SCHEMA.currency, literal(amount.currency))
            if amount.holder:
                add(a, COOP.holder, self.holder(amount.holder, p))
            self.evidence(a, amount.evidence)

        for n, org in enumerate(p.organisations, 1):
            m = Minter.sub(node, "membership", n)
            o = self.organisation(org)
            add(m, RDF.type, ORG.Membership)
            add(m, ORG.member, o)
            add(m, ORG.organization, node)
            add(m, ORG.role, iri(vocab.role_concept(org.role)))
            self.evidence(m, org.evidence)

        for place in p.places:
            t = self.minter.place(place.name, place.country)
            add(node, DCTERMS.spatial, t)
            add(t, RDF.type, COOP.Territory)
            add(t, RDF.type, GEO.Feature)
            add(t, RDFS.label, literal(place.name))
            for alias in place.aliases:
                add(t, SKOS.altLabel, literal(alias))
            country = self.country(place.country)
            if country is not None:
                add(t, COOP.country, country)
                add(t, GEO.sfWithin, country)
            # a name without a type word is taken for a locality until linking knows better
            level = classify.territory_level(place.name) or "locality"
            add(t, COOP.level, iri(vocab.level_concept(level)))
            self.evidence(t, place.evidence)

        for n, outcome in enumerate(p.outcomes, 1):
            o = Minter.sub(node, "outcome", n)
            add(node, COOP.outcome, o)
            add(o, RDF.type, COOP.Outcome)
            add(o, SCHEMA.value, decimal(outcome.value))
            add(o, COOP.unit, iri(vocab.unit_concept(outcome.unit)))
            add(o, COOP.status, iri(vocab.status_concept(outcome.status)))
            if outcome.description:
                add(o, DCTERMS.description, Literal(outcome.description))
            self.evidence(o, outcome.evidence)


def convert_document(
    record: Record, source: SourceInfo | None = None, minter: Minter | None = None
) -> DocGraph:
    """The named graph (identifier = the source document's IRI) for one record."""
    builder = _Builder(record, source or SourceInfo(record.source.file), minter or Minter())
    builder.source_node()
    for index, project in enumerate(record.projects):
        builder.project(index, project)
    return builder.graph


def convert_record(
    record: Record, source: SourceInfo | None = None, minter: Minter | None = None
) -> Graph:
    """`convert_document` as an rdflib Graph (for pyshacl and other rdflib users)."""
    return convert_document(record, source, minter).to_rdflib()
