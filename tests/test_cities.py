"""City resolution: the hint wins; otherwise the place the text speaks for."""

from __future__ import annotations

import pytest

from extractors.cities import place_set, resolve_city, short_name


@pytest.mark.parametrize(
    ("text", "hint", "city"),
    [
        ("我市一季度招商引资成效明显。", "东营市", "东营市"),
        ("黄石市委书记出席。我市将加快发展。", "东营市", "东营市"),  # hint beats text
        ("黄石市委、市政府高度重视。我市项目开工。", None, "黄石市"),
        ("东营市一季度签约项目122个，东营市政府表示。", None, "东营市"),
        ("阳新县举行开工仪式，全县共开工项目20个。", None, "阳新县"),
        ("2022年1月，全国实际使用外资金额1022.8亿元人民币。", None, "全国"),  # a national report
        # negatives: nothing to go on, county without county voice, blank hint
        ("我市一季度招商引资成效明显。", None, None),
        ("阳新县举行开工仪式，黄石市领导出席。", None, "黄石市"),
        ("", "  ", None),
        ("全国人民代表大会常务委员会关于批准财政部发行特别国债的决定。", None, None),
        ("海南省1月实际使用外资3.29亿美元，全国实际使用外资1022.8亿元。", None, "海南省"),
    ],
)
def test_resolve_city(text: str, hint: str | None, city: str | None) -> None:
    assert resolve_city(text, hint) == city


@pytest.mark.parametrize(
    ("place", "short"),
    [
        ("山东省", "山东"),
        ("新疆维吾尔自治区", "新疆"),
        ("广西壮族自治区", "广西"),
        ("恩施土家族苗族自治州", "恩施"),
        ("长阳土家族自治县", "长阳"),
        ("西藏自治区", "西藏"),
        ("内蒙古自治区", "内蒙古"),  # 蒙古 without 族 is part of the place's own name
        ("鄂伦春自治旗", "鄂伦春"),
    ],
)
def test_short_names_drop_peoples_with_autonomy(place: str, short: str) -> None:
    assert short_name(place) == short


def test_regions_are_places_by_their_short_names() -> None:
    assert {"新疆", "广西", "宁夏", "延边"} <= place_set()
