"""Writing a query's answer in the negotiated format, whole or in pieces, and carrying
errors across the process boundary as (kind, message) pairs."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any, cast

import pyoxigraph as ox

from ...errors import BadInput, CoopkgError, NotAcceptable, QuerySyntaxError, StoreError
from ...queries import run_sparql
from ...stores.endpoint import RemoteTriples, RemoteTruncated
from ..negotiation import GRAPH_FORMATS
from ..results import WRITERS

log = logging.getLogger(__name__)


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


def outcome(db: ox.Store, request: tuple[Any, ...], send: Send | None = None) -> tuple[str, Any]:
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
    except OSError:  # the engine's storage (or SERVICE) failure; its text stays in the log
        log.exception("the store failed while answering a query")
        outcome = "error", ("StoreError", "the store failed while answering")
    except Exception:
        log.exception("internal error while answering a query")
        outcome = "error", ("InternalError", "internal error while answering the query")
    if streamed:  # headers are gone: the parent can only cut the answer off
        return "cut", outcome[1][1]
    return outcome


def raise_or_return(status: str, payload: Any) -> Answer:
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
        "InternalError": CoopkgError,  # a 500 whose message says nothing of the insides
    }
    raise errors.get(kind, StoreError)(message)
