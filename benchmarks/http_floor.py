"""A fixed answer behind the server's own HTTP stack: the ceiling for trivial queries.

`coopkg serve` is Flask under gunicorn (gthread workers, access log). No query through
it can be answered faster than that stack hands out a body it already has, however fast
the engine. The bench serves the lookup's own answer this way, with the same workers,
threads and logging as `coopkg serve`, beside the server and the raw engine, so that its
table shows how much of the engine's rate HTTP itself leaves for tiny queries.

Run as `python -m benchmarks.http_floor BODY_FILE MEDIA_TYPE PORT WORKERS` (127.0.0.1 only).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from flask import Flask, Response
from gunicorn.app.base import BaseApplication

from coopkg.server.launch import gunicorn_options


def create_floor_app(body: bytes, media_type: str) -> Flask:
    """An app answering every GET or POST of /sparql with `body`."""
    app = Flask(__name__)

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql() -> Response:
        return Response(body, content_type=media_type)

    @app.get("/health")
    def health() -> Response:
        return Response(b"ok", content_type="text/plain")

    return app


class _Floor(BaseApplication):  # type: ignore[misc]
    def __init__(self, app: Flask, port: int, workers: int) -> None:
        self.app, self.port, self.workers = app, port, workers
        super().__init__()

    def load_config(self) -> None:
        for key, value in gunicorn_options(
            f"127.0.0.1:{self.port}", self.workers, "warning"
        ).items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.app


def main(argv: list[str]) -> None:
    body_file, media_type, port, workers = argv
    app = create_floor_app(Path(body_file).read_bytes(), media_type)
    _Floor(app, int(port), int(workers)).run()


if __name__ == "__main__":
    main(sys.argv[1:])
