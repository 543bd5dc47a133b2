"""The registry graph: containing territories are stated once, not in every document."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.build.load import registry_problems
from coopkg.build.run import build
from coopkg.link.graph import lies_within
from coopkg.settings import Settings
from coopkg.validate.batch import split_body
from coopkg.validate.reading import read_rdf_files
from coopkg.validate.shacl import validate_graph
from coopkg.vocab import REGISTRY_GRAPH

from .conftest import copy_data

REGISTRY = ox.NamedNode(REGISTRY_GRAPH)
WITHIN = ox.NamedNode("http://www.opengis.net/ont/geosparql#sfWithin")
LEVEL = ox.NamedNode("https://w3id.org/coopkg/ontology#level")
COOP = "https://w3id.org/coopkg/ontology#"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ox.Store]:
    data = copy_data(tmp_path_factory.mktemp("registry") / "data")
    db = ox.Store()
    build(Settings(data_dir=data, store=":memory:"), db=db)
    return data, db


def test_containing_territories_are_described_in_the_registry_graph_only(
    built: tuple[Path, ox.Store],
) -> None:
    _, db = built
    registry_subjects = {q.subject for q in db.quads_for_pattern(None, None, None, REGISTRY)}
    assert len(registry_subjects) > 10
    documents = {
        q.graph_name
        for q in db.quads_for_pattern(None, None, None)
        if isinstance(q.graph_name, ox.NamedNode) and "/id/source/" in q.graph_name.value
    }
    assert documents
    countries = {s for s in registry_subjects if "/place/country-" in s.value}
    for graph in documents:
        described = {q.subject for q in db.quads_for_pattern(None, None, None, graph)}
        # a document keeps its own places and countries, never a containing territory
        assert not (described & (registry_subjects - countries))
        # ... and cites them: its places lie within them
        cited = {
            q.object
            for q in db.quads_for_pattern(None, WITHIN, None, graph)
            if q.object in registry_subjects
        }
        assert cited
    # every statement is in the merged default graph too, where queries read it
    for q in db.quads_for_pattern(None, None, None, REGISTRY):
        assert ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) in db


def test_a_region_lies_within_a_nuts_unit_only_as_a_whole(built: tuple[Path, ox.Store]) -> None:
    _, db = built
    level = {
        q.subject: q.object.value.rsplit("-", 1)[-1]
        for q in db.quads_for_pattern(None, LEVEL, None, ox.DefaultGraph())
    }
    pairs = Counter(
        (level.get(q.subject), level.get(q.object))
        for q in db.quads_for_pattern(None, WITHIN, None, ox.DefaultGraph())
    )
    assert pairs[("municipality", "nuts2")] > 0 and pairs[("nuts3", "nuts2")] > 0
    for child, parent in pairs:
        assert child != "country", (child, parent)
        assert not (child == "region" and parent == "nuts3"), (child, parent)
    # a voivodeship named by a document lies within the one NUTS 2 unit that holds all
    # its municipalities; one reached from a municipality's ladder does not, as
    # Mazowieckie spans two
    assert pairs[("region", "nuts2")] == 2
    assert lies_within("county", "nuts3") and not lies_within("region", "nuts3")
    assert lies_within("nuts3", "country") and not lies_within("nuts2", "nuts3")


def test_generated_files_validate_with_the_registry_statements_they_carry(
    built: tuple[Path, ox.Store],
) -> None:
    data, _ = built
    files = sorted((data / "rdf").glob("*.nq"))
    assert files
    for name, graph in read_rdf_files(files):
        assert validate_graph(graph, source=name).conforms, name
    # without them, a citation of a containing territory breaks sh:class
    body = files[0].read_text(encoding="utf-8")
    own, theirs = split_body(body.split("\n", 1)[1])
    assert theirs and REGISTRY_GRAPH not in own
    alone = files[0].parent / "alone.nq"
    alone.write_text(own, encoding="utf-8")
    try:
        [(_, graph)] = read_rdf_files([alone])
        report = validate_graph(graph)
    finally:
        alone.unlink()
    assert not report.conforms
    assert {v.component for v in report.violations} == {"sh:ClassConstraintComponent"}


def test_contradicting_registry_statements_are_found(built: tuple[Path, ox.Store]) -> None:
    _, db = built
    assert registry_problems(db) == []
    scratch = ox.Store()
    scratch.extend(db.quads_for_pattern(None, None, None, REGISTRY))
    territory = next(
        q.subject
        for q in scratch.quads_for_pattern(None, LEVEL, ox.NamedNode(COOP + "level-county"))
    )
    # two documents stating different levels for one territory: each alone is valid
    scratch.add(ox.Quad(territory, LEVEL, ox.NamedNode(COOP + "level-region"), REGISTRY))
    problems = registry_problems(scratch)
    assert problems and all(p.startswith("registry graph: ") for p in problems)
