"""classify: an organisation's type and a territory's level from the words of its name."""

from __future__ import annotations

import pytest

from coopkg.classify import organisation_type, territory_level


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Gmina Kraśnik", "municipality"),
        ("Obec Hať", "municipality"),
        ("Stowarzyszenie Razem", "ngo"),
        ("Fundacja Wspólna Droga", "foundation"),
        ("Xyz", None),
    ],
)
def test_organisation_type(name: str, kind: str | None) -> None:
    assert organisation_type(name) == kind


@pytest.mark.parametrize(
    ("name", "level"),
    [("powiat myśliborski", "county"), ("województwo lubelskie", "region"), ("Lublin", None)],
)
def test_territory_level(name: str, level: str | None) -> None:
    assert territory_level(name) == level
