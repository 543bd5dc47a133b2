"""Running a client's query safely: in a forked process, cut at the time limit and row cap.

Entry point: `execute(handle, text, …, pools=…)` in `dispatch.py`. Oxigraph cannot cancel
a query, so each query runs in a child process that the server kills when the time
limit passes; the worker that received the request stays free meanwhile. The child
opens its own read-only handle on an on-disk store (RocksDB handles do not survive a
fork), or uses the inherited in-memory store. `pool` keeps such processes open between
queries; `answers` writes the answer in the negotiated format and `streaming` passes an
answer larger than `answers.STREAM_AFTER` bytes on in pieces while it is read, so memory
stays bounded and the client gets the first rows early. A streamed answer whose rows
pass the row limit, or whose query passes the time limit, has already sent its headers;
it is cut off without HTTP's final chunk, so the client sees an incomplete transfer,
never a shorter answer taken for the whole one. `framing` is the wire format between
the server and its query processes.
"""

from .answers import Answer, QueryTimeout
from .dispatch import execute
from .pool import QueryPools

__all__ = ["Answer", "QueryPools", "QueryTimeout", "execute"]
