"""How many queries run at once across all of the server's worker processes.

Gunicorn hands each connection to whichever worker accepted it, so per-worker limits
leave one worker queueing while another idles. The limit is shared instead: `n` lock
files in one folder, each held with `flock` by the thread running a query. The kernel
releases a lock when its holder dies, so a killed worker never leaks a slot.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

POLL = 0.002  # seconds between tries while every slot is taken


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
        start = os.getpid() + int(time.monotonic() * 1000)  # spread first tries over slots
        while True:
            for k in range(self.n):
                path = self.files[(start + k) % self.n]
                fd = os.open(path, os.O_RDWR)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                try:
                    yield True
                finally:
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    os.close(fd)
                return
            if time.monotonic() >= deadline:
                yield False
                return
            time.sleep(POLL)
