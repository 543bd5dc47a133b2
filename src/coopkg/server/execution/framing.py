"""Messages between the server and its query processes: a length, then a pickle."""

from __future__ import annotations

import os
import pickle
import select
import socket
import struct
import time
from typing import Any


def framed(payload: Any) -> bytes:
    """The payload pickled, after its length: how query processes answer."""
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    return struct.pack("!Q", len(data)) + data


def send_message(sock: socket.socket, payload: Any) -> None:
    sock.sendall(framed(payload))


def receive_message(sock: socket.socket, deadline: float | None) -> Any:
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


def message_from_child(pid: int, read_fd: int, deadline: float) -> tuple[bytes | None, bool]:
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
