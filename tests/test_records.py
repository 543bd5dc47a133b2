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


def test_fast_schema_check_agrees_with_jsonschema(tmp_path: Path) -> None:
    """fastjsonschema decides validity in the build; jsonschema words errors. They must agree
    on valid records and on every one-change mutation of them."""
    import copy
    import json as _json

    from benchmarks.synth import write as write_synthetic

    from coopkg.records import _validator, is_valid_record

    root = Path(__file__).resolve().parents[1]
    write_synthetic(20, 3, tmp_path)
    docs = [
        _json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((root / "data" / "records").glob("*.json")) + sorted(tmp_path.glob("*"))
    ]
    mutations = [
        lambda d: d.pop("source"),
        lambda d: d["source"].update(file=7),
        lambda d: d["projects"][0].update(start="2014-13"),
        lambda d: d["projects"][0].update(cofinancing_rate=1.5),
        lambda d: d["projects"][0].update(funds=["NOT-A-FUND"]),
        lambda d: d["projects"][0].update(title=None),
        lambda d: d["projects"][0].pop("organisations", None),
        lambda d: d["projects"][0].update(organisations=[{"name": "X", "role": "boss"}]),
        lambda d: d["projects"][0].update(amounts=[{"kind": "total", "value": "many"}]),
        lambda d: d["projects"][0].update(outcomes=[{"value": -1, "unit": "x", "status": "y"}]),
        lambda d: d["projects"][0].update(places=[{"name": "Gdańsk", "country": "Poland"}]),
        lambda d: d.update(projects="none"),
        lambda d: d.update(extra_field=1),
    ]
    checked = 0
    for doc in docs:
        assert is_valid_record(doc) and _validator().is_valid(doc)
        for mutate in mutations:
            variant = copy.deepcopy(doc)
            mutate(variant)
            assert is_valid_record(variant) == _validator().is_valid(variant), (mutate, variant)
            checked += 1
    assert checked >= 300
