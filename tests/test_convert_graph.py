"""Conversion: golden files compared by graph isomorphism, determinism, evidence, IRIs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import RDF, XSD

from coopkg.convert.graph import SourceInfo, convert_record, date_bounds
from coopkg.convert.sources import read_manifest, source_info
from coopkg.iris import Minter
from coopkg.records import Record, load_record
from coopkg.stores.rdfio import nquads_lines
from coopkg.vocab import COOP, OA

from .conftest import DATA

GOLDEN = Path(__file__).parent / "golden"
RECORDS = sorted((DATA / "records").glob("*.json"))


def converted(path: Path) -> Graph:
    record = load_record(path)
    info = source_info(DATA / "sources", record.source.file, read_manifest(DATA / "sources"))
    return convert_record(record, info)


def readable_diff(expected: Graph, actual: Graph) -> str:
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = ["missing (in golden, not produced):"]
    lines += sorted(f"  - {s.n3()} {p.n3()} {o.n3()}" for s, p, o in only_expected)
    lines += ["unexpected (produced, not in golden):"]
    lines += sorted(f"  + {s.n3()} {p.n3()} {o.n3()}" for s, p, o in only_actual)
    return "\n".join(lines)


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem)
def test_conversion_matches_golden_file(path: Path) -> None:
    golden = Dataset()
    golden.parse(GOLDEN / f"{path.stem}.nq", format="nquads")
    actual = converted(path)
    expected = golden.graph(actual.identifier)
    assert len(expected) > 0, "golden file has no graph named after the source document"
    plain_expected, plain_actual = Graph(), Graph()
    for t in expected:
        plain_expected.add(t)
    for t in actual:
        plain_actual.add(t)
    assert to_isomorphic(plain_expected) == to_isomorphic(plain_actual), readable_diff(
        plain_expected, plain_actual
    )


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem)
def test_conversion_is_deterministic_and_has_no_blank_nodes(path: Path) -> None:
    first, second = converted(path), converted(path)
    assert nquads_lines(first) == nquads_lines(second)
    assert not any(isinstance(n, BNode) for t in first for n in t)


def test_project_is_derived_from_its_source_in_its_named_graph() -> None:
    g = converted(RECORDS[0])
    source = Minter().source(load_record(RECORDS[0]).source.file)
    assert g.identifier == source
    projects = list(g.subjects(RDF.type, COOP.Project))
    assert projects and all(
        (p, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), source) in g for p in projects
    )


def test_evidence_offsets_become_web_annotation_selectors() -> None:
    text = "Projekt Alfa. Lider: Gmina Brenna. Budżet 100 000 zł."
    record = Record.from_dict(
        {
            "source": {"file": "x.txt", "language": "pl"},
            "projects": [
                {
                    "title": "Alfa",
                    "identifiers": [],
                    "programme": None,
                    "funds": [],
                    "start": None,
                    "end": None,
                    "cofinancing_rate": None,
                    "places": [],
                    "outcomes": [],
                    "amounts": [
                        {
                            "kind": "total",
                            "value": 100000,
                            "currency": "PLN",
                            "evidence": [{"start": 42, "end": 52}],
                        }
                    ],
                    "organisations": [
                        {
                            "name": "Gmina Brenna",
                            "role": "lead",
                            "country": "PL",
                            "evidence": [{"start": 21, "end": 33}],
                        }
                    ],
                    "evidence": {"title": [{"start": 8, "end": 12}]},
                }
            ],
        }
    )
    g = convert_record(record, SourceInfo("x.txt", text=text))
    quotes = {str(q) for q in g.objects(None, OA.exact)}
    assert quotes == {"Alfa", "Gmina Brenna", "100 000 zł"}
    starts = sorted(int(s) for s in g.objects(None, OA.start))
    assert starts == [8, 21, 42]
    fields = {str(f) for f in g.objects(None, COOP.evidenceField)}
    assert fields == {"title"}
    assert all(isinstance(t, URIRef) for t in g.subjects(RDF.type, OA.Annotation))


def test_offsets_outside_the_text_keep_the_position_but_no_quote() -> None:
    record = Record.from_dict(json.loads((DATA / "records" / RECORDS[2].name).read_text()))
    project = record.projects[0]
    bad = Record(
        record.source,
        (type(project)(**{**project.__dict__, "evidence": (("title", ((5, 99999),)),)}),),
    )
    g = convert_record(bad, SourceInfo(record.source.file, text="short"))
    assert list(g.objects(None, OA.start)) and not list(g.objects(None, OA.exact))


@pytest.mark.parametrize(
    ("text", "end", "expected", "precision"),
    [
        ("2014", False, "2014-01-01", "year"),
        ("2014", True, "2014-12-31", "year"),
        ("2013-04", False, "2013-04-01", "month"),
        ("2015-04", True, "2015-04-30", "month"),
        ("2024-02", True, "2024-02-29", "month"),
        ("2014-01-01", True, "2014-01-01", "day"),
    ],
)
def test_dates_become_full_xsd_dates_with_their_precision(
    text: str, end: bool, expected: str, precision: str
) -> None:
    assert date_bounds(text, end=end) == (Literal(expected, datatype=XSD.date), precision)


def test_iris_are_stable_and_shared_across_spellings() -> None:
    m = Minter()
    assert m.place("Rzeszów", "PL") == m.place("  rzeszów ", "PL")
    assert m.place("Rzeszów", "PL") != m.place("Rzeszów", "UA")
    assert str(m.organisation("Гміна міста Жешува", "PL")).startswith(
        "https://w3id.org/coopkg/id/organisation/hmina-mista-zheshuva-"
    )
    assert str(Minter("http://example.org/kg").programme("X")).startswith(
        "http://example.org/kg/id/programme/x-"
    )
