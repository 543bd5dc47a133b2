"""Pre-forked query processes that keep a read-only store open between queries, and the
pools an app owns (one per worker process and store location)."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import socket
import threading
import time
import weakref
from typing import Any

import pyoxigraph as ox

from ...errors import StoreError
from ...stores.embedded import open_store
from ..admission import QuerySlots
from . import answers
from .answers import Answer, QueryTimeout
from .framing import receive_message, send_message
from .streaming import AnswerStream

log = logging.getLogger(__name__)


def open_for_reading(location: str, attempts: int = 8) -> ox.Store:
    """A read-only handle; retried (about 1.8 s in all), as opening can race a writer's
    flush or compaction replacing the files it lists."""
    for attempt in range(attempts):
        try:
            return open_store(location, read_only=True)
        except StoreError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def answer_from_disk(location: str, request: tuple[Any, ...]) -> tuple[str, Any]:
    """Open the on-disk store read-only and answer; once more on a fresh handle if the
    store failed, since a read-only handle's files can be compacted away by the writer
    while it reads (the server with writes enabled has one writer open)."""
    outcome: tuple[str, Any] = ("error", ("StoreError", "the store could not be opened"))
    for _ in range(2):
        try:
            outcome = answers.outcome(open_for_reading(location), request)
        except StoreError:
            log.warning("the store at %s could not be opened for a query", location, exc_info=True)
            continue
        if outcome[0] != "error" or outcome[1][0] != "StoreError":
            return outcome
    return outcome


class QueryProcesses:
    """Pre-forked query processes that keep a read-only store open between queries.

    Forking a child and opening the store for every query costs ~30 ms; a process that
    stays open answers in the engine's own time. A process that outlives a query's time
    limit is killed and replaced; each one reopens the store when a rebuild switched builds.
    """

    def __init__(self, location: str, slots: QuerySlots) -> None:
        self.location = location
        self.pid = os.getpid()
        self.idle: list[tuple[int, socket.socket]] = []
        self.lock = threading.Lock()
        # a query a core across the whole server: more only makes every query slower and
        # the latency spread wider; further queries wait their turn (within their limit)
        self.slots = slots

    def _spawn(self) -> tuple[int, socket.socket]:
        parent, child = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            parent.close()
            try:
                self._serve(child)
            finally:
                os._exit(0)
        child.close()
        return pid, parent

    def _serve(self, sock: socket.socket) -> None:
        from ...stores.embedded import current_build

        build = current_build(self.location)
        db = open_for_reading(self.location)
        while True:
            try:
                request = receive_message(sock, None)
            except (EOFError, OSError):
                return
            now = current_build(self.location)
            if now != build:  # a rebuild switched builds: read the new one
                db, build = open_for_reading(self.location), now
            send_message(
                sock, answers.outcome(db, request, lambda message: send_message(sock, message))
            )

    def run(self, request: tuple[Any, ...], timeout: float) -> tuple[str, Any]:
        deadline = time.monotonic() + timeout
        with contextlib.ExitStack() as stack:
            if not stack.enter_context(self.slots.hold(timeout)):
                raise QueryTimeout(
                    f"the query waited for its turn longer than the time limit of {timeout:g} s"
                )
            outcome = self._run(request, deadline, timeout)
            if outcome[0] != "stream":
                return outcome
            media_type, worker = outcome[1]
            # the slot and the process stay taken until the last piece is read
            stream = AnswerStream(
                self, worker, deadline, timeout, request[4], stack.pop_all().close
            )
            return "ok", Answer(stream, media_type)
        raise AssertionError("unreachable")

    def _run(self, request: tuple[Any, ...], deadline: float, timeout: float) -> tuple[str, Any]:
        """The query process's outcome, or ("stream", (media type, the process still
        answering)) for a streamed answer."""
        with self.lock:
            worker = self.idle.pop() if self.idle else None
        if worker is None:
            worker = self._spawn()
        pid, sock = worker
        try:
            send_message(sock, request)
            outcome = receive_message(sock, deadline)
        except TimeoutError:
            self.discard(worker)
            raise QueryTimeout(
                f"the query was stopped after the time limit of {timeout:g} s"
            ) from None
        except (EOFError, OSError):
            sock.close()
            os.waitpid(pid, os.WNOHANG)
            raise StoreError("a query process ended without an answer") from None
        assert isinstance(outcome, tuple)
        if outcome[0] == "stream":
            return "stream", (outcome[1], worker)
        self.keep(worker)
        return outcome

    def keep(self, worker: tuple[int, socket.socket]) -> None:
        """Put a process that has finished its answer back among the idle ones."""
        with self.lock:
            self.idle.append(worker)

    def close(self) -> None:
        """End the idle processes: each reads EOF, exits, and is reaped. A process still
        streaming an answer ends when its stream does."""
        with self.lock:
            idle, self.idle = self.idle, []
        for pid, sock in idle:
            sock.close()
            with contextlib.suppress(ChildProcessError):  # reaped already
                os.waitpid(pid, 0)

    @staticmethod
    def discard(worker: tuple[int, socket.socket]) -> None:
        """Stop a process in the middle of an answer."""
        pid, sock = worker
        with contextlib.suppress(ProcessLookupError, ChildProcessError):  # ended already
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        sock.close()


class QueryPools:
    """The query processes an app owns: one pool per worker process and store location.

    `coopkg serve` passes the admission slots its worker processes share; an app made
    without them (tests, embedding) creates its own, one a core, when it first needs them.
    """

    def __init__(self, slots: QuerySlots | None = None) -> None:
        self._slots = slots
        self._pools: dict[tuple[int, str], QueryProcesses] = {}
        self._lock = threading.Lock()
        # an app that is dropped (tests, embedding) ends its processes with it
        weakref.finalize(self, _close_pools, self._pools, os.getpid())

    def close(self) -> None:
        """End this process's query processes (they are started again when needed)."""
        _close_pools(self._pools, os.getpid())

    @property
    def slots(self) -> QuerySlots:
        with self._lock:
            if self._slots is None:
                self._slots = QuerySlots.create(os.cpu_count() or 1)
                # the slots' lock files live in a folder of their own: remove it with us
                weakref.finalize(self, shutil.rmtree, self._slots.folder, True)
            return self._slots

    def pool(self, location: str) -> QueryProcesses:
        key = (os.getpid(), location)  # a forked server worker gets processes of its own
        slots = self.slots
        with self._lock:
            if key not in self._pools:
                self._pools[key] = QueryProcesses(location, slots)
            return self._pools[key]


def _close_pools(pools: dict[tuple[int, str], QueryProcesses], owner: int) -> None:
    """Close the pools the process `owner` started; a forked worker's are its own."""
    if os.getpid() != owner:
        return
    for (pid, _), pool in list(pools.items()):
        if pid == owner:
            pool.close()
