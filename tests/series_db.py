"""Databases built from the real series articles in tests/fixtures/series.

``curated_store`` writes facts copied by hand from those articles (curated.json) through the Store
API, so comparison arithmetic is tested on real figures whatever the extractors currently find.
``ingested_db`` runs the real pipeline (`zhaoshang ingest`) over the same articles.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from extractors.facts import Amount, Facts, Growth, Leader, Project
from pipeline.article import Article
from pipeline.cli import main
from pipeline.store import Store

SERIES = Path(__file__).parent / "fixtures" / "series"


def _span(text: str, fact: dict[str, Any]) -> tuple[int, int]:
    anchor = fact["anchor"]
    if text.count(anchor) != 1:
        raise AssertionError(f"anchor {anchor!r} must occur once in the article")
    start = text.index(anchor) + anchor.index(fact["text"])
    return start, start + len(fact["text"])


def _fact(text: str, fact: dict[str, Any]) -> Amount | Growth | Leader | Project:
    start, end = _span(text, fact)
    if fact["kind"] == "leader":
        return Leader(fact["text"], fact["title"], start, end, text=fact["text"])
    value = Decimal(fact["value"])
    if fact["kind"] == "project":
        return Project(fact["text"], start, end, text=fact["text"], investment=value, currency="CNY",
                       stage=fact["stage"], investor=fact.get("investor"))
    if fact["kind"] == "growth":
        return Growth(value, fact["text"], start, end, basis=fact.get("basis"), of=fact["metric"],
                      metric=fact["metric"], period=fact["period"])
    return Amount(value, fact.get("currency", "CNY"), fact["text"], start, end, label=fact["label"],
                  scope=fact.get("scope"), metric=fact["metric"], period=fact["period"])


def _save(store: Store, entry: dict[str, Any], text: str, key: str) -> None:
    meta = json.loads((SERIES / entry["file"]).with_suffix(".meta.json").read_text(encoding="utf-8"))
    facts = [_fact(text, f) for f in entry["facts"]]
    article = Article(text=text, title=meta.get("title"), published=meta.get("published"),
                      url=key, city=entry["city"])
    def of(kind: type) -> list:
        return [f for f in facts if isinstance(f, kind)]

    store.save_article(article, Facts(city=entry["city"], amounts=of(Amount), growth=of(Growth),
                                      leaders=of(Leader), projects=of(Project)))


def curated_store(path: Path, *, variants: tuple[str, ...] = ()) -> Store:
    """A real SQLite file holding the hand-copied facts, plus the named reprint variants."""
    data = json.loads((SERIES / "curated.json").read_text(encoding="utf-8"))
    store = Store(path)
    for entry in data["articles"]:
        text = (SERIES / entry["file"]).read_text(encoding="utf-8")
        _save(store, entry, text, f"fixture:{entry['file']}")
    for entry in data["variants"]:
        if entry["id"] in variants:
            old, new = entry["replace"]
            text = (SERIES / entry["file"]).read_text(encoding="utf-8").replace(old, new)
            _save(store, entry, text, f"fixture:{entry['id']}:{entry['file']}")
    return store


def ingested_db(path: Path) -> Path:
    """`zhaoshang ingest` over the series articles into ``path``."""
    result = CliRunner().invoke(main, ["ingest", str(SERIES), "--db", str(path), "--silent"])
    if result.exit_code != 0:
        raise AssertionError(f"ingest failed: {result.output}")
    return path
