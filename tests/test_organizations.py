"""Organizations: suffixed names, listed companies, brand + industry word; never government bodies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.organizations import extract_organizations
from pipeline.evaluate import match_list, norm_name

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "articles"

CASES = [
    ("与宁德时代新能源科技股份有限公司签约。", ["宁德时代新能源科技股份有限公司"]),
    ("记者与南京雨润集团取得联系。", ["南京雨润集团"]),
    ("中国中化、宁德时代等企业参会。", ["中国中化", "宁德时代"]),
    ("据锦辉控股集团董事长介绍。", ["锦辉控股集团"]),
    ("中粮集团与三菱商事株式会社合资。", ["中粮集团", "三菱商事株式会社"]),
    ("长安汽车的库存增长。", ["长安汽车"]),
    # negatives: descriptions, government bodies, words containing a listed name
    ("该公司负责人表示。", []),
    ("三家公司共同出资成立合资公司。", []),
    ("市商务局、市发改委和高新区管委会参加。", []),
    ("韩国电动车需求旺盛。", []),
    ("东营市人民政府召开会议。", []),
    # a numbered bureau of a listed group; a known abbreviation + industry word
    ("中铁十五局承建该工程。", ["中铁十五局"]),
    ("中铁承建该工程。", ["中铁"]),
    ("一汽轿车、长安汽车的库存增长。", ["一汽轿车", "长安汽车"]),
    # an output figure, a shareholder role, a leading verb, 公司 describing itself
    ("可实现日产能7000块电池，日产值900万元。", []),
    ("TCL二股东深圳市平安创新资本投资有限公司减持。", ["TCL", "深圳市平安创新资本投资有限公司"]),
    ("为了快速而有效地实现青岛啤酒揭阳公司的本土化。", ["青岛啤酒揭阳公司"]),
    ("关于公司控股子公司泰山石膏股份有限公司投资的议案。", ["泰山石膏股份有限公司"]),
]


@pytest.mark.parametrize(("text", "names"), CASES)
def test_organization_names(text: str, names: list[str]) -> None:
    assert [o.name for o in extract_organizations(text)] == names


def test_short_form_linked_to_full_name() -> None:
    text = "海尔集团在津投资。海尔将建设创新产业园。"
    orgs = extract_organizations(text)
    assert [(o.name, o.short_names) for o in orgs] == [("海尔集团", ["海尔"])]


def test_spans() -> None:
    text = "近日，山东金雷新能源重装有限公司项目投产。"
    for org in extract_organizations(text):
        assert text[org.start : org.end] == org.name


def test_gold_gate_organizations() -> None:
    if not GOLD.is_dir():
        pytest.skip("shared gold set is not beside the checkout")
    tp = fp = fn = 0
    for path in sorted(GOLD.glob("*.gold.json")):
        text = path.with_name(path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        gold = json.loads(path.read_text(encoding="utf-8"))["organizations"]
        pred = [{"name": o.name} for o in extract_organizations(text)]
        pairs, extras, missed = match_list(pred, gold, lambda p, g: norm_name(p["name"]) == norm_name(g["name"]))
        tp, fp, fn = tp + len(pairs), fp + len(extras), fn + len(missed)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.80, (tp, fp, fn)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("其中石油和天然气开采业增加值下降", []),  # 中石油 would split the word 其中
        ("中石油与我市签约", ["中石油"]),
        ("与宁德时代签约", ["宁德时代"]),
    ],
)
def test_listed_names_do_not_split_common_words(text: str, names: list[str]) -> None:
    assert [o.name for o in extract_organizations(text)] == names
