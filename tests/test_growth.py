"""Growth rates: signed values, basis, 翻番, percentage points — and shares that are not growth."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.growth import extract_growth

# (sentence, [(value_pct, basis, points)])
GROWTH = [
    ("到位资金189.33亿元、同比增长10.4%", [("10.4", "同比", False)]),
    ("合同利用外资同比增长203 %", [("203", "同比", False)]),  # a space before the sign
    ("社会消费品零售总额同比下降0.5%", [("-0.5", "同比", False)]),
    ("存货余额环比上涨15.6%", [("15.6", "环比", False)]),
    ("全国微车市场销售同比下滑5.2%", [("-5.2", "同比", False)]),
    ("能繁母猪存栏量同比下跌2.69%", [("-2.69", "同比", False)]),
    ("全年地区生产总值比上年增长10%", [("10", "同比", False)]),
    ("较2019年同期增长12.4%", [("12.4", "同比", False)]),
    ("万科存货余额同比增长了46%", [("46", "同比", False)]),
    ("奇瑞汽车出口巴西同比增长321％", [("321", "同比", False)]),
    ("城镇居民收入五年翻番", [("100", None, False)]),
    ("经济总量翻两番", [("300", None, False)]),
    ("汽车产量增长了30倍", [("3000", None, False)]),
    ("工业、投资、消费同比增长均超三成", [("30", "同比", False)]),
    ("研发投入占比提高5个百分点", [("5", None, True)]),
    ("增速高于全省平均水平3.8个百分点", [("3.8", None, True)]),
    ("增速低于全国1.2个百分点", [("-1.2", None, True)]),
    ("四家公司的存货余额环比2010年末分别上涨15.6%、14.9%、13.1%和5.4%。",
     [("15.6", "环比", False), ("14.9", "环比", False), ("13.1", "环比", False), ("5.4", "环比", False)]),
    ("库存余额环比增长都在30%以上", [("30", "环比", False)]),
    ("规模以上工业增加值平均增速为7.35%", [("7.35", None, False)]),
    # negatives: shares, levels and other percentages are not growth
    ("占行业库存总额的42%", []),
    ("第二产业增加值比重为80.9%", []),
    ("三项合计占存货总额99%以上", []),
    ("综合税率为25%", []),
    ("持股比例51%，其中占比35%", []),
    ("投资完成率提高到95%", []),
    ("下降1811亿元", []),
    ("增加就业岗位2万个", []),
    ("联系电话0546-8331234", []),
    ("2024年3月22日", []),
    ("", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), GROWTH)
def test_extract_growth(text: str, expected: list[tuple[str, str | None, bool]]) -> None:
    got = [(g.value_pct, g.basis, g.points) for g in extract_growth(text)]
    assert got == [(Decimal(v), b, p) for v, b, p in expected]


@pytest.mark.parametrize(
    ("text", "of"),
    [
        ("5年共完成中央投资260.89亿元，同比增长77％", "中央投资"),
        ("今年一季度，到位资金189.33亿元、同比增长10.4%", "到位资金"),
        ("全市固定资产投资同比下降0.6%", "固定资产投资"),
    ],
)
def test_of_names_the_measure(text: str, of: str) -> None:
    (growth,) = extract_growth(text)
    assert growth.of == of


def test_metric_is_canonical() -> None:
    (growth,) = extract_growth("实际到位资金50亿元，同比增长8%")
    assert growth.metric == "到位资金"


_GROWTHISH = st.sampled_from(list("0123456789.%％、和同比环增长下降了翻番倍成个百分点高于低于占比为，。一二三十"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(_GROWTHISH, max_size=40).map("".join)))
def test_never_raises_and_spans_hold(text: str) -> None:
    for growth in extract_growth(text):
        assert text[growth.start : growth.end] == growth.text
        assert isinstance(growth.value_pct, Decimal)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("餐饮收入降幅比一季度收窄5.9个百分点", Decimal("5.9")),  # a narrowing decline is a rise
        ("出口降幅扩大2个百分点", Decimal("-2")),
        ("增幅收窄1.2个百分点", Decimal("-1.2")),  # negative row: a growth rate that narrows falls
        ("增速比一季度提高2个百分点", Decimal("2")),
    ],
)
def test_narrowing_and_widening_declines(text: str, value: Decimal) -> None:
    (growth,) = extract_growth(text)
    assert growth.value_pct == value and growth.points
