"""Running a client's query safely: in a forked process, cut at the time limit and row cap.

Oxigraph cannot cancel a query, so each query runs in a child process that the
server kills when the time limit passes; the worker that received the request
stays free to answer others meanwhile. The child opens its own read-only handle
on an on-disk store (RocksDB handles do not survive a fork), or uses the
inherited in-memory store. It answers with the finished response body.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import socket
import struct
import threading
import time
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ..errors import BadInput, CoopkgError, NotAcceptable, QuerySyntaxError, StoreError
from ..queries import run_sparql
from ..remote import RemoteStore, RemoteTriples, RemoteTruncated
from ..store import MEMORY, StoreHandle, open_store
from .negotiation import GRAPH_FORMATS
from .results import WRITERS
from .slots import QuerySlots


class QueryTimeout(BadInput):
    title = "Query took too long"


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    rows: int | None = None
    truncated: bool = False


def _answer(
    result: Any, select_media: str | None, graph_media: str | None, max_rows: int
) -> Answer:
    if isinstance(result, (ox.QueryTriples, RemoteTriples)):
        if graph_media is None:
            raise NotAcceptable("no acceptable RDF format for a CONSTRUCT or DESCRIBE result")
        fmt, rdf_format = GRAPH_FORMATS[graph_media]
        triples: list[ox.Triple] = []
        truncated = False
        for t in result:
            if len(triples) >= max_rows:
                truncated = True
                break
            triples.append(t)
        body = ox.serialize(triples, format=rdf_format) or b""
        return Answer(body, fmt.media_type, len(triples), truncated)
    if select_media is None:
        raise NotAcceptable("no acceptable results format for a SELECT or ASK result")
    if isinstance(result, ox.QueryBoolean):
        boolean_format = {
            "text/csv": ox.QueryResultsFormat.CSV,
            "text/tab-separated-values": ox.QueryResultsFormat.TSV,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        }.get(select_media, ox.QueryResultsFormat.JSON)
        return Answer(result.serialize(format=boolean_format) or b"", select_media)
    variables = [v.value for v in result.variables]
    rows: list[list[Any]] = []
    truncated = False
    for solution in result:
        if len(rows) >= max_rows:
            truncated = True
            break
        rows.append([solution[v] for v in variables])
    return Answer(WRITERS[select_media](variables, rows), select_media, len(rows), truncated)


def _open_for_reading(location: str, attempts: int = 8) -> ox.Store:
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


def _answer_from_disk(location: str, request: tuple[Any, ...]) -> tuple[str, Any]:
    """Open the on-disk store read-only and answer; once more on a fresh handle if the
    store failed, since a read-only handle's files can be compacted away by the writer
    while it reads (the server with writes enabled has one writer open)."""
    outcome: tuple[str, Any] = ("error", ("StoreError", "the store could not be opened"))
    for _ in range(2):
        try:
            outcome = _outcome(_open_for_reading(location), request)
        except BaseException:
            continue
        if outcome[0] != "error" or outcome[1][0] != "StoreError":
            return outcome
    return outcome


def _outcome(db: ox.Store, request: tuple[Any, ...]) -> tuple[str, Any]:
    """Run one query and package the answer (or the error) for the parent."""
    text, query_kwargs, select_media, graph_media, max_rows, union_default_graph = request
    try:
        result = run_sparql(db, text, union_default_graph=union_default_graph, **query_kwargs)
        return "ok", _answer(result, select_media, graph_media, max_rows)
    except CoopkgError as e:
        return "error", (type(e).__name__, e.message)
    except (SyntaxError, ValueError, TypeError) as e:
        return "error", ("BadInput", f"the query cannot be evaluated: {e}")
    except BaseException:  # a storage failure: reported without its text
        return "error", ("StoreError", "the store failed while answering")


def _framed(payload: Any) -> bytes:
    """The payload pickled, after its length: how query processes answer."""
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    return struct.pack("!Q", len(data)) + data


def _send(sock: socket.socket, payload: Any) -> None:
    sock.sendall(_framed(payload))


def _receive(sock: socket.socket, deadline: float | None) -> Any:
    """One length-prefixed message; raises TimeoutError at the deadline."""
    buf = b""
    need = 8
    size = None
    while True:
        while len(buf) < need:
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                ready, _, _ = select.select([sock], [], [], remaining)
                if not ready:
                    continue
            chunk = sock.recv(1 << 20)
            if not chunk:
                raise EOFError
            buf += chunk
        if size is None:
            size = struct.unpack("!Q", buf[:8])[0]
            buf = buf[8:]
            need = size
            continue
        return pickle.loads(buf[:size])


CHILD_CHECK = 0.05  # seconds between checks that a silent query child is still alive


def _message_from_child(pid: int, read_fd: int, deadline: float) -> tuple[bytes | None, bool]:
    """(the child's length-prefixed answer, b"" if it ended without one or None at the
    deadline; whether the child has been reaped).

    The end of the pipe cannot mark the end of the answer: a child forked by another
    thread while this pipe was open holds a copy of its write end (a runaway query's
    child keeps it until killed). So the answer says its length, and a child that has
    ended without answering is noticed by `waitpid`, not by EOF.
    """
    buf = bytearray()
    size: int | None = None
    reaped = False
    while size is None or len(buf) < size + 8:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None, reaped
        ready, _, _ = select.select([read_fd], [], [], min(remaining, CHILD_CHECK))
        if ready:
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                return b"", reaped
            buf += chunk
        elif reaped:
            return b"", reaped  # it has ended, and all it wrote has been read
        else:
            reaped = os.waitpid(pid, os.WNOHANG)[0] == pid
        if size is None and len(buf) >= 8:
            size = struct.unpack("!Q", buf[:8])[0]
    return bytes(buf[8 : 8 + size]), reaped


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
        from ..store import current_build

        build = current_build(self.location)
        db = _open_for_reading(self.location)
        while True:
            try:
                request = _receive(sock, None)
            except (EOFError, OSError):
                return
            now = current_build(self.location)
            if now != build:  # a rebuild switched builds: read the new one
                db, build = _open_for_reading(self.location), now
            _send(sock, _outcome(db, request))

    def run(self, request: tuple[Any, ...], timeout: float) -> tuple[str, Any]:
        deadline = time.monotonic() + timeout
        with self.slots.hold(timeout) as held:
            if not held:
                raise QueryTimeout(
                    f"the query waited for its turn longer than the time limit of {timeout:g} s"
                )
            return self._run(request, max(0.0, deadline - time.monotonic()))

    def _run(self, request: tuple[Any, ...], timeout: float) -> tuple[str, Any]:
        with self.lock:
            worker = self.idle.pop() if self.idle else None
        if worker is None:
            worker = self._spawn()
        pid, sock = worker
        try:
            _send(sock, request)
            outcome = _receive(sock, time.monotonic() + timeout)
        except TimeoutError:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            sock.close()
            raise QueryTimeout(
                f"the query was stopped after the time limit of {timeout:g} s"
            ) from None
        except (EOFError, OSError):
            sock.close()
            os.waitpid(pid, os.WNOHANG)
            raise StoreError("a query process ended without an answer") from None
        with self.lock:
            self.idle.append(worker)
        assert isinstance(outcome, tuple)
        return outcome


_POOLS: dict[tuple[int, str], QueryProcesses] = {}
_OWN_SLOTS: list[QuerySlots] = []


def _own_slots() -> QuerySlots:
    """Slots for an app outside `coopkg serve` (tests, embedding): one a core."""
    if not _OWN_SLOTS:
        _OWN_SLOTS.append(QuerySlots.create(os.cpu_count() or 1))
    return _OWN_SLOTS[0]


def _pool(location: str, slots: QuerySlots) -> QueryProcesses:
    key = (os.getpid(), location)  # a forked server worker gets processes of its own
    if key not in _POOLS:
        _POOLS[key] = QueryProcesses(location, slots)
    return _POOLS[key]


def _raise_or_return(status: str, payload: Any) -> Answer:
    if status == "ok":
        assert isinstance(payload, Answer)
        return payload
    kind, message = payload
    errors: dict[str, type[CoopkgError]] = {
        "QuerySyntaxError": QuerySyntaxError,
        "NotAcceptable": NotAcceptable,
        "BadInput": BadInput,
        "StoreError": StoreError,
        "UnsupportedOperation": BadInput,
        "RemoteTimeout": QueryTimeout,
        "RemoteTruncated": RemoteTruncated,
    }
    raise errors.get(kind, StoreError)(message)


def execute(
    handle: StoreHandle,
    text: str,
    query_kwargs: dict[str, Any],
    *,
    select_media: str | None,
    graph_media: str | None,
    timeout: float,
    max_rows: int,
    union_default_graph: bool,
    slots: QuerySlots | None = None,
) -> Answer:
    """Run the query in a child process; raise QueryTimeout when it outlives `timeout`."""
    location = handle.location
    request = (text, query_kwargs, select_media, graph_media, max_rows, union_default_graph)
    if location is None and isinstance(handle.get(), RemoteStore):
        # the remote store runs the query and enforces the time limit (the client's timeout)
        return _raise_or_return(*_outcome(handle.get(), request))
    if location not in (None, MEMORY) and not handle.writable:
        shared = slots or _own_slots()
        return _raise_or_return(*_pool(str(location), shared).run(request, timeout))
    # a memory store is read through the inherited handle; a disk store is opened afresh
    # by the child, read-only (a RocksDB handle does not survive a fork; writes are
    # flushed after every write request, so the child sees them)
    inherited = location is None or location == MEMORY
    if inherited:
        handle.get()  # make sure the store exists before the fork
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, write the pickled outcome, exit without cleanup
        try:
            os.close(read_fd)
            outcome: tuple[str, Any]
            try:
                if inherited:
                    outcome = _outcome(handle.get(), request)
                else:
                    outcome = _answer_from_disk(str(location), request)
            except BaseException:
                outcome = ("error", ("StoreError", "the store could not be opened"))
            view = memoryview(_framed(outcome))
            while view:
                n = os.write(write_fd, view)
                view = view[n:]
        finally:
            os._exit(0)
    os.close(write_fd)
    answer: bytes | None = None
    reaped = False
    try:
        answer, reaped = _message_from_child(pid, read_fd, time.monotonic() + timeout)
    finally:
        os.close(read_fd)
        if not reaped:
            if answer is None:  # past the time limit (or this thread failed): stop it
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    if answer is None:
        raise QueryTimeout(f"the query was stopped after the time limit of {timeout:g} s")
    if not answer:
        raise StoreError("the query process ended without an answer")
    status, payload = pickle.loads(answer)
    return _raise_or_return(status, payload)
