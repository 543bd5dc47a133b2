"""Validation of batches in the build's workers: what a batch leaves out changes no verdict.

The differential test converts generated documents as the build does and validates them
batch after batch with one worker's memo of judged descriptions, with errors injected
into later documents (in their projects and in the very place and organisation
descriptions the memo has seen before); the verdicts must be pyshacl's on every
document, and the memo must have been used.
"""

from __future__ import annotations

import random
from collections import Counter

import pyoxigraph as ox
from benchmarks.synth import records
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from coopkg.convert.docgraph import DocGraph
from coopkg.convert.graph import convert_document
from coopkg.convert.sources import SourceInfo
from coopkg.link.graph import link_graph
from coopkg.link.linker import Linker
from coopkg.link.units import LinkReport
from coopkg.records import Record
from coopkg.validate.batch import JudgedDescriptions, scratch_lines, split_body, validate_batch
from coopkg.vocab import COOP, REGISTRY_GRAPH

from .test_validate_compiled import _inject, pyshacl_results

BASE = "https://w3id.org/coopkg/"


def _serialise(doc: DocGraph, registry_nodes: set[URIRef], countries: set[URIRef]) -> str:
    own, theirs = doc.nquads_split(registry_nodes, countries, REGISTRY_GRAPH)
    return "".join(f"{line}\n" for line in own + theirs)


def _break_a_description(doc: DocGraph, rng: random.Random, seen: Counter[str], turn: int) -> None:
    """Break a place, organisation or country description (by turns): of that kind,
    the one earlier documents named most often (so most likely one the memo has
    judged)."""
    places = [
        p
        for p in doc.subjects(RDF.type, COOP.Territory)
        if "/place/country-" not in str(p) and (p, COOP.link, None) in doc
    ]
    organisations = list(doc.subjects(RDF.type, COOP.Organisation))
    countries = [c for c in doc.subjects(RDF.type, COOP.Territory) if "/country-" in str(c)]
    kinds = [kind for kind in (places, organisations, countries) if kind]
    target = max(kinds[turn % len(kinds)], key=lambda n: (seen[str(n)], str(n)))
    choice = rng.randrange(2)
    if target in countries:
        if choice:
            doc.remove((target, COOP.isoCode, None))  # Country-iso: minCount
        else:
            doc.remove((target, RDFS.label, None))  # Territory-label: minCount
    elif target in places:
        if choice:
            doc.remove((target, RDFS.label, None))  # Territory-label: minCount
        else:
            doc.add((target, COOP.level, URIRef(str(COOP) + "level-country")))  # maxCount
    elif choice:
        doc.remove((target, RDFS.label, None))
    else:
        project = next(doc.subjects(RDF.type, COOP.Project))
        doc.add((target, COOP.country, project))  # not a country: sh:class


def test_batches_with_the_memo_give_pyshacls_verdicts() -> None:
    rng = random.Random(3)
    linker = Linker()
    judged = JudgedDescriptions()
    expected: set[tuple[str, str, str]] = set()
    found: set[tuple[str, str, str]] = set()
    reused = judged_then_broken = turn = 0
    seen: Counter[str] = Counter()
    # the second half names the first half's places and organisations again, as
    # documents of one region do: their descriptions repeat
    data = list(records(64, seed=21)) * 2
    for start in range(0, len(data), 8):
        bodies, names = [], []
        for i in range(start, start + 8):
            doc = convert_document(Record.from_dict(data[i]), SourceInfo(f"doc{i}.txt"))
            report = link_graph(doc, linker=linker)
            before = _serialise(doc, report.registry_nodes, report.registry_countries)
            if start >= 64 and start % 16 == 0:  # every other batch stays clean and teaches
                if i % 4 == 0:
                    _break_a_description(doc, rng, seen, turn)
                    turn += 1
                elif i % 4 == 1:
                    _inject(doc, rng)  # type: ignore[arg-type]
            seen.update(str(s) for s, _, _ in doc.triples((None, RDF.type, None)))
            body = _serialise(doc, report.registry_nodes, report.registry_countries)
            if body != before:
                # the broken description was one the worker had judged clean before
                was = scratch_lines([before], judged, BASE).reused
                judged_then_broken += was > scratch_lines([body], judged, BASE).reused
            expected |= pyshacl_results(doc.to_rdflib())
            bodies.append(body)
            names.append(f"doc{i}.txt")
        violations, taken = validate_batch(bodies, names, judged, BASE)
        found |= {(v.focus, v.shape, v.component) for v in violations}
        reused += taken
    assert expected, "pyshacl finds the injected errors"
    assert reused > 50, "the memo of judged descriptions was used"
    assert judged_then_broken >= 3, "errors were injected into descriptions judged before"
    assert found == expected


def _one_document() -> tuple[DocGraph, LinkReport]:
    data = next(iter(records(1, seed=4)))
    doc = convert_document(Record.from_dict(data), SourceInfo("a.txt"))
    return doc, link_graph(doc, linker=Linker())


def test_a_judged_description_is_not_loaded_but_its_types_and_countries_are() -> None:
    doc, report = _one_document()
    body = _serialise(doc, report.registry_nodes, report.registry_countries)
    judged = JudgedDescriptions()
    first = scratch_lines([body], judged, BASE)
    assert first.reused == 0 and first.pending
    judged.remember(first.pending)
    again = scratch_lines([body], judged, BASE)
    assert again.reused == len(first.pending)
    own = split_body(body)[0].splitlines(keepends=True)
    places = [
        line
        for line in own
        if line.startswith(f"<{BASE}id/place/") and "country-" not in line.split(">")[0]
    ]
    assert places
    loaded = set(again.text().splitlines(keepends=True))
    assert not any(
        line in loaded
        for line in places
        if " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " not in line
        and f" <{COOP.country}> " not in line
    )
    # the place's types are in the registry graph, its country statement in its own graph
    store = ox.Store()
    store.load(again.text().encode(), format=ox.RdfFormat.N_QUADS)
    place = ox.NamedNode(places[0].split(">")[0][1:])
    registry = ox.NamedNode(REGISTRY_GRAPH)
    assert list(store.quads_for_pattern(place, ox.NamedNode(str(RDF.type)), None, registry))
    country_lines = [line for line in places if f" <{COOP.country}> " in line]
    assert all(line in loaded for line in country_lines)
    # the registry graph's lines other than types are left to the whole-store check
    assert all(
        " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " in line
        for line in loaded
        if line.endswith(f"<{REGISTRY_GRAPH}> .\n")
    )


def test_a_description_that_differs_is_judged_again() -> None:
    doc, report = _one_document()
    body = _serialise(doc, report.registry_nodes, report.registry_countries)
    judged = JudgedDescriptions()
    judged.remember(scratch_lines([body], judged, BASE).pending)
    place = sorted(p for p in doc.subjects(RDF.type, COOP.Territory) if "country-" not in str(p))[0]
    doc.remove((place, RDFS.label, None))
    changed = _serialise(doc, report.registry_nodes, report.registry_countries)
    scratch = scratch_lines([changed], judged, BASE)
    assert len(scratch.pending) == 1  # the changed place only
    violations, _ = validate_batch([changed], ["a.txt"], judged, BASE)
    assert {v.shape for v in violations} == {"cs:Territory-label"}


def test_a_batch_with_a_violation_teaches_the_memo_nothing() -> None:
    doc, report = _one_document()
    _inject(doc, random.Random(1))  # type: ignore[arg-type]
    body = _serialise(doc, report.registry_nodes, report.registry_countries)
    judged = JudgedDescriptions()
    violations, _ = validate_batch([body], ["a.txt"], judged, BASE)
    assert violations and len(judged) == 0


def test_the_memo_is_bounded() -> None:
    judged = JudgedDescriptions(limit=3)
    judged.remember([bytes([i]) for i in range(10)])
    assert len(judged) == 3


def test_a_description_with_a_line_in_another_graph_is_judged_in_full_every_time() -> None:
    doc, report = _one_document()
    body = _serialise(doc, report.registry_nodes, report.registry_countries)
    own, theirs = split_body(body)
    lines = own.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(f"<{BASE}id/place/"))
    lines[at] = lines[at][: lines[at].rindex(" <")] + " <urn:x:other> .\n"
    odd = "".join(lines) + theirs
    judged = JudgedDescriptions()
    first = scratch_lines([odd], judged, BASE)
    judged.remember(first.pending)
    again = scratch_lines([odd], judged, BASE)
    assert lines[at] in again.text().splitlines(keepends=True)  # loaded again, not judged
    normal = scratch_lines([body], JudgedDescriptions(), BASE)
    assert len(first.pending) == len(normal.pending) - 1


def test_an_entity_whose_lines_another_key_splits_is_one_description() -> None:
    """Sorted N-Quads can split an entity's lines: `…/a-1/geometry`, then the entity
    `…/a-10-x`, then `…/a-1` itself. Both parts of `a-1` are one description: taken as
    judged together, and judged again together when the second part changes."""
    graph = f"<{BASE}id/source/doc>"
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"

    def body(name: str) -> str:
        lines = [
            f"<{BASE}id/place/a-1/geometry> {rdf_type} <urn:x:Geometry>",
            f'<{BASE}id/place/a-10-x> {label} "other"',
            f'<{BASE}id/place/a-1> {label} "{name}"',
            f"<{BASE}id/project/p> {rdf_type} <urn:x:Project>",
        ]
        assert lines == sorted(lines)
        return "".join(f"{line} {graph} .\n" for line in lines)

    judged = JudgedDescriptions()
    first = scratch_lines([body("one")], judged, BASE)
    assert first.reused == 0 and len(first.pending) == 2
    # all of it loaded, nothing lost or doubled
    assert sorted(first.text().splitlines()) == body("one").splitlines()
    judged.remember(first.pending)
    again = scratch_lines([body("one")], judged, BASE)
    assert again.reused == 2
    loaded = again.text().splitlines(keepends=True)
    assert loaded[0] == f"<{BASE}id/project/p> {rdf_type} <urn:x:Project> {graph} .\n"
    assert not any(label in line for line in loaded)
    changed = scratch_lines([body("two")], judged, BASE)
    assert changed.reused == 1 and len(changed.pending) == 1
    assert any('"two"' in line for line in changed.text().splitlines())
    assert any("a-1/geometry" in line for line in changed.text().splitlines())
