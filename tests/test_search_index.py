"""search/index: search quality on the seed and dev pages' projects in every search
language, and the index's own behaviour (paging, types, snippets, files, pickling)."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.build.run import build
from coopkg.errors import BadInput
from coopkg.search import SearchIndex, build_index
from coopkg.search import index as search_index
from coopkg.search import text as tx
from coopkg.settings import Settings

from .conftest import SHARED, copy_data, missing

DEV = SHARED / "extraction" / "dev"

# (query language, type, query) → the label the first result must start with. Each row
# names what a researcher would type: inflected, in another script, or in the language
# of a twin town's page (German and Lithuanian names come from GeoNames).
QUALITY = [
    ("pl", "project", "w Lublinie", "Synergi@"),
    ("uk", "project", "Любліні", "Нове життя старого міста"),
    ("pl", "project", "współpraca samorządów", "Samorządność i współpraca"),
    ("pl", "project", "dziedzictwa kulturowego", "Współpraca polsko-ukraińska dla rozwoju"),
    ("pl", "project", "turystyka", "Współpraca polsko-ukraińska dla rozwoju"),
    ("pl", "project", "Rzeszowie", "Спільна мережа співпраці"),
    ("pl", "project", "Tyszowce", "Ponadregionalna współpraca"),
    ("pl", "project", "Czortków", "Польський досвід"),
    ("uk", "project", "культурна спадщина", "Нове життя старого міста"),
    ("uk", "project", "Чорткові", "Польський досвід"),
    ("uk", "project", "стратегічний план", "Польський досвід"),
    ("uk", "project", "Стрий", "Polish-Ukrainian Experience Exchange Forum"),
    ("cs", "project", "Žacléři", "Východní Krkonoše"),
    ("cs", "project", "kultura a sport", "Kultúrou a športom"),
    ("cs", "place", "Ostravě", "Ostrava"),
    ("sk", "project", "Stráňavách", "Kultúrou a športom"),
    ("sk", "project", "slovensko-poľské vzťahy", "Kultúrou a športom"),
    ("sk", "place", "Žiline", "okres Žilina"),
    ("lt", "project", "Ostravoje", "Úřady bez hranic"),
    ("lt", "project", "Luckas", "Нове життя старого міста"),
    ("lt", "place", "Žmudė", "Żmudź"),
    ("de", "project", "Ostrau", "Úřady bez hranic"),
    ("de", "place", "Reichshof", "Rzeszów"),
    ("en", "project", "Chortkiv", "Польський досвід"),
    ("en", "project", "cross-border cooperation forum", "Polish-Ukrainian Experience"),
    ("en", "project", "Stryi", "Polish-Ukrainian Experience Exchange Forum"),
    ("pl", "organisation", "gminy Żmudź", "Gmina Żmudź"),
    ("pl", "organisation", "Urzędu Miejskiego", "Urząd Miejski"),
    ("uk", "organisation", "Луцька міська рада", "Виконавчий комітет Луцької міської ради"),
    ("pl", "place", "Tyszowcach", "Tyszowce"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    """The seed and dev pages' projects (their gold records), indexed."""
    if not DEV.exists():
        missing("the shared dev pages are not beside this checkout")
    data = copy_data(tmp_path_factory.mktemp("data"))
    for doc in (DEV / "docs").iterdir():
        shutil.copy(doc, data / "sources" / doc.name)
    for record in (DEV / "gold").iterdir():
        shutil.copy(record, data / "records" / record.name)
    db = ox.Store()
    build(Settings(data_dir=data, store=":memory:"), db=db)
    return build_index(db)


@pytest.mark.parametrize(("lang", "kind", "query", "first"), QUALITY)
def test_search_quality(index: SearchIndex, lang: str, kind: str, query: str, first: str) -> None:
    total, hits = index.search(query, lang, kind)
    assert total >= 1 and hits, f"nothing for {query!r}"
    assert hits[0].label.startswith(first), [h.label for h in hits]


def test_the_same_project_by_three_spellings(index: SearchIndex) -> None:
    """Both projects in Lublin (one Polish, one Ukrainian) are found by all three."""
    for query in ("Lublin", "Lublinie", "Люблін"):
        labels = [h.label for h in index.search(query, None, "project")[1]]
        assert "Synergi@" in labels, query
        assert any(label.startswith("Нове життя старого міста") for label in labels), query


def test_a_query_the_data_cannot_answer_finds_nothing(index: SearchIndex) -> None:
    assert index.search("Zusammenarbeit Kraftwerk") == (0, [])
    assert index.search("  ,;  ") == (0, [])


def test_paging_and_types(index: SearchIndex) -> None:
    total, first = index.search("Lublin", limit=2)
    _, second = index.search("Lublin", limit=2, offset=2)
    assert total >= 4 and len(first) == 2
    assert not {h.iri for h in first} & {h.iri for h in second}
    assert {h.kind for h in index.search("Lublin", kind="place")[1]} == {"place"}
    with pytest.raises(BadInput):
        index.search("Lublin", kind="person")


def test_snippets_mark_the_matched_words(index: SearchIndex) -> None:
    hit = index.search("współpraca samorządów", "pl", "project")[1][0]
    assert "<mark>Samorządność</mark>" in hit.snippet and "<mark>współpraca</mark>" in hit.snippet
    assert "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")


def test_scores_for_sparql_agree_with_search(index: SearchIndex) -> None:
    _, hits = index.search("Ostrau", "de")
    scores = index.scores("Ostrau", "de")
    assert {h.iri for h in hits} <= set(scores)
    assert scores[hits[0].iri] == pytest.approx(hits[0].score)


def test_a_file_index_survives_pickling_and_replacement(
    tmp_path: Path, seed_store: ox.Store
) -> None:
    path = tmp_path / "search.sqlite"
    on_disk = build_index(seed_store, path)
    copy = pickle.loads(pickle.dumps(on_disk))
    assert copy.search("Rzeszów")[0] == on_disk.search("Rzeszów")[0] > 0
    size = on_disk.size()
    empty = ox.Store()
    build_index(empty, path)  # replaced under the open index: it reopens
    assert on_disk.search("Rzeszów") == (0, [])
    memory = pickle.loads(pickle.dumps(build_index(seed_store)))
    assert memory.size() == size > 0


@pytest.mark.parametrize(("kind", "query"), [(None, "Lublin"), ("project", "współpraca")])
def test_a_head_query_pages_by_tiers_with_true_scores(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch, kind: str | None, query: str
) -> None:
    """Above RANK_ALL matches the page is chosen by tiers (every word in the name first),
    yet every match is reached once across pages, and each hit carries its BM25 score."""
    exact_total, exact = index.search(query, kind=kind, limit=100)
    monkeypatch.setattr(search_index, "RANK_ALL", 1)
    total, _ = index.search(query, kind=kind)
    assert total == exact_total >= 3
    pages = [index.search(query, kind=kind, limit=2, offset=o)[1] for o in range(0, total, 2)]
    seen = [h.iri for page in pages for h in page]
    assert sorted(seen) == sorted(h.iri for h in exact) and len(set(seen)) == len(seen)
    scores = index.scores(query)
    assert all(h.score == pytest.approx(scores[h.iri]) for page in pages for h in page)
    for page in pages:
        assert [h.score for h in page] == sorted((h.score for h in page), reverse=True)
    # the name tier comes first: a page as long as the tier holds just the tier
    expression = tx.fts_query(tx.query_patterns(query, None))
    conn = index._connection()
    named = {
        iri
        for (iri,) in conn.execute(
            "SELECT e.iri FROM terms JOIN entity e ON e.id = terms.rowid"
            " WHERE terms MATCH ? AND e.kind = coalesce(?, e.kind)",
            (f"{{name}} : ({expression})", kind),
        )
    }
    assert 0 < len(named) < total
    assert {h.iri for h in index.search(query, kind=kind, limit=len(named))[1]} == named


def test_page_rows_are_scored_in_few_ranges() -> None:
    assert search_index._runs([3, 5, 9], gap=4) == [(3, 9)]
    assert search_index._runs([3, 5, 900, 2000], gap=500) == [(3, 5), (900, 900), (2000, 2000)]
