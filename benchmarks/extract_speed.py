"""Extraction speed on one core: documents per second for pages of about 3 kB.

    python benchmarks/extract_speed.py [--docs 500]

Pages are real project pages from data/sources and tests/extraction/own, each
cut or repeated (by paragraphs) to about 3,000 characters. The gazetteer is
loaded before timing; the figure is the steady-state rate of `extract_text`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from coopkg.extract import extract_text
from coopkg.extract.places import _lookup, _lookup_named
from coopkg.registries.gazetteer import gazetteer

ROOT = Path(__file__).resolve().parents[1]


def pages(size: int = 3000) -> list[tuple[str, str]]:
    out = []
    files = sorted((ROOT / "data" / "sources").glob("*.txt")) + sorted(
        (ROOT / "tests" / "extraction" / "own" / "docs").glob("*.txt")
    )
    for f in files:
        text = f.read_text(encoding="utf-8")
        paragraphs = [p for p in text.split("\n") if p.strip()]
        page = ""
        i = 0
        while len(page) < size:
            page += paragraphs[i % len(paragraphs)] + "\n"
            i += 1
        out.append((f.name, page[: size + 200]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    args = ap.parse_args()
    t0 = time.perf_counter()
    gazetteer()
    load = time.perf_counter() - t0
    sample = pages()
    extract_text(*sample[0])  # warm caches (language model, regexes)
    rates, cold = [], []
    for _ in range(3):
        t = time.perf_counter()
        for i in range(args.docs):
            name, text = sample[i % len(sample)]
            extract_text(text, name)
        rates.append(args.docs / (time.perf_counter() - t))
        # the same pages with the place-lookup cache emptied before every page: no page
        # profits from names seen on an earlier one
        t = time.perf_counter()
        for i in range(args.docs):
            name, text = sample[i % len(sample)]
            _lookup.cache_clear()
            _lookup_named.cache_clear()
            extract_text(text, name)
        cold.append(args.docs / (time.perf_counter() - t))
    avg_size = statistics.mean(len(t) for _, t in sample)
    print(f"gazetteer load (cached): {load:.2f} s")
    print(f"pages: {len(sample)} distinct, mean {avg_size:.0f} characters")
    print(
        f"documents per second (3 runs of {args.docs}): "
        + ", ".join(f"{r:.1f}" for r in rates)
        + f"; median {statistics.median(rates):.1f}"
    )
    print(
        "documents per second, lookup cache emptied per page: "
        + ", ".join(f"{r:.1f}" for r in cold)
        + f"; median {statistics.median(cold):.1f}"
    )
    print(
        f"target 50 docs/s: ratio {statistics.median(rates) / 50:.2f}x (steady), "
        f"{statistics.median(cold) / 50:.2f}x (cold cache)"
    )


if __name__ == "__main__":
    main()
