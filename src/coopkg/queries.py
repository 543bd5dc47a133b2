"""Named SPARQL queries from queries/*.rq, run with engine-bound parameters.

Each file opens with a comment header:

    # title: Budget totals by programme and currency
    # description: ...
    # param: ?year integer            (required)
    # param: ?country string PL       (with a default)

Parameters are bound by Oxigraph's `substitutions`, never pasted into the
query text, so a value can never change what the query does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pyoxigraph as ox

from . import paths
from .errors import BadInput, NotFound, QuerySyntaxError
from .stores.endpoint import RemoteSolutions
from .stores.merged import has_merged_default

if TYPE_CHECKING:
    from .search.index import SearchIndex

PARAM_TYPES = ("iri", "string", "integer", "decimal", "date", "boolean")
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    scope: str = "store"  # "document": a violation check that one document's graph decides

    @property
    def is_violation_check(self) -> bool:
        return self.name.endswith("-violation")


def parse_header(name: str, text: str) -> NamedQuery:
    title, description, params, scope = name, "", [], "store"
    for line in text.splitlines():
        m = re.match(r"#\s*(title|description|param|scope):\s*(.*)$", line.strip())
        if not m:
            if line.strip() and not line.strip().startswith("#"):
                break
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = (description + " " + value).strip()
        elif key == "scope":
            if value not in ("store", "document"):
                raise ValueError(f"{name}.rq: scope is 'store' or 'document', not {value!r}")
            scope = value
        else:
            parts = value.split(None, 2)
            if len(parts) < 2 or not parts[0].startswith("?") or parts[1] not in PARAM_TYPES:
                raise ValueError(f"{name}.rq: bad param line {line!r}")
            params.append(Param(parts[0][1:], parts[1], parts[2] if len(parts) > 2 else None))
    return NamedQuery(name, title, description, tuple(params), text, scope)


@cache
def _load_dir(directory: Path) -> dict[str, NamedQuery]:
    return {
        p.stem: parse_header(p.stem, p.read_text(encoding="utf-8"))
        for p in sorted(directory.glob("*.rq"))
    }


def all_queries(directory: Path | None = None) -> dict[str, NamedQuery]:
    return _load_dir(directory or paths.queries_dir())


def get_query(name: str, directory: Path | None = None) -> NamedQuery:
    queries = all_queries(directory)
    if name not in queries:
        raise NotFound(f"no named query {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]


def to_term(param: Param, raw: str) -> ox.NamedNode | ox.Literal:
    """A parameter's text as a typed RDF term; BadInput if it does not fit the type."""
    raw = raw.strip()
    try:
        if param.type == "iri":
            if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", raw):
                raise ValueError
            return ox.NamedNode(raw)
        if param.type == "integer":
            return ox.Literal(str(int(raw)), datatype=ox.NamedNode(_XSD + "integer"))
        if param.type == "decimal":
            if not re.match(r"^[+-]?(\d+(\.\d*)?|\.\d+)$", raw):
                raise ValueError
            return ox.Literal(raw, datatype=ox.NamedNode(_XSD + "decimal"))
        if param.type == "date":
            if not re.match(r"^\d{4}-\d{2}-\d{2}$", raw):
                raise ValueError
            return ox.Literal(raw, datatype=ox.NamedNode(_XSD + "date"))
        if param.type == "boolean":
            if raw not in ("true", "false"):
                raise ValueError
            return ox.Literal(raw, datatype=ox.NamedNode(_XSD + "boolean"))
        return ox.Literal(raw)
    except ValueError:
        raise BadInput(
            f"parameter ?{param.name} must be of type {param.type}, not {raw!r}"
        ) from None


def bindings(query: NamedQuery, given: dict[str, str]) -> dict[ox.Variable, Any]:
    known = {p.name for p in query.params}
    unknown = sorted(set(given) - known)
    if unknown:
        raise BadInput(
            f"query {query.name!r} has no parameter(s) {', '.join(unknown)}; "
            f"it takes: {', '.join(sorted(known)) or 'none'}"
        )
    out: dict[ox.Variable, Any] = {}
    for p in query.params:
        raw = given.get(p.name, p.default)
        if raw is None:
            raise BadInput(f"query {query.name!r} needs parameter ?{p.name} ({p.type})")
        out[ox.Variable(p.name)] = to_term(p, raw)
    return out


def run_sparql(
    store: ox.Store,
    text: str,
    *,
    union_default_graph: bool = True,
    substitutions: dict[ox.Variable, Any] | None = None,
    search: SearchIndex | None = None,
    **kwargs: Any,
) -> Any:
    """Run a query; a syntax error becomes QuerySyntaxError with the parser's message.

    A query naming the `search:` functions gets them over `search` (see search/sparql.py).

    "Union default graph" means the RDF merge of all graphs. Oxigraph's own union keeps
    a triple once per graph it occurs in (bag semantics), which multiplies joins and
    aggregates over shared nodes; a store built by coopkg therefore carries the merge,
    deduplicated, as its stored default graph, and that is what is queried.
    """
    if union_default_graph and has_merged_default(store):
        union_default_graph = False
    from .search.sparql import functions, uses_search  # search reads stores through us

    if uses_search(text):
        if search is None or not isinstance(store, ox.Store):
            raise BadInput(
                "search:score needs the search index of an embedded store: use it at this "
                "server's /sparql or in `coopkg query` (a remote store: use /search)"
            )
        kwargs["custom_functions"] = functions(search)
    try:
        return store.query(
            text,
            use_default_graph_as_union=union_default_graph,
            substitutions=substitutions,
            prefixes=None,
            **kwargs,
        )
    except SyntaxError as e:
        raise QuerySyntaxError(f"the query does not parse: {e}") from None


def select(store: ox.Store, text: str, **kwargs: Any) -> ox.QuerySolutions:
    """Run a query that must be a SELECT."""
    result = run_sparql(store, text, **kwargs)
    if not isinstance(result, (ox.QuerySolutions, RemoteSolutions)):
        raise BadInput("expected a SELECT query")
    return cast(ox.QuerySolutions, result)  # a remote store's solutions read the same way


def run_named(
    store: ox.Store,
    name: str,
    params: dict[str, str] | None = None,
    directory: Path | None = None,
    search: SearchIndex | None = None,
) -> ox.QuerySolutions:
    query = get_query(name, directory)
    result = run_sparql(
        store, query.text, substitutions=bindings(query, params or {}), search=search
    )
    if not isinstance(result, (ox.QuerySolutions, RemoteSolutions)):
        raise BadInput(f"named query {name!r} is not a SELECT query")
    return cast(ox.QuerySolutions, result)  # a remote store's solutions read the same way


def term_value(term: Any) -> str | None:
    """Plain string of a result term (IRI text, literal lexical form)."""
    if term is None:
        return None
    return str(term.value)


def rows(result: ox.QuerySolutions) -> tuple[list[str], list[dict[str, str | None]]]:
    names = [v.value for v in result.variables]
    out = [{n: term_value(sol[n]) for n in names} for sol in result]
    return names, out
