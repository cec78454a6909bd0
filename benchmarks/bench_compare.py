"""Compare time on a synthetic database of 1 million facts.

Builds (or reuses) a real SQLite file through the Store schema: 1,000,000 amounts over 300 cities,
40 quarters and 25 metrics (about 40,000 facts per metric, several articles per cell, a scope on a
fifth of them), then times `compare_table` for a city × period table of one metric.

    /work/venv/bin/python benchmarks/bench_compare.py [--facts N] [--db PATH] [--repeat K]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from pipeline.compare import compare_table
from pipeline.store import Store

CITIES = [f"城市{n:03d}" for n in range(300)]
PERIODS = [f"{year}Q{q}" for year in range(2015, 2025) for q in range(1, 5)]
METRICS = ["签约金额", "到位资金", "固定资产投资", "实际使用外资", "总投资", *[f"指标{n:02d}" for n in range(20)]]
SENTENCE = "一季度，全市新签约项目122个、签约金额574.91亿元，同比增长10.4%。"


def build(path: Path, facts: int, seed: int = 7) -> Store:
    store = Store(path)
    rng = random.Random(seed)
    articles = max(1, facts // 100)
    with store.transaction():
        store.db.conn.executemany(
            "insert into articles (id, title, published, city, text) values (?, ?, ?, ?, ?)",
            [(f"bench:{n}", f"文章{n}", "2024-04-15", rng.choice(CITIES), SENTENCE) for n in range(articles)],
        )
        rows = (
            (rng.uniform(1e8, 1e11), "CNY", rng.choice(METRICS), rng.choice(METRICS), rng.choice(CITIES),
             rng.choice(PERIODS), "重点产业链" if rng.random() < 0.2 else None, f"bench:{rng.randrange(articles)}",
             "574.91亿元", 15, 23, SENTENCE)
            for _ in range(facts)
        )
        store.db.conn.executemany(
            "insert into amounts (value, currency, label, metric, city, period, scope, article_id, text, start, "
            "[end], sentence) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows,
        )
    store.db.execute("analyze")
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="reuse or create this database (default: a temporary file)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        started = time.perf_counter()
        store = Store(path) if path.exists() else build(path, args.facts)
        print(f"database: {store.db['amounts'].count:,} facts ({time.perf_counter() - started:.1f} s to open/build)")
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            cells = compare_table(store, "签约金额")
            times.append(time.perf_counter() - started)
        print(f"compare_table(签约金额): {len(cells):,} cells, {cells['city'].nunique()} cities × "
              f"{cells['period'].nunique()} periods; median {statistics.median(times):.2f} s, "
              f"best {min(times):.2f} s over {args.repeat} runs")
        started = time.perf_counter()
        cells = compare_table(store, "签约金额", cities=CITIES[:5], period="2024Q1")
        print(f"compare_table(签约金额, 5 cities, 2024Q1): {len(cells)} cells in {time.perf_counter() - started:.2f} s")
        store.close()


if __name__ == "__main__":
    main()
