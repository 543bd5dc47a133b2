"""A throwaway Virtuoso Open Source server on 127.0.0.1, for tests and benchmarks.

Debian's `virtuoso-opensource` package provides `virtuoso-t` (scripts/install-virtuoso
installs it). Each server gets its own folder, database and free ports, and is stopped
by its owner (the test session, `coopkg bench --virtuoso`). A fresh database's
administrator is dba/dba, which is why it only ever listens on 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BINARY = "virtuoso-t"

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
MaxQueryMem = 2G
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 20
MaxClientConnections = 20
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


def available() -> bool:
    return shutil.which(BINARY) is not None


def free_port() -> int:
    """A port of 127.0.0.1 that is free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Virtuoso:
    folder: Path
    http_port: int
    process: subprocess.Popen[bytes]

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def location(self) -> str:
        """The coopkg store location, with the authenticated endpoints as settings."""
        return f"sparql+http://127.0.0.1:{self.http_port}/sparql"

    @property
    def settings_for_writes(self) -> dict[str, str]:
        """The Digest-authenticated update and Graph Store endpoints, as the administrator."""
        return {
            "store_update": "sparql-auth",
            "store_graph_store": "sparql-graph-crud-auth",
            "store_user": "dba",
            "store_password": "dba",
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(folder: Path, *, max_rows: int = 1_000, memory_gb: float = 1.0) -> Virtuoso:
    """Start a server in `folder` and wait until its SPARQL endpoint answers."""
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    buffers = int(memory_gb * 85_000)  # Virtuoso's own rule: ~85,000 8 kB buffers a GB
    ini = folder / "virtuoso.ini"
    ini.write_text(
        INI.format(
            dir=folder,
            sql_port=sql_port,
            http_port=http_port,
            buffers=buffers,
            dirty=buffers * 3 // 4,
            max_rows=max_rows,
        ),
        encoding="utf-8",
    )
    with (folder / "stdout.log").open("wb") as log:  # the server keeps its own descriptor
        process = subprocess.Popen(
            [BINARY, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Virtuoso(folder, http_port, process)
    deadline = time.monotonic() + 120
    probe = server.query_url + "?query=" + urllib.parse.quote("ASK {}")
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"virtuoso-t exited with {process.returncode}: "
                + (folder / "stdout.log").read_text(errors="replace")[-2000:]
            )
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.stop()
    raise RuntimeError("virtuoso-t did not answer within 120 s")


def required() -> bool:
    """CI sets COOPKG_REQUIRE_VIRTUOSO=1: there, a missing server fails instead of skipping."""
    return os.environ.get("COOPKG_REQUIRE_VIRTUOSO") == "1"
