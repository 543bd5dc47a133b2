"""Running a client's query safely: in a forked process, cut at the time limit and row cap.

Oxigraph cannot cancel a query, so each query runs in a child process that the
server kills when the time limit passes; the worker that received the request
stays free to answer others meanwhile. The child opens its own read-only handle
on an on-disk store (RocksDB handles do not survive a fork), or uses the
inherited in-memory store. It answers with the finished response body, or, from a
query process (a read-only on-disk store), streams an answer larger than
STREAM_AFTER bytes in pieces while it reads it: memory stays bounded and the client
gets the first rows early. A streamed answer whose rows pass the row limit, or whose
query passes the time limit, has already sent its headers; it is cut off without
HTTP's final chunk, so the client sees an incomplete transfer, never a shorter answer
taken for the whole one.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import select
import signal
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any, cast

import pyoxigraph as ox

from ..errors import BadInput, CoopkgError, NotAcceptable, QuerySyntaxError, StoreError
from ..queries import run_sparql
from ..stores.embedded import MEMORY, StoreHandle, open_store
from ..stores.remote import RemoteStore, RemoteTriples, RemoteTruncated
from .admission import QuerySlots
from .negotiation import GRAPH_FORMATS
from .results import WRITERS


class QueryTimeout(BadInput):
    title = "Query took too long"


@dataclass(frozen=True)
class Answer:
    body: bytes | Iterator[bytes]  # an iterator when streamed
    media_type: str
    rows: int | None = None
    truncated: bool = False


STREAM_AFTER = 8 << 20  # bytes of an answer held whole; a larger one is streamed
PIECE = 256 << 10  # about the bytes of a streamed piece
BATCH = 1_000  # rows written at a time

Send = Callable[[Any], None]


class AnswerCut(CoopkgError):
    """A streamed answer that cannot be finished (headers sent: the connection is cut)."""


class _Body:
    """An answer's bytes as they are written: held whole up to STREAM_AFTER, then (when
    `send` is given) sent on as ("stream", media type), ("piece", bytes)… messages."""

    def __init__(self, media_type: str, send: Send | None) -> None:
        self.media_type, self.send = media_type, send
        self.parts: list[bytes] = []
        self.size = 0
        self.streaming = False

    def write(self, data: bytes) -> int:
        if data:
            self.parts.append(bytes(data))
            self.size += len(data)
            limit = PIECE if self.streaming else STREAM_AFTER
            if self.send is not None and self.size > limit:
                if not self.streaming:
                    self.send(("stream", self.media_type))
                    self.streaming = True
                self._flush()
        return len(data)

    def flush(self) -> None:
        """Nothing to do (the serializer calls it): pieces leave in `write` and `finish`."""

    def _flush(self) -> None:
        assert self.send is not None
        if self.parts:
            self.send(("piece", b"".join(self.parts)))
        self.parts, self.size = [], 0

    def finish(self, rows: int, truncated: bool) -> tuple[str, Any]:
        """The outcome that ends the answer: the whole of it, or the end of the stream."""
        if not self.streaming:
            return "ok", Answer(b"".join(self.parts), self.media_type, rows, truncated)
        self._flush()
        return "end", (rows, truncated)


class _Capped:
    """The first `cap` items of an iterator; `truncated` once one more was there."""

    def __init__(self, items: Any, cap: int) -> None:
        self.items, self.cap = iter(items), cap
        self.count = 0
        self.truncated = False

    def __iter__(self) -> _Capped:
        return self

    def __next__(self) -> Any:
        if self.count >= self.cap:
            self.truncated = next(self.items, None) is not None
            raise StopIteration
        item = next(self.items)
        self.count += 1
        return item


def _answer(
    result: Any,
    select_media: str | None,
    graph_media: str | None,
    max_rows: int,
    send: Send | None = None,
) -> tuple[str, Any]:
    """Write the answer: ("ok", Answer), or, once streamed through `send`, ("end", …)."""
    if isinstance(result, (ox.QueryTriples, RemoteTriples)):
        if graph_media is None:
            raise NotAcceptable("no acceptable RDF format for a CONSTRUCT or DESCRIBE result")
        fmt, rdf_format = GRAPH_FORMATS[graph_media]
        triples = _Capped(result, max_rows)
        body = _Body(fmt.media_type, send)
        # the serializer writes to anything with write(bytes)
        ox.serialize(triples, output=cast(IO[bytes], body), format=rdf_format)
        return body.finish(triples.count, triples.truncated)
    if select_media is None:
        raise NotAcceptable("no acceptable results format for a SELECT or ASK result")
    if isinstance(result, ox.QueryBoolean):
        boolean_format = {
            "text/csv": ox.QueryResultsFormat.CSV,
            "text/tab-separated-values": ox.QueryResultsFormat.TSV,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        }.get(select_media, ox.QueryResultsFormat.JSON)
        return "ok", Answer(result.serialize(format=boolean_format) or b"", select_media)
    variables = [v.value for v in result.variables]
    writer = WRITERS[select_media](variables)
    body = _Body(select_media, send)
    body.write(writer.head())
    solutions = _Capped(result, max_rows)
    while True:
        batch = [
            [solution[v] for v in variables] for solution in itertools.islice(solutions, BATCH)
        ]
        if not batch:
            break
        body.write(writer.rows(batch))
    if not (body.streaming and solutions.truncated):  # a cut stream is left unfinished
        body.write(writer.tail())
    return body.finish(solutions.count, solutions.truncated)


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


def _outcome(db: ox.Store, request: tuple[Any, ...], send: Send | None = None) -> tuple[str, Any]:
    """Run one query and package the answer (or the error) for the parent.

    With `send`, a large answer is streamed through it (see `_Body`); the outcome then
    ends the stream: ("end", (rows, truncated)) or ("cut", message).
    """
    text, query_kwargs, select_media, graph_media, max_rows, union_default_graph = request
    streamed = False

    def tracked(message: Any) -> None:
        nonlocal streamed
        streamed = True
        assert send is not None
        send(message)

    outcome: tuple[str, Any]
    try:
        result = run_sparql(db, text, union_default_graph=union_default_graph, **query_kwargs)
        return _answer(result, select_media, graph_media, max_rows, tracked if send else None)
    except CoopkgError as e:
        outcome = "error", (type(e).__name__, e.message)
    except (SyntaxError, ValueError, TypeError) as e:
        outcome = "error", ("BadInput", f"the query cannot be evaluated: {e}")
    except BaseException:  # a storage failure: reported without its text
        outcome = "error", ("StoreError", "the store failed while answering")
    if streamed:  # headers are gone: the parent can only cut the answer off
        return "cut", outcome[1][1]
    return outcome


def _framed(payload: Any) -> bytes:
    """The payload pickled, after its length: how query processes answer."""
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    return struct.pack("!Q", len(data)) + data


def _send(sock: socket.socket, payload: Any) -> None:
    sock.sendall(_framed(payload))


def _receive(sock: socket.socket, deadline: float | None) -> Any:
    """One length-prefixed message; raises TimeoutError at the deadline.

    Reads no byte past the message: a streamed answer's next piece may already wait.
    """
    parts: list[bytes] = []
    got = 0
    need = 8
    size: int | None = None
    while True:
        while got < need:
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                ready, _, _ = select.select([sock], [], [], remaining)
                if not ready:
                    continue
            chunk = sock.recv(min(need - got, 1 << 20))
            if not chunk:
                raise EOFError
            parts.append(chunk)
            got += len(chunk)
        if size is None:
            size = struct.unpack("!Q", b"".join(parts))[0]
            parts, got, need = [], 0, size
            continue
        return pickle.loads(b"".join(parts))


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
        from ..stores.embedded import current_build

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
            _send(sock, _outcome(db, request, lambda message: _send(sock, message)))

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
            stream = _Stream(self, worker, deadline, timeout, request[4], stack.pop_all().close)
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
            _send(sock, request)
            outcome = _receive(sock, deadline)
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

    @staticmethod
    def discard(worker: tuple[int, socket.socket]) -> None:
        """Stop a process in the middle of an answer."""
        pid, sock = worker
        with contextlib.suppress(ProcessLookupError, ChildProcessError):  # ended already
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        sock.close()


class _Stream:
    """A streamed answer's pieces, read from its query process as the client takes them.

    The WSGI server iterates it and closes it (also when the client goes away early);
    the query process and the slot are given back at the end, or the process is stopped
    if the answer was not read to its end.
    """

    def __init__(
        self,
        pool: QueryProcesses,
        worker: tuple[int, socket.socket],
        deadline: float,
        timeout: float,
        max_rows: int,
        release: Callable[[], None],
    ) -> None:
        self.pool, self.worker, self.deadline = pool, worker, deadline
        self.timeout, self.max_rows, self.release = timeout, max_rows, release
        self.done = False

    def __iter__(self) -> _Stream:
        return self

    def __next__(self) -> bytes:
        if self.done:
            raise StopIteration
        try:
            kind, payload = _receive(self.worker[1], self.deadline)
        except TimeoutError:
            self._end(finished=False)
            raise AnswerCut(
                f"the query was stopped after the time limit of {self.timeout:g} s;"
                " the streamed answer is cut off"
            ) from None
        except (EOFError, OSError):
            self._end(finished=False)
            raise AnswerCut("the query process ended before its answer did") from None
        if kind == "piece":
            assert isinstance(payload, bytes)
            return payload
        self._end(finished=True)
        if kind == "end":
            _, truncated = payload
            if not truncated:
                raise StopIteration
            raise AnswerCut(
                f"the answer has more than the row limit of {self.max_rows:,} rows and is"
                " cut off (ask with LIMIT or ORDER BY … LIMIT, or raise --max-rows)"
            )
        raise AnswerCut(f"the streamed answer is cut off: {payload}")

    def close(self) -> None:
        self._end(finished=False)

    def __del__(self) -> None:  # dropped unclosed (WSGI servers close it): stop its process
        self._end(finished=False)

    def _end(self, finished: bool) -> None:
        if self.done:
            return
        self.done = True
        try:
            if finished:
                self.pool.keep(self.worker)
            else:
                self.pool.discard(self.worker)
        finally:
            self.release()


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
