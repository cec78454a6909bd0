"""The store on a real SQLite file: idempotent saves, fact replacement, Chinese search, errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from extractors import EXTRACTOR_VERSION
from extractors.facts import Amount, Facts
from pipeline.article import Article
from pipeline.inputs import read_article
from pipeline.process import analyse
from pipeline.store import Store, StoreError


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "z.db")


@pytest.fixture
def dongying(articles_dir: Path) -> Article:
    return read_article(articles_dir / "dongying-2024q1-zhaoshang.txt")


def test_schema_has_wal_and_foreign_keys(store: Store) -> None:
    assert store.db.journal_mode == "wal"
    fks = {fk.other_table for fk in store.db["amounts"].foreign_keys}
    assert fks == {"articles"}
    assert {
        "articles",
        "amounts",
        "counts",
        "growth",
        "leaders",
        "projects",
        "organizations",
        "sources",
        "crawl_runs",
    } <= set(store.db.table_names())


def test_save_twice_is_unchanged_and_keeps_counts(store: Store, dongying: Article) -> None:
    facts = analyse(dongying)
    assert store.save_article(dongying, facts) == "added"
    before = store.counts()
    assert store.save_article(dongying, facts) == "unchanged"
    assert store.counts() == before
    assert before["articles"] == 1


def test_changed_text_updates_and_replaces_facts(store: Store, dongying: Article) -> None:
    one = Amount(value=__import__("decimal").Decimal("57491000000"), currency="CNY", text="574.91亿元", start=0, end=8)
    store.save_article(replace(dongying, url="http://x.gov.cn/a.html"), Facts(amounts=[one, one]))
    assert store.db["amounts"].count == 2
    edited = replace(dongying, url="http://x.gov.cn/a.html", text=dongying.text + "\n（完）")
    assert store.save_article(edited, Facts(amounts=[one])) == "updated"
    assert store.db["articles"].count == 1
    assert store.db["amounts"].count == 1
    row = next(store.db["amounts"].rows)
    assert row["extractor_version"] == EXTRACTOR_VERSION
    assert row["value_exact"] == "57491000000"


def test_failed_write_rolls_back(store: Store, dongying: Article) -> None:
    store.save_article(dongying, analyse(dongying))
    before = store.counts()
    broken = Facts(amounts=[Amount(value=1, currency="CNY", text="x", start=0, end=1)])
    broken.amounts[0].start = object()  # not storable: sqlite raises mid-transaction
    with pytest.raises((sqlite3.Error, TypeError, ValueError)):
        store.save_article(replace(dongying, text=dongying.text + "。"), broken)
    assert store.counts() == before


@pytest.mark.parametrize("query", ["签约", "招商", "东营", "签约金额"])
def test_chinese_search_finds_two_character_words(store: Store, dongying: Article, query: str) -> None:
    store.save_article(dongying, analyse(dongying))
    assert [r["id"] for r in store.search(query)] == [dongying.key]


@pytest.mark.parametrize("query", ["哈尔滨", "航天飞机"])
def test_search_negative(store: Store, dongying: Article, query: str) -> None:
    store.save_article(dongying, analyse(dongying))
    assert store.search(query) == []


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "z.db")


def test_corrupt_file_is_a_clear_error_and_left_alone(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable"):
        Store(bad)
    assert bad.read_bytes() == b"this is not sqlite" * 100


def test_processes_opening_one_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    """A crawler and a dashboard (or two crawlers) may open the same new file at the same moment."""
    db = tmp_path / "shared.db"
    code = "import sys; from pipeline.store import Store; Store(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db)], cwd=Path(__file__).parents[1],
                              stderr=subprocess.PIPE) for _ in range(4)]
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    assert Store(db).db.journal_mode == "wal"
