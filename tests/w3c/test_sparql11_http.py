"""The W3C SPARQL 1.1 query-evaluation suite through the server's HTTP interfaces (slow).

Run with `scripts/test-slow` (or `python -m tests.w3c.suite --verbose` for the counts).
Every test the engine passes directly must also pass through the server.
"""

from __future__ import annotations

import pytest

from ..conftest import missing
from .suite import ROOT, run

pytestmark = pytest.mark.slow


def test_every_test_the_engine_passes_also_passes_through_http() -> None:
    if not ROOT.exists():
        missing("the W3C test data is not beside this checkout")
    engine = run("engine")
    http = run("http")
    assert len(engine.passed) > 150
    lost = sorted(set(engine.passed) - set(http.passed))
    assert not lost, lost
