"""Projects: named projects with investment (from Amount facts), stage and investor."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.facts import Amount, Organization
from extractors.organizations import extract_organizations
from extractors.projects import extract_projects
from pipeline.evaluate import char_f1, match_list

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "articles"


def amount_at(text: str, written: str, value: str) -> Amount:
    start = text.index(written)
    return Amount(Decimal(value), "CNY", written, start, start + len(written), label="总投资")


NAMES = [
    ("集中签约25万吨/年混合烷烃脱氢项目、超净聚丙烯系列项目。", ["25万吨/年混合烷烃脱氢项目", "超净聚丙烯系列项目"]),
    ("签约云南锡业新材料产业园(华东)建设项目。", ["云南锡业新材料产业园(华东)建设项目"]),
    ("今年开工建设国道219线区界至日土段。", ["国道219线区界至日土段"]),
    # negatives: generic mentions, counts, batches
    ("全市重大项目、重点项目和招商项目进展顺利。", []),
    ("该项目建成后年产值10亿元。", []),
    ("引进一批高端优质项目。", []),
    ("海淀北部15个重大产业项目今年开工。", []),
    ("2024东营市招商引资重点项目集中签约。", []),
]


@pytest.mark.parametrize(("text", "names"), NAMES)
def test_project_names(text: str, names: list[str]) -> None:
    assert [p.name for p in extract_projects(text, [], [])] == names


@pytest.mark.parametrize(
    ("text", "written", "value", "name"),
    [
        ("总投资116亿元的华星光电液晶面板项目开工。", "116亿元", "11600000000", "华星光电液晶面板项目"),
        (
            "金雷新能源海上风电核心部件项目总投资25亿元，已投产。",
            "25亿元",
            "2500000000",
            "金雷新能源海上风电核心部件项目",
        ),
        ("中联重科投资40亿元建设中联重科华东基地。", "40亿元", "4000000000", "中联重科华东基地"),
    ],
)
def test_investment_comes_from_the_amounts_passed_in(text: str, written: str, value: str, name: str) -> None:
    (project,) = extract_projects(text, [amount_at(text, written, value)], [])
    assert (project.name, project.investment) == (name, Decimal(value))


def test_no_amount_passed_means_no_investment() -> None:
    (project,) = extract_projects("总投资116亿元的华星光电液晶面板项目开工。", [], [])
    assert project.investment is None


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("超净聚丙烯系列项目集中签约。", "签约"),
        ("超净聚丙烯系列项目正式开工。", "开工"),
        ("超净聚丙烯系列项目正在建设中。", "在建"),
        ("超净聚丙烯系列项目已投产。", "投产"),
        ("超净聚丙烯系列项目顺利竣工。", "竣工"),
        ("超净聚丙烯系列项目前景广阔。", None),
    ],
)
def test_stage(text: str, stage: str | None) -> None:
    (project,) = extract_projects(text, [], [])
    assert project.stage == stage


def test_investor_is_the_named_company() -> None:
    text = "山东金雷新能源重装有限公司的金雷新能源海上风电项目投产。"
    orgs = extract_organizations(text)
    (project,) = extract_projects(text, [], orgs)
    assert project.investor == "山东金雷新能源重装有限公司"
    assert extract_projects("超净聚丙烯系列项目签约。", [], [Organization("某某公司", 0, 0)])[0].investor is None


@given(st.text(alphabet="项目基地产业园中心工程生产线重大该一批万吨年混合烷烃脱氢，。、/()0123456789", max_size=50))
@settings(max_examples=60, deadline=None)
def test_spans_slice_back_to_the_name(text: str) -> None:
    for project in extract_projects(text, [], []):
        assert text[project.start : project.end] == project.name


def test_gold_gate_projects() -> None:
    # Target is 0.80 (issue 4); roads and lines without a head word are still missed, so the
    # gate holds today's floor to catch regressions.
    if not GOLD.is_dir():
        pytest.skip("shared gold set is not beside the checkout")
    tp = fp = fn = 0
    for path in sorted(GOLD.glob("*.gold.json")):
        text = path.with_name(path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        gold = json.loads(path.read_text(encoding="utf-8"))["projects"]
        pred = [{"name": p.name} for p in extract_projects(text, [], extract_organizations(text))]
        pairs, extras, missed = match_list(pred, gold, lambda p, g: char_f1(p["name"], g["name"]) >= 0.8)
        tp, fp, fn = tp + len(pairs), fp + len(extras), fn + len(missed)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.60, (tp, fp, fn)
