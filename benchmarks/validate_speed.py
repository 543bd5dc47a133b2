"""Per-document validation cost in the build's workers (issue: validate 1M projects < 10 min).

    python benchmarks/validate_speed.py [--docs 1024] [--batch 64] [--seed 1] [--repeat 3]

Generated records (`coopkg synth`'s generator) are converted and linked as the build's
workers do, into each document's N-Quads with its registry-graph lines. Then, batch by
batch as in `build._convert_batch`, the batch is loaded into an in-memory store and the
compiled shape checks and document-scoped `*-violation` queries run on it, one thread.
Prints milliseconds a document for conversion with linking, the scratch load and the
checks, the best of `--repeat` passes, and what that means for a million documents.
"""

from __future__ import annotations

import argparse
import os
import time

import pyoxigraph as ox

from coopkg.build import check_violation_queries
from coopkg.convert import convert_document
from coopkg.link import Linker, link_graph
from coopkg.records import Record
from coopkg.shacl_sparql import project_checks, validate_store
from coopkg.sources import SourceInfo
from coopkg.synth import records
from coopkg.vocab import REGISTRY_GRAPH


def convert(data: list[dict[str, object]], linker: Linker) -> list[str]:
    bodies = []
    for i, item in enumerate(data):
        doc = convert_document(Record.from_dict(item), SourceInfo(f"bench-{i}.txt"))
        report = link_graph(doc, linker=linker)
        own, theirs = doc.nquads_split(
            report.registry_nodes, report.registry_countries, REGISTRY_GRAPH
        )
        bodies.append("".join(f"{line}\n" for line in own + theirs))
    return bodies


def validate(bodies: list[str], batch: int) -> tuple[float, float, int]:
    """Seconds loading, seconds checking, violations found."""
    loading = checking = 0.0
    found = 0
    for start in range(0, len(bodies), batch):
        t = time.perf_counter()
        scratch = ox.Store()
        payload = "".join(bodies[start : start + batch]).encode()
        scratch.load(payload, format=ox.RdfFormat.N_QUADS)
        loading += time.perf_counter() - t
        t = time.perf_counter()
        found += len(validate_store(scratch, threads=1).violations)
        found += len(check_violation_queries(scratch, scope="document"))
        checking += time.perf_counter() - t
    return loading, checking, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1024)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    data = list(records(args.docs, seed=args.seed))
    project_checks()  # compiled once, as in a worker
    converting, loading, checking = [], [], []
    for _ in range(args.repeat):
        linker = Linker()  # fresh memos each pass, as a fresh worker has
        t = time.perf_counter()
        bodies = convert(data, linker)
        converting.append(time.perf_counter() - t)
        load_s, check_s, found = validate(bodies, args.batch)
        if found:
            raise SystemExit(f"generated documents should conform; {found} violation(s)")
        loading.append(load_s)
        checking.append(check_s)
    per_doc = {
        "convert and link": min(converting) / args.docs * 1000,
        "load the batch into the scratch store": min(loading) / args.docs * 1000,
        "compiled checks and document-scoped queries": min(checking) / args.docs * 1000,
    }
    print(f"{args.docs} documents, batches of {args.batch}, best of {args.repeat}, one core")
    for name, ms in per_doc.items():
        print(f"  {name}: {ms:.2f} ms a document")
    validation = (
        per_doc["load the batch into the scratch store"]
        + per_doc["compiled checks and document-scoped queries"]
    )
    cores = os.cpu_count() or 1
    print(f"  validation: {validation:.2f} ms a document")
    print(
        f"  1,000,000 documents: validation {validation * 1e6 / 1000 / 60:.1f} min of CPU, "
        f"{validation * 1e6 / 1000 / 60 / cores:.1f} min on {cores} cores"
    )


if __name__ == "__main__":
    main()
