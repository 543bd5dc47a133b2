"""extract/organisations: labelled partners with their roles and countries."""

from __future__ import annotations

from coopkg.extract.document import Doc
from coopkg.extract.organisations import find_organisations, org_country

TEXT = "Lider: Gmina Kraśnik\nPartner: Stowarzyszenie Razem (Ukraina)\n"


def test_labelled_lead_and_partner() -> None:
    found = [o.data for o in find_organisations(Doc(TEXT, "pl"))]
    assert found == [
        {"name": "Gmina Kraśnik", "role": "lead", "country": "PL"},
        {"name": "Stowarzyszenie Razem", "role": "partner", "country": "UA"},
    ]


def test_evidence_points_at_the_name() -> None:
    lead = find_organisations(Doc(TEXT, "pl"))[0]
    assert TEXT[slice(*lead.spans[0])] == "Gmina Kraśnik"


def test_country_defaults_to_the_document_language() -> None:
    assert org_country(Doc(TEXT, "pl"), "Gmina Zamość") == "PL"
