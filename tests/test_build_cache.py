"""build/cache: a converted document is reused only while nothing that made it changed."""

from __future__ import annotations

from pathlib import Path

from coopkg.build import cache

PACKAGE = Path(cache.__file__).resolve().parents[1]


def test_the_code_fingerprint_covers_every_stage_not_only_the_build() -> None:
    files = set(cache.fingerprinted_files())
    for module in ("extract/organisations.py", "convert/graph.py", "link/graph.py", "iris.py"):
        assert PACKAGE / module in files, module
    assert any(f.suffix == ".ttl" and f.parent.name == "shapes" for f in files)
    assert any(f.name == "coop.ttl" for f in files)
