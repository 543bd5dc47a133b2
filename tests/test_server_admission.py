"""server/admission: query slots shared between workers, handed out in order of arrival,
released when a holder dies."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any


def _fork_holder(slots: Any, seconds: float, released: Path | None = None) -> int:
    """A child process that takes the only slot, holds it `seconds`, then lets it go
    (writing the monotonic time just before into `released`, if given)."""
    pid = os.fork()
    if pid == 0:
        with slots.hold(5) as held:
            assert held
            time.sleep(seconds)
            if released is not None:
                released.write_text(str(time.monotonic()))
        os._exit(0)
    return pid


def test_query_slots_are_shared_and_released_when_the_holder_dies(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """At most n queries at once across processes; a killed holder frees its slot."""

    from coopkg.server.admission import QuerySlots

    slots = QuerySlots(tmp_path / "slots", 1)
    pid = os.fork()
    if pid == 0:  # a "worker" that takes the only slot and is then killed
        with slots.hold(1) as held:
            assert held
            time.sleep(60)
        os._exit(0)
    time.sleep(0.3)
    with slots.hold(0.2) as held:
        assert not held  # taken by the other process
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with slots.hold(1) as held:
        assert held  # the kernel released the dead holder's lock


def test_query_slots_go_to_waiters_in_order_of_arrival(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """First come, first served across processes: waiters get the slot in the order
    they asked for it, and a dead waiter's ticket does not block the queue."""

    from coopkg.server.admission import QuerySlots

    slots = QuerySlots(tmp_path / "slots", 1)
    log = tmp_path / "order"
    holder = _fork_holder(slots, 1.0)
    time.sleep(0.2)
    dead = os.fork()
    if dead == 0:  # queues first, then is killed while waiting
        with slots.hold(30):
            pass
        os._exit(0)
    time.sleep(0.1)
    os.kill(dead, signal.SIGKILL)
    os.waitpid(dead, 0)
    waiters = []
    for i in range(4):
        pid = os.fork()
        if pid == 0:
            with slots.hold(10) as held:
                assert held
                with log.open("a") as f:
                    f.write(f"{i}\n")
                time.sleep(0.05)
            os._exit(0)
        waiters.append(pid)
        time.sleep(0.05)  # arrive one after the other
    for pid in [holder, *waiters]:
        _, status = os.waitpid(pid, 0)
        assert status == 0
    assert log.read_text().split() == ["0", "1", "2", "3"]
    assert not [p for p in (tmp_path / "slots").iterdir() if p.name.startswith("wait-")]


def test_a_waiter_is_woken_when_a_slot_is_freed(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Waiters sleep until a slot is released instead of polling: with the fallback
    re-check and polling intervals set to 5 s, the waiter still gets the slot at once."""

    from coopkg.server import admission
    from coopkg.server.admission import QuerySlots

    monkeypatch.setattr(admission, "RECHECK", 5.0)
    monkeypatch.setattr(admission, "RECHECK_BEHIND", 5.0)
    monkeypatch.setattr(admission, "POLL", 5.0)
    monkeypatch.setattr(admission, "POLL_BEHIND", 5.0)
    slots = QuerySlots(tmp_path / "slots", 1)
    released = tmp_path / "released"
    holder = _fork_holder(slots, 0.5, released)
    time.sleep(0.2)
    with slots.hold(10) as held:
        got = time.monotonic()
        assert held
    os.waitpid(holder, 0)
    assert got - float(released.read_text()) < 1.0
