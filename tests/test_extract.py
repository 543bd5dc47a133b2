"""Extraction: scored floors per field on the seeds, the dev pages and our own pages; evidence;
HTML equals clean text; bad inputs; the review loop; URLs through a local server."""

from __future__ import annotations

import html
import http.server
import importlib.util
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from coopkg.build.run import build
from coopkg.cli import main
from coopkg.errors import BadInput
from coopkg.extract import extract_file, extract_text
from coopkg.extract.reading import html_to_text, read_document
from coopkg.queries import run_sparql
from coopkg.records import check_record
from coopkg.settings import Settings

from .conftest import SHARED, copy_data, missing

HERE = Path(__file__).parent / "extraction"
SEEDS = SHARED / "seeds"
DEV = SHARED / "extraction" / "dev"

SETS = {
    # name: (documents, gold records, floor for overall F1 and for every field)
    "seeds": (SEEDS, SHARED / "extraction" / "gold", 0.95),
    "dev": (DEV / "docs", DEV / "gold", 0.85),
    "own": (HERE / "own" / "docs", HERE / "own" / "gold", 0.85),
}


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    path = SHARED / "extraction" / "score_records.py"
    if not path.exists():
        missing("the shared scorer is not beside this checkout")
    spec = importlib.util.spec_from_file_location("score_records", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract_dir(docs: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for f in sorted(docs.glob("*.txt")):
        record = extract_file(f)
        (out / f"{f.stem}.json").write_text(
            json.dumps(record, ensure_ascii=False), encoding="utf-8"
        )


@pytest.mark.parametrize("name", sorted(SETS))
def test_extraction_scores_hold_their_floor_per_field(
    scorer: ModuleType, tmp_path: Path, name: str
) -> None:
    docs, gold, floor = SETS[name]
    if not docs.exists():
        missing(f"{docs.name} is not beside this checkout")
    extract_dir(docs, tmp_path)
    result, report = scorer.score(gold, tmp_path)
    assert result["overall"]["f1"] >= floor, "\n".join(report)
    for row in result["fields"]:
        if row["tp"] + row["fp"] + row["fn"]:
            assert row["f1"] >= floor, (row, "\n".join(report))


def test_every_record_is_schema_valid_with_evidence_inside_the_text() -> None:
    for f in sorted(SEEDS.glob("*.txt")) + sorted((HERE / "own" / "docs").glob("*.txt")):
        text = read_document(f)
        record = extract_text(text, f.name)
        check_record(record)
        project = record["projects"][0]
        spans: list[dict[str, int]] = [s for v in project.get("evidence", {}).values() for s in v]
        for field in ("amounts", "organisations", "places", "outcomes"):
            for item in project[field]:
                assert item.get("evidence"), (f.name, field, item)
                spans += item["evidence"]
        for span in spans:
            assert 0 <= span["start"] < span["end"] <= len(text)
            assert text[span["start"] : span["end"]].strip()


def test_evidence_points_at_the_value() -> None:
    text = (SEEDS / "003_aa63097409705188.txt").read_text(encoding="utf-8")
    project = extract_text(text, "003.txt")["projects"][0]
    amount = next(a for a in project["amounts"] if a["kind"] == "total")
    span = amount["evidence"][0]
    assert text[span["start"] : span["end"]] == "23 725,48 Eur"
    title = project["evidence"]["title"][0]
    assert text[title["start"] : title["end"]] == "Úřady bez hranic"


def _page(text: str) -> str:
    paragraphs = "\n".join(
        f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip()
    )
    return (
        "<!doctype html><html><head><title>Portal</title><script>var tracking = 1;</script>"
        "</head><body><nav><ul><li><a href='/'>Strona główna</a></li><li><a href='/k'>Kontakt</a>"
        "</li></ul></nav><div class='cookie'>Ta strona używa plików cookie. <button>OK</button>"
        f"</div><main><article>{paragraphs}</article></main><aside><h3>Pogoda</h3><p>20°C, "
        "wiatr 11 km/h</p></aside><footer><p>© 2024 Urząd Gminy</p><form><textarea></textarea>"
        "<button>Dodaj komentarz</button></form></footer></body></html>"
    )


def _without_offsets(record: dict[str, Any]) -> dict[str, Any]:
    record = json.loads(json.dumps(record))
    for project in record["projects"]:
        project.pop("evidence", None)
        for field in ("amounts", "organisations", "places", "outcomes"):
            for item in project[field]:
                item.pop("evidence", None)
                item.pop("description", None)
    return record["projects"]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_html_with_boilerplate_gives_the_same_record_as_its_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    from_text = extract_text(text, path.name)
    from_html = extract_text(html_to_text(_page(text)), path.name)
    assert _without_offsets(from_html) == _without_offsets(from_text)


def test_html_file_is_read_as_its_main_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        _page((SEEDS / "003_aa63097409705188.txt").read_text(encoding="utf-8")), "utf-8"
    )
    text = read_document(page)
    assert "Úřady bez hranic" in text and "cookie" not in text and "tracking" not in text


def test_unreadable_inputs_are_reported_and_others_still_extracted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02")
    out = tmp_path / "out"
    code = main(
        [
            "extract",
            str(binary),
            str(tmp_path / "missing.txt"),
            str(SEEDS / "002_664baf2ff6750c58.txt"),
            "--out",
            str(out),
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "broken.txt: binary file" in err and "missing.txt: cannot read" in err
    assert [p.name for p in out.glob("*.json")] == ["002_664baf2ff6750c58.json"]
    with pytest.raises(BadInput):
        read_document(binary)


def test_extract_never_overwrites_a_curated_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy_data(tmp_path / "data")
    curated = data / "records" / "001_d3eea9f8df96f8c5.json"
    before = curated.read_text(encoding="utf-8")
    code = main(
        [
            "extract",
            str(SEEDS / "001_d3eea9f8df96f8c5.txt"),
            "--out",
            str(data / "records"),
            "--data-dir",
            str(data),
        ]
    )
    assert code == 0 and curated.read_text(encoding="utf-8") == before
    assert "curated record" in capsys.readouterr().err


def test_build_uses_the_extraction_when_no_curated_record_exists(tmp_path: Path) -> None:
    import pyoxigraph as ox

    data = copy_data(tmp_path / "data")
    (data / "records" / "003_aa63097409705188.json").unlink()
    db = ox.Store()
    result = build(Settings(data_dir=data, store=":memory:"), db=db)
    assert result.projects == 5
    q = (
        "PREFIX coop: <https://w3id.org/coopkg/ontology#> SELECT ?reviewed (COUNT(*) AS ?n) "
        "WHERE { ?p a coop:Project ; coop:reviewed ?reviewed } "
        "GROUP BY ?reviewed ORDER BY ?reviewed"
    )
    counts = {str(s["reviewed"].value): int(s["n"].value) for s in run_sparql(db, q)}
    assert counts == {"false": 1, "true": 4}
    assert not (data / "records" / "003_aa63097409705188.json").exists()


class _Page(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def local_page() -> Iterator[str]:
    _Page.body = _page((SEEDS / "003_aa63097409705188.txt").read_text(encoding="utf-8")).encode()
    server = http.server.HTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/projekty/urady.html"
    server.shutdown()
    server.server_close()


def test_extract_a_url(local_page: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", local_page]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["source"]["url"] == local_page and record["source"]["file"] == "urady.html"
    assert record["projects"][0]["title"] == "Úřady bez hranic"


def test_language_is_detected() -> None:
    langs = {f.stem: extract_file(f)["source"]["language"] for f in sorted(SEEDS.glob("*.txt"))}
    assert langs == {
        "000_ef3ef9fb8fbbfd3f": "uk",
        "001_d3eea9f8df96f8c5": "pl",
        "002_664baf2ff6750c58": "pl",
        "003_aa63097409705188": "cs",
        "004_0ee46d85fc350eff": "pl",
    }


def test_a_page_listing_several_projects_gives_one_project_each() -> None:
    path = HERE / "own" / "docs" / "own06.txt"
    text = path.read_text(encoding="utf-8")
    projects = extract_text(text, path.name)["projects"]
    assert [p["title"] for p in projects] == ["Bezpieczne szlaki Bieszczad", "Kultura bez granic"]
    # evidence of the second project still points into the whole page
    span = projects[1]["evidence"]["title"][0]
    assert text[span["start"] : span["end"]] == "Kultura bez granic"
