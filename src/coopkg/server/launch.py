"""Run the app under gunicorn, a production WSGI server, from `coopkg serve`."""

from __future__ import annotations

import logging
import os
import shutil
from typing import Any

from gunicorn.app.base import BaseApplication

from ..errors import StoreError
from ..settings import Settings
from ..stores.embedded import MEMORY, current_build
from ..stores.endpoint import is_remote
from . import create_app
from .admission import QuerySlots

log = logging.getLogger(__name__)


# Requests a worker takes in at once. Queries run in query processes under a shared
# first-come limit, so a worker's threads mostly wait; with too few, the connections a
# worker holds beyond them queue unseen by that order, and clients that fell to the
# busier worker wait longest (10,000 projects, 32 clients, the aggregation: p99/p50
# 2.77-3.02 with 4 threads, 1.27-1.39 with 16, at the same throughput).
THREADS = 16


def gunicorn_options(bind: str, workers: int, log_level: str) -> dict[str, Any]:
    """How `coopkg serve` runs gunicorn (the bench's HTTP floor runs it the same way)."""
    return {
        "bind": bind,
        "workers": workers,
        "worker_class": "gthread",
        "threads": THREADS,
        "accesslog": "-",
        "loglevel": log_level.lower(),
    }


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # made before the workers fork, so that all of them share one limit
        self.slots = QuerySlots.create(os.cpu_count() or 1)
        super().__init__()

    def load_config(self) -> None:
        s = self.settings
        # a writable on-disk store can be open in one process only (a remote one: any)
        one_writer = bool(s.write_token) and not is_remote(s.store)
        for key, value in gunicorn_options(
            f"{s.host}:{s.port}", 1 if one_writer else s.workers, s.log_level
        ).items():
            self.cfg.set(key, value)
        # a long query must be cut by the query timeout, not by the worker timeout
        self.cfg.set("timeout", int(s.query_timeout) + 30)

    def load(self) -> Any:
        return create_app(self.settings, query_slots=self.slots)


def serve(settings: Settings) -> None:
    remote = is_remote(settings.store)
    if settings.store != MEMORY and not remote and current_build(settings.store) is None:
        # checked without opening the database: RocksDB must not be open in the master
        # process when it forks the workers (its background threads do not survive a fork)
        raise StoreError(f"no built store at {settings.store}: run `coopkg build` first")
    log.info("serving %s on http://%s:%d/", settings.store, settings.host, settings.port)
    app = _Gunicorn(settings)
    try:
        app.run()
    finally:
        shutil.rmtree(app.slots.folder, ignore_errors=True)
