"""export: the graph back to records, equal to the curated records it was built from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from coopkg.export import export_records, write_records

from .conftest import DATA

FIELDS = ("title", "programme", "start", "end", "cofinancing_rate", "funds", "identifiers")


def _curated() -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted((DATA / "records").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        out[record["source"]["file"]] = record
    return out


def test_exported_records_carry_the_curated_values(seed_store: ox.Store) -> None:
    exported, curated = export_records(seed_store), _curated()
    assert set(exported) == set(curated)
    for source, record in curated.items():
        mine = exported[source]
        assert mine["source"]["language"] == record["source"]["language"]
        for ours, theirs in zip(mine["projects"], record["projects"], strict=True):
            for name in FIELDS:
                got, want = ours[name], theirs.get(name)
                if isinstance(want, list):
                    got, want = sorted(got), sorted(want)
                assert got == want, (source, name)
            names = sorted(o["name"] for o in ours["organisations"])
            assert names == sorted(o["name"] for o in theirs["organisations"])


def test_write_records_names_files_after_their_sources(tmp_path: Path) -> None:
    record = {"source": {"file": "page.html", "language": "pl"}, "projects": []}
    (written,) = write_records({"page.html": record}, tmp_path / "out")
    assert written.name == "page.json"
    assert json.loads(written.read_text(encoding="utf-8")) == record
