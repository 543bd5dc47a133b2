"""convert/docgraph: the document graph writes the N-Quads rdflib would, and splits out the
registry statements."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef

from coopkg.iris import Minter
from coopkg.records import load_record


def test_document_graph_writes_the_same_nquads_as_rdflib(tmp_path: Path) -> None:
    """DocGraph's own N-Quads writer against rdflib's serialiser, on seeds and synthetic
    records after linking (every kind of term, language tags, escapes, datatypes)."""
    from benchmarks.synth import write as write_synthetic

    from coopkg.convert.graph import convert_document
    from coopkg.link.graph import link_graph
    from coopkg.link.linker import Linker
    from coopkg.stores import rdfio

    write_synthetic(60, 7, tmp_path)
    repo_records = Path(__file__).resolve().parents[1] / "data" / "records"
    files = sorted(tmp_path.glob("*.json")) + sorted(repo_records.glob("*.json"))
    linker, minter = Linker(), Minter()
    for f in files:
        record = load_record(f)
        g = convert_document(record, None, minter)
        link_graph(g, minter, linker, record.source.file)
        assert g.nquads_lines() == rdfio.nquads_lines(g.to_rdflib()), f.name
    tricky = convert_document(load_record(files[-1]), None, minter)
    tricky.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal('a "q" \\ b\nc\rd ż')))
    assert tricky.nquads_lines() == rdfio.nquads_lines(tricky.to_rdflib())


def test_lookups_set_and_remove() -> None:
    from rdflib import Literal, URIRef

    from coopkg.convert.docgraph import DocGraph, nt_term

    s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    g = DocGraph(URIRef("https://example.org/g"))
    g.add((s, p, Literal("a"))).add((s, p, Literal("b")))
    assert sorted(str(o) for o in g.objects(s, p)) == ["a", "b"] and len(g) == 2
    g.set((s, p, Literal("c")))
    assert g.value(s, p) == Literal("c") and len(g) == 1
    assert list(g.subjects(p, Literal("c"))) == [s]
    g.remove((s, None, None))
    assert len(g) == 0
    assert nt_term(Literal('say "x"\n', lang="pl")) == '"say \\"x\\"\\n"@pl'


def test_registry_statements_are_split_out() -> None:
    from rdflib import Literal, URIRef

    from coopkg.convert.docgraph import DocGraph

    doc, reg = URIRef("https://example.org/doc"), "https://example.org/registry"
    region, country, project = (URIRef(f"https://example.org/{n}") for n in ("r", "c", "p"))
    name = URIRef("https://example.org/name")
    g = DocGraph(doc)
    for node in (region, country, project):
        g.add((node, name, Literal(str(node)[-1])))
    own, theirs = g.nquads_split({region}, {country}, reg)
    assert [line.split()[0] for line in own] == [f"<{country}>", f"<{project}>"]
    assert [line.split()[0] for line in theirs] == [f"<{country}>", f"<{region}>"]
    assert all(line.endswith(f"<{reg}> .") for line in theirs)
