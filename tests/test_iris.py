"""iris: stable, readable IRIs under the configured base."""

from __future__ import annotations

from coopkg.iris import Minter, normalise, short_hash, slug


def test_slug_and_normalise() -> None:
    assert slug("Gmina Kraśnik – wspólne dziedzictwo") == "gmina-krasnik-wspolne-dziedzictwo"
    assert normalise("  Gmina  KRAŚNIK ") == "gmina kraśnik"
    assert short_hash("a", "b") == short_hash("a", "b") != short_hash("ab")


def test_the_same_entity_gets_the_same_iri_and_others_differ() -> None:
    m = Minter()
    a = m.organisation("Gmina Kraśnik", "PL")
    assert a == m.organisation("Gmina  Kraśnik", "PL")
    assert a != m.organisation("Gmina Kraśnik", "UA")
    assert a.startswith("https://w3id.org/coopkg/id/organisation/gmina-krasnik-")


def test_the_base_is_a_setting() -> None:
    m = Minter("https://example.org/kg/")
    assert str(m.country("PL")) == "https://example.org/kg/id/place/country-pl"
    assert (
        str(Minter.sub(m.country("PL"), "x", 2)) == "https://example.org/kg/id/place/country-pl/x/2"
    )
