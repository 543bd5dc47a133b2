"""A remote SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB…) behind the embedded store's interface.

`--store sparql+http://host:port/sparql` names the store's query endpoint; the update
and Graph Store endpoints and credentials come from their own settings (or the URL's
user:password part). `RemoteStore` offers the part of `pyoxigraph.Store` that coopkg
uses — query, update, quads_for_pattern, graph management — so the named queries,
the server and the build run unchanged on either backend.

Two things differ between stores and are handled here rather than left to chance:

- The default graph. coopkg's default graph is the deduplicated merge of all document
  graphs. Remote stores keep it in the named graph `merged_graph`, and queries that do
  not state their own dataset are sent with `default-graph-uri` set to it. (Virtuoso,
  like Oxigraph, would otherwise count a triple once per graph it occurs in.)
- Truncation. Virtuoso cuts answers at `ResultSetMaxRows` and cuts slow "anytime"
  queries short, saying so only in response headers. Such an answer is never passed on
  as complete: reading past its last row raises `RemoteTruncated`.

Queries go through SPARQLWrapper; updates and Graph Store requests are plain HTTP."""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from SPARQLWrapper import DIGEST, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from ..errors import BadInput, QuerySyntaxError, StoreError
from ..iris import DEFAULT_BASE
from ..settings import Settings
from . import endpoint
from .endpoint import (
    GRAPH_MEDIA,
    SELECT_MEDIA,
    Endpoint,
    RemoteSolutions,
    RemoteTimeout,
    RemoteTriples,
    RemoteTruncated,
    bind_values,
    cut_reason,
    has_keyword,
    insert_data,
    merged_graph_name,
    sparql_term,
    triple_chunks,
)

SOURCE_DOCUMENT = "https://w3id.org/coopkg/ontology#SourceDocument"


def open_remote(settings: Settings) -> RemoteStore:
    return RemoteStore(
        Endpoint.parse(
            settings.store,
            update=settings.store_update,
            graph_store=settings.store_graph_store,
            user=settings.store_user,
            password=settings.store_password,
            timeout=settings.query_timeout,
        ),
        merged_graph_name(settings.base_iri),
    )


class RemoteStore:
    """The subset of `pyoxigraph.Store` coopkg needs, over the SPARQL 1.1 protocols."""

    def __init__(self, endpoint: Endpoint, merged_graph: ox.NamedNode | None = None) -> None:
        self.endpoint = endpoint
        # where this store keeps coopkg's default graph, the merge of all document graphs
        self.merged_graph = merged_graph or merged_graph_name(DEFAULT_BASE)
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
                self.merged_graph.value if isinstance(g, ox.DefaultGraph) else g.value
                for g in graphs
            ]
        elif not use_default_graph_as_union and not has_keyword(text, "FROM"):
            defaults = [self.merged_graph.value]
        if named_graphs is not None:
            named = [g.value for g in named_graphs]
        is_graph = isinstance(probe, ox.QueryTriples)
        body, headers = self._send_query(text, defaults, named, is_graph)
        cut = cut_reason(headers)
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
        target = self.merged_graph if isinstance(graph, ox.DefaultGraph) else graph
        sep = "&" if "?" in self.endpoint.graph_store_url else "?"
        return self.endpoint.graph_store_url + sep + urllib.parse.urlencode({"graph": target.value})

    def replace_graphs(self, batch: list[tuple[ox.NamedNode, list[ox.Triple]]]) -> None:
        """Replace several graphs' content in one SPARQL Update request.

        A graph of more than UPDATE_BATCH triples (the registry graph) is replaced by
        requests of its own, one after another: one huge INSERT DATA exhausts a store's
        SPARQL compiler (Virtuoso's does at about 100,000 triples).
        """
        small = [(g, triples) for g, triples in batch if len(triples) <= endpoint.UPDATE_BATCH]
        for graph, triples in batch:
            if len(triples) > endpoint.UPDATE_BATCH:
                chunks = triple_chunks(triples)
                self._replace_in_one_request([(graph, next(chunks))])
                for chunk in chunks:
                    self._insert_batch(graph, chunk)
        if small:
            self._replace_in_one_request(small)

    def _replace_in_one_request(self, batch: list[tuple[ox.NamedNode, list[ox.Triple]]]) -> None:
        drops = " ;\n".join(f"DROP SILENT GRAPH {sparql_term(graph)}" for graph, _ in batch)
        self.update(f"{drops} ;\n{insert_data(batch)}")

    def insert(self, graph: ox.NamedNode | ox.DefaultGraph, triples: Iterable[ox.Triple]) -> None:
        """Add triples to a graph, in requests of at most UPDATE_BATCH triples."""
        for chunk in triple_chunks(triples):
            self._insert_batch(graph, chunk)

    def _insert_batch(self, graph: ox.NamedNode | ox.DefaultGraph, batch: list[ox.Triple]) -> None:
        if self.endpoint.graph_store_url:
            body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""
            self._http("POST", self._graph_url(graph), body, "application/n-triples")
            return
        self.update(insert_data([(self._name(graph), batch)]))

    def _name(self, graph: Any) -> ox.NamedNode:
        if graph is None or isinstance(graph, ox.DefaultGraph):
            return self.merged_graph
        if not isinstance(graph, ox.NamedNode):
            raise BadInput("a remote store's graphs are named by IRIs")
        return graph

    # --- the pyoxigraph.Store methods coopkg uses --------------------------------

    def quads_for_pattern(
        self, subject: Any, predicate: Any, object: Any, graph_name: Any = None
    ) -> Iterator[ox.Quad]:
        terms = {"s": subject, "p": predicate, "o": object}
        pattern = " ".join(sparql_term(t) if t is not None else f"?{k}" for k, t in terms.items())
        if graph_name is None:  # every graph, the default one (the merged graph) included
            where = f"GRAPH ?g {{ {pattern} }}"
        else:
            where = f"GRAPH {sparql_term(self._name(graph_name))} {{ {pattern} }}"
        result = self.query(f"SELECT * WHERE {{ {where} }}", use_default_graph_as_union=True)
        assert isinstance(result, RemoteSolutions)
        for row in result:
            g = row["g"] if graph_name is None else graph_name
            if isinstance(g, ox.NamedNode) and g == self.merged_graph:
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
        pattern = f"{sparql_term(t.subject)} {sparql_term(t.predicate)} {sparql_term(t.object)}"
        result = self.query(
            f"ASK {{ GRAPH {sparql_term(self._name(quad.graph_name))} {{ {pattern} }} }}",
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
            if isinstance(g, ox.NamedNode) and g != self.merged_graph:
                yield g

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return bool(
            self.query(
                f"ASK {{ GRAPH {sparql_term(graph)} {{ ?s ?p ?o }} }}",
                use_default_graph_as_union=True,
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
        self.update(f"CLEAR SILENT GRAPH {sparql_term(self._name(graph))}")

    def remove_graph(self, graph: Any) -> None:
        self.update(f"DROP SILENT GRAPH {sparql_term(self._name(graph))}")

    def add_graph(self, graph: Any) -> None:
        # stores without empty graphs (Virtuoso) accept and ignore this
        self.update(f"CREATE SILENT GRAPH {sparql_term(self._name(graph))}")

    def flush(self) -> None:
        """Every request is committed by the remote store itself."""
