"""link/programmes: the countries a programme's name spans."""

from __future__ import annotations

import pytest

from coopkg.link.programmes import programme_countries


@pytest.mark.parametrize(
    ("label", "countries"),
    [
        ("Interreg Polska-Ukraina 2014-2020", {"PL", "UA"}),
        ("Program Współpracy Transgranicznej Polska-Białoruś-Ukraina", {"PL", "BY", "UA"}),
        ("Fundusz Inicjatyw Obywatelskich", set()),
    ],
)
def test_programme_countries(label: str, countries: set[str]) -> None:
    assert programme_countries(label) == countries
