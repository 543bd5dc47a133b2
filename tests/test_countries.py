"""countries: a country's English name from its ISO code."""

from __future__ import annotations

from coopkg.countries import country_name, country_names


def test_names_of_the_countries_we_cover() -> None:
    assert country_name("PL") == "Poland" and country_name("UA") == "Ukraine"
    assert {"CZ", "SK", "LT", "DE"} <= set(country_names())


def test_an_unknown_code_is_shown_as_it_is() -> None:
    assert country_name("XX") == "XX"
