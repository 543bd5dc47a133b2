"""The index that goes with a store: the build folder's file for an on-disk store, or one
built from the store in memory (in-memory and remote stores), kept in step with writes."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox

from ..stores.embedded import MEMORY, StoreHandle, current_build
from ..stores.endpoint import is_remote
from .index import SEARCH_FILE, SearchIndex, build_index, is_current


def index_file(location: str) -> Path | None:
    """Where an on-disk store's current build keeps its index (None: no build yet)."""
    build = current_build(location)
    return None if build is None else build / SEARCH_FILE


class ServedIndex:
    """The search index of a `StoreHandle`, found (or made) when first asked for."""

    def __init__(self, handle: StoreHandle) -> None:
        self.handle = handle
        self._lock = threading.Lock()
        self._file: SearchIndex | None = None

    def _on_disk(self) -> bool:
        return self.handle.location not in (None, MEMORY) and not self.handle.is_remote

    def get(self) -> SearchIndex:
        if not self._on_disk():
            # remade when the store's version moves: a write here, or a minute for a remote
            # store, which others write to as well
            return self.handle.per_version("search-index", lambda: build_index(self.handle.get()))
        assert self.handle.location is not None
        path = index_file(self.handle.location)
        if path is None:
            return build_index(self.handle.get())  # nothing built: an empty store's index
        with self._lock:
            # a build from before the index existed, or from an earlier layout of it
            if not path.exists() or (self._file is None and not is_current(path)):
                build_index(self.handle.get(), path)
            if self._file is None or self._file.path != path:
                self._file = SearchIndex(path)
            return self._file

    def refresh(self) -> None:
        """After a write through the server: index the store again (the file is replaced
        atomically; readers switch at their next query)."""
        if not self._on_disk():
            return  # the handle's version moved: the next `get` rebuilds
        assert self.handle.location is not None
        path = index_file(self.handle.location)
        if path is not None:
            with self._lock:
                build_index(self.handle.get(), path)


def index_of_store(location: str, store: ox.Store) -> SearchIndex:
    """The index for a command run over a store: the build's own file when there is one,
    else one built from the store in memory."""
    if location != MEMORY and not is_remote(location):
        path = index_file(location)
        if path is not None and path.exists() and is_current(path):
            return SearchIndex(path)
    return build_index(store)
