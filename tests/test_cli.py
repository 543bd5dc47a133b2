"""The command line: every command, its output formats and its exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coopkg.cli import main

from .conftest import DATA, SHARED, copy_data, missing

VALID = Path(__file__).parent / "shapes" / "valid" / "full.ttl"
INVALID = Path(__file__).parent / "shapes" / "invalid" / "project-rate-percent.ttl"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    data = copy_data(tmp_path_factory.mktemp("cli") / "data")
    store = data / "store"
    assert main(["build", "--data-dir", str(data), "--store", str(store)]) == 0
    return data, store


def test_build_prints_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = copy_data(tmp_path / "data")
    assert main(["build", "--data-dir", str(data), "--store", ":memory:"]) == 0
    out = capsys.readouterr().out
    assert "documents 5  projects 5  triples" in out and "seconds" in out


def test_build_refuses_invalid_data_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy_data(tmp_path / "data")
    path = data / "records" / "001_d3eea9f8df96f8c5.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["projects"][0]["start"] = "2015-01"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert main(["build", "--data-dir", str(data), "--store", ":memory:"]) == 1
    err = capsys.readouterr().err
    assert "does not conform" in err and "001_d3eea9f8df96f8c5.txt" in err


def test_validate_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["validate", str(VALID)]) == 0
    assert "Conforms" in capsys.readouterr().out
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix coop: <https://w3id.org/coopkg/ontology#> .\n<a> coop:x \n", encoding="utf-8"
    )
    assert main(["validate", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "broken.ttl" in err and "line" in err and "Traceback" not in err
    assert main(["validate", str(tmp_path / "absent.ttl")]) == 2
    assert main(["validate", str(tmp_path / "file.xyz")]) == 2


def test_validate_reports_grouped_by_focus_node(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text(
        VALID.read_text(encoding="utf-8").replace(
            "coop:coFinancingRate 0.85", "coop:coFinancingRate 85.0"
        ),
        encoding="utf-8",
    )
    assert main(["validate", str(graph)]) == 1
    out = capsys.readouterr().out
    assert "https://w3id.org/coopkg/id/project/p  (in g.ttl)" in out
    assert "The co-financing rate is one decimal between 0 and 1" in out and "value '85.0'" in out
    assert main(["validate", "--format", "json", str(graph)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["conforms"] is False
    assert report["violations"][0]["component"] == "sh:MaxInclusiveConstraintComponent"
    assert main(["validate", "--format", "turtle", str(graph)]) == 1
    assert "sh:ValidationReport" in capsys.readouterr().out


def test_validate_accepts_records_and_quads(capsys: pytest.CaptureFixture[str]) -> None:
    records = sorted(str(p) for p in (DATA / "records").glob("*.json"))
    quads = sorted(str(p) for p in (DATA / "rdf").glob("*.nq"))
    assert main(["validate", *records, *quads]) == 0


def test_query_formats(built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, store = built
    assert main(["query", "projects-by-fund", "--store", str(store)]) == 0
    table = capsys.readouterr().out
    assert "ERDF" in table and "(2 rows)" in table
    assert main(["query", "projects-by-fund", "--store", str(store), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["fund,projects", "ERDF,1"]
    assert (
        main(
            [
                "query",
                "projects-active-in-year",
                "--store",
                str(store),
                "--param",
                "year=2024",
                "--format",
                "json",
            ]
        )
        == 0
    )
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert [b["title"]["value"] for b in bindings] == ["Synergi@"]


def test_query_errors_exit_2(built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, store = built
    assert main(["query", "nope", "--store", str(store)]) == 2
    assert main(["query", "projects-active-in-year", "--store", str(store), "--param", "year"]) == 2
    assert (
        main(["query", "projects-active-in-year", "--store", str(store), "--param", "year=x"]) == 2
    )
    err = capsys.readouterr().err
    assert "Traceback" not in err and "must be of type integer" in err


def test_query_without_a_store_says_build_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "projects", "--store", str(tmp_path / "none")]) == 3
    assert "coopkg build" in capsys.readouterr().err


def test_convert_writes_nquads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = DATA / "records" / "003_aa63097409705188.json"
    assert main(["convert", str(record), "--data-dir", str(DATA)]) == 0
    out = capsys.readouterr().out
    # `convert` is the pure conversion; the build adds links on top (data/rdf)
    expected = (Path(__file__).parent / "golden" / "003_aa63097409705188.nq").read_text(
        encoding="utf-8"
    )
    assert out == expected


def test_round_trip_export_scores_perfectly(built: tuple[Path, Path], tmp_path: Path) -> None:
    scorer = SHARED / "extraction" / "score_records.py"
    if not scorer.exists():
        missing("the shared scorer is not beside this checkout")
    _, store = built
    out = tmp_path / "exported"
    assert main(["export-records", "--store", str(store), "--out", str(out)]) == 0
    assert len(list(out.glob("*.json"))) == 5
    result = subprocess.run(
        [sys.executable, str(scorer), str(SHARED / "extraction" / "gold"), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "overall F1 1.000", result.stdout


def test_settings_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy_data(tmp_path / "data")
    monkeypatch.setenv("COOPKG_DATA_DIR", str(data))
    monkeypatch.setenv("COOPKG_STORE", ":memory:")
    assert main(["build"]) == 0
    assert (data / "rdf").is_dir()
    monkeypatch.setenv("COOPKG_PORT", "not-a-number")
    assert main(["build"]) == 2
    assert "COOPKG_PORT" in capsys.readouterr().err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("coopkg ")


def test_home_option_points_every_command_at_other_resource_folders(
    built: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, store = built
    monkeypatch.setenv("COOPKG_HOME", "")  # empty: the checkout; restored after the test
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "only-here.rq").write_text(
        "# One row, to prove this folder was read.\nSELECT ?answer WHERE { BIND(42 AS ?answer) }\n",
        encoding="utf-8",
    )
    assert main(["query", "only-here", "--store", str(store)]) == 2  # not in the checkout
    capsys.readouterr()
    assert main(["query", "only-here", "--store", str(store), "--home", str(tmp_path)]) == 0
    assert "42" in capsys.readouterr().out
    # the CLI exported it, so child processes (build and server workers) see it too
    assert Path(os.environ["COOPKG_HOME"]) == tmp_path
    assert main(["query", "only-here", "--store", str(store)]) == 0


def test_search_from_the_command_line(
    built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, store = built
    assert (
        main(
            [
                "search",
                "Rzeszowie",
                "--type",
                "organisation",
                "--store",
                str(store),
                "--format",
                "json",
            ]
        )
        == 0
    )
    body = json.loads(capsys.readouterr().out)
    assert body["total"] >= 1 and body["results"][0]["label"] == "Гміна міста Жешува"
    assert main(["search", "Ostrava", "--store", str(store)]) == 0
    assert "Ostrava" in capsys.readouterr().out
    assert main(["search", "x", "--lang", "fr", "--store", str(store)]) == 2
    assert main(["query", "search", "--param", "q=Lublinie", "--store", str(store)]) == 0
    assert "Synergi@" in capsys.readouterr().out
