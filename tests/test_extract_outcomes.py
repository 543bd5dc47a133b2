"""extract/outcomes: numbers tied to a unit, planned or achieved."""

from __future__ import annotations

from typing import Any

import pytest

from coopkg.extract.document import Doc
from coopkg.extract.outcomes import find_outcomes


def _triple(data: dict[str, Any]) -> tuple[Any, Any, Any]:
    return data["value"], data["unit"], data["status"]


def test_a_list_under_a_planned_heading() -> None:
    text = "Plánované výstupy:\n- 3 workshopy\n- 120 účastníků"
    found = [_triple(o.data) for o in find_outcomes(Doc(text, "cs"))]
    assert found == [(3, "event", "planned"), (120, "person", "planned")]


def test_a_past_tense_report_is_achieved() -> None:
    text = "W ramach projektu przeszkolono 40 osób."
    (only,) = find_outcomes(Doc(text, "pl"))
    assert _triple(only.data) == (40, "person", "achieved")
    assert text[slice(*only.spans[0])] == "40 osób"


def test_a_year_is_not_an_outcome() -> None:
    assert find_outcomes(Doc("Projekt zakończono w 2020 roku.", "pl")) == []


def test_reports_of_what_happened_are_achieved_in_each_language() -> None:
    # made-up sentences in the phrasings of news reports
    cases = [
        ("pl", "Z zajęć skorzystało 30 dzieci.", 30, "person"),
        ("cs", "Akce se zúčastnilo 25 hasičů.", 25, "person"),
        ("sk", "Na podujatí vystúpilo 4 folklórnych súborov.", 4, "organisation"),
        ("uk", "Проведено 7 майстер-класів для учнів.", 7, "event"),
        ("lt", "Stovykloje dalyvavo 30 jaunuolių.", 30, "person"),
        ("hu", "A programon 50 résztvevő vett részt.", 50, "person"),
        ("de", "An den Wanderungen nahmen 90 Besucher teil.", 90, "person"),
        ("lt", "Pasirašyta 2 bendradarbiavimo sutartys.", 2, "agreement"),
    ]
    for lang, text, value, unit in cases:
        found = [
            (o.data["value"], o.data["unit"], o.data["status"])
            for o in find_outcomes(Doc(text, lang))
        ]
        assert (value, unit, "achieved") in found, (text, found)


def test_what_will_happen_stays_planned() -> None:
    found = find_outcomes(Doc("Planuje się 6 warsztatów dla 40 uczestników.", "pl"))
    assert {o.data["status"] for o in found} == {"planned"}


def test_measured_results_and_rates() -> None:
    from coopkg.extract.document import Doc
    from coopkg.extract.outcomes import find_outcomes

    text = "Rezultatai: įrengta 12 km dviračių takų. Postavili sme 1,8 km chodníka."
    found = [(o.data["value"], o.data["unit"]) for o in find_outcomes(Doc(text, "lt"))]
    assert (12, "other") in found and (1.8, "other") in found
    assert find_outcomes(Doc("Wind 11 Km/h\n", "en")) == []


def test_hungarian_and_czech_reports_are_achieved() -> None:
    from coopkg.extract.document import Doc
    from coopkg.extract.outcomes import find_outcomes

    for text, lang in (
        ("Hejtmani podepsali 2 memoranda o spolupráci.", "cs"),
        ("Tiszaföldváron vendégeskedett a 25 fős küldöttség.", "hu"),
    ):
        assert {o.data["status"] for o in find_outcomes(Doc(text, lang))} == {"achieved"}, text


# made-up sentences, one per way the corpus languages report or plan a result
PHRASED_RESULTS = [
    ("pl", "W warsztatach wzięło udział 40 osób z obu krajów.", [(40, "person", "achieved")]),
    (
        "pl",
        "Zorganizowano 3 konferencje i 12 spotkań roboczych.",
        [(3, "event", "achieved"), (12, "event", "achieved")],
    ),
    (
        "pl",
        "W ramach projektu zostanie przeszkolonych 120 nauczycieli.",
        [(120, "person", "planned")],
    ),
    ("pl", "Podpisano 2 umowy o współpracy.", [(2, "agreement", "achieved")]),
    ("uk", "У таборі взяли участь 35 дітей з України та Польщі.", [(35, "person", "achieved")]),
    (
        "uk",
        "Було проведено 4 тренінги для 60 працівників громад.",
        [(4, "event", "achieved"), (60, "person", "achieved")],
    ),
    ("uk", "Проєкт передбачає навчання 200 молодих людей.", [(200, "person", "planned")]),
    ("cs", "Konference se zúčastnilo 85 účastníků.", [(85, "person", "achieved")]),
    (
        "cs",
        "Bylo vydáno 1000 výtisků brožury a uspořádáno 5 seminářů.",
        [(1000, "document", "achieved"), (5, "event", "achieved")],
    ),
    ("sk", "Na podujatí sa zúčastnilo 150 návštevníkov.", [(150, "person", "achieved")]),
    ("lt", "Renginyje dalyvavo 70 dalyvių iš Lietuvos ir Lenkijos.", [(70, "person", "achieved")]),
    ("lt", "Bus surengta 6 seminarai.", [(6, "event", "planned")]),
    ("hu", "A rendezvényen 120 fő vett részt.", [(120, "person", "achieved")]),
    ("hu", "A projekt során 4 workshopot tartottunk.", [(4, "event", "achieved")]),
    ("de", "An der Konferenz nahmen 90 Personen teil.", [(90, "person", "achieved")]),
    ("de", "Es werden 5 Workshops organisiert.", [(5, "event", "planned")]),
    ("en", "More than 200 participants attended the festival.", [(200, "person", "achieved")]),
    (
        "cs",
        "Výstupy: 4 semináře, 60 proškolených pracovníků, 1 společná strategie.",
        [(4, "event", "achieved"), (60, "person", "achieved"), (1, "document", "achieved")],
    ),
    (
        "lt",
        "Projekto metu surengti 3 mokymai, kuriuose dalyvavo 45 specialistai.",
        [(3, "event", "achieved"), (45, "person", "achieved")],
    ),
    ("pl", "W festiwalu uczestniczyło 15 zespołów.", [(15, "organisation", "achieved")]),
    # a thing made or planned, with no unit word of its own
    ("pl", "Projekt zakłada oznakowanie 3 szlaków turystycznych.", [(3, "other", "planned")]),
    ("hu", "Megépült 1 gyalogos híd a patak felett.", [(1, "other", "achieved")]),
    # a label says the numbers on its line were achieved
    ("en", "Results: 35 guides trained", [(35, "person", "achieved")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PHRASED_RESULTS)
def test_results_as_each_language_reports_them(
    lang: str, text: str, expected: list[tuple[int, str, str]]
) -> None:
    got = [
        (o.data["value"], o.data["unit"], o.data["status"]) for o in find_outcomes(Doc(text, lang))
    ]
    assert sorted(got) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Wybudowano drogę w ciągu 3 lat.",
        "Trwa realizacja 2 etapu budowy.",
        "W 3 gminach powstały place zabaw.",
    ],
)
def test_time_stages_and_the_partnership_are_no_results(text: str) -> None:
    assert find_outcomes(Doc(text, "pl")) == []


# made-up sentences: the tense, aspect and aim words of each language decide a result's status
PHRASED_STATUS = [
    ("pl", "Celem projektu jest przeszkolenie 50 nauczycieli.", "planned"),
    ("pl", "W ramach projektu przeszkolono 50 nauczycieli.", "achieved"),
    ("pl", "Projekt przewiduje organizację 4 warsztatów.", "planned"),
    ("cs", "Cílem projektu je proškolit 30 úředníků.", "planned"),
    ("cs", "V rámci projektu bylo proškoleno 30 úředníků.", "achieved"),
    ("sk", "Cieľom projektu je vyškoliť 40 pracovníkov.", "planned"),
    ("sk", "Projekt umožnil vyškoliť 40 pracovníkov.", "achieved"),
    ("uk", "Метою проєкту є навчання 60 працівників.", "planned"),
    ("uk", "Під час проєкту навчили 60 працівників.", "achieved"),
    ("lt", "Projekto tikslas – apmokyti 25 specialistus.", "planned"),
    ("lt", "Projekto metu apmokyta 25 specialistai.", "achieved"),
    ("hu", "A projekt célja 30 pedagógus képzése.", "planned"),
    ("hu", "A projekt során 30 pedagógust képeztek ki.", "achieved"),
    ("de", "Im Projekt wurden 40 Lehrkräfte geschult.", "achieved"),
    ("en", "The project aims to train 40 teachers.", "planned"),
    ("en", "The project trained 40 teachers.", "achieved"),
    ("en", "40 teachers have been trained so far.", "achieved"),
    (
        "pl",
        "Do tej pory w zajęciach wzięło udział 120 dzieci, a do końca projektu planujemy 200.",
        "achieved",
    ),
]


@pytest.mark.parametrize(("lang", "text", "status"), PHRASED_STATUS)
def test_the_status_as_each_language_marks_it(lang: str, text: str, status: str) -> None:
    found = find_outcomes(Doc(text, lang))
    assert found and found[0].data["status"] == status
