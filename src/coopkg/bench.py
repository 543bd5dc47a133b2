"""`coopkg bench`: generation, build, validation and the query mix at several sizes.

For each size it generates synthetic records, builds the store from scratch (timing
conversion, load and validation), rebuilds after changing 1 % of the records
(incremental), then runs a mix of six cross-project queries through coopkg's server
(HTTP, gunicorn on 127.0.0.1), on the engine directly, and with rdflib's own SPARQL
engine on the same data, and prints medians and ratios.
"""

from __future__ import annotations

import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .queries import get_query, select
from .settings import Settings
from .store import open_store

MIX = (
    "budget-by-programme",
    "cross-border-partnerships",
    "achieved-outcomes-by-unit-and-country",
    "projects-by-fund",
    "organisations-by-country-and-role",
    "data-gaps",
)


@dataclass
class SizeResult:
    projects: int
    figures: dict[str, float] = field(default_factory=dict)
    queries: dict[str, dict[str, float]] = field(default_factory=dict)  # name → way → median s


def _median_time(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_size(projects: int, work: Path, rdflib_engine: bool) -> SizeResult:
    from .build import build
    from .synth import write

    result = SizeResult(projects)
    data = work / f"p{projects}"
    (data / "sources").mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    write(projects, 1, data / "records")
    result.figures["generate s"] = time.perf_counter() - t
    settings = Settings(data_dir=data, store=str(data / "store"), log_level="WARNING")
    built = build(settings)
    result.figures["build s"] = built.seconds
    result.figures["triples"] = built.triples
    result.figures["projects/s"] = projects / built.seconds
    # incremental: change 1 % of the records
    changed = max(1, projects // 100)
    for path in sorted((data / "records").glob("*.json"))[:changed]:
        record = json.loads(path.read_text(encoding="utf-8"))
        record["projects"][0]["title"] += " (2)"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result.figures[f"rebuild after {changed} changed s"] = build(settings).seconds
    db = open_store(settings.store)
    from .shacl_sparql import validate_store

    result.figures["validate (SPARQL) s"] = _median_time(lambda: validate_store(db), 1)
    texts = {name: get_query(name).text for name in MIX}
    for name, text in texts.items():
        # the engine directly, on the same (merged) default graph the server queries
        result.queries[name] = {
            "engine": _median_time(
                lambda text=text: sum(1 for _ in select(db, text, union_default_graph=False))
            )
        }
    port = _free_port()
    proc = subprocess.Popen(
        [
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
            "600",
            "--max-rows",
            "1000000",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        for name, text in texts.items():
            body = urllib.parse.urlencode({"query": text}).encode()

            def http(body: bytes = body) -> None:
                req = urllib.request.Request(
                    base + "/sparql",
                    data=body,
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Accept": "application/sparql-results+json",
                    },
                )
                with urllib.request.urlopen(req, timeout=900) as r:
                    r.read()

            result.queries[name]["server"] = _median_time(http)
    finally:
        proc.kill()
        proc.wait()
    if rdflib_engine:
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        dump = next((data / "dumps").glob("coopkg-*.nq"))
        t = time.perf_counter()
        ds.parse(dump, format="nquads")
        result.figures["rdflib load s"] = time.perf_counter() - t
        for name, text in texts.items():
            result.queries[name]["rdflib"] = _median_time(lambda text=text: list(ds.query(text)), 1)
    return result


def table(results: list[SizeResult]) -> str:
    lines = []
    for r in results:
        lines.append(f"\n## {r.projects:,} projects\n")
        lines.append("| measure | value |")
        lines.append("|---|---|")
        for k, v in r.figures.items():
            lines.append(f"| {k} | {v:,.2f} |" if isinstance(v, float) else f"| {k} | {v:,} |")
        ways = [
            w for w in ("engine", "server", "rdflib") if any(w in q for q in r.queries.values())
        ]
        lines.append("")
        lines.append(
            "| query | "
            + " | ".join(f"{w} (median s)" for w in ways)
            + " | server / engine | rdflib / engine |"
        )
        lines.append("|---|" + "---|" * (len(ways) + 2))
        for name, q in r.queries.items():
            cells = [f"{q[w]:.3f}" if w in q else "" for w in ways]
            ratio_server = (
                q["server"] / q["engine"] if "server" in q and q["engine"] else float("nan")
            )
            ratio_rdflib = (
                q["rdflib"] / q["engine"] if "rdflib" in q and q["engine"] else float("nan")
            )
            lines.append(
                f"| {name} | "
                + " | ".join(cells)
                + f" | {ratio_server:.2f}× | "
                + (f"{ratio_rdflib:.1f}× |" if ratio_rdflib == ratio_rdflib else "– |")
            )
    return "\n".join(lines)


def bench(sizes: list[int], rdflib_engine: bool = True, keep: Path | None = None) -> str:
    work = keep or Path(tempfile.mkdtemp(prefix="coopkg-bench-"))
    try:
        results = [run_size(n, work, rdflib_engine) for n in sizes]
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return table(results)
