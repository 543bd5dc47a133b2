"""validate/violations: the `*-violation` queries find what shapes cannot state."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.settings import Settings
from coopkg.validate.violations import check_violation_queries

from .conftest import copy_data


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


def disk_settings(data: Path) -> Settings:
    return Settings(data_dir=data, store=str(data / "store"))


def retitle(data: Path, record_file: str, title: str) -> Path:
    """Give a record's first project a new title (a valid change); return the record's path."""
    path = data / "records" / record_file
    record = json.loads(path.read_text(encoding="utf-8"))
    record["projects"][0]["title"] = title
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def break_a_record(data: Path) -> None:
    path = data / "records" / "002_664baf2ff6750c58.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["projects"][0]["start"] = "2026-01-01"  # after its end: schema-valid, shape-invalid
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def _age(folder: Path, seconds: int = 3600) -> None:
    """Set every file's mtime back, as if written long before the build reads it."""
    past = int(os.path.getmtime(folder)) - seconds
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))


def test_violation_queries_catch_what_shapes_cannot(seed_store: ox.Store) -> None:
    assert check_violation_queries(seed_store) == []
    db = ox.Store()
    db.add(
        ox.Quad(
            ox.BlankNode(),
            ox.NamedNode("http://example.org/p"),
            ox.Literal("x"),
            ox.NamedNode("http://example.org/g"),
        )
    )
    problems = check_violation_queries(db)
    assert problems and problems[0].startswith("blank-nodes-violation")
