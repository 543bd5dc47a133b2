"""The benchmark commands, kept out of the product package.

    python -m benchmarks synth --projects N [--seed S] --out DIR
    python -m benchmarks bench [--sizes 10000,100000] [--million] [--virtuoso] ...

`scripts/bench` installs wrk and Virtuoso first, then runs `bench` with its arguments.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from coopkg.errors import BadInput, CoopkgError


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("synth", help="write realistic synthetic records for benchmarks")
    p.add_argument("--projects", type=int, required=True, help="how many projects (one per record)")
    p.add_argument(
        "--seed", type=int, default=1, help="random seed: the same seed gives the same records"
    )
    p.add_argument("--out", type=Path, required=True, help="folder for the records")

    p = sub.add_parser("bench", help="benchmark generation, build, validation and the query mix")
    p.add_argument(
        "--sizes",
        default="10000,100000",
        help="comma-separated project counts (default 10000,100000)",
    )
    p.add_argument("--million", action="store_true", help="add a run with 1,000,000 projects")
    p.add_argument(
        "--rdflib-max",
        type=int,
        default=10_000,
        help="largest size at which rdflib's engine is also timed (default 10000; 0: never)",
    )
    p.add_argument(
        "--rdflib-limit",
        type=float,
        default=120,
        help="seconds an rdflib query may run before it is stopped and reported (default 120)",
    )
    p.add_argument(
        "--query-limit",
        type=float,
        default=600,
        help="seconds a query on the engine or through the server may run before it is"
        " stopped and reported (default 600)",
    )
    p.add_argument(
        "--virtuoso",
        action="store_true",
        help="also load a local Virtuoso (virtuoso-t) and time the query mix through it",
    )
    return parser


def cmd_synth(args: argparse.Namespace) -> int:
    from .synth import write

    if args.projects < 0:
        raise BadInput("--projects must not be negative")
    count = write(args.projects, args.seed, args.out)
    sys.stdout.write(f"wrote {count} synthetic record(s) to {args.out}\n")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import bench

    try:
        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    except ValueError:
        raise BadInput("--sizes takes comma-separated whole numbers") from None
    if args.million:
        sizes.append(1_000_000)
    report = bench(
        sizes,
        rdflib_max=args.rdflib_max,
        virtuoso=args.virtuoso,
        rdflib_limit=args.rdflib_limit,
        query_limit=args.query_limit,
    )
    sys.stdout.write(report + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        return cmd_synth(args) if args.command == "synth" else cmd_bench(args)
    except CoopkgError as e:
        sys.stderr.write(f"python -m benchmarks {args.command}: {e.message}\n")
        return e.exit_code


if __name__ == "__main__":
    sys.exit(main())
