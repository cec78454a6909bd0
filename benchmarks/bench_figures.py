"""Benchmark: figure extraction (amounts, counts, growth, period) against jieba.lcut alone.

Usage:  python benchmarks/bench_figures.py [--gold DIR] [--repeat N]

Runs over the gold articles (repeated N times for stable timings) and prints articles/s and
characters/s for the figure extractors and for jieba.lcut over the same text, their ratio,
and the peak traced memory of figure extraction at 1x and 10x the corpus (articles are
processed one at a time and not kept, so the peak should not grow with the corpus).
This is a benchmark, not a timed test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import jieba

from extractors.amounts import extract_amounts
from extractors.counts import extract_counts
from extractors.growth import extract_growth
from extractors.periods import extract_period

DEFAULT_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "articles"
PUBLISHED = date(2024, 4, 15)


def figures(text: str) -> int:
    """Everything the figure layer extracts from one article; returns the number of facts."""
    found = len(extract_amounts(text)) + len(extract_counts(text)) + len(extract_growth(text))
    return found + (extract_period(text, PUBLISHED) is not None)


def segment(text: str) -> int:
    return len(jieba.lcut(text))


def timed(work: Callable[[str], int], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        work(text)
    return time.perf_counter() - start


def peak_memory(texts: Iterable[str]) -> int:
    """Peak traced bytes while extracting figures from ``texts`` one by one."""
    tracemalloc.start()
    for text in texts:
        figures(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder of NAME.txt articles")
    parser.add_argument("--repeat", type=int, default=20, help="times the corpus is repeated for timing")
    args = parser.parse_args()
    corpus = [p.read_text(encoding="utf-8") for p in sorted(args.gold.glob("*.txt"))]
    if not corpus:
        parser.error(f"no .txt articles in {args.gold}")
    texts = corpus * args.repeat
    chars = sum(map(len, texts))
    figures(corpus[0])  # load rule files before timing
    jieba.initialize()  # load the dictionary before timing
    results = {"figures": timed(figures, texts), "jieba.lcut": timed(segment, texts)}
    print(f"corpus: {len(corpus)} articles, {sum(map(len, corpus)):,} chars, repeated {args.repeat}x")
    for name, seconds in results.items():
        print(f"{name:<12} {len(texts) / seconds:10,.0f} articles/s {chars / seconds:14,.0f} chars/s")
    print(f"ratio figures/jieba: {results['jieba.lcut'] / results['figures']:.1f}x faster")
    one, ten = peak_memory(corpus), peak_memory(corpus * 10)
    print(f"peak memory (tracemalloc): 1x {one / 1024:,.0f} KiB, 10x {ten / 1024:,.0f} KiB")


if __name__ == "__main__":
    main()
