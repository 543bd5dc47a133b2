"""`execute`: where a client's query runs — on the remote store, in a query process of the
pool, or in a child forked for it — and the answer or error it gives back."""

from __future__ import annotations

import logging
import os
import pickle
import signal
import time
from typing import Any

from ...errors import StoreError
from ...stores.embedded import MEMORY, StoreHandle
from . import answers
from .answers import Answer, QueryTimeout, raise_or_return
from .framing import framed, message_from_child
from .pool import QueryPools, answer_from_disk

log = logging.getLogger(__name__)


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
    pools: QueryPools,
) -> Answer:
    """Run the query in a child process; raise QueryTimeout when it outlives `timeout`."""
    location = handle.location
    request = (text, query_kwargs, select_media, graph_media, max_rows, union_default_graph)
    if handle.is_remote:
        # the remote store runs the query and enforces the time limit (the client's timeout)
        return raise_or_return(*answers.outcome(handle.get(), request))
    if location not in (None, MEMORY) and not handle.writable:
        return raise_or_return(*pools.pool(str(location)).run(request, timeout))
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
                    outcome = answers.outcome(handle.get(), request)
                else:
                    outcome = answer_from_disk(str(location), request)
            except Exception:
                log.exception("the query process failed")
                outcome = ("error", ("InternalError", "internal error while answering the query"))
            view = memoryview(framed(outcome))
            while view:
                n = os.write(write_fd, view)
                view = view[n:]
        finally:
            os._exit(0)
    os.close(write_fd)
    answer: bytes | None = None
    reaped = False
    try:
        answer, reaped = message_from_child(pid, read_fd, time.monotonic() + timeout)
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
    return raise_or_return(status, payload)
