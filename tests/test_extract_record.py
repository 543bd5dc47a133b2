"""extract/record: a page cut into projects, evidence made page-relative."""

from __future__ import annotations

from coopkg.extract.record import extract_text, segments

TWO = "Tytuł projektu: Alfa\nLider: Gmina Kraśnik\nTytuł projektu: Beta\nLider: Gmina Zamość\n"


def test_two_labelled_titles_make_two_segments() -> None:
    assert segments(TWO) == [(0, 42), (42, len(TWO))]
    assert segments("Tytuł projektu: Alfa\nTytuł projektu: Alfa") == [(0, 41)]


def test_evidence_of_the_second_project_is_page_relative() -> None:
    record = extract_text(TWO, "two.txt", "pl")
    second = record["projects"][1]
    assert second["title"] == "Beta"
    (ev,) = second["evidence"]["title"]
    assert TWO[ev["start"] : ev["end"]] == "Beta"
    assert record["source"] == {"file": "two.txt", "language": "pl"}


def test_a_page_with_nothing_to_say_has_no_projects() -> None:
    assert extract_text("Kontakt\n\n", "empty.txt", "pl")["projects"] == []


def test_a_list_page_names_its_one_programme_once_for_every_project() -> None:
    text = (
        "Projekty powiatu\n\n"
        "Tytuł projektu: Bezpieczna rzeka\nPartner: Gmina Lesko\n\n"
        "Tytuł projektu: Zielona szkoła\nPartner: Gmina Baligród\n\n"
        "Oba projekty finansowano z programu Interreg Polska – Słowacja 2021-2027.\n"
    )
    record = extract_text(text, "list.txt", "pl")
    assert [p["title"] for p in record["projects"]] == ["Bezpieczna rzeka", "Zielona szkoła"]
    for project in record["projects"]:
        assert project["programme"] == "Interreg Polska – Słowacja 2021-2027"
        assert project["funds"] == ["ERDF"]
        (where,) = project["evidence"]["programme"]
        assert text[where["start"] : where["end"]] == project["programme"]


def test_a_page_of_projects_from_two_programmes_shares_neither() -> None:
    text = (
        "Tytuł projektu: Bezpieczna rzeka\nProgram: Interreg Polska – Słowacja 2021-2027\n\n"
        "Tytuł projektu: Zielona szkoła\nProgram: Erasmus+\n\n"
        "Tytuł projektu: Stara kuźnia\nPartner: Gmina Baligród\n"
    )
    programmes = [p["programme"] for p in extract_text(text, "list.txt", "pl")["projects"]]
    assert programmes == ["Interreg Polska – Słowacja 2021-2027", "Erasmus+", None]
