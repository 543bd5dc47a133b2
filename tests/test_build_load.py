"""build/load: the registry graph pruned after an incremental build, restated statements, and
the merged default graph."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from coopkg.build import load
from coopkg.build import load as build_load
from coopkg.vocab import REGISTRY_GRAPH

from .conftest import copy_data


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


def test_restated_statements_need_no_lookup(tmp_path: Path) -> None:
    from coopkg.build.load import drop_unheld

    def node(name: str) -> ox.NamedNode:
        return ox.NamedNode(f"http://example.org/{name}")

    kept, gone, elsewhere = (ox.Triple(node("a"), node("p"), node(o)) for o in "bcd")
    db = ox.Store()
    other = node("other-document")
    db.add(ox.Quad(*elsewhere, other))
    for t in (kept, gone, elsewhere):
        db.add(ox.Quad(*t, ox.DefaultGraph()))
    replaced = tmp_path / "replaced.nt"  # the replaced document's graph, already removed
    replaced.write_bytes(ox.serialize([kept, gone, elsewhere], format=ox.RdfFormat.N_TRIPLES))
    looked_up, dropped = drop_unheld(db, replaced, restated={kept})
    assert (looked_up, dropped) == (2, 1)
    assert ox.Quad(*kept, ox.DefaultGraph()) in db  # restated: left alone, not looked up
    assert ox.Quad(*elsewhere, ox.DefaultGraph()) in db  # another graph holds it
    assert ox.Quad(*gone, ox.DefaultGraph()) not in db


@pytest.mark.parametrize("memory", [0, 3, 5_000_000])
def test_merged_default_graph_is_every_statement_once_whatever_the_memory(
    tmp_path: Path, memory: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Repeats are dropped while the digests fit in MERGE_MEMORY; beyond it lines pass as
    they are. Either way the file holds exactly the statements of all graphs."""
    base = "https://w3id.org/coopkg/"
    place = f"<{base}id/place/x-1>"
    lines = [
        f'{place} <http://www.w3.org/2000/01/rdf-schema#label> "X" <{base}id/source/{doc}> .\n'
        for doc in ("a", "b", "c")
    ] + [
        f'<{base}id/project/p-{doc}> <http://schema.org/name> "P {doc}" <{base}id/source/{doc}> .\n'
        for doc in ("a", "b")
    ]
    combined = tmp_path / "documents.nq"
    combined.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(build_load, "MERGE_MEMORY", memory)
    merged = build_load.merged_file(combined, tmp_path / "merged.nt", base)
    body = merged.read_text(encoding="utf-8")
    label_lines = [x for x in body.splitlines() if x.startswith(place)]
    assert len(label_lines) == (3 if memory == 0 else 1)
    document = {
        t
        for t in ox.parse(body.encode(), format=ox.RdfFormat.N_TRIPLES)
        if "id/" in t.subject.value
    }
    assert len(document) == 3


EX = "https://example.org/"
REGISTRY = ox.NamedNode(REGISTRY_GRAPH)
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def node(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


class Recording:
    """A store that remembers the text of every query it is asked."""

    def __init__(self, store: ox.Store) -> None:
        self.store, self.texts = store, []  # type: list[str]

    def query(self, text: str, **kwargs: Any) -> Any:
        self.texts.append(text)
        return self.store.query(text, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def test_uncited_territories_and_their_countries_leave_the_registry_graph() -> None:
    db = ox.Store()
    document = node("graph/doc")
    for name, country in (("kept", "pl"), ("gone", "ua")):
        db.add(ox.Quad(node(name), LABEL, ox.Literal(name), REGISTRY))
        db.add(ox.Quad(node(name), load.COUNTRY_OF, node(country), REGISTRY))
        db.add(ox.Quad(node(country), LABEL, ox.Literal(country), REGISTRY))
    db.add(ox.Quad(node("project"), node("place"), node("kept"), document))
    recording = Recording(db)
    sink = io.BytesIO()
    removed = load._prune_registry(recording, {node("kept"), node("gone")}, sink)  # type: ignore[arg-type]
    assert removed == 3  # gone's label and country, then ua's label
    left = {q.subject for q in db.quads_for_pattern(None, None, None, REGISTRY)}
    assert left == {node("kept"), node("pl")}
    assert b"gone" in sink.getvalue()
    # the territory is bound, not spliced: one query text whatever the data
    assert len(recording.texts) == 2 and len(set(recording.texts)) == 1
    assert EX not in recording.texts[0]
