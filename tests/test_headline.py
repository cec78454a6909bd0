"""The headline_facts view: one rule for what counts as a whole-city figure, in SQL and in pandas.

Built from the real 东营 2024Q1 article through the real pipeline (extract + Store on a SQLite file).
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from extractors import extract
from pipeline.article import Article
from pipeline.compare import compare_table, headline_metrics, wide_table
from pipeline.store import Store
from pipeline.views import HEADLINE_VIEW

DONGYING = Path(__file__).parent / "fixtures" / "articles" / "dongying-2024q1-zhaoshang.txt"


def _save(store: Store, text: str, key: str, period: str | None = None) -> None:
    facts = extract(text, published=date(2024, 4, 15), city="东营市")
    if period:  # as an older extractor or an import would have written it
        facts = replace(facts, amounts=[replace(a, period=period) if a.period else a for a in facts.amounts])
    store.save_article(Article(text=text, title="我市一季度招商引资工作实现“开门红”", published="2024-04-15",
                               url=key, city="东营市"), facts)


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "headline.db")
    _save(store, DONGYING.read_text(encoding="utf-8"), "fixture:dongying")
    return store


def _view(store: Store, metric: str) -> list[dict]:
    return store.rows(f"select * from {HEADLINE_VIEW} where metric = ? order by start", [metric])


def test_view_holds_only_whole_city_figures(store: Store) -> None:
    values = [r["value"] for r in _view(store, "签约金额")]
    assert values == [57491000000.0]  # 重点产业链, 500强 and 四新 subsets carry a scope
    assert all(r["value"] != 11600000000.0 for r in _view(store, "总投资"))  # the 14 projects' batch total


def test_stated_yoy_is_the_growth_written_after_the_figure(store: Store) -> None:
    (funds,) = [r for r in _view(store, "到位资金") if r["value"] == 18933000000.0]
    assert funds["stated_yoy_pct"] == pytest.approx(10.4)
    (signed,) = _view(store, "签约金额")
    assert signed["stated_yoy_pct"] is None  # 签约金额574.91亿元，在建招商项目179个…: a figure in between


def test_compare_shows_stated_yoy_apart_from_computed(store: Store) -> None:
    cells = compare_table(store, "到位资金")
    row = cells[cells["period"] == "2024Q1"].iloc[0]
    assert math.isnan(row["yoy_pct"]) and row["stated_yoy_pct"] == pytest.approx(10.4)
    assert wide_table(cells).loc["东营市", "2024Q1"] == "189.33 [+10.4%]"


def test_runs_of_months_fold_into_quarters(tmp_path: Path) -> None:
    store = Store(tmp_path / "runs.db")
    _save(store, DONGYING.read_text(encoding="utf-8"), "fixture:as-run", period="2024M01-M03")
    (row,) = _view(store, "签约金额")
    assert (row["period"], row["period_as_written"]) == ("2024Q1", "2024M01-M03")
    cells = headline_metrics(store, "签约金额")
    assert list(cells["period"]) == ["2024Q1"]
    sql = store.rows("select period from headline_facts where metric = '签约金额'")
    assert sql == [{"period": "2024Q1"}]


def test_view_follows_a_changed_definition(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Store(path).close()
    store = Store(path)
    store.db.execute(f"drop view {HEADLINE_VIEW}")
    store.db.execute(f"create view {HEADLINE_VIEW} as select 1 as stale")
    store.close()
    reopened = Store(path)
    assert "stated_yoy_pct" in {c.name for c in reopened.db[HEADLINE_VIEW].columns}


@pytest.mark.parametrize(("city", "scope"), [("深圳市", None), ("广东省", "深圳")])
def test_a_scope_naming_the_articles_own_city_is_cleared(city: str, scope: str | None) -> None:
    facts = extract("2021年深圳GDP突破3万亿元。", city=city)
    assert [a.scope for a in facts.amounts] == [scope]
