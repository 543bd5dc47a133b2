"""The merged default graph: the deduplicated RDF merge of all document graphs.

Oxigraph's own union default graph keeps a triple once per graph it occurs in (bag
semantics), which multiplies joins and aggregates over shared nodes. A store built by
coopkg therefore carries the merge, each triple once, as its stored default graph, and
marks it with one statement. A remote store keeps the merge in a named graph of its own
(its default graph may be the union of everything), given as `into`.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..vocab import ONTOLOGY_IRI
from . import Store
from .endpoint import sparql_term

MERGED_PREDICATE = ox.NamedNode("https://w3id.org/coopkg/ontology#mergedDefaultGraph")
TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))


# The flag is about the dataset, in the ontology's namespace (fixed, unlike the instance
# base): an exact statement, so that the check before every query is one index lookup.
MERGE_MARKER = ox.Quad(ox.NamedNode(ONTOLOGY_IRI), MERGED_PREDICATE, TRUE, ox.DefaultGraph())


def has_merged_default(store: Store) -> bool:
    """True when the store's default graph holds the deduplicated merge of its graphs."""
    return MERGE_MARKER in store


def merge_default_graph(store: Store, into: ox.NamedNode | ox.DefaultGraph | None = None) -> None:
    """Rebuild the merge of all named graphs in `into` (the default graph), and mark it."""
    store.clear_graph(ox.DefaultGraph())
    if into is None or isinstance(into, ox.DefaultGraph):
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    else:  # the merge's own graph is left out of what is merged
        merged = sparql_term(into)
        store.update(
            f"INSERT {{ GRAPH {merged} {{ ?s ?p ?o }} }} "
            f"WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {merged}) }}"
        )
    store.add(MERGE_MARKER)
