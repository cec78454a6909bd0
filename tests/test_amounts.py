"""Money amounts: values, ranges, currencies, qualifiers, labels, and what is not money."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.amounts import extract_amounts
from extractors.metrics import MetricVocabularyError, canonical_metric, parse_vocabulary

# (sentence, [(value, value_max, currency)]) — every amount the sentence holds, in order.
AMOUNTS = [
    ("今年一季度，我市签约金额574.91亿元。", [("57491000000", None, "CNY")]),
    ("总投资1.2万亿元的项目", [("1200000000000", None, "CNY")]),
    ("计划投资12000万元", [("120000000", None, "CNY")]),
    ("项目总投资一百二十亿元", [("12000000000", None, "CNY")]),
    ("注册资本3亿2000万元", [("320000000", None, "CNY")]),
    ("到位资金16.4亿元", [("1640000000", None, "CNY")]),
    ("合同金额601,293.11元", [("601293.11", None, "CNY")]),
    ("中标价82，225.00元", [("82225", None, "CNY")]),
    ("预计投资金额约为２．０３亿元、８１３７万元", [("203000000", None, "CNY"), ("81370000", None, "CNY")]),
    ("采购价值2500亿元人民币", [("250000000000", None, "CNY")]),
    ("人民币5亿元", [("500000000", None, "CNY")]),
    ("投资总额达6亿美元", [("600000000", None, "USD")]),
    ("计划投资220亿日元", [("22000000000", None, "JPY")]),
    ("投资3000万欧元", [("30000000", None, "EUR")]),
    ("奖励两到三万港元", [("20000", "30000", "HKD")]),
    ("补贴5000万港币", [("50000000", None, "HKD")]),
    ("年可实现交易额200亿-250亿元", [("20000000000", "25000000000", "CNY")]),
    ("年上交税收6-8亿元", [("600000000", "800000000", "CNY")]),
    ("总投资50亿至100亿元", [("5000000000", "10000000000", "CNY")]),
    ("补助1万(含)-5万元", [("10000", "50000", "CNY")]),
    ("财政收入不过一二百万元", [("1000000", "2000000", "CNY")]),
    ("总投资近百亿元", [("10000000000", None, "CNY")]),
    ("总投资超过75亿元", [("7500000000", None, "CNY")]),
    ("计划总投资200多亿元", [("20000000000", None, "CNY")]),
    ("力争完成投资10亿元以上、开工建设20个项目", [("1000000000", None, "CNY")]),
    ("新兴乡财政收入突破千万元大关", [("10000000", None, "CNY")]),
    ("青岛啤酒揭阳公司总投资数亿元", [("100000000", None, "CNY")]),
    ("经营活动产生的现金流为-535.9亿元", [("-53590000000", None, "CNY")]),
    ("年产值有望达到1000亿。", [("100000000000", None, "CNY")]),
    ("中粮计划在天津投资120亿，建设基地", [("12000000000", None, "CNY")]),
    ("房价每平方米达到5000元左右", [("5000", None, "CNY")]),
    ("实际使用外资3.29亿美元，同比增长54.16%", [("329000000", None, "USD")]),
    # negatives: not money
    ("年产160万千瓦大型海上风机", []),
    ("建设25万吨/年混合烷烃脱氢项目", []),
    ("最大30MW海上风电机组", []),
    ("占地700多亩，总建筑面积约4万平方米", []),
    ("接待客商574批次，提供就业岗位2万个", []),
    ("吸纳就业1.2万人，投资增长12%", []),
    ("同比增长10.4%，占比35%", []),
    ("联系电话：0546-8331234，邮编257091", []),
    ("2024年3月22日下午，会议召开", []),
    ("东政发〔2024〕5号文件", []),
    ("瞄准世界500强、中国500强企业", []),
    ("新签约亿元以上项目35个", []),
    ("10亿元以上项目12个", []),
    ("元旦期间，多元化发展，三元集团", []),
    ("投资120家企业", []),
    ("总投资过百亿级的产业集群", []),
    ("", []),
]


def _triples(text: str) -> list[tuple[Decimal, Decimal | None, str]]:
    return [(a.value, a.value_max, a.currency) for a in extract_amounts(text)]


@pytest.mark.parametrize(("text", "expected"), AMOUNTS)
def test_extract_amounts(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    want = [(Decimal(v), Decimal(m) if m else None, c) for v, m, c in expected]
    assert _triples(text) == want


@pytest.mark.parametrize(
    ("text", "approx"),
    [
        ("总投资近10亿元", "近"),
        ("目前已投资约3亿元", "约"),
        ("总投资超过100亿元", "超过"),
        ("投资逾5亿元", "逾"),
        ("投资200多亿元", "多"),
        ("投资20余亿元", "余"),
        ("投资10亿元以上", "以上"),
        ("房价5000元左右", "左右"),
        ("投资不到1亿元", "不到"),
        ("投资不少于5000万元", "不少于"),
        ("投资5亿元", None),
        ("投资额达6亿美元", None),
        # the 约 of 签约 (signed) is no 约 (about); the evidence starts at the number
        ("现场签约5亿元", None),
        ("共签约约5亿元", "约"),
    ],
)
def test_approx_qualifier(text: str, approx: str | None) -> None:
    (amount,) = extract_amounts(text)
    assert amount.approx == approx
    assert amount.text == text[amount.start : amount.end]
    if "签约" in text and approx is None:
        assert amount.text.startswith("5")  # the evidence opens with the number, not with 约


def test_space_between_digits_and_multiplier() -> None:
    (amount,) = extract_amounts("1-7月，全县新签约项目41个，协议总投资 105 亿元。")
    assert (amount.value, amount.text, amount.label) == (Decimal("10500000000"), "105 亿元", "协议总投资")


# A range with the unit written on both ends is one amount; two amounts falling are not a range.
@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("投资10亿元至50亿元的项目62个", [("10亿元至50亿元", "1000000000", "5000000000")]),
        ("投资50亿元-100亿元", [("50亿元-100亿元", "5000000000", "10000000000")]),
        ("从2亿元到1亿元", [("2亿元", "200000000", None), ("1亿元", "100000000", None)]),
        ("投资5亿元至3亿美元", [("5亿元", "500000000", None), ("3亿美元", "300000000", None)]),
    ],
)
def test_range_with_unit_on_both_ends(text: str, spans: list[tuple[str, str, str | None]]) -> None:
    got = [(a.text, str(a.value), str(a.value_max) if a.value_max is not None else None) for a in extract_amounts(text)]
    assert got == spans


LABELS = [
    ("今年一季度，我市新签约正式合同项目122个、签约金额574.91亿元", "签约金额", "签约金额"),
    ("在建招商项目179个，到位资金189.33亿元、同比增长10.4%", "到位资金", "到位资金"),
    ("新开工投资项目7个，到位金额10.06亿元。", "到位金额", "到位资金"),
    ("总投资116亿元的14个重大项目现场签约", "总投资", "总投资"),
    ("开工建设，计划总投资102.09亿元，总建筑面积", "计划总投资", "总投资"),
    ("该项目一期项目总投资45亿元", "总投资", "总投资"),
    ("2008年以来累计完成投资73.69亿元。", "累计完成投资", "完成投资"),
    ("今年将完成公路建设投资85亿元，加快推进", "公路建设投资", None),
    ("5年共完成中央投资260.89亿元", "中央投资", None),
    ("全年实际使用外资5亿美元，同比增长19%", "实际使用外资", "实际使用外资"),
    ("预计年销售收入将达到4.8亿元", "年销售收入", "销售额"),
    ("今年韩国电动车用蓄电池需求量约为210亿美元，明年将达到320亿美元。", "需求量", None),
    ("批准2007年末国债余额限额调整为53365.53亿元。", "国债余额限额", None),
    ("会议决定：批准发行15500亿元特别国债", None, None),
    ("环比2010年末下降1811亿元。", None, None),
    # annual plans and agreements keep their qualifier; 本年度 is a time word, not part of the label
    ("总投资84.12亿元，年度计划投资24.12亿元", "年度计划投资", None),
    ("预计本年度完成投资21.31亿元", "完成投资", "完成投资"),
    ("签约项目12个，协议资金43.1亿元", "协议资金", "签约金额"),
]


@pytest.mark.parametrize(("text", "label", "metric"), LABELS)
def test_label_and_metric(text: str, label: str | None, metric: str | None) -> None:
    amounts = extract_amounts(text)
    assert amounts, text
    assert amounts[-1].label == label
    assert amounts[-1].metric == metric


def test_label_carries_over_a_list() -> None:
    text = "以上三项目预计投资金额分别约为２．０３亿元、８１３７万元、１．２５亿元，合计约为４．０９亿元。"
    labels = [a.label for a in extract_amounts(text)]
    assert labels == ["投资金额", "投资金额", "投资金额", "合计"]


def test_evidence_spans_point_into_the_text() -> None:
    text = "一季度，全市重点产业链签约项目64个，签约金额323.13亿元；新开工项目60个，到位资金56.78亿元。"
    amounts = extract_amounts(text)
    assert [a.text for a in amounts] == ["323.13亿元", "56.78亿元"]
    assert all(text[a.start : a.end] == a.text for a in amounts)


_MONEYISH = st.sampled_from(
    list("0123456789.,，-～至到一二两三十百千万亿元美港币人民约近超逾多余以上左右投资总额为的、，。%亩吨（含）")
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(_MONEYISH, max_size=40).map("".join)))
def test_never_raises_and_spans_hold(text: str) -> None:
    for amount in extract_amounts(text):
        assert text[amount.start : amount.end] == amount.text
        assert amount.currency
        assert amount.value_max is None or isinstance(amount.value_max, Decimal)


@pytest.mark.parametrize(
    ("label", "metric"),
    [
        ("到位资金", "到位资金"),
        ("到位金额", "到位资金"),
        ("实际到位资金", "到位资金"),
        ("实际到位内资", "到位资金"),
        ("计划总投资", "总投资"),
        ("项目总投资", "总投资"),
        ("累计完成投资", "完成投资"),
        ("实际利用外资", "实际使用外资"),
        ("签约金额", "签约金额"),
        ("“签约金额”", "签约金额"),
        ("需求量", None),
        ("", None),
        (None, None),
    ],
)
def test_canonical_metric(label: str | None, metric: str | None) -> None:
    assert canonical_metric(label) == metric


@pytest.mark.parametrize("line", ["总投资", "\t计划总投资", "总投资\t"])
def test_metric_vocabulary_rejects_malformed_lines(line: str) -> None:
    with pytest.raises(MetricVocabularyError):
        parse_vocabulary([line])


# (sentence, scope of each amount in order): a figure narrowed by its sentence carries the subset.
SCOPES = [
    ("一季度，全市重点产业链签约项目64个，签约金额323.13亿元；新开工项目60个，到位资金56.78亿元。",
     ["重点产业链", "重点产业链"]),
    ("一季度，世界500强、中国500强新签约项目18个，签约金额309.72亿元。", ["世界500强、中国500强"]),
    ("世界500强、中国500强企业投资309.72亿元。", ["世界500强、中国500强"]),
    ("等“四新”经济和数字经济项目45个，签约金额185.36亿元。", ["“四新”经济和数字经济"]),
    ("全市新签约项目50个，签约金额500亿元，其中外资项目12个、签约金额120亿元。", [None, "外资项目"]),
    ("其中，外资项目签约金额120亿元。", ["外资项目"]),
    ("1-5月，22个省市重点项目完成投资47.7亿元，新开工项目61个、完成投资11.2亿元。", ["省市重点项目", "新开工项目"]),
    ("今年新开工项目15项，其中产业化项目12项，加速器项目3项，项目总投资93.7亿元。", ["新开工项目"]),
    ("目前已经准备就绪，一期项目总投资45亿元。", ["一期项目"]),
    ("从投资行业看，今年1月，制造业实际使用外资0.9亿美元。", ["制造业"]),
    # a batch of projects an amount totals, and a place below (or beside) the city as the subject
    ("在市长和与会嘉宾共同见证下，总投资116亿元的14个重大项目现场签约。", ["14个重大项目"]),
    ("2009年新兴乡财政收入突破千万元大关，实现1782万元、", ["新兴乡", "新兴乡"]),
    ("省政府工作报告官宣2021年广东省GDP达12.4万亿元。", ["广东省"]),
    ("新兴乡提出打造财政收入超千万元大乡的设想。", ["超千万元大乡"]),
    # negatives: the whole reported population, a named project, a list total, another clause
    ("今年一季度，我市新签约正式合同项目122个、签约金额574.91亿元，在建招商项目179个，到位资金189.33亿元。",
     [None, None]),
    ("华星光电8.5代液晶面板项目总投资额245亿元。", [None]),
    ("该项目总投资4.75亿元。", [None]),
    ("其中，三菱商事、伊藤火腿、米久共同出资额度为33亿元。", [None]),
    ("重点交通项目16项，重大前期项目8项，总投资超过75亿元，今年需完成投资22亿元。", [None, None]),
    ("全省新设立外商投资企业170家，同比增长34.92%；实际使用外资3.29亿美元。", [None]),
    ("1-5月，全市固定资产投资完成120亿元。", [None]),
    ("全市农村居民人均可支配收入1.2万元，城镇居民人均可支配收入3.4万元。", [None, None]),
    ("总投资116亿元，涉及14个重大项目。", [None]),
    ("投资10亿元的项目落户开发区。", [None]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "scopes"), SCOPES)
def test_scope(text: str, scopes: list[str | None]) -> None:
    assert [a.scope for a in extract_amounts(text)] == scopes


@pytest.mark.parametrize(
    ("text", "label", "metric"),
    [
        ("全国实际使用外资金额801亿元人民币", "实际使用外资金额", "实际使用外资"),
        ("第一产业增加值60.7亿元", "第一产业增加值", "第一产业增加值"),
        ("规模以上工业增加值120亿元", "规模以上工业增加值", "规模以上工业增加值"),
        ("实现地区生产总值4000.5亿元", "地区生产总值", "地区生产总值"),
        ("签约金额574.91亿元", "签约金额", "签约金额"),  # negative row: no modifier swallowed
    ],
)
def test_long_measure_labels_are_kept_whole(text: str, label: str, metric: str) -> None:
    (amount,) = extract_amounts(text)
    assert (amount.label, amount.metric) == (label, metric)
