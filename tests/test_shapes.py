"""Every shape constraint is proven: the valid example conforms and each invalid example,
a one-change edit of it, fires exactly the constraint it names; every constraint has one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

from coopkg.validate.shacl import shapes_graph, validate_graph
from coopkg.vocab import SH

HERE = Path(__file__).parent / "shapes"
VALID = sorted((HERE / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "invalid").glob("*.ttl"))
CS = "https://w3id.org/coopkg/shapes#"

# constraint parameter → the component it belongs to
COMPONENTS = {
    "minCount": "MinCount",
    "maxCount": "MaxCount",
    "datatype": "Datatype",
    "class": "Class",
    "in": "In",
    "pattern": "Pattern",
    "minInclusive": "MinInclusive",
    "maxInclusive": "MaxInclusive",
    "minLength": "MinLength",
    "nodeKind": "NodeKind",
    "uniqueLang": "UniqueLang",
    "lessThan": "LessThan",
    "lessThanOrEquals": "LessThanOrEquals",
    "or": "Or",
    "qualifiedMinCount": "QualifiedMinCount",
    "qualifiedMaxCount": "QualifiedMaxCount",
}


def expand(text: str, curie: str) -> URIRef:
    """Expand a CURIE with the file's own @prefix lines (rdflib may rebind well-known ones)."""
    prefix, local = curie.split(":", 1)
    namespaces = dict(re.findall(r"@prefix\s+(\w*):\s*<([^>]*)>", text))
    return URIRef(namespaces[prefix] + local)


def curie_of(node: URIRef) -> str:
    text = str(node)
    if text.startswith(CS):
        return "cs:" + text[len(CS) :]
    return "sh:" + text[len(str(SH)) :]


def example_graph(path: Path) -> tuple[Graph, set[tuple[str, str]]]:
    """The valid base with this file's drops removed and its triples added; and its expectations."""
    text = path.read_text(encoding="utf-8")
    graph = Graph().parse(VALID[0], format="turtle")
    addition = Graph().parse(data=text, format="turtle")
    expected = set()
    for line in text.splitlines():
        m = re.match(r"#\s*expect:\s*(\S+)\s+(\S+)", line)
        if m:
            expected.add((m.group(1), m.group(2)))
        m = re.match(r"#\s*drop:\s*(\S+)\s+(\S+)", line)
        if m:
            subject = expand(text, m.group(1))
            predicate = expand(text, m.group(2))
            assert (subject, predicate, None) in graph, f"{path.name}: nothing to drop for {line}"
            graph.remove((subject, predicate, None))
    graph += addition
    return graph, expected


def fired(graph: Graph) -> set[tuple[str, str]]:
    report = validate_graph(graph)
    results = report.graph
    return {
        (
            curie_of(results.value(r, SH.sourceShape)),
            curie_of(results.value(r, SH.sourceConstraintComponent)),
        )
        for r in results.subjects(RDF.type, SH.ValidationResult)
    }


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example_conforms(path: Path) -> None:
    report = validate_graph(Graph().parse(path, format="turtle"))
    assert report.conforms, [v.message for v in report.violations]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_fires_its_constraint(path: Path) -> None:
    graph, expected = example_graph(path)
    assert expected, f"{path.name} names no expected constraint"
    found = fired(graph)
    assert expected <= found, f"{path.name}: expected {expected}, got {found}"
    # the example changes one thing: nothing else may fire
    assert found <= expected, f"{path.name}: also fired {found - expected}"


def declared_constraints() -> set[tuple[str, str]]:
    g = shapes_graph()
    out = set()
    for shape in set(g.subjects(RDF.type, SH.PropertyShape)) | set(
        g.subjects(RDF.type, SH.NodeShape)
    ):
        if isinstance(shape, BNode):
            continue
        for param, component in COMPONENTS.items():
            if (shape, SH[param], None) in g:
                out.add((curie_of(shape), f"sh:{component}ConstraintComponent"))
    return out


def test_every_constraint_has_an_invalid_example() -> None:
    covered: set[tuple[str, str]] = set()
    for path in INVALID:
        covered |= example_graph(path)[1]
    missing = declared_constraints() - covered
    assert not missing, f"constraints without a failing example: {sorted(missing)}"


def test_every_shape_has_messages_in_english_and_polish() -> None:
    g = shapes_graph()
    for shape in g.subjects(SH.message, None):
        languages = {m.language for m in g.objects(shape, SH.message)}
        assert {"en", "pl"} <= languages, shape


def test_sh_in_lists_name_only_concepts_of_the_ontology() -> None:
    from coopkg.ontology_docs import ontology_graph

    onto = ontology_graph()
    g = shapes_graph()
    for head in g.objects(None, SH["in"]):
        for concept in Collection(g, head):
            assert (concept, None, None) in onto, f"{concept} is not defined in the ontology"
