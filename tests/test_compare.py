"""Period arithmetic, headline metrics, comparison tables and consistency checks on real figures.

Figures come from the real series articles in tests/fixtures/series: hand-copied facts
(curated.json, written through the Store API) and the pipeline's own `zhaoshang ingest`.
"""

from __future__ import annotations

import io
import json
import math
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from series_db import curated_store, ingested_db

from pipeline.cli_compare import compare
from pipeline.compare import UnknownMetric, compare_table, headline_metrics, wide_table
from pipeline.consistency import check_growth, check_subtotals, half_unit
from pipeline.periods_math import (
    PeriodLabelError,
    Span,
    canonical,
    derive_quarters,
    parse_label,
    previous_period,
    same_period_last_year,
)
from pipeline.store import Store


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return curated_store(tmp_path_factory.mktemp("curated") / "c.db")


def _variant(tmp_path: Path, *names: str) -> Store:
    return curated_store(tmp_path / "v.db", variants=names)


def _cell(cells: pd.DataFrame, city: str, period: str) -> pd.Series:
    rows = cells[(cells["city"] == city) & (cells["period"] == period)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# -- period labels ---------------------------------------------------------------------------

@pytest.mark.parametrize(("label", "span", "kind"), [
    ("2024", Span(2024, 1, 12), "year"),
    ("2024H2", Span(2024, 7, 12), "half"),
    ("2024Q3", Span(2024, 7, 9), "quarter"),
    ("2024-05", Span(2024, 5, 5), "month"),
    ("2021M01-M11", Span(2021, 1, 11), "months"),
    ("2024M01-M06", Span(2024, 1, 6), "half"),
])
def test_parse_label(label: str, span: Span, kind: str) -> None:
    assert parse_label(label) == span
    assert parse_label(label).kind == kind


@pytest.mark.parametrize("label", ["2024Q5", "2024-13", "2024M05-M03", "", "24Q1", "2024H3", "一季度"])
def test_parse_label_rejects(label: str) -> None:
    with pytest.raises(PeriodLabelError):
        parse_label(label)


@pytest.mark.parametrize(("label", "expected"), [
    ("2024M01-M03", "2024Q1"), ("2024M01-M06", "2024H1"), ("2024M01-M12", "2024"),
    ("2024M05-M05", "2024-05"), ("2024M01-M05", "2024M01-M05"), ("2024Q2", "2024Q2"),
])
def test_canonical(label: str, expected: str) -> None:
    assert canonical(label) == expected


@pytest.mark.parametrize(("label", "last_year", "previous"), [
    ("2024Q1", "2023Q1", "2023Q4"),
    ("2024Q3", "2023Q3", "2024Q2"),
    ("2024H1", "2023H1", "2023H2"),
    ("2024-01", "2023-01", "2023-12"),
    ("2024-06", "2023-06", "2024-05"),
    ("2024M01-M05", "2023M01-M05", None),
    ("2024", "2023", None),
])
def test_shifts(label: str, last_year: str, previous: str | None) -> None:
    assert same_period_last_year(label) == last_year
    assert previous_period(label) == previous


@pytest.mark.parametrize(("stated", "expected"), [
    # 大庆 2016: Q1 from the 2017Q1 bulletin (626.9 − 73.5), H1 from the 2016 first-half analysis.
    ({"2016Q1": "553.4", "2016H1": "1228"}, {"2016Q2": "674.6"}),
    ({"2016M01-M03": "553.4", "2016M01-M06": "1228", "2016M01-M09": "1900", "2016": "2700"},
     {"2016Q2": "674.6", "2016Q3": "672", "2016Q4": "800"}),
    ({"2016H1": "1228"}, {}),  # no Q1: nothing to subtract
    ({"2016Q1": "553.4", "2016Q2": "600", "2016H1": "1228"}, {}),  # stated quarters are never overwritten
    ({"2016Q1": "553.4", "2017H1": "1228"}, {}),  # different years do not combine
])
def test_derive_quarters(stated: dict[str, str], expected: dict[str, str]) -> None:
    derived = derive_quarters({k: Decimal(v) for k, v in stated.items()})
    assert {d.label: d.value for d in derived} == {k: Decimal(v) for k, v in expected.items()}


# -- headline metrics and the comparison table ------------------------------------------------

def test_yoy_on_real_monthly_series(curated: Store) -> None:
    cells = compare_table(curated, "实际使用外资")
    assert _cell(cells, "全国", "2018-01")["display"] == pytest.approx(803.6)
    assert _cell(cells, "全国", "2018-01")["yoy_pct"] == pytest.approx((803.6 / 801 - 1) * 100)
    assert _cell(cells, "全国", "2020-01")["yoy_pct"] == pytest.approx((875.7 / 841.8 - 1) * 100)
    assert math.isnan(_cell(cells, "全国", "2017-01")["yoy_pct"])  # 2016-01 is not in the database
    assert math.isnan(_cell(cells, "全国", "2022-01")["yoy_pct"])  # neither is 2021-01


def test_headline_prefers_cny_and_counts_one_article_once(curated: Store) -> None:
    cell = _cell(compare_table(curated, "实际使用外资"), "全国", "2022-01")
    assert cell["display"] == pytest.approx(1022.8)  # not the 158.4亿美元 of the same sentence
    assert cell["currency"] == "CNY"
    assert cell["n_sources"] == 1  # stated twice in one article


def test_derived_quarter_and_qoq(curated: Store) -> None:
    cells = compare_table(curated, "地区生产总值", cities=["大庆市"])
    q2 = _cell(cells, "大庆市", "2016Q2")
    assert q2["derived"] and q2["derived_from"] == "2016H1 − 2016Q1"
    assert q2["display"] == pytest.approx(674.6)
    assert q2["qoq_pct"] == pytest.approx((674.6 / 553.4 - 1) * 100)
    assert not _cell(cells, "大庆市", "2016H1")["derived"]
    assert _cell(cells, "大庆市", "2017Q1")["yoy_pct"] == pytest.approx((626.9 / 553.4 - 1) * 100)


def test_filters_period_and_vs(curated: Store) -> None:
    cells = compare_table(curated, "地区生产总值", period="2017Q1", vs="2016Q1")
    assert list(cells["city"]) == ["大庆市"]
    assert cells.iloc[0]["vs_pct"] == pytest.approx((626.9 / 553.4 - 1) * 100)
    other = compare_table(curated, "社会消费品零售总额", cities=["深圳市"])
    assert list(other["period"]) == ["2021M01-M11", "2022H1"]
    assert list(other["display"]) == pytest.approx([8641.70, 4483])


def test_unknown_metric_lists_metrics(curated: Store) -> None:
    with pytest.raises(UnknownMetric, match="签约金额"):
        compare_table(curated, "不存在的指标")


@pytest.mark.parametrize(("variants", "values", "conflict", "sources"), [
    ((), [574.91], False, [1]),
    (("reprint-verbatim",), [574.91], False, [2]),  # agreeing reprint: one value, two sources
    (("reprint-typo-total",), [574.91, 574.19], True, [1, 1]),
])
def test_conflicts_are_flagged_not_resolved(tmp_path: Path, variants: tuple[str, ...], values: list[float],
                                            conflict: bool, sources: list[int]) -> None:
    cells = compare_table(_variant(tmp_path, *variants), "签约金额")
    assert sorted(cells["display"]) == pytest.approx(sorted(values))
    assert set(cells["conflict"]) == {conflict}
    assert sorted(cells["n_sources"]) == sources


def test_scoped_figures_are_not_headlines(curated: Store) -> None:
    heads = headline_metrics(curated, "签约金额")
    assert list(heads["value"]) == [57491000000]  # 323.13亿 (重点产业链) is a sub-figure


# -- consistency -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "half"), [
    ("803.6亿元人民币", 80360000000, 5e6), ("801亿元人民币", 80100000000, 5e7),
    ("同比增长10.4%", 10.4, 0.05), ("同比增长4%", 4, 0.5), ("近百亿元", 1e10, 0.0),
])
def test_half_unit(text: str, value: float, half: float) -> None:
    assert half_unit(text, value) == pytest.approx(half)


def test_stated_growth_checked_against_last_year(curated: Store) -> None:
    checks = check_growth(curated).set_index(["city", "period", "metric"])
    for month in ("2018-01", "2019-01", "2020-01"):  # 商务部 January series: rounding only
        assert checks.loc[("全国", month, "实际使用外资"), "consistent"]
    # 大庆 2017Q1 GDP: 同比增长2% at comparable prices vs +13.3% in current prices: reported.
    gdp = checks.loc[("大庆市", "2017Q1", "地区生产总值")]
    assert not gdp["consistent"]
    assert gdp["implied_pct"] == pytest.approx((626.9 / 553.4 - 1) * 100)
    assert ("东营市", "2024Q1", "到位资金") not in checks.index  # 2023Q1 unknown: not checkable


@pytest.mark.parametrize(("variants", "flagged"), [((), 0), (("reprint-typo-subtotal",), 1)])
def test_subfigures_larger_than_total(tmp_path: Path, variants: tuple[str, ...], flagged: int) -> None:
    report = check_subtotals(_variant(tmp_path, *variants))
    assert len(report) == flagged
    if flagged:
        assert report.iloc[0]["scope"] == "重点产业链" and report.iloc[0]["total"] == 57491000000


# -- the CLI -----------------------------------------------------------------------------------

def test_cli_csv_json_and_explain_match_table(curated: Store) -> None:
    db = ["--db", str(curated.path)]
    cells = compare_table(curated, "实际使用外资")
    run = CliRunner().invoke(compare, ["--metric", "实际使用外资", "--format", "csv", *db])
    assert run.exit_code == 0
    back = pd.read_csv(io.StringIO(run.output))
    assert list(back["period"]) == list(cells["period"])
    assert list(back["display"]) == pytest.approx(list(cells["display"]))
    run = CliRunner().invoke(compare, ["--metric", "实际使用外资", "--format", "json", *db])
    assert [r["display"] for r in json.loads(run.output)] == pytest.approx(list(cells["display"]))
    run = CliRunner().invoke(compare, ["--metric", "地区生产总值", "--explain", *db])
    for sentence in compare_table(curated, "地区生产总值")["sentence"].dropna():
        assert sentence in run.output
    assert "derived: 2016H1 − 2016Q1" in run.output
    table = CliRunner().invoke(compare, ["--metric", "实际使用外资", *db]).output
    assert "803.60 (+0.3%)" in table and "sources:" in table


@pytest.mark.parametrize(("args", "message"), [
    (["--metric", "nope"], "metrics in this database"),
    (["--metric", "签约金额", "--period", "2024Q5"], "--period"),
    (["--metric", "签约金额", "--vs", "last year"], "--vs"),
    (["--metric", "签约金额", "--city", "火星市"], "no whole-city figures"),
])
def test_cli_errors_are_one_line(curated: Store, args: list[str], message: str) -> None:
    run = CliRunner().invoke(compare, [*args, "--db", str(curated.path)])
    assert run.exit_code == 1
    assert message in run.output and "Traceback" not in run.output
    assert len(run.output.strip().splitlines()) == 1


def test_cli_missing_database(tmp_path: Path) -> None:
    run = CliRunner().invoke(compare, ["--metric", "签约金额", "--db", str(tmp_path / "none.db")])
    assert run.exit_code == 1 and "does not exist" in run.output
    assert not (tmp_path / "none.db").exists()


# -- the real pipeline ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store(ingested_db(tmp_path_factory.mktemp("ingested") / "i.db"), create=False)


def test_ingested_headlines_carry_their_evidence(ingested: Store) -> None:
    heads = headline_metrics(ingested)
    assert heads["city"].nunique() >= 2 and heads["period"].nunique() >= 2
    texts = dict(ingested.db.execute("select id, text from articles").fetchall())
    for row in heads.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text


@pytest.mark.parametrize(("metric", "city", "period", "yi"), [
    ("签约金额", "东营市", "2024Q1", 574.91),
    ("固定资产投资", "大庆市", "2017Q1", 63.8),
    ("地区生产总值", "深圳市", "2022H1", 15000),
])
def test_ingested_comparison_values(ingested: Store, metric: str, city: str, period: str, yi: float) -> None:
    cells = compare_table(ingested, metric, cities=[city], period=period)
    assert list(cells["display"]) == pytest.approx([yi])


def test_a_projects_own_investment_is_not_a_city_headline(tmp_path) -> None:
    """金雷…项目总投资25亿元 is the project's figure; the city's 总投资 is the other one."""
    from decimal import Decimal as D

    from extractors.facts import Amount, Facts, Period, Project
    from pipeline.article import Article
    from pipeline.compare import headline_metrics
    from pipeline.store import Store

    text = "一季度，全市重点项目完成总投资300亿元。金雷新能源海上风电核心部件数字化制造项目总投资25亿元。"
    city_total = Amount(value=D("3e10"), currency="CNY", text="300亿元", start=14, end=20, label="总投资",
                        metric="总投资", period="2024Q1")
    project_total = Amount(value=D("2.5e9"), currency="CNY", text="25亿元", start=text.index("25亿元"),
                           end=text.index("25亿元") + 5, label="总投资", metric="总投资", period="2024Q1")
    project = Project(name="金雷新能源海上风电核心部件数字化制造项目", start=21, end=41, investment=D("2.5e9"),
                      currency="CNY")
    store = Store(tmp_path / "p.db")
    facts = Facts(period=Period("2024Q1", "2024-01-01", "2024-03-31"), city="东营市",
                  amounts=[city_total, project_total], projects=[project])
    store.save_article(Article(text=text, published="2024-04-15", city="东营市"), facts)
    values = headline_metrics(store, "总投资")["value"].tolist()
    assert values == [3e10]


def test_national_series_yoy_and_mixed_units(ingested: Store) -> None:
    """全国 (a national report, 亿元) beside 海南省 (亿美元): YoY only within one unit, units in every cell."""
    cells = compare_table(ingested, "实际使用外资")
    national = cells[cells["city"] == "全国"].set_index("period")
    assert national.loc["2018-01", "yoy_pct"] == pytest.approx((803.6 / 801 - 1) * 100)
    assert set(cells.loc[cells["city"] == "海南省", "unit"]) == {"亿美元"}
    wide = wide_table(cells)
    assert wide.loc["全国", "2018-01"] == "803.60亿元 (+0.3%)"
    assert wide.loc["海南省", "2022-01"].startswith("3.29亿美元")
