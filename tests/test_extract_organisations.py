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


def _orgs(text: str, lang: str) -> dict[str, str]:
    return {o.data["name"]: o.data["role"] for o in find_organisations(Doc(text, lang))}


def test_organisations_in_running_text_by_their_legal_form() -> None:
    # made-up sentences: no label names the organisations, their heads and clauses do
    found = _orgs(
        "Gmina Lipnik realizuje zadanie wspólnie ze Stowarzyszeniem Przyjaciół Lipnika "
        "i Fundacją Dobre Ręce.",
        "pl",
    )
    assert found.get("Gmina Lipnik") == "lead"
    assert any(n.startswith("Stowarzyszen") and r == "partner" for n, r in found.items())
    assert any(n.startswith("Fundacj") and r == "partner" for n, r in found.items())
    german = _orgs("Die Stadt Zittau lädt gemeinsam mit dem Verein Oberlausitz ein.", "de")
    assert german.get("Stadt Zittau") == "lead" and german.get("Verein Oberlausitz") == "partner"
    funder = _orgs("Spolek Kamenec podal žádost. Dotací přispěla Nadace Krajina.", "cs")
    assert "Nadace Krajina" in funder


def test_a_place_phrase_and_a_bare_head_are_no_organisation() -> None:
    assert _orgs("Dílny proběhly v polské obci Brenna a v okolí.", "cs") == {}
    assert _orgs("Wszystkie gminy regionu skorzystały.", "pl") == {}


def test_a_shortened_or_inflected_mention_adds_nothing() -> None:
    text = "Lider: Związek Gmin i Powiatów Podhala\nProjekt prowadzi Związek Gmin."
    names = list(_orgs(text, "pl"))
    assert names == ["Związek Gmin i Powiatów Podhala"]


def test_two_names_joined_are_two_organisations() -> None:
    text = (
        "Табір організувала Бочечківська громада спільно з гміною Тарнув Опольський "
        "та Асоціацією «Молодь Сумщини».\n"
    )
    names = [o.data["name"] for o in find_organisations(Doc(text, "uk"))]
    assert not any(" та " in n for n in names), names
    assert any(n.endswith("«Молодь Сумщини»") for n in names), names


def test_heads_coordinated_inside_one_name_stay_one() -> None:
    text = "Partner 2: Związek Gmin i Powiatów Subregionu Zachodniego Województwa Śląskiego\n"
    names = [o.data["name"] for o in find_organisations(Doc(text, "pl"))]
    assert names == ["Związek Gmin i Powiatów Subregionu Zachodniego Województwa Śląskiego"]


def test_the_rest_of_a_label_is_not_part_of_the_name() -> None:
    names = [
        o.data["name"] for o in find_organisations(Doc("Partner wiodący: Powiat Gorlicki\n", "pl"))
    ]
    assert names == ["Powiat Gorlicki"]


def test_a_municipalitys_office_and_the_municipality_are_one_partner() -> None:
    text = (
        "Aktualności | Urząd Gminy Lesko\n\n"
        "Gmina Lesko realizuje projekt „Czysty San” wspólnie z Gminą Baligród.\n"
    )
    found = {o.data["name"]: o.data["role"] for o in find_organisations(Doc(text, "pl"))}
    assert found == {"Gmina Lesko": "lead", "Gmina Baligród": "partner"}


def test_the_country_of_a_name_in_another_language_than_the_pages() -> None:
    doc = Doc("Partner ist die Uniwersytet Wrocławski.", "de")
    assert org_country(doc, "Uniwersytet Wrocławski") == "PL"
    assert org_country(Doc("x", "pl"), "Prešovský samosprávny kraj") == "SK"


def test_the_doer_of_the_clause_leads() -> None:
    text = "Akci připravilo Město Náchod ve spolupráci s Obcí Hronov."
    found = {o.data["name"]: o.data["role"] for o in find_organisations(Doc(text, "cs"))}
    assert found == {"Město Náchod": "lead", "Obec Hronov": "partner"}
    text = "Lead-Partner: Landkreis Bautzen\nPartner: Powiat Lubański\n"
    found = {o.data["name"]: o.data["role"] for o in find_organisations(Doc(text, "de"))}
    assert found == {"Landkreis Bautzen": "lead", "Powiat Lubański": "partner"}


def test_two_labels_on_one_line_give_two_organisations() -> None:
    text = "• Bridges of Song (2022–2023). Lead partner: Druskininkai Municipality (Lithuania). Partner: Sejny Municipality (Poland). Budget: EUR 38,500.\n"
    found = {
        o.data["name"]: (o.data["role"], o.data["country"])
        for o in find_organisations(Doc(text, "en"))
    }
    assert found == {
        "Druskininkai Municipality": ("lead", "LT"),
        "Sejny Municipality": ("partner", "PL"),
    }
