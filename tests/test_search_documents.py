"""search/documents: what text each project, organisation and place is found by."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coopkg.search.documents import Entry, entries, geonames_alternates


@pytest.fixture(scope="module")
def by_label(seed_store: ox.Store) -> dict[tuple[str, str], Entry]:
    return {(e.kind, e.label): e for e in entries(seed_store)}


def _texts(parts: list[tuple[str, str | None]]) -> set[str]:
    return {t for t, _ in parts}


def test_a_project_by_its_titles_partners_places_and_their_other_names(
    by_label: dict[tuple[str, str], Entry],
) -> None:
    project = by_label[("project", "Synergi@")]
    assert project.language == "pl"
    assert {"Synergi@", "Synergia"} <= _texts(project.name)
    assert {"Lublin", "Lublinie", "Люблін"} <= _texts(project.body)


def test_languages_come_from_the_literal_or_the_source(
    by_label: dict[tuple[str, str], Entry],
) -> None:
    project = by_label[("project", "Úřady bez hranic")]
    assert ("Úřady bez hranic", "cs") in project.name
    assert all(lang == "cs" for t, lang in project.body if t == "Interreg V-A Česko – Polsko")


def test_organisations_and_places(by_label: dict[tuple[str, str], Entry]) -> None:
    rzeszow = by_label[("organisation", "Гміна міста Жешува")]
    assert "Gmina Miasta Rzeszowa" in _texts(rzeszow.name)
    assert "Poland" in _texts(rzeszow.body)
    places = [e for (kind, label), e in by_label.items() if kind == "place" and label == "Lublin"]
    assert any("Люблін" in _texts(p.name) for p in places)


def test_geonames_alternates_keep_latin_and_cyrillic_names() -> None:
    lublin = geonames_alternates()["765876"]
    assert "Люблін" in lublin and "Lublino" in lublin
    assert all(all(c.isascii() or "\u00c0" <= c <= "\u04ff" for c in n) for n in lublin)
