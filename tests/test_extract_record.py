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
