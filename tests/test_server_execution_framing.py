"""server/execution/framing: length-prefixed messages that never read past their end."""

from __future__ import annotations

import os
import pickle
import socket
import time

import pytest

from coopkg.server.execution.framing import (
    framed,
    message_from_child,
    receive_message,
    send_message,
)


def test_two_messages_back_to_back_are_read_one_at_a_time() -> None:
    a, b = socket.socketpair()
    with a, b:
        send_message(a, ("ok", "first"))
        send_message(a, {"second": b"\x00" * 100_000})
        assert receive_message(b, None) == ("ok", "first")
        assert receive_message(b, time.monotonic() + 5) == {"second": b"\x00" * 100_000}


def test_silence_times_out_and_a_closed_peer_is_eof() -> None:
    a, b = socket.socketpair()
    with b:
        with pytest.raises(TimeoutError):
            receive_message(b, time.monotonic() + 0.05)
        a.close()
        with pytest.raises(EOFError):
            receive_message(b, None)


def _child(write: bytes | None) -> tuple[int, int]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        if write is not None:
            os.write(write_fd, write)
        os._exit(0)
    os.close(write_fd)
    return pid, read_fd


def test_a_childs_answer_is_read_by_its_length() -> None:
    pid, fd = _child(framed(("ok", 42)))
    try:
        answer, reaped = message_from_child(pid, fd, time.monotonic() + 5)
    finally:
        os.close(fd)
        if not reaped:
            os.waitpid(pid, 0)
    assert answer is not None and pickle.loads(answer) == ("ok", 42)


def test_a_child_that_ends_without_answering_is_noticed() -> None:
    pid, fd = _child(None)
    try:
        answer, reaped = message_from_child(pid, fd, time.monotonic() + 5)
    finally:
        os.close(fd)
    assert answer == b""
    if not reaped:
        os.waitpid(pid, 0)
