"""extract/programmes: the programme a project is funded from and the funds named."""

from __future__ import annotations

from coopkg.extract.document import Doc
from coopkg.extract.programmes import find_funds, find_programme


def test_a_labelled_programme() -> None:
    text = "Program: Interreg Polska-Ukraina 2014-2020\n"
    found = find_programme(Doc(text, "pl"), [])
    assert found is not None and found.data == {"programme": "Interreg Polska-Ukraina 2014-2020"}


def test_a_fund_named_in_text() -> None:
    text = "Projekt współfinansowany z Europejskiego Funduszu Rozwoju Regionalnego."
    assert [f.data for f in find_funds(Doc(text, "pl"))] == [{"fund": "ERDF"}]


def test_nothing_named_nothing_found() -> None:
    doc = Doc("Festyn rodzinny w parku.", "pl")
    assert find_programme(doc, []) is None
    assert find_funds(doc) == []
