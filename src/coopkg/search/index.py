"""The search index: SQLite FTS5 over the index terms of every entity (see `text.py`).

`coopkg build` writes it into the build folder (`search.sqlite`) before the folder is
switched in, so the served store and its index change together; a write through the
server rebuilds it (`rebuild_beside`). A store without a build folder (in memory, remote)
gets an index built from it in memory. An index is opened read-only, once a process
(query processes are forked), and reopened when its file is replaced.
"""

from __future__ import annotations

import html
import os
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import BadInput
from . import text as tx
from .documents import KINDS, Entry, entries

SEARCH_FILE = "search.sqlite"
NAME_WEIGHT, BODY_WEIGHT = 8.0, 1.0  # a match in a title or name counts eight times
SNIPPET_WORDS = 10  # words either side of the first match
# stems searched as prefixes are mostly 4 to 6 letters long: FTS5 keeps a ready doclist
# for prefixes of those lengths (a quarter faster at p95 on 100,000 projects, 45 % larger)
SCORE_CACHE = 32  # queries whose full score lists `search:score` keeps, per index

SCHEMA = """
CREATE TABLE entity(
    id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
    label TEXT NOT NULL, language TEXT, display TEXT NOT NULL);
CREATE INDEX entity_kind ON entity(kind);
CREATE VIRTUAL TABLE terms USING fts5(
    name, body, content='', tokenize='unicode61 remove_diacritics 0', prefix='4 5 6');
"""

# Of every type: the page is ranked inside FTS5 first and only its rows are joined (joining
# every match before sorting took most of the time for words in thousands of entities).
SEARCH_SQL = """
WITH page AS (
    SELECT rowid AS id, bm25(terms, ?, ?) AS rank FROM terms WHERE terms MATCH ?
    ORDER BY rank, rowid LIMIT ? OFFSET ?)
SELECT e.iri, e.kind, e.label, e.language, e.display, page.rank
FROM page JOIN entity e ON e.id = page.id ORDER BY page.rank, page.id
"""
COUNT_SQL = "SELECT count(*) FROM terms WHERE terms MATCH ?"
# Of one type: the type is the entity table's, so the join comes first.
KIND_SEARCH_SQL = """
SELECT e.iri, e.kind, e.label, e.language, e.display, bm25(terms, ?, ?) AS rank
FROM terms JOIN entity e ON e.id = terms.rowid
WHERE terms MATCH ? AND e.kind = ?
ORDER BY rank, e.id LIMIT ? OFFSET ?
"""
KIND_COUNT_SQL = """
SELECT count(*) FROM terms JOIN entity e ON e.id = terms.rowid
WHERE terms MATCH ? AND e.kind = ?
"""


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str
    label: str
    language: str | None
    score: float
    snippet: str  # HTML: the text around the first match, matched words in <mark>

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.iri,
            "type": self.kind,
            "label": self.label,
            "language": self.language,
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


def _write(conn: sqlite3.Connection, found: list[Entry]) -> None:
    conn.executescript(SCHEMA)
    for n, e in enumerate(found, start=1):
        display = " · ".join(dict.fromkeys(t for t, _ in e.name + e.body))
        conn.execute(
            "INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?)",
            (n, e.iri, e.kind, e.label, e.language, display),
        )
        conn.execute(
            "INSERT INTO terms(rowid, name, body) VALUES (?, ?, ?)",
            (
                n,
                " ".join(tx.index_terms(t, lang) for t, lang in e.name),
                " ".join(tx.index_terms(t, lang) for t, lang in e.body),
            ),
        )
    conn.commit()


def build_index(store: ox.Store, path: Path | None = None) -> SearchIndex:
    """Index every entity of `store`: into `path` (replaced atomically), or in memory."""
    found = entries(store)
    if path is None:
        conn = sqlite3.connect(":memory:")
        _write(conn, found)
        data = conn.serialize()
        conn.close()
        return SearchIndex(data=data)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        _write(conn, found)
    finally:
        conn.close()
    os.replace(tmp, path)
    return SearchIndex(path)


def _snippet(display: str, language: str | None, patterns: list[Any]) -> str:
    spans = [(m.start(), m.end(), m.group(0)) for m in tx.WORD.finditer(display)]
    hits = [i for i, (_, _, w) in enumerate(spans) if tx.matches(w, language, patterns)]
    if not spans:
        return html.escape(display)
    first = hits[0] if hits else 0
    lo, hi = max(0, first - SNIPPET_WORDS), min(len(spans), first + SNIPPET_WORDS + 1)
    start, end = spans[lo][0], spans[hi - 1][1]
    marked = set(hits)
    out, pos = [], start
    for i in range(lo, hi):
        s, e, w = spans[i]
        out.append(html.escape(display[pos:s]))
        out.append(f"<mark>{html.escape(w)}</mark>" if i in marked else html.escape(w))
        pos = e
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(display) else ""
    return prefix + "".join(out) + suffix


class SearchIndex:
    """An index file (or an in-memory copy) with one read-only connection a process."""

    def __init__(self, path: Path | None = None, data: bytes | None = None) -> None:
        if (path is None) == (data is None):
            raise ValueError("an index is a file or bytes")
        self.path, self.data = path, data
        self._conn: sqlite3.Connection | None = None
        self._opened: tuple[int, int, int] | None = None  # pid, inode, mtime
        self._lock = threading.Lock()
        self._scores: OrderedDict[tuple[str, str | None], dict[str, float]] = OrderedDict()

    def __getstate__(self) -> dict[str, Any]:  # sent to query processes: no connection
        return {"path": self.path, "data": self.data}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"], state["data"])  # type: ignore[misc]

    def _connection(self) -> sqlite3.Connection:
        if self.path is not None:
            st = self.path.stat()
            key = (os.getpid(), st.st_ino, st.st_mtime_ns)
        else:
            key = (os.getpid(), 0, 0)
        if self._conn is None or self._opened != key:
            if self.path is not None:
                conn = sqlite3.connect(
                    f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
                )
            else:
                conn = sqlite3.connect(":memory:", check_same_thread=False)
                assert self.data is not None
                conn.deserialize(self.data)
            self._conn, self._opened = conn, key
            self._scores.clear()
        return self._conn

    def search(
        self,
        query: str,
        language: str | None = None,
        kind: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> tuple[int, list[Hit]]:
        """(how many entities match, the page of them from `offset`), best first."""
        if kind is not None and kind not in KINDS:
            raise BadInput(f"type must be one of {', '.join(KINDS)}, not {kind!r}")
        patterns = tx.query_patterns(query, language)
        if not patterns:
            return 0, []
        expression = tx.fts_query(patterns)
        with self._lock:
            conn = self._connection()
            if kind is None:
                total = conn.execute(COUNT_SQL, (expression,)).fetchone()[0]
                rows = conn.execute(
                    SEARCH_SQL, (NAME_WEIGHT, BODY_WEIGHT, expression, limit, offset)
                ).fetchall()
            else:
                total = conn.execute(KIND_COUNT_SQL, (expression, kind)).fetchone()[0]
                rows = conn.execute(
                    KIND_SEARCH_SQL,
                    (NAME_WEIGHT, BODY_WEIGHT, expression, kind, limit, offset),
                ).fetchall()
        return total, [
            Hit(iri, k, label, lang, -rank, _snippet(display, lang or language, patterns))
            for iri, k, label, lang, display, rank in rows
        ]

    def scores(self, query: str, language: str | None = None) -> dict[str, float]:
        """Every matching entity's score (for `search:score` in SPARQL), remembered."""
        key = (query, language)
        with self._lock:
            self._connection()
            if key in self._scores:
                self._scores.move_to_end(key)
                return self._scores[key]
        patterns = tx.query_patterns(query, language)
        found: dict[str, float] = {}
        if patterns:
            with self._lock:
                rows = (
                    self._connection()
                    .execute(
                        "SELECT e.iri, bm25(terms, ?, ?) FROM terms JOIN entity e"
                        " ON e.id = terms.rowid WHERE terms MATCH ?",
                        (NAME_WEIGHT, BODY_WEIGHT, tx.fts_query(patterns)),
                    )
                    .fetchall()
                )
            found = {iri: -rank for iri, rank in rows}
        with self._lock:
            self._scores[key] = found
            while len(self._scores) > SCORE_CACHE:
                self._scores.popitem(last=False)
        return found

    def size(self) -> int:
        with self._lock:
            return int(self._connection().execute("SELECT count(*) FROM entity").fetchone()[0])
