"""Lemmas of the search languages, from simplemma's dictionaries kept in one SQLite table.

simplemma loads a language's dictionary into every process that asks (Polish alone takes
4.5 s and 390 MB; the seven search languages 9 s and 850 MB, measured). Search runs in
the server's query processes and in short CLI runs, so the dictionaries are written once
to `data/.cache/lemmas-simplemma-<version>.sqlite` (28 s, 235 MB, measured) and every
process reads that file: a lookup is one indexed read.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

from .. import paths

log = logging.getLogger(__name__)

MMAP_BYTES = 512 << 20
LANGUAGES = ("pl", "uk", "cs", "sk", "lt", "de", "en")


def table_path() -> Path:
    return paths.home() / "data" / ".cache" / f"lemmas-simplemma-{version('simplemma')}.sqlite"


def _dictionary(lang: str) -> Iterator[tuple[str, str, str]]:
    # simplemma's own loader; its public API offers only a lemma at a time
    from simplemma.strategies.dictionaries.dictionary_factory import (
        _load_dictionary_from_disk,
    )

    for form, lemma in _load_dictionary_from_disk(lang).items():
        yield lang, form.decode("utf-8").lower(), lemma.decode("utf-8")


def write_table(path: Path) -> None:
    """Write the table of every search language (atomically; once, under a file lock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be writing it already
        if path.exists():
            return
        log.info("writing the lemma table %s (once; about half a minute)", path.name)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute(
                "CREATE TABLE lemma(lang TEXT NOT NULL, form TEXT NOT NULL, lemma TEXT NOT NULL,"
                " PRIMARY KEY(lang, form)) WITHOUT ROWID"
            )
            for lang in LANGUAGES:
                conn.executemany("INSERT OR IGNORE INTO lemma VALUES (?, ?, ?)", _dictionary(lang))
                conn.commit()
        finally:
            conn.close()
        os.replace(tmp, path)


class Lemmas:
    """Lemma lookups; one read-only connection a process and thread."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or table_path()
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            if not self.path.exists():
                write_table(self.path)
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            # read through the page cache rather than copying pages (measured: indexing
            # 2,000 synthetic projects took 7.6 s without, 5.2 s with)
            conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def lemma(self, word: str, lang: str) -> str | None:
        row = (
            self._conn()
            .execute("SELECT lemma FROM lemma WHERE lang = ? AND form = ?", (lang, word.lower()))
            .fetchone()
        )
        return None if row is None else str(row[0])

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
            self._local.conn = None


LEMMAS = Lemmas()  # process-wide: the table is read-only and shared (see the docstring)
