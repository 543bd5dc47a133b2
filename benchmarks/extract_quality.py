"""Extraction quality on the corpus in tests/extraction/corpus, per half.

    python benchmarks/extract_quality.py [--half tune|held|both] [--fresh]

Runs `coopkg extract` on the corpus pages, splits records and expected records by the
half `manifest.csv` gives each page, and scores each half with the shared scorer
(`../shared/extraction/score_records.py`), printing its per-field table. The held half is
never used to tune the rules: its score is the one that says how extraction does on
pages it was not written for.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "extraction" / "corpus"
FRESH = ROOT / "tests" / "extraction" / "fresh"
SCORER = ROOT.parent / "shared" / "extraction" / "score_records.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "held", "both"), default="both")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="score tests/extraction/fresh instead (pages written after the rules)",
    )
    args = parser.parse_args()
    if not SCORER.exists():
        print(f"the scorer is missing: {SCORER}", file=sys.stderr)
        return 2
    if args.fresh:
        return _score_fresh()
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as f:
        halves = {row["file"]: row["half"] for row in csv.DictReader(f)}
    work = Path(tempfile.mkdtemp(prefix="extract-quality-"))
    try:
        out = work / "pred"
        docs = sorted(str(CORPUS / "docs" / name) for name in halves)
        subprocess.run(
            [sys.executable, "-m", "coopkg.cli", "extract", *docs, "--out", str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wanted = ("tune", "held") if args.half == "both" else (args.half,)
        for half in wanted:
            gold, pred = work / half / "gold", work / half / "pred"
            gold.mkdir(parents=True)
            pred.mkdir(parents=True)
            for name, h in halves.items():
                if h == half:
                    stem = name.rsplit(".", 1)[0]
                    shutil.copy(CORPUS / "gold" / f"{stem}.json", gold)
                    shutil.copy(out / f"{stem}.json", pred)
            print(f"== {half} half ({sum(h == half for h in halves.values())} pages)")
            sys.stdout.flush()
            subprocess.run([sys.executable, str(SCORER), str(gold), str(pred)], check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _score_fresh() -> int:
    work = Path(tempfile.mkdtemp(prefix="extract-fresh-"))
    try:
        docs = sorted(str(p) for p in (FRESH / "docs").glob("*.txt"))
        subprocess.run(
            [sys.executable, "-m", "coopkg.cli", "extract", *docs, "--out", str(work)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"== fresh pages ({len(docs)})")
        sys.stdout.flush()
        subprocess.run([sys.executable, str(SCORER), str(FRESH / "gold"), str(work)], check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
