"""Articles per second for the full ``extract`` (all fields) against ``jieba.lcut`` alone.

Usage:  python benchmarks/bench_extract.py [DIR ...]   (default: the shared gold and series texts)

Both run over the same texts after a warm-up pass (dictionaries loaded, caches cold for each
text because every text is distinct).  The ratio extract / lcut must stay at or below 3.
rjieba (the Rust port) is timed with the same user dictionaries for comparison.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIRS = [ROOT.parent / "shared" / "gold" / "articles", ROOT.parent / "shared" / "corpus" / "series"]
MAX_RATIO = 3.0


def load_texts(dirs: list[Path]) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for d in dirs for p in sorted(d.rglob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt articles under {', '.join(map(str, dirs))}; pass a folder of articles")
    return texts


def seconds(run: Callable[[str], object], texts: list[str], round_no: int) -> float:
    """One pass over all texts; each pass sees fresh strings (no cache hits)."""
    fresh = [f"{text}\n{round_no}" for text in texts]
    begin = time.perf_counter()
    for text in fresh:
        run(text)
    return time.perf_counter() - begin


def paired_rounds(first: Callable[[str], object], second: Callable[[str], object], texts: list[str],
                  rounds: int = 7) -> list[tuple[float, float]]:
    """(first, second) seconds per round, measured back to back so that load on a shared machine
    hits both alike; the median ratio over rounds is the figure reported."""
    return [(seconds(first, texts, n), seconds(second, texts, n)) for n in range(rounds)]


def main(argv: list[str]) -> int:
    import jieba

    from extractors import extract
    from extractors.segment import tokenize_with

    texts = load_texts([Path(a) for a in argv] or DEFAULT_DIRS)
    extract(texts[0])  # load dictionaries, patterns and spaCy once
    tokenize_with("rjieba", texts[0])
    pairs = paired_rounds(jieba.lcut, extract, texts)
    ratios = sorted(full / lcut for lcut, full in pairs)
    ratio = statistics.median(ratios)
    lcut = statistics.median(p[0] for p in pairs)
    full = statistics.median(p[1] for p in pairs)
    rust = min(seconds(lambda t: tokenize_with("rjieba", t), texts, n) for n in range(3))
    n = len(texts)
    print(f"{n} articles, {sum(map(len, texts))} characters, {len(pairs)} paired rounds")
    print(f"jieba.lcut      {n / lcut:8.1f} articles/s")
    print(f"rjieba tokenize {n / rust:8.1f} articles/s")
    print(f"full extract    {n / full:8.1f} articles/s")
    print(f"extract / lcut  {ratio:8.2f}x median (range {ratios[0]:.2f}-{ratios[-1]:.2f}x; limit {MAX_RATIO:.0f}x)")
    return 0 if ratio <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
