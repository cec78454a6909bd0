"""The one-command demo: serve the bundled mirror on 127.0.0.1, crawl it, extract, store, compare.

Everything runs for real — a local HTTP server, the polite crawler, the extractors, SQLite and
the comparison — only the web sites are a mirror of real government pages kept in corpus/mirror.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from extractors.resources import corpus_path
from pipeline.crawl import CrawlReport, crawl
from pipeline.mirror import serve_directory
from pipeline.sources import load_sources
from pipeline.store import Store

DEMO_DB = Path("outputs") / "demo.db"
DEMO_PREFIX = "demo-"


@dataclass
class DemoResult:
    db_path: Path
    reports: list[CrawlReport] = field(default_factory=list)
    seconds: float = 0.0
    requests: int = 0


def fresh_database(path: Path) -> Store:
    """The demo always starts from an empty database so that its output is reproducible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return Store(path)


def run_demo(db_path: Path = DEMO_DB, *, progress: bool = True) -> DemoResult:
    """Crawl every demo-* site of the bundled mirror into a fresh database."""
    began = time.perf_counter()
    store = fresh_database(db_path)
    result = DemoResult(db_path=db_path)
    with serve_directory(corpus_path("mirror")) as base:
        sources = [s for s in load_sources(corpus_path("sources"), mirror=base) if s.name.startswith(DEMO_PREFIX)]
        result.reports = crawl(sources, store, progress=progress)
        result.requests = len(getattr(base, "requests", []))
    store.close()
    result.seconds = time.perf_counter() - began
    return result


def showcase_metrics(store: Store, limit: int = 3) -> list[str]:
    """Metrics worth showing: those with the most cities and periods to compare, money first."""
    from pipeline.compare import headline_metrics  # pandas only when the comparison is shown

    cells = headline_metrics(store)
    if cells.empty:
        return []
    # A real period-over-period comparison needs one city with several periods: rank by that first.
    per_city = cells.groupby(["metric", "city"])["period"].nunique().groupby("metric").max().rename("depth")
    spread = cells.groupby("metric").agg(cities=("city", "nunique"), money=("kind", lambda k: (k == "amount").any()))
    spread = spread.join(per_city)
    spread = spread[spread["depth"] >= 2]
    ranked = spread.sort_values(["depth", "money", "cities"], ascending=False)
    return list(ranked.index[:limit])
