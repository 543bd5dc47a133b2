"""extract/explain: the report lists every value of the record with its rule and text,
and the candidates the rules turned down with their reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopkg.cli import main
from coopkg.extract import extract_text
from coopkg.extract.explain import explain_text, quote

PAGE = (
    "Zielona świetlica w Krasnem\n\n"
    "Stowarzyszenie Przyjaciół Ziemi Krasnej złożyło wniosek do Fundacji Orlen o "
    "dofinansowanie projektu „Zielona świetlica” i otrzymało grant w wysokości 25 000 zł. "
    "Projekt realizowano w dniach 10–16 lipca 2023 r. we współpracy z Urzędem Gminy Krasne. "
    "W zajęciach wzięło udział 52 dzieci, odbyło się 12 spotkań.\n"
)


def test_every_value_of_the_record_is_explained() -> None:
    report = explain_text(PAGE, "krasne.txt", "pl")
    project = extract_text(PAGE, "krasne.txt", "pl")["projects"][0]
    assert f"  title: {project['title']}\n" in report
    assert f"  start: {project['start']}\n" in report and f"  end: {project['end']}\n" in report
    for org in project["organisations"]:
        assert f"  organisations: {org['name']} ({org['role']}, " in report
    for place in project["places"]:
        assert f"  places: {place['name']} ({place['country']})" in report
    for outcome in project["outcomes"]:
        assert f"  outcomes: {outcome['value']} {outcome['unit']} ({outcome['status']})" in report
    assert report.count("      rule: ") == report.count("      text: ") >= 6
    assert "      rule: ?" not in report  # every rule names itself


def test_rules_and_cues_are_named() -> None:
    report = explain_text(PAGE, "krasne.txt", "pl")
    assert "funder cue 'wniosek do'" in report
    assert "range of days" in report
    assert "achieved: the past form" in report
    assert "quoted name after" in report


def test_turned_down_candidates_come_with_reasons_and_scores() -> None:
    page = "Nasza szkoła współpracuje z miastem Essen. Gmina ogłosiła konkurs.\n"
    report = explain_text(page, "note.txt", "pl")
    assert "  rejected (" in report
    assert "organisations: 'Gmina': no capitalised or quoted name after its head" in report


def test_quotes_are_one_line_and_shortened_in_the_middle() -> None:
    text = "a\nb " + "x" * 200
    q = quote(text, (0, len(text)), offset=10)
    assert "\n" not in q and " … " in q and q.endswith("at 10") and len(q) < 100


def test_the_command_prints_the_report_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "krasne.txt"
    page.write_text(PAGE, encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    assert main(["extract", "--explain", "--language", "pl", str(page), str(page)]) == 0
    out = capsys.readouterr().out
    assert out.count("krasne.txt: language pl, 1 segment(s)") == 2
    assert "funder cue 'wniosek do'" in out
    assert sorted(tmp_path.iterdir()) == before
