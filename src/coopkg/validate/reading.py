"""RDF files and uploads → graphs to validate (one per named graph of a quad format),
with the registry graph's statements beside each document graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.exceptions import Error as RdflibError

from ..vocab import REGISTRY_GRAPH

RDF_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


# What rdflib's parsers raise on input they cannot read: its own errors, SyntaxError,
# and the Python errors its JSON-LD parser trips over (a bare `0` gives an
# UnboundLocalError). A failure of the machine (OSError, MemoryError) is not the
# input's fault and propagates.
RDFLIB_INPUT_ERRORS: tuple[type[Exception], ...] = (
    RdflibError,
    SyntaxError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    NameError,
)


def check_syntax(data: bytes, fmt: str, name: str) -> None:
    """Parse with Oxigraph first: its errors give the line and column of the mistake."""
    import pyoxigraph as ox

    from ..errors import BadInput

    ox_format = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
        "trig": ox.RdfFormat.TRIG,
        "json-ld": ox.RdfFormat.JSON_LD,
        "xml": ox.RdfFormat.RDF_XML,
    }[fmt]
    try:
        for _ in ox.parse(data, format=ox_format):
            pass
    except SyntaxError as e:
        raise BadInput(f"{name}: not valid {fmt}: {e}") from None


def with_registry(graph: Graph, registry: Graph | None) -> Graph:
    """A document graph together with the registry graph's statements, as it is judged.

    Documents cite territories described once in the registry graph; sh:class
    constraints on those citations look there (as the compiled checks do).
    """
    if registry is None or graph is registry:
        return graph
    merged = Graph(identifier=graph.identifier)
    for triple in graph:
        merged.add(triple)
    for triple in registry:
        merged.add(triple)
    return merged


def parse_rdf(data: bytes, fmt: str, name: str) -> list[tuple[str, Graph]]:
    """Bytes in one RDF syntax → graphs to validate (one per named graph for quad formats)."""
    from rdflib import Dataset

    from ..errors import BadInput

    check_syntax(data, fmt, name)
    try:
        if fmt in ("nquads", "trig"):
            ds = Dataset()
            ds.parse(data=data, format=fmt)
            graphs = [g for g in ds.graphs() if len(g)]
            registry = next((g for g in graphs if str(g.identifier) == REGISTRY_GRAPH), None)
            return [(f"{name} <{g.identifier}>", with_registry(g, registry)) for g in graphs]
        return [(name, Graph().parse(data=data, format=fmt))]
    except RDFLIB_INPUT_ERRORS as e:
        # pyoxigraph accepted the syntax; rdflib (needed by pyshacl) did not, e.g. JSON-LD `0`
        raise BadInput(f"{name}: cannot be read as {fmt}: {type(e).__name__}: {e}") from None


def read_rdf_files(files: list[Path]) -> list[tuple[str, Graph]]:
    """Parse RDF files (syntax by extension) or record JSON into graphs to validate.

    Raises BadInput on any unreadable file, naming it and where the mistake is.
    """
    from ..convert.graph import convert_record
    from ..errors import BadInput
    from ..records import load_record

    out: list[tuple[str, Graph]] = []
    for f in files:
        if f.suffix == ".json":
            out.append((f.name, convert_record(load_record(f))))
            continue
        fmt = RDF_FORMATS.get(f.suffix.lower())
        if fmt is None:
            raise BadInput(
                f"{f}: unknown RDF file type {f.suffix!r} "
                "(use .ttl .nt .nq .trig .jsonld .rdf or a record .json)"
            )
        try:
            data = f.read_bytes()
        except OSError as e:
            raise BadInput(f"{f}: cannot read ({e.strerror})") from None
        out.extend(parse_rdf(data, fmt, f.name))
    return out
