"""Articles in traditional characters: read in simplified, reported as written, offsets exact."""

from __future__ import annotations

from extractors import extract
from extractors.script import simplified

TRADITIONAL = (
    "3月27日上午，蚌埠市2019年一季度重點項目集中開工儀式暨凱盛科技集團年產20萬噸納米二氧化鈦項目"
    "奠基儀式活動在淮上區沫河口工業園隆重舉行。市委書記汪瑩純宣佈開工，市委副書記、市長王誠致辭。"
    "本次集中開工項目60個，總投資186.6億元。"
)


def test_traditional_article_keeps_offsets_and_written_names() -> None:
    facts = extract(TRADITIONAL)
    assert [(leader.name, leader.title) for leader in facts.leaders] == [
        ("汪瑩純", "市委書記"),
        ("王誠", "市委副書記、市長"),
    ]
    assert [p.name for p in facts.projects] == ["凱盛科技集團年產20萬噸納米二氧化鈦項目"]
    assert [o.name for o in facts.organizations] == ["凱盛科技集團"]
    assert [(a.value, a.text) for a in facts.amounts] == [(186.6e8, "186.6億元")]
    assert [(c.value, c.unit, c.object) for c in facts.counts] == [(60, "个", "項目")]
    for fact in (*facts.amounts, *facts.counts, *facts.leaders, *facts.projects, *facts.organizations):
        assert TRADITIONAL[fact.start : fact.end] == fact.text


def test_stage_stays_in_the_spec_vocabulary() -> None:
    (project,) = extract(TRADITIONAL).projects
    assert project.stage == "开工"


def test_simplified_article_with_a_few_traditional_forms_is_left_alone() -> None:
    text = "乾县招商引资签约项目12个，著名企业落户，签约金额58亿元。"
    assert simplified(text) is text
    assert simplified(TRADITIONAL) != TRADITIONAL
    assert len(simplified(TRADITIONAL)) == len(TRADITIONAL)
