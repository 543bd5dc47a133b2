"""Per-document validation cost in the build's workers (issue: validate 1M projects < 10 min).

    python benchmarks/validate_speed.py [--docs 1024] [--warm 4096] [--batch 256] [--seed 1]
                                        [--repeat 3] [--processes N]

Generated records (`coopkg synth`'s generator) are converted and linked as the build's
workers do, into each document's N-Quads with its registry-graph lines. Then, batch by
batch, they are validated with the build worker's own function (`batchcheck.
validate_batch`: scratch store, compiled shape checks, document-scoped `*-violation`
queries), one thread. A worker remembers the place descriptions it has judged, so the
cost falls as it goes: the `--warm` documents are validated first (and timed on their
own), then the `--docs` documents are timed. Prints milliseconds a document, the best of
`--repeat` passes, and what the rate after the warm-up means for a million documents.

Then the same runs in `--processes` worker processes at once (default: one a core), each
on its own generated documents, as the build's workers run: after their warm-up they
start together, and the wall-clock time until the last one finishes gives the rate the
machine reaches, not one core's rate multiplied.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import time
from typing import Any

from benchmarks.synth import records
from coopkg.build.workers import BATCH
from coopkg.convert.graph import convert_document
from coopkg.convert.sources import SourceInfo
from coopkg.link.graph import link_graph
from coopkg.link.linker import Linker
from coopkg.records import Record
from coopkg.validate.batch import JudgedDescriptions, descriptions, split_body, validate_batch
from coopkg.validate.compiled import project_checks
from coopkg.vocab import REGISTRY_GRAPH

BASE_IRI = "https://w3id.org/coopkg/"  # the default base, as generated records use


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


def validate(bodies: list[str], batch: int, judged: JudgedDescriptions) -> tuple[float, int, int]:
    """Seconds validating, violations found, place descriptions taken as judged."""
    found = reused = 0
    t = time.perf_counter()
    for start in range(0, len(bodies), batch):
        part = bodies[start : start + batch]
        names = [f"bench-{i}.txt" for i in range(start, start + len(part))]
        violations, taken = validate_batch(part, names, judged, BASE_IRI)
        found += len(violations)
        reused += taken
    return time.perf_counter() - t, found, reused


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1024, help="documents timed")
    ap.add_argument(
        "--warm",
        type=int,
        default=4096,
        help="documents the worker validated before the timed ones (its memo of judged "
        "place descriptions learns from them; a build worker at 1M has seen ~500,000)",
    )
    ap.add_argument("--batch", type=int, default=BATCH, help="documents a batch (the build's)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    data = list(records(args.warm + args.docs, seed=args.seed))
    project_checks()  # compiled once, as in a worker
    converting, cold, warm = [], [], []
    reused_cold = reused_warm = described = 0
    for _ in range(args.repeat):
        linker = Linker()  # fresh memos each pass, as a fresh worker has
        t = time.perf_counter()
        bodies = convert(data, linker)
        converting.append((time.perf_counter() - t) / len(data))
        judged = JudgedDescriptions()
        seconds, found, reused_cold = validate(bodies[: args.warm], args.batch, judged)
        cold.append(seconds / max(args.warm, 1))
        seconds, more, reused_warm = validate(bodies[args.warm :], args.batch, judged)
        warm.append(seconds / args.docs)
        if found or more:
            raise SystemExit(f"generated documents should conform; {found + more} violation(s)")
        described = sum(_descriptions(body) for body in bodies[args.warm :])
    print(
        f"{args.docs} documents timed after {args.warm} warm-up documents, batches of "
        f"{args.batch}, best of {args.repeat}, one core"
    )
    print(f"  convert and link: {min(converting) * 1000:.2f} ms a document")
    if args.warm:
        print(
            f"  validation of the first {args.warm} documents of a worker: "
            f"{min(cold) * 1000:.2f} ms a document ({reused_cold} descriptions taken as "
            f"judged)"
        )
    validation = min(warm) * 1000
    print(
        f"  validation after them: {validation:.2f} ms a document ({reused_warm} of "
        f"{described} descriptions taken as judged)"
    )
    cores = os.cpu_count() or 1
    print(
        f"  1,000,000 documents at that rate: {validation * 1e6 / 1000 / 60:.1f} min of CPU, "
        f"{validation * 1e6 / 1000 / 60 / cores:.1f} min on {cores} cores if they scaled"
    )
    if args.processes > 1:
        parallel(args)


def _worker(args: argparse.Namespace, k: int, barrier: Any, out: Any) -> None:
    data = list(records(args.warm + args.docs, seed=args.seed + 1000 * k))
    project_checks()
    bodies = convert(data, Linker())
    judged = JudgedDescriptions()
    validate(bodies[: args.warm], args.batch, judged)
    barrier.wait()
    start = time.perf_counter()  # CLOCK_MONOTONIC: comparable across processes
    validate(bodies[args.warm :], args.batch, judged)
    out.put((start, time.perf_counter()))


def parallel(args: argparse.Namespace) -> None:
    """Wall-clock rate of `args.processes` workers validating at once, best of `repeat`."""
    ctx = multiprocessing.get_context("fork")
    best = float("inf")
    for _ in range(args.repeat):
        barrier, out = ctx.Barrier(args.processes), ctx.Queue()
        workers = [
            ctx.Process(target=_worker, args=(args, k, barrier, out)) for k in range(args.processes)
        ]
        for w in workers:
            w.start()
        spans = [out.get() for _ in workers]
        for w in workers:
            w.join()
        wall = max(end for _, end in spans) - min(start for start, _ in spans)
        best = min(best, wall / (args.docs * args.processes))
    ms = best * 1000
    print(
        f"  {args.processes} processes at once, {args.docs} documents each after their "
        f"warm-up: {ms:.2f} ms of wall-clock a document"
    )
    print(f"  1,000,000 documents at that rate: {ms * 1e6 / 1000 / 60:.1f} min")


def _descriptions(body: str) -> int:
    """Descriptions a document body carries of the kinds a worker judges once (places,
    countries included, organisations, programmes)."""
    return len(descriptions(split_body(body)[0], BASE_IRI)[1])


if __name__ == "__main__":
    main()
