"""A remote SPARQL 1.1 store's endpoints and credentials, parameters bound as a VALUES
block, and its answers read as pyoxigraph's (with truncation never passed on as complete)."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ..errors import BadInput, StoreError

SCHEMES = ("sparql+http://", "sparql+https://")


# the settings that name a remote store's other endpoints and its credentials
REMOTE_SETTINGS = ("store_update", "store_graph_store", "store_user", "store_password")


SELECT_MEDIA = "application/sparql-results+xml"


GRAPH_MEDIA = "text/turtle"


UPDATE_BATCH = 5_000  # triples per INSERT DATA request


class RemoteTruncated(StoreError):
    """The remote store returned only part of an answer."""

    status = 502
    title = "Incomplete answer from the store"
    show_server_message = True


class RemoteTimeout(BadInput):
    """The remote store did not answer within the query time limit."""

    title = "Query took too long"


def merged_graph_name(base_iri: str) -> ox.NamedNode:
    """The named graph in which a remote store keeps coopkg's default graph."""
    return ox.NamedNode(base_iri + "id/graph/merged")


def is_remote(location: str | object) -> bool:
    return isinstance(location, str) and location.startswith(SCHEMES)


@dataclass(frozen=True)
class Endpoint:
    """Where and as whom to talk to a remote store."""

    query_url: str
    update_url: str
    graph_store_url: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 60.0

    @classmethod
    def parse(
        cls,
        location: str,
        update: str = "",
        graph_store: str = "",
        user: str = "",
        password: str = "",
        timeout: float = 60.0,
    ) -> Endpoint:
        """`sparql+http://[user:password@]host[:port]/path` plus optional endpoint URLs.

        Update and Graph Store URLs may be relative to the query URL (e.g. `sparql-auth`).
        """
        if not is_remote(location):
            raise BadInput(f"not a remote store location: {location!r}")
        parts = urllib.parse.urlsplit(location[len("sparql+") :])
        if not parts.hostname:
            raise BadInput(f"the remote store location {location!r} has no host")
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        query_url = urllib.parse.urlunsplit(
            (parts.scheme, netloc, parts.path or "/", parts.query, "")
        )
        return cls(
            query_url=query_url,
            update_url=urllib.parse.urljoin(query_url, update) if update else query_url,
            graph_store_url=urllib.parse.urljoin(query_url, graph_store) if graph_store else None,
            user=user or (urllib.parse.unquote(parts.username) if parts.username else None),
            password=password or (urllib.parse.unquote(parts.password) if parts.password else None),
            timeout=timeout,
        )


def sparql_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph | Any) -> str:
    """A term in SPARQL syntax (N-Triples form, which SPARQL accepts)."""
    return str(term)


def has_keyword(text: str, keyword: str) -> bool:
    """Whether SPARQL reads `keyword` in the text (not in a string, IRI or comment)."""
    from ..server.guard import tokens

    return any(kind == "word" and value.upper() == keyword for kind, value in tokens(text))


def bind_values(text: str, substitutions: dict[ox.Variable, Any]) -> str:
    """The query with its variables bound by a VALUES block opening its WHERE clause.

    That is where SPARQL lets a value reach every FILTER, BIND, GROUP BY and HAVING
    of the query (a trailing VALUES is joined only after grouping). Values are terms
    serialised by pyoxigraph, never text pasted into the query.
    """
    from ..server.guard import TOKEN

    has_where = has_keyword(text, "WHERE")
    depth, where_seen, insert_at = 0, False, None
    for m in TOKEN.finditer(text):
        kind, value = m.lastgroup, m.group(0)
        if kind == "word" and value.upper() == "WHERE" and depth == 0:
            where_seen = True
        elif kind == "other" and value == "{":
            if depth == 0 and (where_seen or not has_where):
                insert_at = m.end()
                break
            depth += 1
        elif kind == "other" and value == "}":
            depth -= 1
    if insert_at is None:
        raise BadInput("the query has no WHERE clause to bind parameters in")
    names = " ".join(f"?{v.value}" for v in substitutions)
    values = " ".join(sparql_term(t) for t in substitutions.values())
    return f"{text[:insert_at]} VALUES ({names}) {{ ({values}) }} {text[insert_at:]}"


class RemoteSolutions:
    """SELECT results from a remote store; reading past a truncated end raises."""

    def __init__(self, solutions: ox.QuerySolutions, cut_reason: str | None) -> None:
        self._solutions = solutions
        self.variables = solutions.variables
        self.cut_reason = cut_reason

    def __iter__(self) -> Iterator[ox.QuerySolution]:
        yield from self._solutions
        if self.cut_reason:
            raise RemoteTruncated(self.cut_reason)

    def serialize(self, format: ox.QueryResultsFormat) -> bytes | None:
        if self.cut_reason:
            raise RemoteTruncated(self.cut_reason)
        return self._solutions.serialize(format=format)


class RemoteTriples:
    """CONSTRUCT/DESCRIBE results from a remote store, as pyoxigraph triples."""

    def __init__(self, triples: list[ox.Triple], cut_reason: str | None) -> None:
        self._triples = triples
        self.cut_reason = cut_reason

    def __iter__(self) -> Iterator[ox.Triple]:
        yield from self._triples
        if self.cut_reason:
            raise RemoteTruncated(self.cut_reason)


def cut_reason(headers: Any) -> str | None:
    """What the response headers say about an incomplete answer (Virtuoso's way)."""
    max_rows = headers.get("X-SPARQL-MaxRows")
    if max_rows:
        return (
            f"the remote store cut the answer at {max_rows} rows (its ResultSetMaxRows); "
            "raise that limit in the store's configuration"
        )
    state = headers.get("X-SQL-State")
    if state:
        message = headers.get("X-SQL-Message") or "the answer is incomplete"
        return f"the remote store returned a partial answer ({state}: {message})"
    return None


GRAPH_BLOCK = 1_000  # triples in one GRAPH { } block of an INSERT DATA


def insert_data(graphs: list[tuple[ox.NamedNode, list[ox.Triple]]]) -> str:
    """INSERT DATA for these graphs' triples, at most GRAPH_BLOCK triples to a block.

    Virtuoso's SPARQL parser runs out of memory on one block of about 5,000 triples,
    however small the request; several blocks of the same graph are fine.
    """
    blocks = []
    for graph, triples in graphs:
        for start in range(0, len(triples), GRAPH_BLOCK):
            part = triples[start : start + GRAPH_BLOCK]
            text = (ox.serialize(part, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
            blocks.append(f"GRAPH {sparql_term(graph)} {{\n{text}}}")
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"


def triple_chunks(triples: Iterable[ox.Triple]) -> Iterator[list[ox.Triple]]:
    chunk: list[ox.Triple] = []
    for t in triples:
        chunk.append(t)
        if len(chunk) >= UPDATE_BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
