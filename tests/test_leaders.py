"""Leaders: post + name in the forms the press uses; bylines, captions and company staff never."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.leaders import credit_matcher, extract_leaders, read_name
from pipeline.evaluate import match_list, norm_name

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "articles"

# (text, expected [(name, title)]) — every rule has negative rows.
CASES = [
    ("近日，市委书记杨国强到上海电气集团调研。", [("杨国强", "市委书记")]),
    ("在市委副书记、市长陈必昌和与会嘉宾共同见证下，项目集中签约。", [("陈必昌", "市委副书记、市长")]),
    ("市委常委、副市长、高新区党工委书记周伟强出席。", [("周伟强", "市委常委、副市长、高新区党工委书记")]),
    ("副市长何运平主持会议。", [("何运平", "副市长")]),
    ("县委书记王建华致辞。", [("王建华", "县委书记")]),
    ("市领导张三、李四出席。", [("张三", "市领导"), ("李四", "市领导")]),
    # a three-character item between 、 is the whole name, though 同 often follows a name (张三同李四)
    ("县领导张宏、李广同、程春明出席仪式。", [("张宏", "县领导"), ("李广同", "县领导"), ("程春明", "县领导")]),
    ("张三同李四一起出席。", []),
    # rarer family names (贠, 平); a list item closed by 以及
    ("市委书记贠建民出席。政府县长平荣峰介绍情况。", [("贠建民", "市委书记"), ("平荣峰", "政府县长")]),
    ("县人民政府副县长陈济礽、唐保山以及相关单位负责人参加。",
     [("陈济礽", "县人民政府副县长"), ("唐保山", "县人民政府副县长")]),
    ("县委常委、副县长符冬随同考察。", [("符冬", "县委常委、副县长")]),
    # items of a list a collective post opens need no listed family name (修, 能); 说 still ends a name
    ("县领导程科峰、修晓冰、王旭出席仪式。", [("程科峰", "县领导"), ("修晓冰", "县领导"), ("王旭", "县领导")]),
    ("市领导张三、高新区、经开区出席。", [("张三", "市领导")]),
    ("产业发展中心副主任孔萍说。海门市委书记姜龙说，海门靠江靠海。",
     [("孔萍", "产业发展中心副主任"), ("姜龙", "海门市委书记")]),
    ("自治区党委书记、人大常委会主任陈全国讲话。", [("陈全国", "自治区党委书记、人大常委会主任")]),
    ("杨国强（市委书记）出席。", [("杨国强", "市委书记")]),
    # a zone or a place read where a name would stand is no person
    ("市领导刘剑飞、蒋湘晖，株洲高新区党工委副书记、管委会主任出席。",
     [("刘剑飞", "市领导"), ("蒋湘晖", "市领导")]),
    ("坚持四大班子主要领导包片区、分管领导牵头招商。", []),
    ("区党工委、管委会领导班子成员出席。", []),  # 班子 sits inside the word 领导班子
    # lists pad two-character names (李 杰) and use rarer surnames (戎)
    ("区领导靳国营、戎中卿、李 杰、张园出席。",
     [("靳国营", "区领导"), ("戎中卿", "区领导"), ("李 杰", "区领导"), ("张园", "区领导")]),
    # a place with 厂 in its name is no factory: the post stays a public one
    ("区党工委副书记、马厂湖镇党委书记王建成主持仪式。", [("王建成", "区党工委副书记、马厂湖镇党委书记")]),
    ("钢铁厂党委书记张三讲话。", []),
    ("项目（一期）开工。", []),
    ("贯彻落实习近平总书记重要讲话精神。", [("习近平", "总书记")]),
    ("江阴市长王锡南，市委常委薛良率队考察。", [("王锡南", "江阴市长"), ("薛良", "市委常委")]),
    (
        "市政府副秘书长,市投资促进中心党组书记、主任高瑞国说。",
        [("高瑞国", "市政府副秘书长,市投资促进中心党组书记、主任")],
    ),
    ("日本驻广州总领事馆总领事田尻和宏、市长许勤出席。", [("田尻和宏", "日本驻广州总领事馆总领事"), ("许勤", "市长")]),
    # a singular post shared by a 、-list of names gives every name that post
    ("副市长张振东、白晶玉分别与上海为烨投资集团有限公司签约。", [("张振东", "副市长"), ("白晶玉", "副市长")]),
    ("副县长王某、李某、赵某出席。", [("王某", "副县长"), ("李某", "副县长"), ("赵某", "副县长")]),
    ("市委常委、副市长王建华、胡敏出席。", [("王建华", "市委常委、副市长"), ("胡敏", "市委常委、副市长")]),
    ("副市长张振东、欧阳明华等陪同。", [("张振东", "副市长"), ("欧阳明华", "副市长")]),
    ("副市长张振东、白晶玉，市长许勤出席。", [("张振东", "副市长"), ("白晶玉", "副市长"), ("许勤", "市长")]),
    # ... but not past a new post, a non-name, an organisation, a place or a name with its own post
    ("市长张三、市委副书记李四出席。", [("张三", "市长"), ("李四", "市委副书记")]),
    ("副市长张振东、高新区管委会主任王五出席。", [("张振东", "副市长"), ("王五", "高新区管委会主任")]),
    ("副市长张振东、相关部门负责人出席。", [("张振东", "副市长")]),
    ("副市长张振东、上海为烨投资集团有限公司负责人出席。", [("张振东", "副市长")]),
    ("副市长张振东、金雷新能源公司负责人出席。", [("张振东", "副市长")]),
    ("副市长张振东、宁德时代董事长曾毓群出席。", [("张振东", "副市长")]),
    ("副市长张振东、杭州市代表团出席。", [("张振东", "副市长")]),
    ("副市长张振东、周宁代表出席。", [("张振东", "副市长")]),
    ("副市长张三、李四主任出席。", [("张三", "副市长"), ("李四", "主任")]),
    # names listed before a collective post (…等省领导) take it; the list stops at a non-name
    ("蒋超良、高广滨、房俐等省领导及张焕秋、李福才等市领导参加了签约仪式。",
     [("蒋超良", "省领导"), ("高广滨", "省领导"), ("房俐", "省领导"), ("张焕秋", "市领导"), ("李福才", "市领导")]),
    ("签约仪式结束后，张三等市领导参观了展区。", [("张三", "市领导")]),
    ("企业家代表、相关部门负责人等市领导出席。", []),
    # a bracket gives one item its own post and the list goes on; a county's name (田林) closed by 、
    # is a person; a three-character name closed by 、 is one however jieba cuts it (黄济|霖)
    ("县领导田林、马昭才、郭峰(县委副书记)、周晓燕出席。",
     [("田林", "县领导"), ("马昭才", "县领导"), ("郭峰", "县委副书记"), ("周晓燕", "县领导")]),
    ("市政府副秘书长黄济霖、罗源县委书记何杰民带队。", [("黄济霖", "市政府副秘书长"), ("何杰民", "罗源县委书记")]),
    ("这是马尾区委书记赵学峰与投资人的一段对话。", [("赵学峰", "马尾区委书记")]),
    ("市、县领导邹军、陈国祥出席。", [("邹军", "市、县领导"), ("陈国祥", "市、县领导")]),
    # rarer family names (绳, 蒿, 傅) still open a name after a post
    ("巨鹿县领导刘丽香、绳建廷、王彪出席。",
     [("刘丽香", "巨鹿县领导"), ("绳建廷", "巨鹿县领导"), ("王彪", "巨鹿县领导")]),
    ("副省长夏耕，省政府秘书长蒿峰出席。", [("夏耕", "副省长"), ("蒿峰", "省政府秘书长")]),
    ("市委宣传部长出席。", []),
    ("市委书记高度重视。", []),
    ("记者 张三、李四", []),
    ("董事长张三、李四出席。", []),
    ("娲石集团总经理张三、李四出席。", []),
    # negatives: bylines, captions, company staff, posts without a name
    ("(记者 张佳松)", []),
    ("责任编辑：衣笠玮", []),
    ("(资料图 田雨/摄)", []),
    ("通讯员 李明 报道", []),
    ("娲石集团党委书记、董事长魏华山作为企业代表发言。", []),
    ("金雷新能源项目经理刘凤伟感慨万千。", []),
    ("中联重科董事长詹纯新表示欢迎。", []),
    ("东风日产副总经理任勇表示。", []),
    ("市委书记高度重视招商工作。", []),
    ("全市长期坚持招商引资。", []),
    ("张伟表示，圣保罗有20多万华商。", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_leader_forms(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(lead.name, lead.title) for lead in extract_leaders(text)]
    assert got == expected


def test_bracketed_post_after_name() -> None:
    # 杨国强（市委书记）: the post in brackets right after a name
    text = "市委书记杨国强出席。杨国强（市委书记）强调。"
    assert [(lead.name, lead.title, lead.mentions) for lead in extract_leaders(text)] == [("杨国强", "市委书记", 2)]


def test_one_entry_with_fullest_title() -> None:
    text = "市县领导吴锦、胡敏出席。市委副书记、市长吴锦讲话。市长吴锦宣布开工。"
    leaders = {lead.name: lead.title for lead in extract_leaders(text)}
    assert leaders == {"吴锦": "市委副书记、市长", "胡敏": "市县领导"}


@pytest.mark.parametrize(
    ("text", "pos", "name"),
    [
        ("杨国强到上海", 0, "杨国强"),
        ("薛良率临港新城", 0, "薛良"),
        ("许勤、日本", 0, "许勤"),
        ("高度重视", 0, None),
        ("期坚持", 0, None),
        ("欧阳明华出席", 0, "欧阳明华"),
    ],
)
def test_read_name(text: str, pos: int, name: str | None) -> None:
    assert read_name(text, pos) == name


def test_patterns_load_and_validate() -> None:
    assert len(credit_matcher()) >= 3


def test_evidence_spans_point_at_the_name() -> None:
    text = "会上，市委副书记、市长陈必昌讲话。"
    (lead,) = extract_leaders(text)
    assert text[lead.start : lead.end] == lead.name == lead.text


def _gold_pairs():
    if not GOLD.is_dir():
        pytest.skip("shared gold set is not beside the checkout")
    for path in sorted(GOLD.glob("*.gold.json")):
        text = path.with_name(path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        yield text, json.loads(path.read_text(encoding="utf-8"))


def test_gold_gate_leaders() -> None:
    tp = fp = fn = titles = right = 0
    for text, gold in _gold_pairs():
        pred = [{"name": lead.name, "title": lead.title} for lead in extract_leaders(text)]
        pairs, extras, missed = match_list(pred, gold["leaders"], lambda p, g: p["name"] == g["name"])
        tp, fp, fn = tp + len(pairs), fp + len(extras), fn + len(missed)
        titles += len(pairs)
        right += sum(norm_name(p["title"]) == norm_name(g["title"]) for p, g in pairs)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.90, (tp, fp, fn)
    assert right / titles >= 0.85


def test_no_byline_name_is_ever_a_leader_in_gold() -> None:
    for text, _ in _gold_pairs():
        names = {lead.name for lead in extract_leaders(text)}
        for role in ("记者", "责任编辑", "编辑", "通讯员"):
            for chunk in text.split(role)[1:]:
                credited = chunk.lstrip(" :：　")[:3]
                assert not any(credited.startswith(n) for n in names), (role, credited)
