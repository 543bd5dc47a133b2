"""Stores: where the graph lives. One `Store` protocol, two implementations.

- `embedded`: Oxigraph on disk (atomic builds under one folder) or in memory;
  `open_store(location)` opens either, or a remote store.
- `remote`: any SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB…) behind the same
  interface; `endpoint` speaks its protocol, `remote_load` loads a build into it.
- `merged`: the deduplicated union of all graphs that serves as the default graph.
- `rdfio`: N-Quads lines as the build writes them.

Callers never ask which implementation they hold: a `StoreHandle` knows whether its
location is remote, and the few operations that differ take that as an argument.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol


class Store(Protocol):
    """What coopkg asks of any store: the part of `pyoxigraph.Store` that both backends
    offer (the remote one over HTTP). Optional keyword arguments differ and are left out."""

    def query(self, query: str) -> Any: ...

    def update(self, update: str) -> None: ...

    def add(self, quad: Any) -> None: ...

    def extend(self, quads: Any) -> None: ...

    def quads_for_pattern(self, subject: Any, predicate: Any, object: Any) -> Iterator[Any]: ...

    def named_graphs(self) -> Iterator[Any]: ...

    def clear_graph(self, graph: Any) -> None: ...

    def remove_graph(self, graph: Any) -> None: ...

    def flush(self) -> None: ...

    def __contains__(self, quad: Any) -> bool: ...

    def __len__(self) -> int: ...
