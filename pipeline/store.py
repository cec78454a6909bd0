"""The SQLite store (sqlite-utils): schema, idempotent upserts, full-text search, run records.

The database is the source of truth between steps. An article is keyed by its canonical URL
(or the hash of its text for local files); saving it again replaces its facts inside one
transaction, so a re-run never duplicates a row and an interrupted write leaves the old state.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from extractors import EXTRACTOR_VERSION
from extractors.facts import Facts, fact_to_dict
from pipeline.article import Article
from pipeline.schema import FACT_TABLES, create_schema
from pipeline.sentences import sentence_around
from pipeline.textsearch import search_tokens

log = logging.getLogger(__name__)

DEFAULT_DB = Path("outputs") / "zhaoshang.db"


class StoreError(RuntimeError):
    """The database cannot be opened or written; the message says what to do next."""


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _check_location(path: Path, *, create: bool) -> None:
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise StoreError(f"directory {parent} does not exist; create it or choose another --db")
    if path.exists() and path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file; give a file path to --db")
    if not path.exists() and not create:
        raise StoreError(f"database {path} does not exist; run `zhaoshang ingest` or `zhaoshang demo` first")
    if not path.exists() and not os.access(parent, os.W_OK):
        raise StoreError(f"directory {parent} is not writable; choose another --db")


class Store:
    """One SQLite database file holding sources, articles, facts and crawl runs."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, create: bool = True) -> None:
        self.path = Path(path)
        _check_location(self.path, create=create)
        existed = self.path.exists()
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as err:
            if not existed:
                raise StoreError(f"cannot create database {self.path} ({err}); choose a writable --db") from err
            raise StoreError(f"{self.path} is not a usable zhaoshang database ({err}); move it aside") from err

    def _open(self, attempts: int = 5) -> sqlite_utils.Database:
        """Connect, switch to WAL and create the schema. Another process opening the same new file
        at the same moment can make the journal-mode switch fail at once with "database is locked"
        (SQLite does not wait on it), so that step is retried briefly."""
        for attempt in range(attempts):
            db = sqlite_utils.Database(sqlite3.connect(self.path, timeout=30))
            try:
                db.execute("PRAGMA foreign_keys = ON")
                if db.journal_mode != "wal" and os.access(self.path.parent, os.W_OK):
                    db.enable_wal()
                create_schema(db)
                return db
            except sqlite3.OperationalError as err:
                db.close()
                if "locked" not in str(err) or attempt == attempts - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))
        raise StoreError(f"{self.path} stayed locked by another process")  # the loop always returns or raises

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing: an error rolls back every write made inside."""
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- sources and runs -------------------------------------------------------------

    def ensure_source(self, name: str, **attrs: Any) -> None:
        row = {"name": name, **{k: v for k, v in attrs.items() if v is not None}}
        self.db["sources"].upsert(row, pk="name", alter=True)

    def start_run(self, source: str) -> int:
        self.ensure_source(source)
        table = self.db["crawl_runs"]
        table.insert({"source": source, "started_at": utc_now(), "status": "running"})
        return int(table.last_pk)

    def finish_run(self, run_id: int, stats: dict[str, Any], status: str = "finished") -> None:
        row = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v) for k, v in stats.items()}
        row.update({"finished_at": utc_now(), "status": status})
        self.db["crawl_runs"].update(run_id, row, alter=True)

    # -- articles ----------------------------------------------------------------------

    def article_exists(self, url: str) -> bool:
        return bool(self.db.execute("select 1 from articles where id = ? or url = ?", [url, url]).fetchone())

    def save_article(self, article: Article, facts: Facts | None, *, raw: bytes | None = None) -> str:
        """Insert or update one article with its facts. Returns added, updated or unchanged."""
        key = article.key
        old = self.db.execute("select content_hash, extractor_version from articles where id = ?", [key]).fetchone()
        if old and old[0] == article.content_hash and old[1] == EXTRACTOR_VERSION:
            return "unchanged"
        if article.source_name:
            self.ensure_source(article.source_name, city=article.city)
        with self.transaction():
            self._write_article(key, article, facts, raw)
        return "updated" if old else "added"

    def _write_article(self, key: str, article: Article, facts: Facts | None, raw: bytes | None) -> None:
        period = facts.period if facts else None
        city = (facts.city if facts else None) or article.city
        row = {
            "id": key,
            "url": article.url,
            "content_hash": article.content_hash,
            "title": article.title,
            "published": article.published,
            "source_line": article.source,
            "source_name": article.source_name,
            "city": city,
            "period": period.label if period else None,
            "period_start": period.first_day if period else None,
            "period_end": period.last_day if period else None,
            "text": article.text,
            "encoding": article.encoding,
            "extractor_version": EXTRACTOR_VERSION,
            "updated_at": utc_now(),
        }
        existing = self.db.execute("select added_at from articles where id = ?", [key]).fetchone()
        row["added_at"] = existing[0] if existing else row["updated_at"]
        self.db["articles"].upsert(row, pk="id")
        for table in FACT_TABLES:
            self.db.execute(f"delete from [{table}] where article_id = ?", [key])
        self._write_search_row(key, article)
        if facts:
            self._write_facts(key, article.text, facts, city, period.label if period else None)

    def _write_search_row(self, key: str, article: Article) -> None:
        self.db.execute("delete from articles_search where article_id = ?", [key])
        self.db.execute(
            "insert into articles_search (article_id, title, body) values (?, ?, ?)",
            [key, " ".join(search_tokens(article.title or "")), " ".join(search_tokens(article.text))],
        )

    def _write_facts(self, key: str, text: str, facts: Facts, city: str | None, period: str | None) -> None:
        for table in FACT_TABLES:
            rows = [self._fact_row(key, text, fact, city, period) for fact in getattr(facts, table)]
            if rows:
                self.db[table].insert_all(rows, alter=True)

    @staticmethod
    def _fact_row(key: str, text: str, fact: Any, city: str | None, period: str | None) -> dict[str, Any]:
        row = fact_to_dict(fact)
        row = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v) for k, v in row.items()}
        row["article_id"] = key
        row["extractor_version"] = EXTRACTOR_VERSION
        row.setdefault("city", city)
        if "period" in row and not row["period"]:
            row["period"] = period
        row["sentence"] = sentence_around(text, row["start"], row["end"])
        return row

    # -- queries -----------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row count per table: what `ingest` twice must leave unchanged."""
        return {name: self.db[name].count for name in ("articles", *FACT_TABLES)}

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles matching a Chinese query: segmented FTS5 first, LIKE when that finds nothing."""
        terms = [t for t in search_tokens(query, for_query=True) if t.strip()]
        rows: list[dict[str, Any]] = []
        if terms:
            match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
            sql = (
                "select a.id, a.title, a.published, a.city from articles_search s "
                "join articles a on a.id = s.article_id where articles_search match ? "
                "order by bm25(articles_search) limit ?"
            )
            rows = [
                dict(zip(("id", "title", "published", "city"), r, strict=True))
                for r in self.db.execute(sql, [match, limit]).fetchall()
            ]
        if not rows:
            like = f"%{query}%"
            sql = "select id, title, published, city from articles where title like ? or text like ? limit ?"
            rows = [
                dict(zip(("id", "title", "published", "city"), r, strict=True))
                for r in self.db.execute(sql, [like, like, limit]).fetchall()
            ]
        return rows

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
