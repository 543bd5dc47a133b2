"""build/dump: the dated dump and data/rdf/ follow the served build and only a successful one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.build import cache as build_cache
from coopkg.build.run import build
from coopkg.errors import BadInput, ValidationFailed
from coopkg.settings import Settings

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


def test_dump_writes_the_served_build_even_after_a_failed_build(data: Path) -> None:
    from coopkg.build.dump import dump_current

    settings = disk_settings(data)
    first = build(settings)
    assert first.dump is not None
    expected = first.dump.read_bytes()
    first.dump.unlink()
    # a later build that fails re-caches the valid documents it changed, not the store
    retitle(data, "003_aa63097409705188.json", "Úřady bez hranic IV")
    break_a_record(data)
    with pytest.raises((ValidationFailed, BadInput)):
        build(settings)
    planned, _ = build_cache.plan(settings)
    assert [p.hit is not None for p in planned if p.job.stem.startswith("003")] == [True]
    dumped = dump_current(settings)
    assert set(ox.parse(dumped.read_bytes(), format=ox.RdfFormat.N_QUADS)) == set(
        ox.parse(expected, format=ox.RdfFormat.N_QUADS)
    )
    with pytest.raises(BadInput):
        dump_current(Settings(data_dir=data, store=":memory:"))


def test_generated_files_are_not_rewritten_when_unchanged(data: Path) -> None:
    build(Settings(data_dir=data, store=":memory:"))
    path = next((data / "rdf").glob("*.nq"))
    os.utime(path, (1, 1))
    build(Settings(data_dir=data, store=":memory:"))
    assert path.stat().st_mtime == 1


def test_published_rdf_changes_only_with_a_successful_build(data: Path) -> None:
    """data/rdf files are hard links into the cache; a failed build re-caches the valid
    documents it changed as new files, so what data/rdf shows is still the served build."""
    settings = Settings(data_dir=data, store=":memory:")
    build(settings)
    published = data / "rdf" / "003_aa63097409705188.nq"
    cached = data / ".cache" / "build" / "003_aa63097409705188.nq"
    assert os.path.samefile(published, cached)
    before = published.read_text(encoding="utf-8")
    retitle(data, "003_aa63097409705188.json", "Úřady bez hranic V")
    break_a_record(data)
    with pytest.raises(ValidationFailed):
        build(settings)
    assert "Úřady bez hranic V" in cached.read_text(encoding="utf-8")
    assert published.read_text(encoding="utf-8") == before
    repair = data / "records" / "002_664baf2ff6750c58.json"
    fixed = json.loads(repair.read_text(encoding="utf-8"))
    fixed["projects"][0]["start"] = "2016-01-01"
    repair.write_text(json.dumps(fixed, ensure_ascii=False), encoding="utf-8")
    build(settings)
    assert "Úřady bez hranic V" in published.read_text(encoding="utf-8")
    assert os.path.samefile(published, cached)
