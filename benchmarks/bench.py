"""`coopkg bench`: generation, build, validation, queries and serving at several sizes.

For each size it generates synthetic records and builds the store from scratch (with
the build's own stage times), validates the whole store with the compiled shapes,
rebuilds after changing 1 % of the records and after adding 1,000 documents (both
incremental), runs a mix of six cross-project queries on the engine directly, through
coopkg's server (HTTP, gunicorn on 127.0.0.1) and with rdflib's own SPARQL engine on
the same (merged) graph, and measures serving with wrk at 1, 8 and 32 clients against
the raw engine's own throughput on the same cores (and, for the one-project lookup,
against the HTTP floor of `http_floor`). With `--virtuoso` it also loads the
same records into a local Virtuoso and compares the query mix sent to Virtuoso directly
with the same queries through coopkg's server backed by it.
"""

from __future__ import annotations

import contextlib
import functools
import json
import multiprocessing
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from benchmarks.virtuoso_local import free_port
from coopkg.queries import get_query, select
from coopkg.settings import Settings
from coopkg.stores.embedded import current_build, open_store
from coopkg.stores.endpoint import REMOTE_SETTINGS

MIX = (
    "budget-by-programme",
    "cross-border-partnerships",
    "achieved-outcomes-by-unit-and-country",
    "projects-by-fund",
    "organisations-by-country-and-role",
    "data-gaps",
)
# serving: one project's description (constant cost: measures the server's own overhead)
# and a small aggregation over every project
LOOKUP = "SELECT ?p ?o WHERE { <%s> ?p ?o }"
HEAVY = "projects-by-fund"
LARGE = 50_000  # from this size on, one timing per query and longer wrk runs
CLIENTS = (1, 8, 32)
ADDED = 1_000  # documents added to a built store for the incremental measurement


@dataclass
class SizeResult:
    projects: int
    figures: dict[str, float | int | str] = field(default_factory=dict)
    queries: dict[str, dict[str, float | None]] = field(default_factory=dict)  # name → way → s
    serving: list[dict[str, Any]] = field(default_factory=list)


def _note(projects: int, what: str, value: float | None) -> None:
    """Each figure on stderr as soon as it is measured (a long run shows where it is)."""
    shown = "stopped at the limit" if value is None else f"{value:,.3f}"
    print(f"bench {projects:,}: {what}: {shown}", file=sys.stderr, flush=True)


def _median_time(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _peak_mb(who: int) -> int:
    return int(resource.getrusage(who).ru_maxrss / 1024)  # Linux reports kilobytes


def _read_through(folder: Path | None) -> None:
    """Read every file of a store's build once, so that the OS page cache holds it (a
    100,000-project store is about 6 GB; this machine kind has 24 GiB)."""
    for path in sorted(folder.rglob("*") if folder else ()):
        if path.is_file():
            with path.open("rb") as f:
                while f.read(1 << 24):
                    pass


@contextmanager
def _server(
    settings: Settings, extra: list[str] | None = None, timeout: float = 900
) -> Iterator[str]:
    """`coopkg serve` on a free port of 127.0.0.1, for as long as the block runs."""
    port = free_port()
    env = dict(os.environ)
    for key in REMOTE_SETTINGS:
        value = getattr(settings, key)
        if value:
            env["COOPKG_" + key.upper()] = value
    command = [
        sys.executable,
        "-m",
        "coopkg.cli",
        "serve",
        "--store",
        settings.store,
        "--port",
        str(port),
        "--workers",
        "2",
        "--log-level",
        "warning",
        "--query-timeout",
        f"{timeout:g}",
        "--max-rows",
        "1000000",
        *(extra or []),
    ]
    with _running(command, port, env) as base:
        yield base


@contextmanager
def _running(command: list[str], port: int, env: dict[str, str] | None = None) -> Iterator[str]:
    """A server process answering on 127.0.0.1:`port` (its /health), for the block."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _post_query(
    url: str, text: str, extra: dict[str, str] | None = None, timeout: float = 900
) -> None:
    body = urllib.parse.urlencode({"query": text, **(extra or {})}).encode()
    req = urllib.request.Request(
        url,
        data=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
    )
    with urllib.request.urlopen(req, timeout=timeout) as r:
        r.read()


def _http_call(url: str, text: str, extra: dict[str, str] | None = None) -> Callable[[], None]:
    return lambda: _post_query(url, text, extra)


def _engine_serve(location: str, conn: Any) -> None:
    """In the engine's child: time each (query, repeat) received, on one open store."""
    db = open_store(location)
    while True:
        try:
            text, repeat = conn.recv()
        except EOFError:
            return
        conn.send(_median_time(functools.partial(_count_rows, db, text), repeat))


def _count_rows(db: ox.Store, text: str) -> int:
    return sum(1 for _ in select(db, text, union_default_graph=False))


class _Engine:
    """The engine in one child process for the whole query mix, as the server's query
    processes live on between queries: each query finds the caches the earlier ones left,
    on both sides. A query that outlives its limit gets the child killed and a new one."""

    def __init__(self, location: str) -> None:
        self.location = location
        self._start()

    def _start(self) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_engine_serve, args=(self.location, child))
        self.proc.start()
        child.close()

    def time(self, text: str, repeat: int, limit: float) -> float | None:
        """Median seconds of `repeat` runs, or None if they outlive `limit` seconds."""
        self.conn.send((text, repeat))
        if self.conn.poll(limit):
            return float(self.conn.recv())
        self.close()
        self._start()
        return None

    def close(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()


def _server_time(url: str, text: str, repeat: int, limit: float) -> float | None:
    """Median seconds through the server, or None if a query outlives `limit`."""
    try:
        return _median_time(lambda: _post_query(url, text, timeout=limit), repeat)
    except (TimeoutError, urllib.error.URLError) as e:
        if isinstance(e, urllib.error.HTTPError):
            raise
        return None


# --- rdflib's engine, each query in a child process with a time limit -----------------


_RDFLIB: list[Any] = []  # the parsed graph, inherited by the forked query children


def _rdflib_child(text: str, conn: Any) -> None:
    t = time.perf_counter()
    list(_RDFLIB[0].query(text))
    conn.send(time.perf_counter() - t)


def _in_child(target: Callable[..., None], args: tuple[Any, ...], limit: float) -> Any:
    """Run target(*args, conn) in a forked child; None if it outlives `limit` seconds."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=target, args=(*args, child))
    proc.start()
    try:
        return parent.recv() if parent.poll(limit) else None
    finally:
        proc.kill()
        proc.join()


# --- serving: wrk against the server, and the raw engine on the same cores -------------


def _wrk(url: str, clients: int, seconds: int) -> dict[str, Any]:
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(clients, 2)}",
            f"-c{clients}",
            f"-d{seconds}s",
            "--timeout",
            "60s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(pct: str) -> float:
        m = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[m.group(2)]

    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "clients": clients,
        "requests/s": float(rate.group(1)) if rate else float("nan"),
        "p50 ms": latency("50"),
        "p99 ms": latency("99"),
        "errors": int(errors.group(1)) if errors else 0,
        "socket errors": socket_errors.group(1).strip() if socket_errors else "none",
    }


def _engine_loop(location: str, text: str, seconds: float, conn: Any) -> None:
    db = open_store(location)
    done, end = 0, time.perf_counter() + seconds
    while True:
        _count_rows(db, text)
        if time.perf_counter() > end:
            break  # finished too late: wrk does not count such a request either
        done += 1
    conn.send(done)


def _raw_engine_rate(location: str, text: str, seconds: float, processes: int) -> float:
    """Queries a second from `processes` processes, each with its own read-only handle."""
    ctx = multiprocessing.get_context("fork")
    procs, pipes = [], []
    for _ in range(processes):
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_engine_loop, args=(location, text, seconds, child))
        proc.start()
        procs.append(proc)
        pipes.append(parent)
    total = sum(int(p.recv()) for p in pipes)
    for proc in procs:
        proc.join()
    return total / seconds


def _some_project(location: str) -> str:
    db = open_store(location)
    q = "SELECT ?p WHERE { ?p a <https://w3id.org/coopkg/ontology#Project> } LIMIT 1"
    return str(next(iter(select(db, q, union_default_graph=False)))["p"].value)


def measure_serving(settings: Settings, seconds: int = 10) -> list[dict[str, Any]]:
    """wrk at each client level against the server, with the raw engine's rate on the
    same cores measured right before; for the lookup also the HTTP floor (`http_floor`)."""
    rows = []
    project = _some_project(settings.store)
    with _server(settings) as base:
        for name, text in (
            ("one project's description", LOOKUP % project),
            (HEAVY, get_query(HEAVY).text),
        ):
            url = base + "/sparql?" + urllib.parse.urlencode({"query": text})
            _post_query(base + "/sparql", text)  # warm the caches
            with contextlib.ExitStack() as stack:
                floor = None
                if name != HEAVY:  # a query of seconds is nowhere near the floor
                    floor = stack.enter_context(_floor_server(url)) + "/sparql"
                rows += _serving_levels(settings.store, name, text, url, floor, seconds)
    return rows


def _serving_levels(
    location: str, name: str, text: str, url: str, floor: str | None, seconds: int
) -> list[dict[str, Any]]:
    rows = []
    cores = os.cpu_count() or 1
    for clients in CLIENTS:
        # one client keeps one query running at a time: its match is one process.
        # Measured right before each wrk run, as this machine's speed drifts over
        # minutes (a level's run is 10-30 s)
        engine_processes = min(clients, cores)
        raw = _raw_engine_rate(location, text, seconds, engine_processes)
        floor_rate = _wrk(floor, clients, seconds)["requests/s"] if floor else None
        row = _wrk(url, clients, seconds)
        row.update(
            query=name,
            **{
                "raw engine q/s": raw,
                "engine processes": engine_processes,
                "HTTP floor req/s": floor_rate,
            },
        )
        rows.append(row)
    return rows


@contextmanager
def _floor_server(url: str) -> Iterator[str]:
    """`http_floor` serving the answer `url` gives (as wrk asks: no Accept header), with
    as many workers as the bench's server."""
    with urllib.request.urlopen(url, timeout=900) as r:
        body, media_type = r.read(), r.headers.get("Content-Type", "application/octet-stream")
    with tempfile.TemporaryDirectory(prefix="coopkg-floor-") as folder:
        body_file = Path(folder) / "body"
        body_file.write_bytes(body)
        port = free_port()
        command = [sys.executable, "-m", "benchmarks.http_floor", str(body_file), media_type]
        with _running([*command, str(port), "2"], port) as base:
            yield base


# --- Virtuoso: the same records loaded into a local Virtuoso ----------------------------


def measure_virtuoso(data: Path, work: Path, result: SizeResult) -> None:
    from benchmarks import virtuoso_local
    from coopkg.build.run import build
    from coopkg.iris import DEFAULT_BASE
    from coopkg.stores.endpoint import merged_graph_name

    server = virtuoso_local.start(work / "virtuoso", max_rows=2_000_000, memory_gb=4)
    try:
        settings = Settings(data_dir=data, store=server.location, log_level="WARNING").with_(
            **server.settings_for_writes
        )
        t = time.perf_counter()
        build(settings)
        result.figures["Virtuoso: build + write s"] = time.perf_counter() - t
        with _server(settings) as base:
            for name in MIX:
                text = get_query(name).text
                merged = {"default-graph-uri": merged_graph_name(DEFAULT_BASE).value}
                direct = _median_time(_http_call(server.query_url, text, merged))
                through = _median_time(_http_call(base + "/sparql", text))
                result.queries[name]["Virtuoso"] = direct
                result.queries[name]["server on Virtuoso"] = through
    finally:
        server.stop()


# --- one size ---------------------------------------------------------------------------


def run_size(
    projects: int,
    work: Path,
    rdflib_max: int,
    virtuoso: bool,
    rdflib_limit: float,
    query_limit: float = 600,
) -> SizeResult:
    from benchmarks.synth import write
    from coopkg.build.run import build
    from coopkg.validate.sparql import validate_store

    result = SizeResult(projects)
    data = work / f"p{projects}"
    (data / "sources").mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    write(projects, 1, data / "records")
    result.figures["generate records s"] = time.perf_counter() - t
    settings = Settings(data_dir=data, store=str(data / "store"), log_level="WARNING")
    built = build(settings)
    # peak resident memory: this process (which ran the build) and its largest worker
    result.figures["build peak memory, main process MB"] = _peak_mb(resource.RUSAGE_SELF)
    result.figures["build peak memory, largest worker MB"] = _peak_mb(resource.RUSAGE_CHILDREN)
    result.figures["build from scratch s"] = built.seconds
    result.figures["projects/s"] = projects / built.seconds
    for stage, seconds in built.stages.items():
        result.figures[f"  stage: {stage} s"] = seconds
    result.figures["quads in the store"] = built.triples
    _note(projects, "build from scratch s", built.seconds)
    if projects < LARGE:
        # the build already validated every document in its workers (stage above); this is
        # the same compiled shapes over the whole store at once, which grows faster than
        # linearly (a 100k run did not finish in 17 minutes), so large sizes skip it
        result.figures["validate whole store at once (compiled SHACL) s"] = _median_time(
            lambda: validate_store(open_store(settings.store)), 1
        )
    # incremental: change 1 % of the records, then add 1,000 new documents
    changed = max(1, projects // 100)
    for path in sorted((data / "records").glob("*.json"))[:changed]:
        record = json.loads(path.read_text(encoding="utf-8"))
        record["projects"][0]["title"] += " (2)"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    rebuilt = build(settings).seconds
    result.figures[f"rebuild after changing {changed:,} records s"] = rebuilt
    _note(projects, f"rebuild after changing {changed:,} records s", rebuilt)
    write(ADDED, 2, data / "records")
    added = build(settings)
    result.figures[f"rebuild after adding {ADDED:,} documents s"] = added.seconds
    _note(projects, f"rebuild after adding {ADDED:,} documents s", added.seconds)
    for stage, seconds in added.stages.items():
        result.figures[f"  stage: {stage} s "] = seconds

    texts = {name: get_query(name).text for name in MIX}
    repeat = 1 if projects >= LARGE else 3
    # a large size times each query once, the engine first: without this, the engine
    # would read the store from disk and the server then find it in the page cache
    _read_through(current_build(settings.store))
    engine = _Engine(settings.store)
    try:
        with _server(settings, timeout=query_limit) as base:
            # each query on the engine, then at once through the server: this machine's speed
            # drifts over minutes, and a large size times each query only once
            for name, text in texts.items():
                # the engine directly (in its child, stopped at the limit), on the same merged
                # default graph the server queries
                direct = engine.time(text, repeat, query_limit)
                _note(projects, f"engine {name} s", direct)
                through = _server_time(base + "/sparql", text, repeat, query_limit)
                _note(projects, f"server {name} s", through)
                result.queries[name] = {"engine": direct, "server": through}
    finally:
        engine.close()
    db = open_store(settings.store)
    if projects <= rdflib_max:
        from rdflib import Graph

        nt = data / "merged.nt"
        db.dump(str(nt), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        t = time.perf_counter()
        graph = Graph()
        graph.parse(str(nt), format="nt")
        result.figures["rdflib: parse the merged graph s"] = time.perf_counter() - t
        _RDFLIB[:] = [graph]
        for name, text in texts.items():
            result.queries[name]["rdflib"] = _in_child(_rdflib_child, (text,), rdflib_limit)
        _RDFLIB.clear()
        del graph
        nt.unlink()
    del db
    result.serving = measure_serving(settings, 30 if projects >= LARGE else 10)
    if virtuoso:
        measure_virtuoso(data, work, result)
    shutil.rmtree(data, ignore_errors=True)
    return result


LIMITS: dict[str, float] = {"rdflib": 120.0, "engine and server": 600.0}


def _cell(v: float | int | str | None) -> str:
    if v is None:
        return "stopped at the limit"
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return f"{v:,}"
    return f"{v:,.3f}" if v < 10 else f"{v:,.1f}"


def table(results: list[SizeResult], cpu: str) -> str:
    lines = [
        f"Machine: {os.cpu_count()} cores, {cpu}",
        "Time limits a query (then reported as stopped): "
        + ", ".join(f"{k} {v:g} s" for k, v in LIMITS.items()),
    ]
    for r in results:
        lines.append(f"\n### {r.projects:,} projects\n")
        lines.append("| measure | value |")
        lines.append("|---|---|")
        for k, v in r.figures.items():
            lines.append(f"| {k.rstrip()} | {_cell(v)} |")
        ways = [
            w
            for w in ("engine", "server", "rdflib", "Virtuoso", "server on Virtuoso")
            if any(w in q for q in r.queries.values())
        ]
        lines.append("")
        ratios = ["server / engine"]
        if "rdflib" in ways:
            ratios.append("rdflib / engine")
        if "Virtuoso" in ways:
            ratios.append("server on Virtuoso / Virtuoso")
        lines.append(
            "| query | "
            + " | ".join(f"{w} (median s)" for w in ways)
            + " | "
            + " | ".join(ratios)
            + " |"
        )
        lines.append("|---|" + "---|" * (len(ways) + len(ratios)))
        for name, q in r.queries.items():
            cells = [_cell(q.get(w)) for w in ways]
            pairs = [("server", "engine")]
            if "rdflib" in ways:
                pairs.append(("rdflib", "engine"))
            if "Virtuoso" in ways:
                pairs.append(("server on Virtuoso", "Virtuoso"))
            for a, b in pairs:
                x, y = q.get(a), q.get(b)
                cells.append(f"{x / y:.2f}×" if x and y else "–")
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        if r.serving:
            lines.append("")
            lines.append(
                "| query | clients | requests/s | raw engine q/s (processes) | server / raw | "
                "HTTP floor req/s | floor / raw | "
                "p50 ms | p99 ms | p99 / p50 | non-2xx | socket errors |"
            )
            lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
            for s in r.serving:
                floor = s.get("HTTP floor req/s")
                lines.append(
                    f"| {s['query']} | {s['clients']} | {s['requests/s']:,.1f} | "
                    f"{s['raw engine q/s']:,.1f} ({s['engine processes']}) | "
                    f"{s['requests/s'] / s['raw engine q/s']:.0%} | "
                    + (
                        f"{floor:,.1f} | {floor / s['raw engine q/s']:.0%} | "
                        if floor
                        else "– | – | "
                    )
                    + f"{s['p50 ms']:.1f} | {s['p99 ms']:.1f} | {s['p99 ms'] / s['p50 ms']:.2f} | "
                    f"{s['errors']} | {s['socket errors']} |"
                )
    return "\n".join(lines)


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return "unknown CPU"
    m = re.search(r"^model name\s*:\s*(.+)$", text, re.M)
    return m.group(1).strip() if m else "unknown CPU"


def bench(
    sizes: list[int],
    rdflib_max: int = 10_000,
    virtuoso: bool = False,
    rdflib_limit: float = 120,
    keep: Path | None = None,
    query_limit: float = 600,
) -> str:
    work = keep or Path(tempfile.mkdtemp(prefix="coopkg-bench-"))
    LIMITS.update({"rdflib": rdflib_limit, "engine and server": query_limit})
    try:
        results = []
        for n in sizes:
            print(f"bench: {n:,} projects", file=sys.stderr, flush=True)
            results.append(run_size(n, work, rdflib_max, virtuoso, rdflib_limit, query_limit))
            # each size's table as soon as it is done, in case a later size is stopped
            print(table(results[-1:], _cpu_model()), file=sys.stderr, flush=True)
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return table(results, _cpu_model())
