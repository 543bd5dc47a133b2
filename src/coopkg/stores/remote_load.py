"""Loading a finished build into a remote store: its document graphs in parallel INSERT
DATA requests (or Graph Store PUTs), then the merged default graph."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from ..errors import BadInput
from . import endpoint
from .endpoint import RemoteSolutions, triple_chunks
from .remote import SOURCE_DOCUMENT, RemoteStore


def _graphs_in(path: Path) -> Iterator[tuple[ox.NamedNode, list[ox.Triple]]]:
    """(graph, triples) runs of an N-Quads file written one document graph after another."""
    current: ox.NamedNode | None = None
    batch: list[ox.Triple] = []
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        g = quad.graph_name
        if not isinstance(g, ox.NamedNode):
            raise BadInput(f"{path.name}: a document quad outside a named graph")
        if g != current:
            if current is not None:
                yield current, batch
            current, batch = g, []
        batch.append(quad.triple)
    if current is not None:
        yield current, batch


def _run_bounded(tasks: Iterable[Callable[[], None]], threads: int) -> None:
    """Run tasks on a thread pool with a bounded number in flight; re-raise the first error."""
    with ThreadPoolExecutor(threads) as pool:
        pending: deque[Future[None]] = deque()
        for task in tasks:
            pending.append(pool.submit(task))
            while len(pending) >= threads * 2 or (pending and pending[0].done()):
                pending.popleft().result()
        while pending:
            pending.popleft().result()


def _batched(
    graphs: Iterable[tuple[ox.NamedNode, list[ox.Triple]]],
) -> Iterator[list[tuple[ox.NamedNode, list[ox.Triple]]]]:
    batch: list[tuple[ox.NamedNode, list[ox.Triple]]] = []
    size = 0
    for graph, triples in graphs:
        batch.append((graph, triples))
        size += len(triples)
        if size >= endpoint.UPDATE_BATCH:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def push_build(
    remote: RemoteStore,
    documents: Path,
    merged: Path,
    ontology: tuple[Path, ox.NamedNode],
    marker: ox.Quad,
    threads: int = 4,
) -> int:
    """Replace the remote store's coopkg content with a validated build.

    Document graphs are replaced whole, many to a request (DROP + INSERT DATA, about
    UPDATE_BATCH triples each, on `threads` connections); graphs of documents no longer
    in the build are dropped; the merged default graph is rewritten last and marked as
    such. Returns the number of graphs written (documents and the ontology).
    """
    written: set[ox.NamedNode] = set()
    ontology_file, ontology_iri = ontology
    onto = [q.triple for q in ox.parse(path=str(ontology_file), format=ox.RdfFormat.TURTLE)]

    def document_tasks() -> Iterator[Callable[[], None]]:
        for batch in _batched(itertools.chain(_graphs_in(documents), [(ontology_iri, onto)])):
            written.update(graph for graph, _ in batch)
            yield lambda batch=batch: remote.replace_graphs(batch)  # type: ignore[misc]

    _run_bounded(document_tasks(), threads)
    stale = remote.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{SOURCE_DOCUMENT}> }} }}",
        use_default_graph_as_union=True,
    )
    assert isinstance(stale, RemoteSolutions)
    for row in list(stale):
        g = row["g"]
        if isinstance(g, ox.NamedNode) and g not in written and g != remote.merged_graph:
            remote.remove_graph(g)
    remote.remove_graph(remote.merged_graph)
    triples = (q.triple for q in ox.parse(path=str(merged), format=ox.RdfFormat.N_TRIPLES))
    _run_bounded(
        (
            lambda chunk=chunk: remote._insert_batch(remote.merged_graph, chunk)  # type: ignore[misc]
            for chunk in triple_chunks(triples)
        ),
        threads,
    )
    remote.add(marker)
    return len(written)
