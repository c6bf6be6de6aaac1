"""Extraction throughput on one core: articles per second over the articles of seeds/.

Prints the median of several rounds (wall clock, one process), and the build time of seeds/
(median of a few runs of the real command). Usage: python benchmarks/extract_speed.py [ROUNDS]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg import extract
from kg.extract import article, lexicon

ROOT = Path(__file__).resolve().parent.parent


def extraction(rounds: int) -> None:
    lex = lexicon.load()
    arts = [article.load(p) for p in article.seed_files(ROOT / "seeds")]
    size = statistics.mean(len(a.text) for a in arts)
    rates = []
    for _ in range(rounds):
        t = time.perf_counter()
        for a in arts:
            lexicon.forget(lex)  # every article starts cold, as a new text would
            extract.extract(a, lex)
        rates.append(len(arts) / (time.perf_counter() - t))
    print(f"extraction: {len(arts)} articles (mean {size:,.0f} chars), {rounds} rounds")
    print(f"  median {statistics.median(rates):,.0f} articles/s (min {min(rates):,.0f}, max {max(rates):,.0f})")


def build(runs: int) -> None:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "kg.cli", "build", str(ROOT / "seeds"), "--out", out],
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - t)
    print(f"build of seeds/ (wall, whole command incl. start-up), {runs} runs")
    print(f"  median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})")


if __name__ == "__main__":
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("rounds", nargs="?", type=int, default=20, help="rounds of extraction (default: 20)")
    cli.add_argument("--no-build", action="store_true", help="skip timing the build of seeds/")
    args = cli.parse_args()
    extraction(args.rounds)
    if not args.no_build:
        build(5)
