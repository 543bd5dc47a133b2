"""extract/titles: the project's name and its identifiers."""

from __future__ import annotations

from coopkg.extract.document import Doc
from coopkg.extract.titles import find_identifiers, find_title


def test_a_labelled_title() -> None:
    text = "Tytuł projektu: Wspólne dziedzictwo\nLider: Gmina Kraśnik"
    title = find_title(Doc(text, "pl"))
    assert title is not None and title.data == {"title": "Wspólne dziedzictwo"}
    assert text[slice(*title.spans[0])] == "Wspólne dziedzictwo"


def test_a_project_number() -> None:
    found = find_identifiers(Doc("Numer projektu: PLUA.01.01.00-06-0001/17", "pl"))
    assert [i.data for i in found] == [{"id": "PLUA.01.01.00-06-0001/17"}]
