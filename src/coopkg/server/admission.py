"""How many queries run at once across all of the server's worker processes, and who
goes next.

Gunicorn hands each connection to whichever worker accepted it, so per-worker limits
leave one worker queueing while another idles. The limit is shared instead: `n` lock
files in one folder, each held with `flock` by the thread running a query. The kernel
releases a lock when its holder dies, so a killed worker never leaks a slot.

Waiting is first come, first served: a waiter leaves a ticket named after its arrival
time (CLOCK_MONOTONIC, one clock for every process of the machine) and only the `n`
oldest tickets try for a slot. Were every waiter to try, the one polling first after a
release would win and, under load, some requests would wait many times longer than
others (a long latency tail). A ticket whose process died is removed by the waiters
behind it.

Waiters do not poll: each ticket has a Unix datagram socket (in Linux's abstract
namespace, named after the folder and the ticket, so no path length limit applies and
the kernel frees it with its process), and whoever frees a slot (or leaves the queue)
sends a byte to the `n` oldest tickets, which wake at once. Thirty waiters polling
every few milliseconds cost a noticeable share of two cores, and the one whose turn it
was lost up to a polling interval. A waiter still looks again after `RECHECK` seconds
without a wake-up (a waiter ahead of it may have died), or `RECHECK_BEHIND` while it is
not among the `n` oldest; where no socket can be bound, the waiter polls.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

POLL = 0.002  # seconds between tries for a polling waiter whose turn it is
POLL_BEHIND = 0.01  # ... and between looks at the queue for one further back
RECHECK = 0.05  # seconds a waiter whose turn it is waits for a wake-up before looking anyway
# ... and one further back: a release wakes the `n` oldest waiters, so one behind them
# has nothing to look for until it is among them, and the first release after that
# wakes it; the look is only a guard. At 32 clients and two slots, 30 waiters looking
# every RECHECK were 600 wake-ups a second on the cores the queries run on.
RECHECK_BEHIND = 1.0
TICKET = "wait-"


def _address(folder: Path, name: str) -> str:
    """The abstract-namespace socket address of the ticket `name` in `folder`."""
    digest = hashlib.blake2b(str(folder).encode(), digest_size=6).hexdigest()
    return f"\0coopkg-slots-{digest}-{name}"


class _Ticket:
    """A waiter's place in the queue: a file, and a socket its wake-ups arrive on."""

    def __init__(self, folder: Path, name: str) -> None:
        self.path, self.name = folder / name, name
        self.path.touch()
        self.sock: socket.socket | None = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            self.sock.bind(_address(folder, name))
        except OSError:  # no abstract namespace here: poll instead
            self.sock.close()
            self.sock = None

    def wait(self, seconds: float, turn: bool) -> None:
        if self.sock is None:
            time.sleep(min(seconds, POLL if turn else POLL_BEHIND))
            return
        self.sock.settimeout(max(1e-4, min(seconds, RECHECK if turn else RECHECK_BEHIND)))
        with suppress(TimeoutError):
            self.sock.recv(64)

    def close(self) -> None:
        self.path.unlink(missing_ok=True)
        if self.sock is not None:
            self.sock.close()


class QuerySlots:
    def __init__(self, folder: Path, n: int) -> None:
        self.folder, self.n = folder, max(1, n)
        folder.mkdir(parents=True, exist_ok=True)
        self.files = [folder / f"slot-{i}" for i in range(self.n)]
        for f in self.files:
            f.touch(exist_ok=True)

    @classmethod
    def create(cls, n: int) -> QuerySlots:
        return cls(Path(tempfile.mkdtemp(prefix="coopkg-slots-")), n)

    @contextmanager
    def hold(self, timeout: float) -> Iterator[bool]:
        """Yield True while holding a slot, or False if none came free within `timeout`."""
        deadline = time.monotonic() + timeout
        # a free slot is taken at once only if nobody waits: no overtaking the queue
        fd = None if self._queue() else self._try_any()
        ticket: _Ticket | None = None
        if fd is None:
            ticket = _Ticket(
                self.folder,
                f"{TICKET}{time.monotonic_ns():020d}-{os.getpid()}-{threading.get_ident()}",
            )
        try:
            while fd is None:
                assert ticket is not None
                turn = self._turn(ticket.name)
                if turn:
                    fd = self._try_any()
                    if fd is not None:
                        break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                ticket.wait(remaining, turn)
        finally:
            if ticket is not None:
                ticket.close()
                if fd is None:
                    self._wake()  # gave up: the waiters behind move up
        if fd is None:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            self._wake()

    def _wake(self) -> None:
        """Tell the `n` oldest live waiters that a slot may be free."""
        queue = self._queue()
        if not queue:
            return
        woken = 0
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.setblocking(False)
            for name in queue:
                try:
                    sock.sendto(b"!", _address(self.folder, name))
                except BlockingIOError:
                    pass  # its buffer is full of wake-ups already: it is awake
                except OSError:
                    continue  # gone, dead, or polling
                woken += 1
                if woken >= self.n:
                    return

    def _try_any(self) -> int | None:
        """A locked slot's descriptor, or None if every slot is held."""
        start = os.getpid() + threading.get_ident()  # spread first tries over slots
        for k in range(self.n):
            fd = os.open(self.files[(start + k) % self.n], os.O_RDWR)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            return fd
        return None

    def _queue(self) -> list[str]:
        return sorted(name for name in os.listdir(self.folder) if name.startswith(TICKET))

    def _turn(self, mine: str) -> bool:
        """Whether `mine` is among the n oldest tickets (dropping dead waiters' tickets)."""
        ahead = 0
        for name in self._queue():
            if name == mine:
                return True
            if not _alive(int(name.split("-")[2])):
                (self.folder / name).unlink(missing_ok=True)
                continue
            ahead += 1
            if ahead >= self.n:
                return False
        return True  # not listed (removed by mistake?): try rather than wait forever


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
