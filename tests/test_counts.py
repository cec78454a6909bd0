"""Counts of projects, firms, contracts, events and trips: table with negatives, properties, gold gate."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.counts import extract_counts
from extractors.metrics import canonical_metric

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "articles"


@pytest.mark.parametrize(
    ("text", "value", "unit", "obj", "approx"),
    [
        ("今年一季度，我市新签约正式合同项目122个、签约金额574.91亿元。", 122, "个", "项目", None),
        ("总投资116亿元的14个重大项目现场签约。", 14, "个", "项目", None),
        ("一季度全市共走出去招商488批次，接待客商574批次。", 488, "批次", None, None),
        ("瞄准100余户头部企业开展精准招商。", 100, "户", "企业", "余"),
        ("今年将开工建设20多个续建项目。", 20, "个", "项目", "多"),
        ("园区今年新开工项目15项，其中产业化项目12项。", 15, "项", "项目", None),
        ("北部新开工和复工项目共33项。", 33, "项", "项目", None),
        ("此次集中开工项目有23个，计划总投资66.1亿元。", 23, "个", "项目", None),
        ("该公司旗下控股企业6家。", 6, "家", "企业", None),
        ("今年以来，全市新签约项目41 个，总投资120亿元。", 41, "个", "项目", None),
        ("当地有近200家中资企业。", 200, "家", "企业", "近"),
        ("全国新设立外商投资企业18497家，同比增长48.6%。", 18497, "家", "企业", None),
        ("上半年新设１２０家外资企业。", 120, "家", "外资企业", None),
        ("新签约58个来自日本、韩国的新设外资项目。", 58, "个", "项目", None),
        ("共签约10余个意向项目。", 10, "个", "项目", "余"),  # 向 of 意向 is no stop word
        ("87个亿元以上重大项目开工。", 87, "个", "项目", None),  # a size class, not 5个亿
        ("引进3个软件和信息服务业项目。", 3, "个", "项目", None),  # 和 joins the object's words
        ("举办招商推介活动12场。", 12, "场", "活动", None),
        ("新签约项目约30个。", 30, "个", "项目", "约"),
        ("共签订投资合同15份。", 15, "份", "合同", None),
        ("市领导带队外出招商30次。", 30, "次", None, None),
        ("引进二十多家企业落户园区。", 20, "家", "企业", "多"),
        ("规模以上工业企业达429户，实现增加值2570亿元。", 429, "户", "企业", None),
        ("共有3家企业签约。", 3, "家", "企业", None),
        ("全市新增市场主体1.2万户。", 12000, "户", "市场主体", None),
    ],
)
def test_counts_found(text: str, value: int, unit: str, obj: str | None, approx: str | None) -> None:
    counts = extract_counts(text)
    assert counts, text
    first = counts[0]
    assert (first.value, first.unit, first.object, first.approx) == (value, unit, obj, approx)
    assert text[first.start : first.end] == first.text
    assert unit in first.text


@pytest.mark.parametrize(
    "text",
    [
        "该项目从开工建设到投产仅用15个月。",  # duration
        "审批时限压缩至3个工作日。",
        "增速比一季度提高0.3个百分点。",  # percentage points
        "建成后可具备年产风力发电机组125套的装配能力。",  # capacity
        "项目占地700多亩，年产能30万千升。",  # area, capacity
        "瞄准世界500强、中国500强企业精准招商。",  # ranks are names
        "这是第3批集中签约项目。",  # ordinal
        "见证了我市与两家企业签订项目合作协议。",  # small Chinese numeral: a back-reference
        "两个项目的签约落地将助推产业发展。",
        "开工建设20个乡镇的油路项目和245个建制村的公路项目。",  # places, not projects
        "全省100个县(市、区)将全部通高速。",
        "全市37个工业行业大类中，30个行业增加值同比增长。",
        "全市畜禽规模化牧场达1184个。",
        "年末固定电话用户60万户，同比下降6.5%。",  # households and subscribers
        "搬迁安置群众500户。",
        "全市共有居民1200户。",
        "联系电话：0546-8881234，邮编257091。",
        "东政发〔2024〕5号文件印发。",
        "2024年3月22日下午举行签约仪式。",
        "同比增长10.4%，占比为45.8%。",
        "循环使用寿命达到700次以上。",
        "今后重庆到广州坐火车将由20多个小时缩短至6个小时。",
        "建成后可直接提供就业岗位2万个。",
        "完成投资1.5个亿。",
        "签约5个亿的项目。",
        "12个市和5个县参加。",
        "全线设有6个上下客站和10个站点。",
        "出台18项政策措施。",
    ],
)
def test_not_counts(text: str) -> None:
    assert extract_counts(text) == []


def test_sub_item_after_qizhong_inherits_object() -> None:
    text = "2021年，列入省级重点项目11个，其中新港园区5个，项目个数占全市的45.8%。"
    counts = extract_counts(text)
    assert [(c.value, c.unit, c.object) for c in counts] == [(11, "个", "项目"), (5, "个", "项目")]


def test_labels_drop_subjects_and_periods() -> None:
    text = "据统计，一季度全市共走出去招商488批次，接待客商574批次；“四新”经济和数字经济项目45个。"
    assert [c.label for c in extract_counts(text)] == ["走出去招商", "接待客商", "“四新”经济和数字经济项目"]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789一二十百两近多余个家户项批次场份宗项目企业客商月，。、的第其中")))
    | st.text()
)
def test_never_raises_and_spans_hold(text: str) -> None:
    for count in extract_counts(text):
        assert text[count.start : count.end] == count.text
        assert isinstance(count.value, int) and count.value > 0


def test_gold_gate_counts() -> None:
    if not GOLD.is_dir():
        pytest.skip("gold articles are not beside the checkout")
    from pipeline.evaluate import evaluate_dir

    report = evaluate_dir(GOLD)
    result = report.to_dict() if hasattr(report, "to_dict") else report
    assert result["fields"]["counts"]["f1"] >= 0.90


@pytest.mark.parametrize(
    ("text", "scopes"),
    [
        ("一季度，全市重点产业链签约项目64个，签约金额323.13亿元；新开工项目60个。", ["重点产业链", "重点产业链"]),
        ("今年新开工项目15项，其中产业化项目12项，加速器项目3项。", [None, "产业化项目", "加速器项目"]),
        ("2021年，列入省级重点项目11个，其中新港园区5个。", [None, "新港园区"]),
        ("我市新签约正式合同项目122个，在建招商项目179个。", [None, None]),
        ("全国新设立外商投资企业3485家。", [None]),
    ],
)
def test_count_scope(text: str, scopes: list[str | None]) -> None:
    assert [c.scope for c in extract_counts(text)] == scopes


@pytest.mark.parametrize(
    ("label", "metric"),
    [
        ("新签约正式合同项目", "签约项目数"),
        ("新签约项目", "签约项目数"),
        ("新开工项目", "开工项目数"),
        ("在建项目", "在建项目数"),
        ("在建招商项目", "在建项目数"),
        ("竣工投产项目", "投产项目数"),
        ("省市重点项目", "重点项目数"),
        ("项目", "项目数"),
        ("走出去招商", "招商活动"),
        ("就业岗位", None),
    ],
)
def test_project_count_metrics_are_distinct(label: str, metric: str | None) -> None:
    assert canonical_metric(label) == metric
