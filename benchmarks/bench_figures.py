"""Benchmark: figure extraction (amounts, counts, growth, period) against jieba.lcut alone.

Usage:  python benchmarks/bench_figures.py [--gold DIR] [--repeat N] [--rounds N]

Runs over the gold articles in several rounds; each round times the figure extractors and
jieba.lcut back to back over the same text (repeated N times), so both see the same machine
load. Prints a table of articles/s and characters/s per round, the ratio per round and its
median (the figure to report: the machine has 2 shared cores), and the peak traced memory
of figure extraction at 1x and 10x the corpus (articles are processed one at a time and
not kept, so the peak should not grow with the corpus).
This is a benchmark, not a timed test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import logging
import statistics
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


def rounds(texts: list[str], count: int) -> list[tuple[float, float]]:
    """(figure seconds, jieba seconds) per round, measured back to back."""
    return [(timed(figures, texts), timed(segment, texts)) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder of NAME.txt articles")
    parser.add_argument("--repeat", type=int, default=5, help="times the corpus is repeated in one round")
    parser.add_argument("--rounds", type=int, default=7, help="rounds; the median ratio is reported")
    args = parser.parse_args()
    corpus = [p.read_text(encoding="utf-8") for p in sorted(args.gold.glob("*.txt"))]
    if not corpus:
        parser.error(f"no .txt articles in {args.gold}")
    texts = corpus * args.repeat
    chars = sum(map(len, texts))
    figures(corpus[0])  # load rule files before timing
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # load the dictionary before timing
    print(f"corpus: {len(corpus)} articles, {sum(map(len, corpus)):,} chars, repeated {args.repeat}x per round")
    print(f"{'round':>5} {'figures chars/s':>16} {'jieba chars/s':>14} {'figures art/s':>14} {'ratio':>6}")
    ratios = []
    for number, (fig, seg) in enumerate(rounds(texts, args.rounds), 1):
        ratios.append(seg / fig)
        print(f"{number:>5} {chars / fig:>16,.0f} {chars / seg:>14,.0f} {len(texts) / fig:>14,.0f} {seg / fig:>5.1f}x")
    print(f"median ratio figures/jieba: {statistics.median(ratios):.1f}x faster (min {min(ratios):.1f}x, "
          f"max {max(ratios):.1f}x)")  # fmt: skip
    one, ten = peak_memory(corpus), peak_memory(corpus * 10)
    print(f"peak memory (tracemalloc): 1x {one / 1024:,.0f} KiB, 10x {ten / 1024:,.0f} KiB")


if __name__ == "__main__":
    main()
