"""Organisations linked to the territory they govern or sit in (`link/organisations.py`)."""

from __future__ import annotations

from rdflib import RDF, URIRef

from coopkg.convert.graph import convert_record
from coopkg.iris import Minter
from coopkg.link.graph import link_graph
from coopkg.records import load_record
from coopkg.vocab import COOP

from .conftest import DATA

BASE = "https://example.org/kg/"


def test_an_organisations_country_follows_the_base_iri_setting() -> None:
    """The country a seat gives an organisation is minted under the configured base, as
    every other IRI of the graph is (it used to be minted under the default base)."""
    minter = Minter(BASE)
    g = convert_record(load_record(DATA / "records" / "003_aa63097409705188.json"), minter=minter)
    organisations = [o for o in g.subjects(RDF.type, COOP.Organisation) if isinstance(o, URIRef)]
    for org in organisations:  # leave the country to the seat the linker finds
        g.remove((org, COOP.country, None))
    report = link_graph(g, minter=minter, document="003")
    assert report.organisations, "the record's municipal partners are linked to their seats"
    countries = {str(c) for org in organisations for c in g.objects(org, COOP.country)}
    assert countries
    assert all(c.startswith(BASE + "id/place/country-") for c in countries), countries
