"""Table definitions of the store. Kept apart from store.py so README and tests can read them."""

from __future__ import annotations

import sqlite_utils

from pipeline.views import create_views

FACT_TABLES = ("amounts", "counts", "growth", "leaders", "projects", "organizations")

# Columns common to every fact table: where the fact came from and what produced it.
_EVIDENCE = {
    "article_id": str,
    "text": str,
    "start": int,
    "end": int,
    "sentence": str,
    "city": str,
    "extractor_version": str,
}

_FACT_COLUMNS: dict[str, dict[str, type]] = {
    "amounts": {
        "value": float,
        "value_exact": str,
        "value_max": float,
        "currency": str,
        "approx": str,
        "label": str,
        "metric": str,
        "scope": str,
        "period": str,
    },
    "counts": {
        "value": int,
        "value_exact": str,
        "unit": str,
        "object": str,
        "label": str,
        "approx": str,
        "scope": str,
        "metric": str,
        "period": str,
    },
    "growth": {"value_pct": float, "basis": str, "of": str, "points": int, "approx": str, "metric": str, "period": str},
    "leaders": {"name": str, "title": str, "mentions": int},
    "projects": {"name": str, "investment": float, "currency": str, "stage": str, "investor": str},
    "organizations": {"name": str, "short_names": str},
}

# Indexes for the queries researchers run: by city, period, label and metric.
_FACT_INDEXES: dict[str, list[list[str]]] = {
    "amounts": [["metric", "city", "period"], ["label"]],
    "counts": [["metric", "city", "period"], ["label"]],
    "growth": [["metric", "city", "period"]],
    "leaders": [["name"], ["city"]],
    "projects": [["name"], ["stage"]],
    "organizations": [["name"]],
}


def _create_core(db: sqlite_utils.Database) -> None:
    db["sources"].create(
        {"name": str, "title": str, "city": str, "level": str, "preset": str, "verified": str},
        pk="name",
        if_not_exists=True,
    )
    db["articles"].create(
        {
            "id": str,
            "url": str,
            "content_hash": str,
            "title": str,
            "published": str,
            "source_line": str,
            "source_name": str,
            "city": str,
            "period": str,
            "period_start": str,
            "period_end": str,
            "text": str,
            "encoding": str,
            "duplicate_of": str,
            "extractor_version": str,
            "added_at": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("source_name", "sources", "name")],
        if_not_exists=True,
    )
    db["crawl_runs"].create(
        {
            "id": int,
            "source": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "pages_fetched": int,
            "new": int,
            "updated": int,
            "unchanged": int,
            "errors": str,
        },
        pk="id",
        foreign_keys=[("source", "sources", "name")],
        if_not_exists=True,
    )
    for columns in (["city", "period"], ["published"], ["content_hash"], ["source_name"]):
        db["articles"].create_index(columns, if_not_exists=True)


def create_schema(db: sqlite_utils.Database) -> None:
    """Create every table and index that is missing; safe to call on every open."""
    _create_core(db)
    for table, columns in _FACT_COLUMNS.items():
        db[table].create(
            {"id": int, **columns, **_EVIDENCE},
            pk="id",
            foreign_keys=[("article_id", "articles", "id")],
            if_not_exists=True,
        )
        db[table].create_index(["article_id"], if_not_exists=True)
        for index in _FACT_INDEXES[table]:
            db[table].create_index(index, if_not_exists=True)
    # Chinese has no spaces: the FTS5 columns hold jieba-segmented text joined by spaces.
    db.execute("create virtual table if not exists articles_search using fts5(article_id unindexed, title, body)")
    create_views(db)
