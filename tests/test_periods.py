"""Reporting periods: resolution table (with negatives), fact attachment, properties, gold gate."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.counts import extract_counts
from extractors.facts import Count
from extractors.periods import attach_periods, extract_period, find_mentions, period_label

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "articles"
SERIES = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "series"

APR15 = date(2024, 4, 15)


@pytest.mark.parametrize(
    ("phrase", "published", "label"),
    [
        ("今年一季度", APR15, "2024Q1"),
        ("一季度", APR15, "2024Q1"),
        ("一季度", date(2024, 1, 20), "2023Q1"),  # in January, 一季度 is last year's
        ("第三季度", date(2023, 10, 20), "2023Q3"),
        ("前三季度", date(2023, 10, 20), "2023M01-M09"),
        ("上半年", date(2022, 7, 27), "2022H1"),
        ("下半年", date(2023, 1, 10), "2022H2"),
        ("1-5月", date(2021, 6, 12), "2021M01-M05"),
        ("1—7月", date(2023, 8, 20), "2023M01-M07"),
        ("1至5月", date(2023, 6, 20), "2023M01-M05"),
        ("元至十月份", date(2016, 11, 5), "2016M01-M10"),
        ("2011年1至4月份", date(2011, 5, 4), "2011M01-M04"),
        ("1-3月", APR15, "2024Q1"),  # a run of months that is a quarter gets the quarter label
        ("1-11月", date(2022, 1, 25), "2021M01-M11"),
        ("去年1-11月", date(2022, 1, 25), "2021M01-M11"),
        ("2022年1月", date(2022, 2, 15), "2022-01"),
        ("今年1月", date(2022, 2, 21), "2022-01"),
        ("3月份", date(2011, 6, 24), "2011-03"),
        ("全年", date(2024, 1, 30), "2023"),
        ("今年", date(2011, 3, 24), "2011"),
        ("去年", date(2024, 2, 1), "2023"),
        ("二〇二三年", None, "2023"),
        ("2012年", None, "2012"),
        ("2011年度", None, "2011"),
        ("今年以来", APR15, "2024Q1"),  # January to the month before publication
        ("今年以来", date(2024, 6, 5), "2024M01-M05"),
        ("首季", APR15, "2024Q1"),
        ("前5个月", date(2023, 6, 10), "2023M01-M05"),
    ],
)
def test_period_phrases_resolve(phrase: str, published: date | None, label: str) -> None:
    labels = [m.label for m in find_mentions(phrase, published) if m.label]
    assert labels == [label]


@pytest.mark.parametrize(
    ("phrase", "published"),
    [
        ("3月22日下午", APR15),  # a date
        ("计划6月底完成", APR15),  # a point in time
        ("2009年7月29日", APR15),
        ("之前8月6日", APR15),
        ("阳春四月", APR15),  # literary month name
        ("工期15个月", APR15),  # a duration
        ("连续3年", APR15),
        ("“十四五”期间", APR15),
        ("今年初", APR15),
        ("2011年开始", APR15),
        ("2011年是开局之年", APR15),
        ("同比增长10.4%", APR15),
        ("今年一季度", None),  # relative period with nothing to resolve it against
        ("电话0546-8881234", APR15),
        ("〔2024〕5号", APR15),
    ],
)
def test_not_periods(phrase: str, published: date | None) -> None:
    assert [m.label for m in find_mentions(phrase, published) if m.label] == []


@pytest.mark.parametrize(
    ("text", "published", "label"),
    [
        ("今年一季度，我市新签约项目122个、签约金额574.91亿元。", APR15, "2024Q1"),
        ("1-5月，全国新设立外商投资企业18497家，同比增长48.6%。", date(2021, 6, 12), "2021M01-M05"),
        ("上半年全市实现地区生产总值1228亿元，同比增长1.5%，比一季度提高0.3个百分点。", date(2016, 7, 20), "2016H1"),
        # a comparison base (比一季度) never wins over the period the figures are for
        ("上半年固定资产投资增长5.9%，比一季度提升3.6个百分点，比去年全年提升2个百分点。", date(2022, 7, 27), "2022H1"),
        # negatives: no period, only plans, background history or other subjects
        ("市委书记会见了客商代表，双方就合作进行了深入交流。", APR15, None),
        ("该项目计划明年投产，预计年产值50亿元。", APR15, None),
        ("2009年，广州汽车产量首次突破100万辆，比2000年增长了30倍。", date(2011, 7, 29), None),
        ("今年上半年奇瑞汽车出口巴西累计达18000辆，同比增长321%。", date(2011, 7, 21), None),
        ("项目计划于今年8月进入试产。", date(2011, 6, 27), None),
        ("今年的6月16日是父亲节。", None, None),
    ],
)
def test_main_period(text: str, published: date | None, label: str | None) -> None:
    period = extract_period(text, published)
    assert (period.label if period else None) == label
    if period is not None:
        assert text[period.start : period.end] == period.text


def test_period_bounds_and_cumulative_flag() -> None:
    period = extract_period("2021年1-5月，全国实际使用外资金额4810亿元人民币，同比增长35.4%。", date(2021, 6, 12))
    assert period is not None
    assert (period.first_day, period.last_day, period.cumulative) == ("2021-01-01", "2021-05-31", True)
    quarter = extract_period("一季度全市完成固定资产投资63.8亿元，同比增长6.6%。", date(2017, 4, 20))
    assert quarter is not None
    assert (quarter.first_day, quarter.last_day, quarter.cumulative) == ("2017-01-01", "2017-03-31", False)


@pytest.mark.parametrize(
    ("year", "first", "last", "label"),
    [(2024, 1, 12, "2024"), (2024, 1, 6, "2024H1"), (2024, 7, 12, "2024H2"), (2024, 4, 6, "2024Q2"),
     (2024, 5, 5, "2024-05"), (2024, 1, 5, "2024M01-M05"), (2024, 2, 4, "2024M02-M04")],
)  # fmt: skip
def test_period_label(year: int, first: int, last: int, label: str) -> None:
    assert period_label(year, first, last) == label


def test_attach_periods_same_sentence_previous_year_and_fallback() -> None:
    text = (
        "今年一季度，全市新签约项目122个。去年同期，全市新签约项目98个。"
        "2023年，全市新签约项目400个。\n市领导赴外地拜访企业30家。"
    )
    counts = extract_counts(text)
    attach_periods(text, APR15, counts)
    assert [(c.value, c.period) for c in counts] == [(122, "2024Q1"), (98, "2023Q1"), (400, "2023"), (30, "2024Q1")]


def test_attach_periods_carries_through_paragraph_not_past_it() -> None:
    text = "1-11月，全市引进企业120家；其中，外资企业30家。\n全市新签约项目50个。"
    counts = extract_counts(text)
    attach_periods(text, date(2022, 1, 25), counts)
    assert [c.period for c in counts] == ["2021M01-M11", "2021M01-M11", "2021M01-M11"]
    facts = [Count(value=1, unit="个", text="x", start=0, end=1)]
    attach_periods("", None, facts)
    assert facts[0].period is None


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("今年去一二三四季度上半1-5月至全以来同期0123456789年，。、项目个家亿元%\n比较第"))
    )
    | st.text()
)
def test_never_raises_and_spans_hold(text: str) -> None:
    for published in (None, date(2024, 1, 5), date(2024, 12, 31)):
        period = extract_period(text, published)
        if period is not None:
            assert text[period.start : period.end] == period.text
        for mention in find_mentions(text, published):
            assert text[mention.start : mention.end] == mention.text
        counts = extract_counts(text)
        attach_periods(text, published, counts)


@pytest.mark.parametrize(
    ("name", "label"),
    [("china-fdi-national-006", "2021M01-M05"), ("china-fdi-national-007", "2022-01"), ("daqing-fai-003", "2012"),
     ("daqing-fai-005", "2017Q1"), ("shenzhen-fai-002", "2022H1"), ("hainan-fdi-008", "2022-01"),
     ("guangdong-fai-009", "2021M01-M02")],
)  # fmt: skip
def test_series_articles(name: str, label: str) -> None:
    if not SERIES.is_dir():
        pytest.skip("shared corpus is not beside the checkout")
    meta = json.loads((SERIES / f"{name}.meta.json").read_text(encoding="utf-8"))
    published = date.fromisoformat(meta["published"]) if meta.get("published") else None
    period = extract_period((SERIES / f"{name}.txt").read_text(encoding="utf-8"), published)
    assert period is not None and period.label == label


def test_gold_gate_period() -> None:
    if not GOLD.is_dir():
        pytest.skip("gold articles are not beside the checkout")
    from pipeline.evaluate import evaluate_dir

    report = evaluate_dir(GOLD)
    result = report.to_dict() if hasattr(report, "to_dict") else report
    assert result["fields"]["period"]["f1"] >= 0.90
