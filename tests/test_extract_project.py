"""extract/project: one project's fields, each from its own finder, with evidence."""

from __future__ import annotations

from coopkg.extract.document import Doc
from coopkg.extract.project import extract_project

TEXT = (
    "Tytuł projektu: Wspólne dziedzictwo\n"
    "Lider: Gmina Kraśnik\n"
    "Program: Interreg Polska-Ukraina 2014-2020\n"
    "Okres realizacji: 01.03.2019 - 31.12.2020\n"
    "Wartość projektu: 100 000 EUR\n"
)


def test_every_field_of_the_record_is_present() -> None:
    project = extract_project(Doc(TEXT, "pl"))
    assert project["title"] == "Wspólne dziedzictwo"
    assert project["programme"] == "Interreg Polska-Ukraina 2014-2020"
    assert (project["start"], project["end"]) == ("2019-03-01", "2020-12-31")
    assert [a["value"] for a in project["amounts"]] == [100000]
    assert [o["name"] for o in project["organisations"]] == ["Gmina Kraśnik"]
    assert set(project["evidence"]) == {"title", "programme", "start", "end"}


def test_evidence_points_into_the_text() -> None:
    project = extract_project(Doc(TEXT, "pl"))
    (span,) = project["evidence"]["programme"]
    assert TEXT[span["start"] : span["end"]] == project["programme"]
