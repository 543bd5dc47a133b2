"""Records: the dataclasses round-trip the record format, and bad records are refused clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coopkg.errors import BadInput
from coopkg.records import Record, check_record, load_record, parse_record

from .conftest import DATA

RECORDS = sorted((DATA / "records").glob("*.json"))


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem)
def test_record_round_trips_through_the_dataclasses(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert Record.from_dict(data).to_dict() == data


def test_evidence_round_trips() -> None:
    data = json.loads(RECORDS[0].read_text(encoding="utf-8"))
    data["projects"][0]["evidence"] = {"title": [{"start": 3, "end": 9}]}
    data["projects"][0]["places"][0]["evidence"] = [{"start": 10, "end": 17}]
    check_record(data)
    assert Record.from_dict(data).to_dict() == data


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not JSON"),
        ('{"source": {"file": "x.txt"}}', "'projects' is a required property"),
        ('{"source": {"file": "x.txt"}, "projects": [{"title": "t"}]}', "projects/0"),
    ],
)
def test_malformed_records_are_refused_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        parse_record(text, "x.json")


def test_a_value_outside_the_schema_is_named() -> None:
    data = json.loads(RECORDS[3].read_text(encoding="utf-8"))
    data["projects"][0]["cofinancing_rate"] = 85
    with pytest.raises(BadInput, match="cofinancing_rate"):
        parse_record(json.dumps(data), "x.json")


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="cannot read"):
        load_record(tmp_path / "missing.json")
