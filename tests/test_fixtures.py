"""The shared fixtures' rule: a missing fixture skips on a laptop and fails in CI."""

from __future__ import annotations

import pytest

from .conftest import missing


def test_a_missing_fixture_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required when CI=true"):
        missing("the shared scorer is not beside this checkout")


def test_a_missing_fixture_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        missing("the shared scorer is not beside this checkout")
