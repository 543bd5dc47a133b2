"""browse/profiles: what the readable pages show, read from the seed store — partners
with roles, countries and shares, money by kind, dates at their precision, planned and
achieved outcomes side by side, an organisation's partners and a place's projects."""

from __future__ import annotations

import pyoxigraph as ox

from coopkg.browse.profiles import (
    organisation_profile,
    place_profile,
    programme_profile,
    project_profile,
    stated_date,
)

ID = "https://w3id.org/coopkg/id/"
CZ_PL = ID + "project/urady-bez-hranic-96d247f0"
CRIS = ID + "project/wspolnie-znaczy-lepiej-system-pracy-organizacji-172d754b"
MYSLIBORZ = ID + "project/samorzadnosc-i-wspolpraca-w-powiecie-mysliborski-75b0ad81"


def test_dates_keep_their_precision() -> None:
    assert stated_date("2023-03-01", "https://w3id.org/coopkg/ontology#precision-month") == (
        "March 2023"
    )
    assert stated_date("2023-03-07", "…#precision-day") == "7 March 2023"
    assert stated_date("2023-01-01", "…#precision-year") == "2023"
    assert stated_date(None, None) == ""


def test_a_project_with_partners_money_and_its_language(seed_store: ox.Store) -> None:
    p = project_profile(seed_store, CZ_PL)
    assert p is not None and p.title == "Úřady bez hranic" and p.language == "cs"
    assert p.programme is not None and "Česko" in p.programme[1]
    assert p.funds == ["ERDF"] and p.co_financing == "85 %"
    roles = {m.name: (m.role, m.country) for m in p.partners}
    assert roles["Miasto Wodzisław Śląski"] == ("partner", "PL")
    assert roles["Euroregion Silesia"][0] == "funder"
    assert [(m.kind, m.text) for m in p.money] == [
        ("total budget", "23\u202f725.48 EUR"),
        ("EU contribution", "20\u202f166.65 EUR"),
    ]
    assert {label for _, label, _ in p.places} >= {"Ostrava-Jih", "Brenna"}


def test_a_partners_share_sits_beside_it(seed_store: ox.Store) -> None:
    p = project_profile(seed_store, CRIS)
    assert p is not None and p.start == "1 January 2014" and p.end == "30 June 2015"
    shares = {m.name: m.shares for m in p.partners}
    assert any(s == ["53\u202f490.00 PLN"] for s in shares.values())


def test_planned_and_achieved_outcomes_pair_by_unit(seed_store: ox.Store) -> None:
    p = project_profile(seed_store, MYSLIBORZ)
    assert p is not None and p.start == "November 2013" and p.end == "December 2014"
    achieved = [o for o in p.outcomes if o.achieved]
    planned = [o for o in p.outcomes if o.planned]
    assert achieved and planned
    assert all(o.planned is None or o.planned.value for o in p.outcomes)
    assert [o.unit for o in p.outcomes] == sorted(o.unit for o in p.outcomes)


def test_an_organisation_with_its_projects_and_partners(seed_store: ox.Store) -> None:
    o = organisation_profile(seed_store, ID + "organisation/miasto-wodzislaw-slaski-7d1fc81c")
    assert o is not None and o.kind == "municipality" and o.country == "PL"
    assert [p.title for p in o.projects] == ["Úřady bez hranic"]
    assert {q.name for q in o.partners} >= {"Euroregion Silesia"}
    assert organisation_profile(seed_store, CZ_PL) is None  # a project is no organisation


def test_a_place_with_the_projects_in_and_below_it(seed_store: ox.Store) -> None:
    poland = place_profile(seed_store, ID + "place/country-pl")
    assert poland is not None and len(poland.projects) == 5
    district = place_profile(seed_store, ID + "place/ostrava-jih-33ee07c2")
    assert district is not None and district.level == "city district"
    assert "Ostrava" in {label for _, label in district.within}
    assert [p.note for p in district.projects] == ["Ostrava-Jih"]
    assert place_profile(seed_store, ID + "place/nowhere") is None


def test_a_programme_with_its_code_and_projects(seed_store: ox.Store) -> None:
    p = programme_profile(seed_store, ID + "programme/interreg-v-a-cesko-polsko-7a208ed5")
    assert p is not None and p.code == "2014TC16RFCB025" and p.period == "2014-2020"
    assert [q.title for q in p.projects] == ["Úřady bez hranic"]
    assert programme_profile(seed_store, CZ_PL) is None
