"""Crawl state in the store's SQLite database: frontier, validators, raw archive, fingerprints.

Tables (all created on open, safe to call every run):

- ``crawl_urls``: every URL a source has seen — list pages (with ETag / Last-Modified) and
  article links with their status (pending, done, failed, skipped) — so a rerun knows what is
  new and resumes links discovered by an interrupted run.
- ``crawl_sources``: per source, when a full pass over its list pages completed (until then,
  paging does not stop early) and the preset and selectors used, for reparse.
- ``crawl_pages``: the raw bytes of every article page, gzip-compressed, for reparse.
- ``crawl_fingerprints``: SimHash of each stored article body, banded for near-duplicate lookup.

Only the thread that opened the database writes here (SQLite connections are per thread).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import sqlite_utils

from pipeline import dedup
from pipeline.fetch import Page
from pipeline.listpages import Link
from pipeline.sources import Source
from pipeline.store import utc_now as _now

MAX_ATTEMPTS = 3  # a link that failed this many runs is given up (its last error stays recorded)


@dataclass
class SourcePlan:
    """What a run of one source starts from, read before any thread starts."""

    known: set[str] = field(default_factory=set)  # article URLs never to fetch as new
    pending: list[str] = field(default_factory=list)  # links found earlier and not yet stored
    complete: bool = False  # a full pass over the list pages finished once
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class ArchivedPage:
    url: str
    source: str
    content_type: str | None
    raw: bytes


class CrawlState:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._create()

    def _create(self) -> None:
        self.db["crawl_urls"].create(
            {
                "url": str, "source": str, "kind": str, "status": str, "attempts": int, "error": str,
                "listed": str, "discovered_at": str, "fetched_at": str, "etag": str, "last_modified": str,
            },
            pk="url", if_not_exists=True,
        )  # fmt: skip
        self.db["crawl_urls"].create_index(["source", "status"], if_not_exists=True)
        self.db["crawl_sources"].create(
            {"name": str, "complete_at": str, "preset": str, "selectors": str, "encoding": str, "city": str},
            pk="name", if_not_exists=True,
        )  # fmt: skip
        self.db["crawl_pages"].create(
            {"url": str, "source": str, "final_url": str, "content_type": str, "sha256": str,
             "fetched_at": str, "raw": bytes},
            pk="url", if_not_exists=True,
        )  # fmt: skip
        columns = {"article_id": str, "simhash": int, **{f"band{i}": int for i in range(dedup.BANDS)}}
        self.db["crawl_fingerprints"].create(columns, pk="article_id", if_not_exists=True)
        for i in range(dedup.BANDS):
            self.db["crawl_fingerprints"].create_index([f"band{i}"], if_not_exists=True)

    # -- sources -----------------------------------------------------------------------

    def register(self, source: Source) -> None:
        row = {
            "name": source.name,
            "preset": source.preset,
            "selectors": json.dumps(source.selectors, ensure_ascii=False),
            "encoding": source.encoding,
            "city": source.city,
        }
        self.db["crawl_sources"].upsert(row, pk="name")

    def source_settings(self, name: str) -> dict[str, str | None]:
        rows = list(self.db["crawl_sources"].rows_where("name = ?", [name]))
        return rows[0] if rows else {}

    def mark_complete(self, name: str) -> None:
        self.db["crawl_sources"].upsert({"name": name, "complete_at": _now()}, pk="name")

    def plan(self, source: Source) -> SourcePlan:
        plan = SourcePlan(complete=bool(self.source_settings(source.name).get("complete_at")))
        sql = "select url, kind, status, attempts, etag, last_modified from crawl_urls where source = ?"
        for url, kind, status, attempts, etag, modified in self.db.execute(sql, [source.name]).fetchall():
            if kind == "list":
                plan.validators[url] = (etag, modified)
                continue
            plan.known.add(url)
            if status == "pending" or (status == "failed" and (attempts or 0) < MAX_ATTEMPTS):
                plan.pending.append(url)
        stored = "select url from articles where source_name = ? and url is not null"
        plan.known.update(row[0] for row in self.db.execute(stored, [source.name]).fetchall())
        return plan

    # -- urls --------------------------------------------------------------------------

    def add_links(self, source: str, links: list[Link]) -> None:
        now = _now()
        rows = [
            {"url": link.url, "source": source, "kind": "article", "status": "pending", "attempts": 0,
             "listed": link.listed.isoformat() if link.listed else None, "discovered_at": now}
            for link in links
        ]  # fmt: skip
        with self.db.conn:
            self.db["crawl_urls"].insert_all(rows, pk="url", ignore=True)

    def save_list_page(self, source: str, url: str, page: Page) -> None:
        etag, modified = page.validators
        row = {"url": url, "source": source, "kind": "list", "status": "done", "fetched_at": _now()}
        if not page.not_modified:
            row.update({"etag": etag, "last_modified": modified})
        with self.db.conn:
            self.db["crawl_urls"].upsert(row, pk="url")

    def mark(self, url: str, source: str, status: str, error: str | None = None) -> None:
        """Set an article link's status; failures count attempts across runs."""
        existing = self.db.execute("select attempts from crawl_urls where url = ?", [url]).fetchone()
        attempts = (existing[0] or 0) if existing else 0
        row = {"url": url, "source": source, "kind": "article", "status": status, "error": error, "fetched_at": _now()}
        row["attempts"] = attempts + 1 if status == "failed" else attempts
        with self.db.conn:
            self.db["crawl_urls"].upsert(row, pk="url")

    # -- raw archive -------------------------------------------------------------------

    def archive(self, source: str, page: Page) -> None:
        row = {
            "url": page.url,
            "source": source,
            "final_url": page.final_url,
            "content_type": page.content_type,
            "sha256": hashlib.sha256(page.content).hexdigest(),
            "fetched_at": _now(),
            "raw": gzip.compress(page.content, compresslevel=6),
        }
        with self.db.conn:
            self.db["crawl_pages"].upsert(row, pk="url")

    def archived_pages(self, urls: list[str]) -> Iterator[ArchivedPage]:
        """The archived pages of urls, read one at a time (a whole archive may not fit in memory)."""
        sql = "select url, source, content_type, raw from crawl_pages where url = ?"
        for url in urls:
            row = self.db.execute(sql, [url]).fetchone()
            if row:
                yield ArchivedPage(row[0], row[1], row[2], gzip.decompress(row[3]))

    # -- duplicates --------------------------------------------------------------------

    def find_duplicate(self, article_id: str, text: str, content_hash: str) -> str | None:
        """The id of an earlier stored article with the same or a near-identical body."""
        sql = "select id from articles where content_hash = ? and id != ? and duplicate_of is null limit 1"
        same = self.db.execute(sql, [content_hash, article_id]).fetchone()
        if same:
            return same[0]
        if len(text) < dedup.MIN_CHARS:
            return None
        fingerprint = dedup.simhash(text)
        where = " or ".join(f"band{i} = ?" for i in range(dedup.BANDS))
        sql = f"select article_id, simhash from crawl_fingerprints where article_id != ? and ({where})"
        for other, value in self.db.execute(sql, [article_id, *dedup.bands(fingerprint)]).fetchall():
            if dedup.distance(fingerprint, dedup.to_unsigned(value)) <= dedup.MAX_DISTANCE:
                return other
        return None

    def remember_fingerprint(self, article_id: str, text: str) -> None:
        fingerprint = dedup.simhash(text)
        row = {"article_id": article_id, "simhash": dedup.to_signed(fingerprint)}
        row.update({f"band{i}": band for i, band in enumerate(dedup.bands(fingerprint))})
        with self.db.conn:
            self.db["crawl_fingerprints"].upsert(row, pk="article_id")
