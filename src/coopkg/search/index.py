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
# the file's layout (SQLite user_version): an index written by an earlier layout is
# written again from its store before it is used (2: the type column)
FORMAT = 2
# a match in a title or name counts eight times one elsewhere; the kind column only filters
WEIGHTS = (8.0, 1.0, 0.0)
SNIPPET_WORDS = 10  # words either side of the first match
SCORE_CACHE = 32  # queries whose full score lists `search:score` keeps, per index
# Up to this many matches every one is scored by BM25 (about 2 µs each). A query matching
# more is a head query (a common town or theme word): see `_head_page`.
RANK_ALL = 2000
RUN_GAP = 500  # rowids between two page rows scored in one range (see `_runs`)

# FTS5 keeps ready doclists for prefixes of 4 to 6 letters, the length of most stems
# searched as prefixes (a quarter faster at p95 on 100,000 projects, 45 % larger).
# detail=column would halve the doclists but counts a word once per column, and a place's
# many alternate names then lose the weight that ranks the place above a namesake.
# The entity's type is a column of its own, so a search of one type is one MATCH (joining
# every match to the entity table to filter by type took twice the time).
SCHEMA = """
CREATE TABLE entity(
    id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
    label TEXT NOT NULL, language TEXT, display TEXT NOT NULL);
CREATE VIRTUAL TABLE terms USING fts5(
    name, body, kind, content='', tokenize='unicode61 remove_diacritics 0', prefix='4 5 6');
"""

# Every match scored; ranked inside FTS5 first and only the page joined (joining every
# match before sorting took most of the time for words in thousands of entities).
RANKED_SQL = """
WITH page AS (
    SELECT rowid AS id, bm25(terms, ?, ?, ?) AS rank FROM terms WHERE terms MATCH ?
    ORDER BY rank, rowid LIMIT ? OFFSET ?)
SELECT e.iri, e.kind, e.label, e.language, e.display, page.rank
FROM page JOIN entity e ON e.id = page.id ORDER BY page.rank, page.id
"""
COUNT_SQL = "SELECT count(*) FROM terms WHERE terms MATCH ?"
# a head query's tier, in rowid order (shortest entities first), stopping at the page
TIER_SQL = "SELECT rowid FROM terms WHERE terms MATCH ? ORDER BY rowid LIMIT ? OFFSET ?"
# BM25 of the rows of a rowid range (one cursor: the phrases' weights are counted once)
RANGE_SQL = """
SELECT rowid, bm25(terms, ?, ?, ?) FROM terms WHERE terms MATCH ? AND rowid BETWEEN ? AND ?
"""
ROWS_SQL = "SELECT id, iri, kind, label, language, display FROM entity WHERE id IN ({})"
SCORES_SQL = """
SELECT e.iri, bm25(terms, ?, ?, ?) FROM terms JOIN entity e ON e.id = terms.rowid
WHERE terms MATCH ?
"""


def of_kind(expression: str, kind: str | None) -> str:
    """The MATCH expression narrowed to one type of entity (its weight is 0: the scores
    stay those of the words)."""
    return expression if kind is None else f'{{kind}} : "{kind}" AND ({expression})'


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


def is_current(path: Path) -> bool:
    """Whether an index file has this code's layout."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return bool(conn.execute("PRAGMA user_version").fetchone()[0] == FORMAT)
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _write(conn: sqlite3.Connection, found: list[Entry]) -> None:
    conn.executescript(SCHEMA)
    conn.execute(f"PRAGMA user_version = {FORMAT}")
    rows = []
    for e in found:
        name = " ".join(tx.index_terms(t, lang) for t, lang in e.name)
        body = " ".join(tx.index_terms(t, lang) for t, lang in e.body)
        rows.append((len(name.split()) + len(body.split()), e, name, body))
    # rowids in order of length, shortest first: the order BM25 gives the entities that
    # match a word in the same column, which a head query's tiers keep (`_head_page`)
    rows.sort(key=lambda r: r[0])
    for n, (_, e, name, body) in enumerate(rows, start=1):
        display = " · ".join(dict.fromkeys(t for t, _ in e.name + e.body))
        conn.execute(
            "INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?)",
            (n, e.iri, e.kind, e.label, e.language, display),
        )
        conn.execute(
            "INSERT INTO terms(rowid, name, body, kind) VALUES (?, ?, ?, ?)",
            (n, name, body, e.kind),
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
    if not spans:
        return html.escape(display)
    # the first match by its plain form, else by its lemma; only the words shown are
    # lemmatised (a place's display holds hundreds of alternate names)
    first = next((i for i, s in enumerate(spans) if tx.matches_plainly(s[2], patterns)), None)
    if first is None:
        first = next((i for i, s in enumerate(spans) if tx.matches(s[2], language, patterns)), 0)
    lo, hi = max(0, first - SNIPPET_WORDS), min(len(spans), first + SNIPPET_WORDS + 1)
    start, end = spans[lo][0], spans[hi - 1][1]
    marked = {i for i in range(lo, hi) if tx.matches(spans[i][2], language, patterns)}
    out, pos = [], start
    for i in range(lo, hi):
        s, e, w = spans[i]
        out.append(html.escape(display[pos:s]))
        out.append(f"<mark>{html.escape(w)}</mark>" if i in marked else html.escape(w))
        pos = e
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(display) else ""
    return prefix + "".join(out) + suffix


def _runs(ids: list[int], gap: int = RUN_GAP) -> list[tuple[int, int]]:
    """Sorted ids as ranges no wider apart than `gap` inside: each range is scored in one
    pass (`rowid IN (…)` would weigh the phrases again for every id)."""
    runs = [[ids[0], ids[0]]]
    for i in ids[1:]:
        if i - runs[-1][1] > gap:
            runs.append([i, i])
        else:
            runs[-1][1] = i
    return [(low, high) for low, high in runs]


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
            total = conn.execute(COUNT_SQL, (of_kind(expression, kind),)).fetchone()[0]
            if total <= RANK_ALL:
                rows = conn.execute(
                    RANKED_SQL, (*WEIGHTS, of_kind(expression, kind), limit, offset)
                ).fetchall()
            else:
                rows = self._head_page(conn, expression, kind, limit, offset)
        return total, [
            Hit(iri, k, label, lang, -rank, _snippet(display, lang or language, patterns))
            for iri, k, label, lang, display, rank in rows
        ]

    @staticmethod
    def _head_page(
        conn: sqlite3.Connection, expression: str, kind: str | None, limit: int, offset: int
    ) -> list[tuple[Any, ...]]:
        """The page of a query that matches more than RANK_ALL entities.

        Scoring every match would cost more than the time a search may take, so the page is
        chosen by tiers: the entities with every query word in their name, then the rest,
        each tier shortest first (rowid order), which is BM25's own order for one word in
        one column. Only the page's rows are scored, and the page is sorted by the score.
        """
        named = f"{{name}} : ({expression})"
        tiers = [of_kind(t, kind) for t in (named, f"({expression}) NOT ({named})")]
        ids: list[int] = []
        skip = offset
        for tier in tiers:
            if len(ids) >= limit:
                break
            if skip:  # an offset past this whole tier skips it
                size = conn.execute(COUNT_SQL, (tier,)).fetchone()[0]
                if size <= skip:
                    skip -= size
                    continue
            got = conn.execute(TIER_SQL, (tier, limit - len(ids), skip)).fetchall()
            ids += [r[0] for r in got]
            skip = 0
        if not ids:
            return []
        scores: dict[int, float] = {}
        for low, high in _runs(sorted(ids)):
            scores.update(conn.execute(RANGE_SQL, (*WEIGHTS, expression, low, high)))
        rows = {
            r[0]: r[1:]
            for r in conn.execute(ROWS_SQL.format(",".join("?" * len(ids))), ids).fetchall()
        }
        ordered = sorted(ids, key=lambda i: (scores[i], i))
        return [(*rows[i], scores[i]) for i in ordered]

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
                    .execute(SCORES_SQL, (*WEIGHTS, tx.fts_query(patterns)))
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
