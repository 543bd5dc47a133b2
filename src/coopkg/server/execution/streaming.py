"""A streamed answer's pieces, read from its query process as the client takes them."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import TYPE_CHECKING

from .answers import AnswerCut
from .framing import receive_message

if TYPE_CHECKING:  # the pool makes streams; a stream only hands its process back
    from .pool import QueryProcesses


class AnswerStream:
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

    def __iter__(self) -> AnswerStream:
        return self

    def __next__(self) -> bytes:
        if self.done:
            raise StopIteration
        try:
            kind, payload = receive_message(self.worker[1], self.deadline)
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
