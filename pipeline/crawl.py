"""Crawl site definitions into the store: incremental, resumable, polite, one writer.

Each source is walked in its own thread (pipeline/crawlworker.py) through one shared Fetcher, so
different hosts are crawled in parallel while each host sees one request at a time. Every
fetched page comes back to the calling thread as an event, which alone writes the database:
list-page links are recorded as pending before their articles are fetched, and each article is
committed on its own — a crawl killed at any point loses nothing already fetched, and the next
run resumes the pending links and finishes the interrupted pass over the list pages.

Articles whose body equals or nearly equals one stored before (a repost on another portal) are
stored with ``duplicate_of`` pointing at the original and without facts, so nothing counts twice.
"""

from __future__ import annotations

import json
import logging
import queue
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from tqdm import tqdm

from pipeline.article import Article
from pipeline.crawlstate import CrawlState
from pipeline.crawlworker import ArticleFetched, Event, Failed, Finished, ListFetched, Skipped, SourceWalker
from pipeline.encoding import EncodingError
from pipeline.fetch import Fetcher, FetchSettings
from pipeline.parse import ParseError, parse_page
from pipeline.process import analyse, parse_iso_date
from pipeline.sources import Source
from pipeline.store import Store

log = logging.getLogger(__name__)


def _quiet(progress: bool) -> bool | None:
    """tqdm's ``disable``: None hides the bars when stderr is not a terminal (logs, CI, pipes)."""
    return None if progress else True


@dataclass
class CrawlReport:
    """What one source's run did; also written to the crawl_runs table."""

    source: str
    run_id: int | None = None
    pages_fetched: int = 0  # list and article pages downloaded (a 304 is not a download)
    list_pages: int = 0
    not_modified: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0  # stored and linked to an earlier article with the same body
    skipped: int = 0  # published before --since
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    status: str = "running"
    started: float = field(default_factory=time.monotonic)

    def stats(self) -> dict[str, object]:
        return {
            "pages_fetched": self.pages_fetched,
            "list_pages": self.list_pages,
            "not_modified": self.not_modified,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "errors": dict(self.errors),
            "seconds": round(self.seconds, 2),
        }

    def summary(self) -> str:
        errors = ", ".join(f"{kind} {n}" for kind, n in sorted(self.errors.items())) or "none"
        return (
            f"{self.source}: {self.pages_fetched} pages fetched, {self.new} new, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.duplicates} duplicates, {self.skipped} skipped; "
            f"errors: {errors} ({self.seconds:.1f} s, {self.status})"
        )


def store_article(store: Store, state: CrawlState, article: Article, raw: bytes | None) -> tuple[str, str | None]:
    """Save one parsed article; returns (added|updated|unchanged, id of the original if a duplicate)."""
    original = state.find_duplicate(article.key, article.text, article.content_hash)
    facts = None
    if original is None:
        try:
            facts = analyse(article)
        except ValueError as err:  # a malformed date or number must not lose the article itself
            log.warning("%s: stored without facts (%s)", article.key, err)
    result = store.save_article(article, facts, raw=raw)
    store.db["articles"].update(article.key, {"duplicate_of": original})
    if original is None:
        state.remember_fingerprint(article.key, article.text)
    return result, original


class _Run:
    """The writer side of a crawl: applies worker events to the store and the reports."""

    def __init__(self, store: Store, sources: list[Source], since: date | None, progress: bool) -> None:
        self.store = store
        self.state = CrawlState(store.db)
        self.sources = {s.name: s for s in sources}
        self.since = since
        self.reports: dict[str, CrawlReport] = {}
        self.bars: dict[str, tqdm] = {}
        for position, source in enumerate(sources):
            store.ensure_source(source.name, title=source.title, city=source.city, level=source.level,
                                preset=source.preset, verified=source.verified)  # fmt: skip
            self.state.register(source)
            self.reports[source.name] = CrawlReport(source.name, run_id=store.start_run(source.name))
            self.bars[source.name] = tqdm(
                desc=source.name, unit="page", position=position, file=sys.stderr, disable=_quiet(progress), leave=True
            )

    def apply(self, event: Event) -> None:
        report = self.reports[event.source]
        if isinstance(event, ListFetched):
            self._list(report, event)
        elif isinstance(event, ArticleFetched):
            self._article(report, event)
        elif isinstance(event, Failed):
            report.errors[event.kind] += 1
            if event.article:
                self.state.mark(event.url, event.source, "failed", f"{event.kind}: {event.message}")
        elif isinstance(event, Skipped):
            report.skipped += 1
            self.state.mark(event.url, event.source, "skipped")
        elif isinstance(event, Finished):
            if event.complete:
                self.state.mark_complete(event.source)
            self.finish(report, "finished")

    def _list(self, report: CrawlReport, event: ListFetched) -> None:
        report.list_pages += 1
        if event.page.not_modified:
            report.not_modified += 1
        else:
            report.pages_fetched += 1
            self.bars[event.source].update(1)
        self.state.save_list_page(event.source, event.url, event.page)
        self.state.add_links(event.source, event.new_links)

    def _article(self, report: CrawlReport, event: ArticleFetched) -> None:
        report.pages_fetched += 1
        self.bars[event.source].update(1)
        self.state.archive(event.source, event.page)
        article = event.article
        if article is None:
            report.errors["parse"] += 1
            self.state.mark(event.url, event.source, "failed", f"parse: {event.error}")
            return
        published = _published(article)
        if self.since and published and published < self.since:
            report.skipped += 1
            self.state.mark(event.url, event.source, "skipped")
            return
        source = self.sources[event.source]
        article.source_name, article.city = source.name, source.city
        result, original = store_article(self.store, self.state, article, event.page.content)
        if original:
            report.duplicates += 1
        else:
            field_name = "new" if result == "added" else result
            setattr(report, field_name, getattr(report, field_name) + 1)
        self.state.mark(event.url, event.source, "done")

    def finish(self, report: CrawlReport, status: str) -> None:
        if report.status != "running":
            return
        report.status = status
        report.seconds = time.monotonic() - report.started
        self.bars[report.source].close()
        if report.run_id is not None:
            self.store.finish_run(report.run_id, report.stats(), status=status)


def _published(article: Article) -> date | None:
    try:
        return parse_iso_date(article.published)
    except ValueError:
        return None


def _start_walkers(walkers: list[SourceWalker], workers: int) -> list[threading.Thread]:
    todo: queue.Queue[SourceWalker] = queue.Queue()
    for walker in walkers:
        todo.put(walker)

    def work() -> None:
        while True:
            try:
                walker = todo.get_nowait()
            except queue.Empty:
                return
            walker.run()

    # Daemon threads: Ctrl-C must end the program even while a thread waits on a slow host.
    threads = [threading.Thread(target=work, name=f"crawl-{i}", daemon=True) for i in range(workers)]
    for thread in threads:
        thread.start()
    return threads


def crawl(
    sources: list[Source],
    store: Store,
    *,
    since: date | None = None,
    max_pages: int | None = None,
    progress: bool = True,
    settings: FetchSettings | None = None,
) -> list[CrawlReport]:
    """Crawl each source's new articles into store; one CrawlReport per source, in order."""
    settings = settings or FetchSettings()
    run = _Run(store, sources, since, progress)
    events: queue.Queue[Event] = queue.Queue()
    stop = threading.Event()
    with Fetcher(settings, stop=stop) as fetcher:
        walkers = [
            SourceWalker(s, run.state.plan(s), fetcher, events, since=since, max_pages=max_pages) for s in sources
        ]
        _start_walkers(walkers, max(1, min(settings.max_workers, len(walkers))))
        open_sources = len(walkers)
        try:
            while open_sources:
                event = events.get()
                run.apply(event)
                open_sources -= isinstance(event, Finished)
        except BaseException:
            stop.set()
            for report in run.reports.values():
                run.finish(report, "interrupted")
            raise
    return [run.reports[s.name] for s in sources]


def reparse(store: Store, *, progress: bool = True) -> dict[str, int]:
    """Re-parse every archived raw page and re-extract its facts, without the network."""
    state = CrawlState(store.db)
    tally: Counter[str] = Counter()
    urls = [row[0] for row in store.db.execute("select url from crawl_pages order by url").fetchall()]
    for page in tqdm(state.archived_pages(urls), total=len(urls), desc="reparse", file=sys.stderr,
                     disable=_quiet(progress)):  # fmt: skip
        settings = state.source_settings(page.source)
        content_type = f"text/html; charset={settings['encoding']}" if settings.get("encoding") else page.content_type
        preset = settings.get("preset")
        try:
            article = parse_page(
                page.raw, url=page.url, content_type=content_type,
                selectors=json.loads(settings.get("selectors") or "{}") or None,
                preset=None if preset in (None, "generic") else preset,
            )  # fmt: skip
        except (ParseError, EncodingError) as err:
            log.warning("reparse %s: %s", page.url, err)
            tally["errors"] += 1
            continue
        article.source_name, article.city = page.source, settings.get("city")
        result, original = store_article(store, state, article, page.raw)
        tally["duplicates" if original else result] += 1
    return dict(tally)
