"""registries/snapshots: trimmed copies of the registries with a manifest, and the caches
built from them that follow every change of a snapshot."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from coopkg.errors import BadInput
from coopkg.registries import snapshots
from coopkg.registries.snapshots import (
    INSTALLED_ROWS,
    MANIFEST,
    SNAPSHOTS,
    cached,
    read_rows,
    snapshot_fingerprint,
    take_snapshot,
)

from .conftest import DATA


def test_every_snapshot_is_in_the_manifest_with_its_licence() -> None:
    with (DATA / "registries" / MANIFEST).open(encoding="utf-8", newline="") as f:
        rows = {row["file"]: row for row in csv.DictReader(f)}
    for snap in SNAPSHOTS:
        assert rows[snap.file]["licence"] == snap.licence
        assert rows[snap.file]["source"] == snap.source


def test_the_committed_manifest_lists_the_installed_boundaries_as_they_are_installed() -> None:
    with (DATA / "registries" / MANIFEST).open(encoding="utf-8", newline="") as f:
        rows = {row["file"]: row for row in csv.DictReader(f)}
    for row in INSTALLED_ROWS:
        assert rows[row["file"]] == row
        assert any(
            who in row["licence"] for who in ("EuroGeographics", "Natural Earth", "GeoNames")
        )


def test_a_missing_snapshot_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="coopkg registries snapshot"):
        list(read_rows("nothing.csv", tmp_path))


def test_take_snapshot_keeps_the_chosen_columns_and_writes_the_manifest(tmp_path: Path) -> None:
    target = tmp_path / "out"
    manifest = take_snapshot(DATA / "registries", target)
    assert [m["file"] for m in manifest] == [s.file for s in SNAPSHOTS] + [
        row["file"] for row in INSTALLED_ROWS
    ]
    for snap in SNAPSHOTS:
        if snap.columns:
            with (target / snap.file).open(encoding="utf-8", newline="") as f:
                assert tuple(next(csv.reader(f))) == snap.columns
    assert snapshot_fingerprint(target) != "none"
    (target / SNAPSHOTS[0].file).unlink()
    with pytest.raises(BadInput, match="not found"):
        take_snapshot(target, tmp_path / "again")


def test_a_cache_is_rebuilt_when_a_snapshot_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registries = tmp_path / "data" / "registries"
    registries.mkdir(parents=True)
    shutil.copy(DATA / "registries" / MANIFEST, registries / MANIFEST)
    monkeypatch.setattr(snapshots, "registry_dir", lambda: registries)
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"n": len(builds)}

    assert cached("test", dict, build) == {"n": 1}
    assert cached("test", dict, build) == {"n": 1}  # from the pickle
    with (registries / MANIFEST).open("a", encoding="utf-8") as f:
        f.write("extra.csv,here,CC0,2026-01-01,0,0\n")
    assert cached("test", dict, build) == {"n": 2}
