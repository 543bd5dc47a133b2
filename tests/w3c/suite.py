"""The W3C SPARQL 1.1 query-evaluation tests, run on the engine directly and through the server.

    python -m tests.w3c.suite [--only NAME]     (prints pass counts for both ways)

Each test's data is loaded (into the store directly, or with Graph Store Protocol PUTs),
its query sent (directly, or with the SPARQL Protocol), and the answer compared with the
expected one by the suite's semantics: solutions as a multiset, blank nodes up to renaming,
order only under ORDER BY, graphs up to isomorphism.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

ROOT = Path(__file__).resolve().parents[3] / "shared" / "w3c-sparql11" / "sparql" / "sparql11"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")
MANIFESTS = ("manifest-sparql11-query.ttl", "csv-tsv-res/manifest.ttl", "json-res/manifest.ttl")
TOKEN = "w3c-suite-token"


@dataclass
class Case:
    name: str
    query: Path
    data: list[Path]
    graph_data: list[Path]
    result: Path | None


@dataclass
class Outcome:
    passed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def cases(root: Path = ROOT) -> list[Case]:
    out = []
    seen = set()
    for top in MANIFESTS:
        path = root / top
        g = Graph().parse(path, format="turtle")
        includes = []
        for m in g.subjects(RDF.type, MF.Manifest):
            for lst in g.objects(m, MF.include):
                includes += [Path(str(u).removeprefix("file://")) for u in Collection(g, lst)]
        for manifest in includes or [path]:
            mg = Graph().parse(manifest, format="turtle")
            for test in mg.subjects(RDF.type, MF.QueryEvaluationTest):
                action = mg.value(test, MF.action)
                query = mg.value(action, QT.query)
                if query is None or str(test) in seen:
                    continue
                seen.add(str(test))
                result = mg.value(test, MF.result)
                out.append(
                    Case(
                        name=f"{manifest.parent.name}/{str(test).rsplit('#', 1)[-1]}",
                        query=Path(str(query).removeprefix("file://")),
                        data=[
                            Path(str(d).removeprefix("file://"))
                            for d in mg.objects(action, QT.data)
                        ],
                        graph_data=[
                            Path(str(d).removeprefix("file://"))
                            for d in mg.objects(action, QT.graphData)
                        ],
                        result=Path(str(result).removeprefix("file://")) if result else None,
                    )
                )
    return sorted(out, key=lambda c: c.name)


def _format_of(path: Path) -> ox.RdfFormat:
    return {".rdf": ox.RdfFormat.RDF_XML, ".nt": ox.RdfFormat.N_TRIPLES}.get(
        path.suffix, ox.RdfFormat.TURTLE
    )


def _media_of(path: Path) -> str:
    return {".rdf": "application/rdf+xml", ".nt": "application/n-triples"}.get(
        path.suffix, "text/turtle"
    )


# --- answers in one comparable shape ---------------------------------------------------


def _term(t: Any) -> tuple[str, str, str]:
    if isinstance(t, ox.NamedNode):
        return ("uri", t.value, "")
    if isinstance(t, ox.BlankNode):
        return ("bnode", t.value, "")
    if isinstance(t, ox.Literal):
        extra = f"@{t.language}" if t.language else t.datatype.value
        return ("literal", t.value, extra)
    return ("other", str(t), "")


Row = dict[str, tuple[str, str, str]]


@dataclass
class Answer:
    kind: str  # "boolean", "rows", "graph"
    boolean: bool | None = None
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    graph: Graph | None = None


def _rows_from_results(results: Any) -> Answer:
    if isinstance(results, ox.QueryBoolean):
        return Answer("boolean", boolean=bool(results))
    variables = [v.value for v in results.variables]
    rows = [{v: _term(s[v]) for v in variables if s[v] is not None} for s in results]
    return Answer("rows", variables=variables, rows=rows)


def expected_answer(case: Case) -> Answer:
    assert case.result is not None
    suffix = case.result.suffix
    if suffix in (".srx", ".srj", ".tsv", ".csv"):
        fmt = {
            ".srx": ox.QueryResultsFormat.XML,
            ".srj": ox.QueryResultsFormat.JSON,
            ".tsv": ox.QueryResultsFormat.TSV,
            ".csv": ox.QueryResultsFormat.CSV,
        }[suffix]
        answer = _rows_from_results(ox.parse_query_results(path=str(case.result), format=fmt))
        if suffix == ".csv":
            answer.kind = "csv"
        return answer
    g = Graph().parse(case.result, format="xml" if suffix == ".rdf" else "turtle")
    result_set = next(g.subjects(RDF.type, RS.ResultSet), None)
    if result_set is None:
        return Answer("graph", graph=g)
    boolean = g.value(result_set, RS.boolean)
    if boolean is not None:
        return Answer("boolean", boolean=bool(boolean.toPython()))
    variables = [str(v) for v in g.objects(result_set, RS.resultVariable)]
    rows = []
    for solution in g.objects(result_set, RS.solution):
        row: Row = {}
        for b in g.objects(solution, RS.binding):
            value = g.value(b, RS.value)
            var = str(g.value(b, RS.variable))
            if isinstance(value, URIRef):
                row[var] = ("uri", str(value), "")
            elif value is not None and value.__class__.__name__ == "BNode":
                row[var] = ("bnode", str(value), "")
            elif value is not None:
                lit = value
                extra = (
                    f"@{lit.language}"
                    if lit.language
                    else str(lit.datatype or "http://www.w3.org/2001/XMLSchema#string")
                )
                row[var] = ("literal", str(lit), extra)
        rows.append(row)
    return Answer("rows", variables=variables, rows=rows)


def _csv_row(row: Row) -> dict[str, str]:
    return {k: v[1] if v[0] != "bnode" else "_:" for k, v in row.items()}


def _match_rows(ours: list[Row], theirs: list[Row], ordered: bool) -> bool:
    if len(ours) != len(theirs):
        return False
    if not any(v[0] == "bnode" for r in ours + theirs for v in r.values()):
        if ordered:
            return ours == theirs
        key = lambda r: tuple(sorted(r.items()))  # noqa: E731
        return Counter(map(key, ours)) == Counter(map(key, theirs))
    # blank nodes: find a renaming (small result sets; backtracking)
    mapping: dict[str, str] = {}

    def fits(a: Row, b: Row, m: dict[str, str]) -> dict[str, str] | None:
        if a.keys() != b.keys():
            return None
        m = dict(m)
        for k in a:
            x, y = a[k], b[k]
            if x[0] == "bnode" and y[0] == "bnode":
                if m.get(x[1], y[1]) != y[1] or (x[1] not in m and y[1] in m.values()):
                    return None
                m[x[1]] = y[1]
            elif x != y:
                return None
        return m

    def search(i: int, used: set[int], m: dict[str, str]) -> bool:
        if i == len(ours):
            return True
        candidates = [i] if ordered else range(len(theirs))
        for j in candidates:
            if j in used:
                continue
            m2 = fits(ours[i], theirs[j], m)
            if m2 is not None and search(i + 1, used | {j}, m2):
                return True
        return False

    return search(0, set(), mapping)


def same(ours: Answer, expected: Answer, query_text: str) -> str | None:
    """None when the answers agree, else a short reason."""
    if expected.kind == "boolean":
        return (
            None
            if ours.kind == "boolean" and ours.boolean == expected.boolean
            else "boolean differs"
        )
    if expected.kind == "graph":
        if ours.graph is None:
            return "expected a graph"
        return None if isomorphic(ours.graph, expected.graph) else "graphs differ"
    if ours.kind != "rows":
        return "expected solutions"
    if expected.kind == "csv":
        a = sorted(json.dumps(_csv_row(r), sort_keys=True) for r in ours.rows)
        b = sorted(
            json.dumps({k: v for k, v in _csv_row(r).items() if v != ""}, sort_keys=True)
            for r in expected.rows
        )
        return None if a == b else "CSV rows differ"
    ordered = bool(re.search(r"ORDER\s+BY", query_text, re.I))
    if not _match_rows(ours.rows, expected.rows, ordered):
        return f"solutions differ ({len(ours.rows)} vs {len(expected.rows)})"
    return None


# --- the two ways of running ------------------------------------------------------------


def run_engine(case: Case) -> Answer:
    store = ox.Store()
    for d in case.data:
        store.load(path=str(d), format=_format_of(d), base_iri=d.as_uri())
    for d in case.graph_data:
        store.load(
            path=str(d),
            format=_format_of(d),
            base_iri=d.as_uri(),
            to_graph=ox.NamedNode(d.as_uri()),
        )
    result = store.query(case.query.read_text(encoding="utf-8"), base_iri=case.query.as_uri())
    if isinstance(result, ox.QueryTriples):
        g = Graph().parse(
            data=(ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES) or b"").decode(),
            format="nt",
        )
        return Answer("graph", graph=g)
    return _rows_from_results(result)


def _as_ntriples(path: Path) -> bytes:
    triples = [
        q.triple for q in ox.parse(path=str(path), format=_format_of(path), base_iri=path.as_uri())
    ]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _request(
    url: str, method: str = "GET", data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes, str]:
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read(), r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers.get("Content-Type", "")


def run_http(case: Case, base: str) -> Answer:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    status, body, _ = _request(
        f"{base}/update",
        "POST",
        b"CLEAR ALL",
        {**auth, "Content-Type": "application/sparql-update"},
    )
    assert status == 204, body
    # relative IRIs in the data (`<>`) resolve against the file, which only the client
    # knows: the client resolves them and uploads N-Triples
    for d in case.data:
        status, body, _ = _request(
            f"{base}/graph-store?default",
            "POST",
            _as_ntriples(d),
            {**auth, "Content-Type": "application/n-triples"},
        )
        assert status in (201, 204), body
    for d in case.graph_data:
        url = f"{base}/graph-store?graph={urllib.parse.quote(d.as_uri(), safe='')}"
        status, body, _ = _request(
            url, "PUT", _as_ntriples(d), {**auth, "Content-Type": "application/n-triples"}
        )
        assert status in (201, 204), body
    # the protocol has no base parameter: the client states it in the query
    text = f"BASE <{case.query.as_uri()}>\n" + case.query.read_text(encoding="utf-8")
    form = urllib.parse.urlencode({"query": text}).encode()
    status, body, ctype = _request(
        f"{base}/sparql",
        "POST",
        form,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        },
    )
    if status != 200:
        raise RuntimeError(f"HTTP {status}: {body[:200]!r}")
    if ctype.startswith("application/n-triples"):
        return Answer("graph", graph=Graph().parse(data=body.decode(), format="nt"))
    return _rows_from_results(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))


@contextmanager
def server() -> Iterator[str]:
    from werkzeug.serving import make_server

    from coopkg.server import create_app
    from coopkg.settings import Settings

    settings = Settings(
        store=":memory:",
        union_default_graph=False,
        write_token=TOKEN,
        query_timeout=30,
        max_rows=1_000_000,
        max_body_bytes=50_000_000,
    )
    app = create_app(settings, store=ox.Store())
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_port}"
    finally:
        srv.shutdown()
        srv.server_close()


def run(mode: str, only: str | None = None) -> Outcome:
    outcome = Outcome()
    selected = [c for c in cases() if only is None or only in c.name]
    with server() as base:
        for case in selected:
            if case.result is None:
                continue
            try:
                expected = expected_answer(case)
                ours = run_engine(case) if mode == "engine" else run_http(case, base)
                reason = same(ours, expected, case.query.read_text(encoding="utf-8"))
            except Exception as e:  # noqa: BLE001 - a case that errors is a failed case, with its reason
                reason = f"{e.__class__.__name__}: {str(e)[:160]}"
            if reason is None:
                outcome.passed.append(case.name)
            else:
                outcome.failed.append((case.name, reason))
    return outcome


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="run the tests whose name contains this")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    total = len(
        [c for c in cases() if c.result is not None and (args.only is None or args.only in c.name)]
    )
    engine = run("engine", args.only)
    http = run("http", args.only)
    print(f"W3C SPARQL 1.1 query-evaluation tests: {total}")
    print(f"passed on the engine directly: {len(engine.passed)}")
    print(f"passed through the HTTP server: {len(http.passed)}")
    only_engine = sorted(set(engine.passed) - set(http.passed))
    print(f"passed directly but not through HTTP: {len(only_engine)}")
    if args.verbose:
        for name, reason in http.failed:
            print(f"  http fail {name}: {reason}")
        for name in only_engine:
            print(f"  only engine: {name}")


if __name__ == "__main__":
    main()
