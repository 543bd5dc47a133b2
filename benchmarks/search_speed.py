"""Search speed on a synthetic store: the index's build time and size, and the time to
answer a search, at p50/p95/max, through the index and through `/search`.

    python benchmarks/search_speed.py [--projects 100000] [--queries 300] [--work DIR]
        [--reuse]

The store is built by `coopkg build` from `python -m benchmarks synth` records (real
towns of PL, CZ, SK, UA; organisations and titles in their languages), so the index is
the one the build writes. Queries are drawn from the records' own vocabulary: town
names (alone, with an organisation word, or inflected by a Polish case ending), theme
words, and organisation names, in Latin and Cyrillic script. Each query is also timed with
a type (project, organisation, place), as the /search page's type filter sends it.

`--reuse` keeps the store an earlier run built in `--work` and writes only the search
index again (about 4 minutes instead of 20 at 100,000 projects).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import synth
from coopkg.build.run import build
from coopkg.search import SearchIndex, build_index
from coopkg.search.served import index_file
from coopkg.server import create_app
from coopkg.settings import Settings
from coopkg.stores.embedded import open_store


def queries(records: Path, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    towns: list[str] = []
    organisations: list[str] = []
    for path in sorted(records.glob("*.json"))[:5000]:
        project = json.loads(path.read_text(encoding="utf-8"))["projects"][0]
        towns += [p["name"] for p in project["places"]]
        organisations += [o["name"] for o in project["organisations"]]
    out = []
    for _ in range(n):
        kind = rng.random()
        if kind < 0.35:
            out.append(rng.choice(towns))
        elif kind < 0.5:
            out.append(rng.choice(towns) + "ie")  # a Polish locative ending
        elif kind < 0.65:
            out.append(rng.choice(synth.THEMES))
        elif kind < 0.8:
            out.append(f"{rng.choice(['gmina', 'obec', 'fundacja', 'школа'])} {rng.choice(towns)}")
        else:
            out.append(rng.choice(organisations))
    return out


def percentiles(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return f"p50 {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--work", type=Path, help="folder to build in (default: a new one)")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the store in --work; rebuild only the index"
    )
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="search-bench-"))
    data = work / "data"
    (data / "sources").mkdir(parents=True, exist_ok=True)
    records = data / "records"
    if not records.exists():
        synth.write(args.projects, 1, records)
    settings = Settings(data_dir=data, store=str(work / "store"))
    path = index_file(settings.store)
    t = time.perf_counter()
    if args.reuse and path is not None:
        build_index(open_store(settings.store, read_only=True), path)
        print(f"search index rebuilt from the kept store in {time.perf_counter() - t:.1f} s")
    else:
        result = build(settings)
        print(f"build: {result.documents} documents in {time.perf_counter() - t:.1f} s")
        for stage, seconds in result.stages.items():
            if stage.startswith("search"):
                print(f"  {stage}: {seconds:.1f} s")
        path = index_file(settings.store)
    assert path is not None
    index = SearchIndex(path)
    print(f"index: {index.size():,} entities, {path.stat().st_size / 2**20:.1f} MiB")
    asked = queries(records, args.queries)
    for q in asked[:20]:  # warm the lemma table's and the index's pages
        index.search(q)
    times, found = [], 0
    for q in asked:
        t = time.perf_counter()
        total, _ = index.search(q, limit=20)
        times.append(time.perf_counter() - t)
        found += total > 0
    print(f"index.search, {len(asked)} queries ({found} with results): {percentiles(times)}")
    for kind in ("project", "organisation", "place"):
        times = []
        for q in asked:
            t = time.perf_counter()
            index.search(q, kind=kind, limit=20)
            times.append(time.perf_counter() - t)
        print(f"  the same queries, type={kind}: {percentiles(times)}")
    client = create_app(settings).test_client()
    times = []
    for q in asked:
        t = time.perf_counter()
        r = client.get("/search", query_string={"q": q})
        times.append(time.perf_counter() - t)
        assert r.status_code == 200, r.data
    print(f"GET /search (in process, JSON), same queries: {percentiles(times)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
