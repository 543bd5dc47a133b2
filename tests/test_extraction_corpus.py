"""The extraction corpus (tests/extraction/corpus): every page has a valid expected record,
the halves are fixed and even, and the kinds and languages the corpus promises are there.
(Its score is a benchmark, `benchmarks/extract_quality.py`, not a test.)"""

from __future__ import annotations

import csv
import json
from collections import Counter

import jsonschema

from .conftest import ROOT, SHARED, missing

CORPUS = ROOT / "tests" / "extraction" / "corpus"


def _manifest() -> list[dict[str, str]]:
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_page_has_a_valid_record_and_nothing_else_is_there() -> None:
    schema_path = SHARED / "extraction" / "record.schema.json"
    if not schema_path.exists():
        missing("the shared record schema is not beside this checkout")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    rows = _manifest()
    stems = {r["file"].rsplit(".", 1)[0] for r in rows}
    assert {p.stem for p in (CORPUS / "docs").glob("*.txt")} == stems
    assert {p.stem for p in (CORPUS / "gold").glob("*.json")} == stems
    for stem in stems:
        record = json.loads((CORPUS / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        jsonschema.validate(record, schema)
        assert record["source"]["file"] == f"{stem}.txt"


def test_halves_kinds_and_languages() -> None:
    rows = _manifest()
    assert len(rows) >= 40
    assert Counter(r["half"] for r in rows) == {"tune": len(rows) // 2, "held": len(rows) // 2}
    languages = Counter(r["language"] for r in rows)
    assert len(languages) >= 7 and {"lt", "hu"} <= set(languages)
    for kind in ("multi_project", "single_event_news", "orgs_in_running_text"):
        assert 4 * sum(r[kind] == "yes" for r in rows) >= len(rows), kind
    for r in rows:  # the languages stated are the records' own
        record = json.loads(
            (CORPUS / "gold" / r["file"].replace(".txt", ".json")).read_text(encoding="utf-8")
        )
        assert record["source"]["language"] == r["language"]
        multi = len(record["projects"]) > 1
        assert multi == (r["multi_project"] == "yes"), r["file"]


def test_the_fresh_pages_have_valid_records() -> None:
    schema_path = SHARED / "extraction" / "record.schema.json"
    if not schema_path.exists():
        missing("the shared record schema is not beside this checkout")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    fresh = ROOT / "tests" / "extraction" / "fresh"
    stems = {p.stem for p in (fresh / "docs").glob("*.txt")}
    assert len(stems) >= 7
    assert {p.stem for p in (fresh / "gold").glob("*.json")} == stems
    for stem in stems:
        record = json.loads((fresh / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        jsonschema.validate(record, schema)
        assert record["source"]["file"] == f"{stem}.txt"
