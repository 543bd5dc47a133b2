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
