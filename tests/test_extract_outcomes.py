"""extract/outcomes: numbers tied to a unit, planned or achieved."""

from __future__ import annotations

from typing import Any

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
