"""paths: the ontology, shapes and queries under the configured home."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopkg import paths


def test_paths_follow_coopkg_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOPKG_HOME", str(tmp_path))
    assert paths.queries_dir() == tmp_path / "queries"
    assert paths.shapes_dir() == tmp_path / "shapes"
    assert paths.ontology_file() == tmp_path / "ontology" / "coop.ttl"


def test_the_default_home_holds_the_ontology(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COOPKG_HOME", raising=False)
    assert paths.ontology_file().is_file() and paths.queries_dir().is_dir()
