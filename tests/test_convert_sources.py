"""convert/sources: the sources' manifest, checked against the documents' checksums."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coopkg.convert.sources import read_manifest, sha256_of, source_info
from coopkg.errors import BadInput

from .conftest import DATA


def test_every_seed_document_matches_its_manifest_entry() -> None:
    manifest = read_manifest(DATA / "sources")
    assert len(manifest) == 5
    for name, entry in manifest.items():
        info = source_info(DATA / "sources", name, manifest)
        assert info.sha256 == entry.sha256 == sha256_of(DATA / "sources" / name)
        assert info.text and info.language == entry.language


def test_a_changed_document_is_refused(tmp_path: Path) -> None:
    shutil.copytree(DATA / "sources", tmp_path / "sources")
    manifest = read_manifest(tmp_path / "sources")
    name = sorted(manifest)[0]
    with (tmp_path / "sources" / name).open("a", encoding="utf-8") as f:
        f.write("\nedited")
    with pytest.raises(BadInput, match="differs from manifest"):
        source_info(tmp_path / "sources", name, manifest)


def test_a_manifest_without_its_columns_is_refused(tmp_path: Path) -> None:
    (tmp_path / "manifest.csv").write_text("file,language\nx.txt,pl\n", encoding="utf-8")
    with pytest.raises(BadInput, match="missing column"):
        read_manifest(tmp_path)
    assert read_manifest(tmp_path / "none") == {}


def test_a_record_without_its_document_keeps_the_manifest_facts(tmp_path: Path) -> None:
    info = source_info(tmp_path, "gone.txt", {})
    assert (info.text, info.sha256) == (None, None)
