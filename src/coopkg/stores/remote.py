"""A remote SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB…) behind the embedded store's interface.

`--store sparql+http://host:port/sparql` names the store's query endpoint; the update
and Graph Store endpoints and credentials come from their own settings (or the URL's
user:password part). `RemoteStore` offers the part of `pyoxigraph.Store` that coopkg
uses — query, update, quads_for_pattern, graph management — so the named queries,
the server and the build run unchanged on either backend.

Two things differ between stores and are handled here rather than left to chance:

- The default graph. coopkg's default graph is the deduplicated merge of all document
  graphs. Remote stores keep it in the named graph `MERGED_GRAPH`, and queries that do
  not state their own dataset are sent with `default-graph-uri` set to it. (Virtuoso,
  like Oxigraph, would otherwise count a triple once per graph it occurs in.)
- Truncation. Virtuoso cuts answers at `ResultSetMaxRows` and cuts slow "anytime"
  queries short, saying so only in response headers. Such an answer is never passed on
  as complete: reading past its last row raises `RemoteTruncated`.

Queries go through SPARQLWrapper; updates and Graph Store requests are plain HTTP.
"""

from __future__ import annotations

import itertools
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from SPARQLWrapper import DIGEST, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from ..errors import BadInput, QuerySyntaxError, StoreError
from ..settings import Settings

SCHEMES = ("sparql+http://", "sparql+https://")
# the settings that name a remote store's other endpoints and its credentials
REMOTE_SETTINGS = ("store_update", "store_graph_store", "store_user", "store_password")
MERGED_GRAPH = ox.NamedNode("https://w3id.org/coopkg/id/graph/merged")
SELECT_MEDIA = "application/sparql-results+xml"
GRAPH_MEDIA = "text/turtle"
SOURCE_DOCUMENT = "https://w3id.org/coopkg/ontology#SourceDocument"
UPDATE_BATCH = 5_000  # triples per INSERT DATA request


class RemoteTruncated(StoreError):
    """The remote store returned only part of an answer."""

    status = 502
    title = "Incomplete answer from the store"
    show_server_message = True


class RemoteTimeout(BadInput):
    """The remote store did not answer within the query time limit."""

    title = "Query took too long"


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


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph | Any) -> str:
    """A term in SPARQL syntax (N-Triples form, which SPARQL accepts)."""
    return str(term)


def _has_keyword(text: str, keyword: str) -> bool:
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

    has_where = _has_keyword(text, "WHERE")
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
    values = " ".join(_term(t) for t in substitutions.values())
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


def _cut_reason(headers: Any) -> str | None:
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


def open_remote(settings: Settings) -> RemoteStore:
    return RemoteStore(
        Endpoint.parse(
            settings.store,
            update=settings.store_update,
            graph_store=settings.store_graph_store,
            user=settings.store_user,
            password=settings.store_password,
            timeout=settings.query_timeout,
        )
    )


class RemoteStore:
    """The subset of `pyoxigraph.Store` coopkg needs, over the SPARQL 1.1 protocols."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self._opener = self._make_opener()
        self._parser = ox.Store()  # empty: parses queries and tells their form
        self._known: set[ox.Quad] = set()

    def _make_opener(self) -> urllib.request.OpenerDirector:
        handlers: list[urllib.request.BaseHandler] = []
        if self.endpoint.user:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in (
                self.endpoint.query_url,
                self.endpoint.update_url,
                self.endpoint.graph_store_url,
            ):
                if url:
                    passwords.add_password(
                        None, url, self.endpoint.user, self.endpoint.password or ""
                    )
            handlers += [
                urllib.request.HTTPDigestAuthHandler(passwords),
                urllib.request.HTTPBasicAuthHandler(passwords),
            ]
        return urllib.request.build_opener(*handlers)

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint.query_url})"

    # --- queries -------------------------------------------------------------

    def query(
        self,
        text: str,
        *,
        use_default_graph_as_union: bool = False,
        substitutions: dict[ox.Variable, Any] | None = None,
        default_graph: Any = None,
        named_graphs: Any = None,
        prefixes: Any = None,
    ) -> RemoteSolutions | RemoteTriples | ox.QueryBoolean:
        if substitutions:
            text = bind_values(text, substitutions)
        # parse locally first: the same syntax errors as the embedded store, and the form
        probe = self._parser.query(text)
        defaults: list[str] = []
        named: list[str] = []
        if default_graph is not None:
            graphs = default_graph if isinstance(default_graph, list) else [default_graph]
            defaults = [
                MERGED_GRAPH.value if isinstance(g, ox.DefaultGraph) else g.value for g in graphs
            ]
        elif not use_default_graph_as_union and not _has_keyword(text, "FROM"):
            defaults = [MERGED_GRAPH.value]
        if named_graphs is not None:
            named = [g.value for g in named_graphs]
        is_graph = isinstance(probe, ox.QueryTriples)
        body, headers = self._send_query(text, defaults, named, is_graph)
        cut = _cut_reason(headers)
        if is_graph:
            try:
                triples = [t.triple for t in ox.parse(body, format=ox.RdfFormat.TURTLE)]
            except SyntaxError as e:
                raise StoreError(f"the remote store sent unreadable RDF: {e}") from None
            return RemoteTriples(triples, cut)
        try:
            result = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        except SyntaxError as e:
            raise StoreError(f"the remote store sent unreadable results: {e}") from None
        if isinstance(result, ox.QueryBoolean):
            if cut:
                raise RemoteTruncated(cut)
            return result
        return RemoteSolutions(result, cut)

    def _send_query(
        self, text: str, defaults: list[str], named: list[str], is_graph: bool
    ) -> tuple[bytes, Any]:
        sw = SPARQLWrapper(self.endpoint.query_url)
        sw.setMethod(POST)
        sw.setOnlyConneg(True)  # no vendor `format=` parameters, only the Accept header
        sw.setQuery(text)
        sw.setTimeout(int(max(1, self.endpoint.timeout)))
        sw.addCustomHttpHeader("Accept", GRAPH_MEDIA if is_graph else SELECT_MEDIA)
        for g in defaults:
            sw.addDefaultGraph(g)
        for g in named:
            sw.addNamedGraph(g)
        if self.endpoint.user:
            sw.setHTTPAuth(DIGEST)
            sw.setCredentials(self.endpoint.user, self.endpoint.password or "")
        try:
            response = sw.query().response
            return response.read(), response.info()
        except SPARQLWrapperException as e:
            message = str(e).split("Response:", 1)[0].strip()
            if "QueryBadFormed" in type(e).__name__:
                raise QuerySyntaxError(f"the remote store rejected the query: {message}") from None
            raise StoreError(f"the remote store failed: {message}") from None
        except TimeoutError:
            raise RemoteTimeout(
                f"the remote store did not answer within {self.endpoint.timeout:g} s"
            ) from None
        except urllib.error.URLError as e:
            if isinstance(e.reason, (TimeoutError, socket.timeout)):
                raise RemoteTimeout(
                    f"the remote store did not answer within {self.endpoint.timeout:g} s"
                ) from None
            raise StoreError(f"cannot reach the remote store: {e.reason}") from None

    # --- updates and the Graph Store Protocol ----------------------------------

    def _http(self, method: str, url: str, body: bytes, content_type: str) -> None:
        request = urllib.request.Request(
            url, data=body, method=method, headers={"Content-Type": content_type}
        )
        try:
            with self._opener.open(request, timeout=self.endpoint.timeout) as response:
                response.read()
        except urllib.error.HTTPError as e:
            detail = e.read()[:500].decode("utf-8", "replace").strip()
            if e.code == 400:
                raise BadInput(f"the remote store rejected the request: {detail}") from None
            raise StoreError(f"the remote store answered {e.code}: {detail}") from None
        except urllib.error.URLError as e:
            raise StoreError(f"cannot reach the remote store: {e.reason}") from None
        except TimeoutError:
            raise StoreError("the remote store did not answer in time") from None

    def update(self, text: str, **_: Any) -> None:
        self._http(
            "POST", self.endpoint.update_url, text.encode("utf-8"), "application/sparql-update"
        )

    def _graph_url(self, graph: ox.NamedNode | ox.DefaultGraph) -> str:
        assert self.endpoint.graph_store_url is not None
        target = MERGED_GRAPH if isinstance(graph, ox.DefaultGraph) else graph
        sep = "&" if "?" in self.endpoint.graph_store_url else "?"
        return self.endpoint.graph_store_url + sep + urllib.parse.urlencode({"graph": target.value})

    def replace_graphs(self, batch: list[tuple[ox.NamedNode, list[ox.Triple]]]) -> None:
        """Replace several graphs' content in one SPARQL Update request.

        A graph of more than UPDATE_BATCH triples (the registry graph) is replaced by
        requests of its own, one after another: one huge INSERT DATA exhausts a store's
        SPARQL compiler (Virtuoso's does at about 100,000 triples).
        """
        small = [(g, triples) for g, triples in batch if len(triples) <= UPDATE_BATCH]
        for graph, triples in batch:
            if len(triples) > UPDATE_BATCH:
                chunks = _chunks(triples)
                self._replace_in_one_request([(graph, next(chunks))])
                for chunk in chunks:
                    self._insert_batch(graph, chunk)
        if small:
            self._replace_in_one_request(small)

    def _replace_in_one_request(self, batch: list[tuple[ox.NamedNode, list[ox.Triple]]]) -> None:
        drops = " ;\n".join(f"DROP SILENT GRAPH {_term(graph)}" for graph, _ in batch)
        self.update(f"{drops} ;\n{_insert_data(batch)}")

    def insert(self, graph: ox.NamedNode | ox.DefaultGraph, triples: Iterable[ox.Triple]) -> None:
        """Add triples to a graph, in requests of at most UPDATE_BATCH triples."""
        for chunk in _chunks(triples):
            self._insert_batch(graph, chunk)

    def _insert_batch(self, graph: ox.NamedNode | ox.DefaultGraph, batch: list[ox.Triple]) -> None:
        if self.endpoint.graph_store_url:
            body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""
            self._http("POST", self._graph_url(graph), body, "application/n-triples")
            return
        self.update(_insert_data([(self._name(graph), batch)]))

    @staticmethod
    def _name(graph: Any) -> ox.NamedNode:
        if graph is None or isinstance(graph, ox.DefaultGraph):
            return MERGED_GRAPH
        if not isinstance(graph, ox.NamedNode):
            raise BadInput("a remote store's graphs are named by IRIs")
        return graph

    # --- the pyoxigraph.Store methods coopkg uses --------------------------------

    def quads_for_pattern(
        self, subject: Any, predicate: Any, object: Any, graph_name: Any = None
    ) -> Iterator[ox.Quad]:
        terms = {"s": subject, "p": predicate, "o": object}
        pattern = " ".join(_term(t) if t is not None else f"?{k}" for k, t in terms.items())
        if graph_name is None:  # every graph, the default one (the merged graph) included
            where = f"GRAPH ?g {{ {pattern} }}"
        else:
            where = f"GRAPH {_term(self._name(graph_name))} {{ {pattern} }}"
        result = self.query(f"SELECT * WHERE {{ {where} }}", use_default_graph_as_union=True)
        assert isinstance(result, RemoteSolutions)
        for row in result:
            g = row["g"] if graph_name is None else graph_name
            if isinstance(g, ox.NamedNode) and g == MERGED_GRAPH:
                g = ox.DefaultGraph()
            yield ox.Quad(
                subject if subject is not None else row["s"],
                predicate if predicate is not None else row["p"],
                object if object is not None else row["o"],
                g,
            )

    def __contains__(self, quad: ox.Quad) -> bool:
        if quad in self._known:
            return True
        t = quad.triple
        pattern = f"{_term(t.subject)} {_term(t.predicate)} {_term(t.object)}"
        result = self.query(
            f"ASK {{ GRAPH {_term(self._name(quad.graph_name))} {{ {pattern} }} }}",
            use_default_graph_as_union=True,
        )
        if result:  # asked for every query (the merge marker): remember a yes
            self._known.add(quad)
        return bool(result)

    def __len__(self) -> int:
        result = self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            use_default_graph_as_union=True,
        )
        assert isinstance(result, RemoteSolutions)
        row = next(iter(result))
        return int(row["n"].value)

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        result = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", use_default_graph_as_union=True
        )
        assert isinstance(result, RemoteSolutions)
        for row in result:
            g = row["g"]
            if isinstance(g, ox.NamedNode) and g != MERGED_GRAPH:
                yield g

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return bool(
            self.query(
                f"ASK {{ GRAPH {_term(graph)} {{ ?s ?p ?o }} }}", use_default_graph_as_union=True
            )
        )

    def add(self, quad: ox.Quad) -> None:
        self.insert(self._name(quad.graph_name), [quad.triple])

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        by_graph: dict[Any, list[ox.Triple]] = {}
        for q in quads:
            by_graph.setdefault(q.graph_name, []).append(q.triple)
        for graph, triples in by_graph.items():
            self.insert(graph, triples)

    def clear_graph(self, graph: Any) -> None:
        self.update(f"CLEAR SILENT GRAPH {_term(self._name(graph))}")

    def remove_graph(self, graph: Any) -> None:
        self.update(f"DROP SILENT GRAPH {_term(self._name(graph))}")

    def add_graph(self, graph: Any) -> None:
        # stores without empty graphs (Virtuoso) accept and ignore this
        self.update(f"CREATE SILENT GRAPH {_term(self._name(graph))}")

    def flush(self) -> None:
        """Every request is committed by the remote store itself."""


def _graphs_in(path: Path) -> Iterator[tuple[ox.NamedNode, list[ox.Triple]]]:
    """(graph, triples) runs of an N-Quads file written one document graph after another."""
    current: ox.NamedNode | None = None
    batch: list[ox.Triple] = []
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        g = quad.graph_name
        if not isinstance(g, ox.NamedNode):
            raise BadInput(f"{path.name}: a document quad outside a named graph")
        if g != current:
            if current is not None:
                yield current, batch
            current, batch = g, []
        batch.append(quad.triple)
    if current is not None:
        yield current, batch


def _run_bounded(tasks: Iterable[Callable[[], None]], threads: int) -> None:
    """Run tasks on a thread pool with a bounded number in flight; re-raise the first error."""
    with ThreadPoolExecutor(threads) as pool:
        pending: deque[Future[None]] = deque()
        for task in tasks:
            pending.append(pool.submit(task))
            while len(pending) >= threads * 2 or (pending and pending[0].done()):
                pending.popleft().result()
        while pending:
            pending.popleft().result()


GRAPH_BLOCK = 1_000  # triples in one GRAPH { } block of an INSERT DATA


def _insert_data(graphs: list[tuple[ox.NamedNode, list[ox.Triple]]]) -> str:
    """INSERT DATA for these graphs' triples, at most GRAPH_BLOCK triples to a block.

    Virtuoso's SPARQL parser runs out of memory on one block of about 5,000 triples,
    however small the request; several blocks of the same graph are fine.
    """
    blocks = []
    for graph, triples in graphs:
        for start in range(0, len(triples), GRAPH_BLOCK):
            part = triples[start : start + GRAPH_BLOCK]
            text = (ox.serialize(part, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
            blocks.append(f"GRAPH {_term(graph)} {{\n{text}}}")
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"


def _batched(
    graphs: Iterable[tuple[ox.NamedNode, list[ox.Triple]]],
) -> Iterator[list[tuple[ox.NamedNode, list[ox.Triple]]]]:
    batch: list[tuple[ox.NamedNode, list[ox.Triple]]] = []
    size = 0
    for graph, triples in graphs:
        batch.append((graph, triples))
        size += len(triples)
        if size >= UPDATE_BATCH:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _chunks(triples: Iterable[ox.Triple]) -> Iterator[list[ox.Triple]]:
    chunk: list[ox.Triple] = []
    for t in triples:
        chunk.append(t)
        if len(chunk) >= UPDATE_BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def push_build(
    remote: RemoteStore,
    documents: Path,
    merged: Path,
    ontology: tuple[Path, ox.NamedNode],
    marker: ox.Quad,
    threads: int = 4,
) -> int:
    """Replace the remote store's coopkg content with a validated build.

    Document graphs are replaced whole, many to a request (DROP + INSERT DATA, about
    UPDATE_BATCH triples each, on `threads` connections); graphs of documents no longer
    in the build are dropped; the merged default graph is rewritten last and marked as
    such. Returns the number of graphs written (documents and the ontology).
    """
    written: set[ox.NamedNode] = set()
    ontology_file, ontology_iri = ontology
    onto = [q.triple for q in ox.parse(path=str(ontology_file), format=ox.RdfFormat.TURTLE)]

    def document_tasks() -> Iterator[Callable[[], None]]:
        for batch in _batched(itertools.chain(_graphs_in(documents), [(ontology_iri, onto)])):
            written.update(graph for graph, _ in batch)
            yield lambda batch=batch: remote.replace_graphs(batch)  # type: ignore[misc]

    _run_bounded(document_tasks(), threads)
    stale = remote.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{SOURCE_DOCUMENT}> }} }}",
        use_default_graph_as_union=True,
    )
    assert isinstance(stale, RemoteSolutions)
    for row in list(stale):
        g = row["g"]
        if isinstance(g, ox.NamedNode) and g not in written and g != MERGED_GRAPH:
            remote.remove_graph(g)
    remote.remove_graph(MERGED_GRAPH)
    triples = (q.triple for q in ox.parse(path=str(merged), format=ox.RdfFormat.N_TRIPLES))
    _run_bounded(
        (
            lambda chunk=chunk: remote._insert_batch(MERGED_GRAPH, chunk)  # type: ignore[misc]
            for chunk in _chunks(triples)
        ),
        threads,
    )
    remote.add(marker)
    return len(written)
