"""`coopkg bench` end to end at a small size (slow: it load-tests for minutes)."""

from __future__ import annotations

import shutil

import pytest
from benchmarks.bench import MIX, bench

pytestmark = pytest.mark.slow


def test_bench_measures_every_stage_query_and_load_level() -> None:
    if shutil.which("wrk") is None or shutil.which("virtuoso-t") is None:
        pytest.skip("wrk and virtuoso-t are installed by scripts/test-slow (as root)")
    text = bench([300], rdflib_max=300, virtuoso=True, rdflib_limit=60, query_limit=120)
    assert "### 300 projects" in text
    for figure in (
        "build from scratch s",
        "stage: convert, link and validate s",
        "stage: load s",
        "rebuild after changing 3 records s",
        "rebuild after adding 1,000 documents s",
        "validate whole store at once (compiled SHACL) s",
        "Virtuoso: build + write s",
    ):
        assert f" {figure} |" in text, (figure, text)
    for name in MIX:
        row = next(line for line in text.splitlines() if line.startswith(f"| {name} |"))
        assert "stopped" not in row and "–" not in row, row
    serving = [line for line in text.splitlines() if line.startswith("| one project's")]
    assert [line.split(" | ")[1] for line in serving] == ["1", "8", "32"]
    for line in serving:
        cells = line.split(" | ")
        assert cells[-2] == "0" and cells[-1].rstrip(" |") == "none", line  # no errors
        assert float(cells[5].replace(",", "")) > 0, line  # the HTTP floor was measured
