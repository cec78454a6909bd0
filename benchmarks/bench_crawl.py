"""Politeness efficiency: ideal crawl time set by per-host delays / measured crawl time.

Usage:  python benchmarks/bench_crawl.py [--delay 0.25] [--same-site]

The bundled mirror (corpus/mirror) is served from several loopback addresses (127.0.0.1,
127.0.0.2, … are all local on Linux), one demo site definition per host (four sites, four
hosts), each with the same per-host delay. With --same-site every host serves the largest column
instead (its copies are then stored once and linked as duplicates).

A polite crawler can do no better than (requests to the busiest host) × delay, because one host
sees one request at a time, spaced by the delay; hosts proceed in parallel. The ratio
ideal / measured shows how much the crawler loses to its own overhead (parsing, extraction,
SQLite writes). Target: at least 0.9. The full pipeline runs: fetch, parse, extract, store.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.crawl import crawl  # noqa: E402  (after the path fix: runs from a checkout)
from pipeline.fetch import FetchSettings  # noqa: E402
from pipeline.mirror import serve_directory  # noqa: E402
from pipeline.sources import load_sources  # noqa: E402
from pipeline.store import Store  # noqa: E402

TARGET = 0.9
SITE = "demo-difang"  # the mirror's largest column: 6 list pages, 26 articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.25, help="seconds between requests to one host")
    parser.add_argument("--same-site", action="store_true", help=f"serve {SITE} from every host")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    from extractors import extract

    extract("预热：2024年一季度实际使用外资1.2亿元，同比增长5%。", None, None)  # load dictionaries first
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        names = (
            [SITE] * 4
            if args.same_site
            else [s.name for s in load_sources(mirror="http://x") if s.name.startswith("demo-")]
        )
        bases = [stack.enter_context(serve_directory(ROOT / "corpus" / "mirror", host=f"127.0.0.{i + 1}"))
                 for i in range(len(names))]  # fmt: skip
        sources = []
        for i, (name, base) in enumerate(zip(names, bases, strict=True)):
            [site] = [s for s in load_sources(mirror=base) if s.name == name]
            sources.append(replace(site, name=f"{name}-{i + 1}", delay=args.delay))
        store = Store(Path(tmp) / "bench.db")
        began = time.perf_counter()
        reports = crawl(sources, store, progress=False, settings=FetchSettings(autothrottle=False))
        measured = time.perf_counter() - began
        requests = max(len(base.requests) for base in bases)
    ideal = requests * args.delay
    ratio = ideal / measured
    articles = sum(r.new for r in reports)
    duplicates = sum(r.duplicates for r in reports)
    errors = sum(sum(r.errors.values()) for r in reports)
    print(f"{len(bases)} hosts, delay {args.delay:.2f} s, busiest host {requests} requests")
    print(f"{articles} articles stored, {duplicates} linked duplicates")
    print(f"ideal {ideal:.2f} s  measured {measured:.2f} s  ratio {ratio:.2f}  (target >= {TARGET}), errors {errors}")
    return 0 if ratio >= TARGET and errors == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
