"""The embedded Oxigraph store: on disk by default, in memory for tests.

On disk, a store location is a folder laid out as

    LOCATION/current -> builds/<build-id>     (a symlink, switched atomically)
    LOCATION/builds/<build-id>/               (one Oxigraph database per build)

A rebuild writes a new database under `builds/` and only when everything
succeeded replaces the `current` link with one rename, so a failed or
interrupted build never touches the database being served. Readers notice the
switch and reopen (see `StoreHandle`).
"""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar, cast

import pyoxigraph as ox

from ..errors import StoreError
from ..settings import Settings
from .endpoint import is_remote

log = logging.getLogger(__name__)

MEMORY = ":memory:"
T = TypeVar("T")
KEEP_BUILDS = 2  # the current build and the one before it, which a reader may still hold open
COUNTS_FILE = "counts.json"  # in a build folder: figures the build measured ({"quads": N})
WRITES_MARKER = ".written"  # in a build folder: touched by every write through the server


def _current_link(location: Path) -> Path:
    return location / "current"


def current_build(location: str | Path) -> Path | None:
    link = _current_link(Path(location))
    if not link.is_symlink():
        return None
    return (link.parent / os.readlink(link)).resolve()


def open_store(
    location: str | Path, *, read_only: bool = True, settings: Settings | None = None
) -> ox.Store:
    """Open the current build of an on-disk store, a new in-memory store, or a remote store.

    A remote store (`sparql+http://…`) takes its other endpoints and credentials from
    `settings`; it is returned behind pyoxigraph's Store interface (see remote.py).
    """
    if is_remote(str(location)):
        from .remote import open_remote

        remote = open_remote((settings or Settings()).with_(store=str(location)))
        return cast(ox.Store, remote)
    if str(location) == MEMORY:
        return ox.Store()
    build = current_build(location)
    if build is None or not build.is_dir():
        raise StoreError(f"no built store at {location}: run `coopkg build` first")
    try:
        return ox.Store.read_only(str(build)) if read_only else ox.Store(str(build))
    except OSError as e:
        raise StoreError(f"cannot open the store at {build}: {e}") from None


@contextmanager
def new_build(
    location: str | Path, *, copy_current: bool = False, extra_files: list[Path] | None = None
) -> Iterator[ox.Store]:
    """Yield an empty store (or a copy of the current one); on a clean exit make it current.

    The copy is a RocksDB checkpoint (hard links), so it costs little however large the
    store. `extra_files` are copied into the build folder (e.g. its document manifest).
    On any exception the half-built database is deleted and `current` is left as it was.
    """
    root = Path(location)
    builds = root / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    # names sort by creation time (nanoseconds), which is what pruning relies on
    now = time.time_ns()
    build_id = (
        time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 10**9))
        + f"-{now % 10**9:09d}-{os.getpid()}"
    )
    partial = builds / f"{build_id}.partial"
    current = current_build(root) if copy_current else None
    if current is not None:
        source = ox.Store(str(current))  # readers keep their read-only handles meanwhile
        source.backup(str(partial))
        del source
        gc.collect()
    store = ox.Store(str(partial))
    try:
        yield store
        store.flush()
        for extra in extra_files or []:
            shutil.copyfile(extra, partial / extra.name)
    except BaseException:
        del store
        gc.collect()
        shutil.rmtree(partial, ignore_errors=True)
        raise
    del store
    gc.collect()  # release RocksDB's handles before the folder is renamed
    final = builds / build_id
    partial.rename(final)
    _switch(root, final)
    _prune(builds, keep=final)


def _switch(root: Path, build: Path) -> None:
    tmp = root / f".current.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(build.relative_to(root))
    os.replace(tmp, _current_link(root))  # atomic on POSIX
    log.info("store %s now serves build %s", root, build.name)


def _prune(builds: Path, keep: Path) -> None:
    done = sorted(p for p in builds.iterdir() if p.is_dir() and not p.name.endswith(".partial"))
    for old in done[:-KEEP_BUILDS]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
    for partial in builds.glob("*.partial"):
        # a partial folder left by a killed build; ours was renamed already
        shutil.rmtree(partial, ignore_errors=True)


def recorded_counts(location: str) -> dict[str, int] | None:
    """Counts the served build recorded (quads), while no write has changed it since.

    None for stores that record none (in memory, remote) or a build from before counts
    were recorded.
    """
    if location == MEMORY or is_remote(location):
        return None
    build = current_build(location)
    if build is None or (build / WRITES_MARKER).exists():
        return None
    try:
        data = json.loads((build / COUNTS_FILE).read_text(encoding="utf-8"))
        return {k: int(v) for k, v in data.items()}
    except (AttributeError, FileNotFoundError, TypeError, ValueError):
        return None


class StoreHandle:
    """Gives readers the current store, reopening it after a rebuild switched builds."""

    def __init__(
        self,
        location: str | Path | None = None,
        store: ox.Store | None = None,
        writable: bool = False,
    ) -> None:
        if location is None and store is None:
            raise ValueError("give a location, an opened store, or both")
        self.location = None if location is None else str(location)
        self.writable = writable
        self._store = store
        self._build: Path | None = None
        self._lock = threading.Lock()
        self._writes = 0
        self._memo: dict[str, tuple[str, object]] = {}

    @property
    def is_remote(self) -> bool:
        """Whether the store is a remote SPARQL store, which runs and limits queries itself."""
        return self.location is not None and is_remote(self.location)

    def version(self) -> str:
        """Changes whenever the data may have: another build served, or a write through
        this server (any worker). Cheap, unlike counting the store, so caches key on it.
        A remote store is written by others too: its version is a one-minute bucket."""
        if self.is_remote:
            return f"remote:{int(time.time() // 60)}"
        if self.location is None or self.location == MEMORY:
            return f"memory:{self._writes}"
        build = current_build(self.location)
        if build is None:
            return "none"
        try:
            marker = (build / WRITES_MARKER).stat().st_mtime_ns
        except FileNotFoundError:
            marker = 0
        return f"{build.name}:{marker}"

    def per_version(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()`, remembered until the store's version changes (costly figures such
        as counts over the whole store)."""
        version = self.version()
        found = self._memo.get(name)
        if found is None or found[0] != version:
            found = self._memo[name] = (version, compute())
        return cast(T, found[1])

    def wrote(self) -> None:
        """Record a write through the server, so every worker's caches see a new version."""
        self._writes += 1
        if self.location is not None and self.location != MEMORY and not self.is_remote:
            build = current_build(self.location)
            if build is not None:
                (build / WRITES_MARKER).touch()

    def build_counts(self) -> dict[str, int] | None:
        """Counts the build recorded (quads), while no write has changed it since."""
        if self.location is None:
            return None
        return recorded_counts(self.location)

    def get(self) -> ox.Store:
        if self.location is None or self.location == MEMORY:
            if self._store is None:
                self._store = ox.Store()
            return self._store
        build = current_build(self.location)
        with self._lock:
            if self._store is None or build != self._build:
                self._store = open_store(self.location, read_only=not self.writable)
                self._build = build
            return self._store
