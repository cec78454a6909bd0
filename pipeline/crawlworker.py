"""One source's walk: list pages → new article links → fetched and parsed pages, as events.

A SourceWalker runs in its own thread and never touches the database (SQLite connections belong
to one thread): it reports what it fetched as events on a queue, and the crawl's main thread
writes them. Politeness lives in the shared Fetcher, so walkers of sources on the same host
simply take turns.

Paging stops when a list page brings nothing new — but only once a full pass over the list has
completed, so that a pass interrupted half-way is finished by the next run.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from pipeline.article import Article
from pipeline.crawlstate import SourcePlan
from pipeline.encoding import EncodingError, decode_html
from pipeline.fetch import Fetcher, FetchError, Page
from pipeline.listpages import (
    Link,
    article_links,
    hanweb_groups,
    hanweb_paging,
    hanweb_request,
    numbered_page_url,
    trs_page_count,
)
from pipeline.parse import ParseError, parse_page
from pipeline.sources import Source

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ListFetched:
    source: str
    url: str
    page: Page
    new_links: list[Link]


@dataclass(frozen=True)
class ArticleFetched:
    source: str
    url: str
    page: Page
    article: Article | None
    error: str | None = None  # why the page could not be parsed


@dataclass(frozen=True)
class Failed:
    source: str
    url: str
    kind: str
    message: str
    article: bool


@dataclass(frozen=True)
class Skipped:
    source: str
    url: str


@dataclass(frozen=True)
class Finished:
    source: str
    complete: bool


Event = ListFetched | ArticleFetched | Failed | Skipped | Finished


class SourceWalker:
    def __init__(
        self,
        source: Source,
        plan: SourcePlan,
        fetcher: Fetcher,
        events: queue.Queue[Event],
        *,
        since: date | None = None,
        max_pages: int | None = None,
    ) -> None:
        self.source = source
        self.plan = plan
        self.fetcher = fetcher
        self.events = events
        self.since = since
        self.max_pages = max_pages
        self.page_limit = min(source.pagination.max_pages, max_pages or source.pagination.max_pages)

    def run(self) -> None:
        complete = False
        try:
            for url in self.plan.pending:
                self.fetch_article(url)
            passes = [self.walk(start) for start in self.source.start_urls]
            complete = all(passes) and self.since is None and self.max_pages is None
        except FetchError as err:  # only "stopped" escapes: the crawl is being interrupted
            log.info("%s: %s", self.source.name, err)
        except Exception as err:  # a bug must not hang the crawl: record it and end this source
            log.exception("%s: crawl of this source failed", self.source.name)
            self.events.put(Failed(self.source.name, "", "internal", str(err), article=False))
        finally:
            self.events.put(Finished(self.source.name, complete))

    # -- list pages ----------------------------------------------------------------------

    def walk(self, start: str) -> bool:
        """Read start's list pages; True when the pass reached the end of the list."""
        first = self.fetch_list(start)
        if first is None:
            return False
        if first.not_modified:
            return True
        html = self.decode(first)
        fresh = self.take_links(start, first, html)
        if fresh is None:
            return True
        for number, (url, form) in enumerate(self.following(start, html), start=2):
            if number > self.page_limit:
                return self.max_pages is None
            if not fresh and self.plan.complete:
                return True  # nothing new on the last page: the rest was seen before
            page = self.fetch_list(url, form)
            if page is None:
                return False
            if page.not_modified:
                fresh = []
                continue
            fresh = self.take_links(url, page, self.decode(page))
            if fresh is None:
                return True  # an empty page ends the list
        return True

    def following(self, start: str, html: str) -> Iterator[tuple[str, dict[str, str] | None]]:
        """Requests for list pages 2, 3, … as announced by page 1 (or until one comes back empty)."""
        paging = hanweb_paging(html, start, self.source.pagination.per_page)
        if paging is not None:
            groups = hanweb_groups(paging) or self.page_limit
            for k in range(1, groups):
                yield hanweb_request(paging, k)
            return
        pattern = self.source.pagination.pattern
        if pattern is None:
            return
        count = trs_page_count(html)
        total = count if count is not None else self.page_limit
        first = self.source.pagination.start
        for n in range(first, first + total - 1):
            yield numbered_page_url(start, pattern, n), None

    def fetch_list(self, url: str, form: dict[str, str] | None = None) -> Page | None:
        # Conditional requests only once a full pass exists: a 304 tells nothing about later pages.
        validators = self.plan.validators.get(url) if self.plan.complete and form is None else None
        try:
            page = self.fetcher.fetch(
                url, allowed=self.source.allows, delay=self.source.delay, validators=validators, data=form
            )
        except FetchError as err:
            if err.kind == "stopped":
                raise
            self.events.put(Failed(self.source.name, url, err.kind, str(err), article=False))
            return None
        if page.not_modified:
            self.events.put(ListFetched(self.source.name, url, page, []))
        return page

    def decode(self, page: Page) -> str:
        try:
            return decode_html(page.content, self.content_type(page))[0]
        except EncodingError:
            return page.content.decode("utf-8", "replace")

    def take_links(self, url: str, page: Page, html: str) -> list[Link] | None:
        """Record the page's new article links and fetch them; None when it lists no article."""
        links = article_links(html, page.final_url, self.source)
        fresh = [link for link in links if link.url not in self.plan.known and self.source.allows(link.url)]
        self.plan.known.update(link.url for link in fresh)
        self.events.put(ListFetched(self.source.name, url, page, fresh))
        for link in fresh:
            if self.since and link.listed and link.listed < self.since:
                self.events.put(Skipped(self.source.name, link.url))
            else:
                self.fetch_article(link.url)
        if self.since and links and all(link.listed and link.listed < self.since for link in links):
            return None  # everything here predates --since, and lists run newest first
        return fresh if links else None

    # -- articles ------------------------------------------------------------------------

    def content_type(self, page: Page) -> str | None:
        if self.source.encoding:
            return f"text/html; charset={self.source.encoding}"
        return page.content_type

    def fetch_article(self, url: str) -> None:
        try:
            page = self.fetcher.fetch(url, allowed=self.source.allows, delay=self.source.delay)
        except FetchError as err:
            if err.kind == "stopped":
                raise
            self.events.put(Failed(self.source.name, url, err.kind, str(err), article=True))
            return
        preset = None if self.source.preset == "generic" else self.source.preset
        try:
            article = parse_page(
                page.content, url=url, content_type=self.content_type(page),
                selectors=self.source.selectors or None, preset=preset,
            )  # fmt: skip
        except (ParseError, EncodingError) as err:
            self.events.put(ArticleFetched(self.source.name, url, page, None, str(err)))
            return
        self.events.put(ArticleFetched(self.source.name, url, page, article))
