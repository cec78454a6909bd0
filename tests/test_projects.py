"""Projects: named projects with investment (from Amount facts), stage and investor."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import extract
from extractors.amounts import extract_amounts
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
    # a sector, a town or a region is no name; a brand before its industry is
    ("全力推进新能源项目和农产品深加工项目建设。", []),
    ("扎佐街道项目、六广镇项目和台湾地区项目均已落地。", []),
    ("镇宁自治县项目、经开区项目和黄果树旅游区项目集中开工。", []),
    ("兴威新材料项目开工。", ["兴威新材料项目"]),
    # a point of a speech, a development slogan, a city's role, an official's words are no names
    ("二是独资项目多，三是汽车产业链项目集中。", []),
    ("加快构建两城三区四基地发展格局。", []),
    ("打造长江中游航运中心和岳阳省域副中心。", []),
    ("产业集聚区管委会主任陶卫华代表项目开工服务单位发言。", []),
    ("全力推进灾后重建项目和惠民工程项目。", []),
    # the projects of an event are a batch; a name ending in 发展 is no event
    ("第二十二届兰洽会武威市项目签约。", []),
    ("盐湖城旅游文化艺术节项目签约。", []),
    ("绿能减碳产业发展项目总投资2.94亿元。", ["绿能减碳产业发展项目"]),
    ("海淀北部15个重大产业项目今年开工。", []),
    ("2024东营市招商引资重点项目集中签约。", []),
    # joined lines sharing one head; a weak list item borrows the item before it
    (
        "开工建设年产5000吨石膏板生产线及配套年产3000吨龙骨生产线项目。",
        ["年产5000吨石膏板生产线及配套年产3000吨龙骨生产线项目"],
    ),
    ("隆重举行LED外延片、芯片项目签约仪式。", ["LED外延片、芯片项目"]),
    ("签约汽车、电子项目。", []),
    ("办理用地规划许可证、建设工程规划许可证。", []),
    # roads: named by their ends, a number, abbreviations or a place; never a category
    ("大营至神池高速公路初步设计通过评审。", ["大营至神池高速公路"]),
    ("同时争取黔（江）张（家界）常（德）铁路今年开工。", ["黔（江）张（家界）常（德）铁路"]),
    ("余姚大道是交通工程建设的重中之重。", ["余姚大道"]),
    ("加快推进国省干线公路和农村公路建设。", []),
    ("是重要的地方加密高速公路。", []),
    ("完善西北至华南地区铁路运输通道。", []),
    ("墨脱公路嘎隆拉隧道贯通。", []),
    # existing facilities, superlatives, zones, categories, clauses: not projects
    ("与现有的老成渝铁路、成遂渝高速公路共同构筑走廊。", []),
    ("终点接樟树至吉安高速公路。", []),
    ("发动机工厂将成为华南最大发动机工厂。", []),
    ("是国内最高世代TFT-LCD生产线之一。", []),
    ("东营经济技术开发区项目签约。", []),
    ("签约数字经济项目、主导产业延链补链强链项目。", []),
    ("服务专员帮助企业制定整个项目推进计划。", []),
    # leading verbs and particles are not part of the name; a name keeps its own 新 (新安江)
    ("见证25万吨/年混合烷烃脱氢项目签约。", ["25万吨/年混合烷烃脱氢项目"]),
    ("继新安江项目之后又有新动作。", ["新安江项目"]),
    ("东风日产宣布投资50亿元的乘用车产能扩建项目落户。", ["乘用车产能扩建项目"]),
    ("东风日产宣布投资50亿元的乘用车扩建项目落户。", []),
    ("油田产能项目建设加快。", []),
    # a date before the name says when; a place's projects, a newsroom or a venue is no project
    ("这次开工是继3月26号汉龙汽车产业园开工之后。", ["汉龙汽车产业园"]),
    ("扬州市产业项目集中签约。", []),
    ("雅安市融媒体中心记者 杨宇龙", []),
    ("签约仪式在县会议中心举行。", []),
    ("论坛在西安国际会展中心举行。", []),
    # a phase belongs to the name; plain-word items count only inside a list of named projects
    ("开磷集团大水工业园三期工程、双赢集团50万吨生态肥一期工程等项目正在加速推进。",
     ["开磷集团大水工业园三期工程", "双赢集团50万吨生态肥一期工程"]),
    ("达成了5万吨玻纤池窑拉丝项目、森林小火车特色旅游项目、镧铈钇钨基功能材料项目。",
     ["5万吨玻纤池窑拉丝项目", "森林小火车特色旅游项目", "镧铈钇钨基功能材料项目"]),
    ("洽谈了森林小火车特色旅游项目。", []),
    ("鑫天合公司年产7万吨草酸及1万吨乙二醇项目进展顺利。", ["鑫天合公司年产7万吨草酸及1万吨乙二醇项目"]),
    # size classes and counts of projects
    ("共签约10余个意向项目。", []),
    ("新批合同外资500万美元以上项目12个。", []),
    ("其中一产项目3个。", []),
    # the items a 等…项目 closes, each with a proper word; events and plain categories are not
    ("深圳立雅信5万吨致密刚玉及1万吨蓝刚玉、安达科技新能源材料等项目已建成投产。",
     ["深圳立雅信5万吨致密刚玉及1万吨蓝刚玉", "安达科技新能源材料"]),
    ("为深圳大运会、上海世博会等项目提供空调。", []),
    ("签约数字经济、主导产业等项目。", []),
    ("此次集中签约的有——\n大同国际航空旅游城、\n小恩笛国际双语学校、\n大同碳谷产业园等24个项目。",
     ["大同国际航空旅游城", "小恩笛国际双语学校", "大同碳谷产业园"]),
    ("分别参加顶辉新材料、汉鼎科技以及G357陈岱镇至常山开发区路面改造工程等3个项目开工仪式。",
     ["顶辉新材料", "汉鼎科技", "G357陈岱镇至常山开发区路面改造工程"]),
    ("智慧绿色能源互联网、先进硬质材料产业园、三一智慧钢铁城等一大批项目加快建设。",
     ["智慧绿色能源互联网", "先进硬质材料产业园", "三一智慧钢铁城"]),
    # where it is built and the verb come before the name; size classes and categories are no names
    ("将在龙泉驿区建设成都生产基地项目。", ["成都生产基地项目"]),
    ("研祥集团在蓉设立西南生产基地。", ["西南生产基地"]),
    ("引进50亿级项目2个、10亿级项目5个。", []),
    ("严控房地产类项目。", []),
    ("记者5月7日从市投创中心获悉。", []),
    ("珠海高新区投促中心、珠海高新区双创中心参加。", []),
    ("重点发展战略性新兴产业项目。", []),
    ("重点发展工业和文旅等第三产业项目。", []),
    ("全市数字经济重点项目15项目开工。", []),
    ("推进张家界市文旅融合发展项目。", []),
    ("交通运输部东海航海保障中心参加。", []),
    # a named zone before the name says where; a counted facility (一座…电站) is no name
    ("秦皇岛经济技术开发区康泰医学电子医疗器械产业园项目开工。", ["康泰医学电子医疗器械产业园项目"]),
    ("计划在盘溪槽村建设一座抽水蓄能电站。", []),
    ("签约了小墨山20兆瓦地面光伏电站。", ["小墨山20兆瓦地面光伏电站"]),
    # investors listed before 等 are companies, not project items; a nested 等 closes the list
    ("广东温氏食品集团、辽宁禾丰牧业公司等落户荣昌建设畜禽现代化养殖加工、动物饲料生产等项目。", []),
    ("签约20万套汽车排气管零部件及年产60套木材机械项目。", ["20万套汽车排气管零部件及年产60套木材机械项目"]),
    # a park named by a brand or product is built; a zone named by its place holds projects
    ("香港精大投资公司投资18亿港币建设的正华纺织工业园项目落户。", ["正华纺织工业园项目"]),
    ("集中签约长子经开区绿色低碳智慧园区项目。", ["绿色低碳智慧园区项目"]),
    ("东营经济技术开发区项目、高新区项目和马鞍山工业园项目集中开工。", []),
    # a company named as the signatory before a plain name; a plain name alone in its ；-list item
    ("其中，年屠宰20万头生猪精深加工产业园项目，投资1.05亿元；高品质奶业生产基地项目，投资1.2亿元。",
     ["年屠宰20万头生猪精深加工产业园项目", "高品质奶业生产基地项目"]),
    ("其中，年产5万吨钛白粉项目投资3亿元；引进的唯一封装项目将落户园区。", ["年产5万吨钛白粉项目"]),
    # praise opens no name (世界级), 未来 is a name word, yet a superlative still only describes
    ("全力打造世界级邵氏茶农业产业园。", ["邵氏茶农业产业园"]),
    ("签约湾区未来科技城项目。", ["湾区未来科技城项目"]),
    ("建成华南最大发动机工厂。", []),
    # a verb taking 项目 as its object makes a slogan; a region and a sector name no project
    ("经开区聚精会神抓招商上项目，持续掀起项目建设热潮。", []),
    ("全力护航晶科项目。部门争上项目。", []),
    ("紧盯500强及央企项目，努力提高项目质量，做好线上项目推介。", []),
    ("中国与柬埔寨达成经济合作项目。广州黄埔设立大湾区总部。湖州位于长三角地理中心。", []),
    ("包括年产45万吨硫酸、15万吨磷酸一铵等7个子项目。松原经开区干部职工、施工单位代表等参加项目开工。", []),
    ("吉林市始终保持项目建设热度，临沂区域内承接项目，房地产项目稳步推进。", []),
    ("华晨汽车花荄项目、农科区的好圣汽车零部件、丰谷万吨优质曲酒等17个项目开工。",
     ["华晨汽车花荄项目", "好圣汽车零部件", "丰谷万吨优质曲酒"]),
    ("推进粤港澳大湾区项目、智能制造产业园和大型城市综合体项目。", []),
    ("康方湾区科技园二期开工。正威西部产业基地签约。", ["康方湾区科技园二期", "正威西部产业基地"]),
    # a list closed by 等…项目 whose item brackets an unsettled word (储备) is no list of talks; money
    # before a later item is not its name; a batch described at length (等一批…项目) still closes a list
    ("云内铝业制造园、云南省煤炭交易(储备)中心、江苏众合8.5万吨有机硅新材料等项目即将落地。",
     ["云内铝业制造园", "云南省煤炭交易(储备)中心", "江苏众合8.5万吨有机硅新材料"]),
    ("总投资100亿元的道氏技术年产10万吨三元前驱体、总投资150亿元的莱宝高科第8.6代显示器件等在谈项目推进签约。",
     ["道氏技术年产10万吨三元前驱体", "莱宝高科第8.6代显示器件"]),
    ("既有精锐恒丰年产300万只汽车传动皮带轮、昊森部件年产40万套汽车内饰件等一批汽车零部件强链项目。",
     ["精锐恒丰年产300万只汽车传动皮带轮", "昊森部件年产40万套汽车内饰件"]),
    ("与某公司对接洽谈文旅、农机生产、有机肥加工等项目合作事宜。华微电子、吉研高科等一批招商企业新上项目。", []),
    # a count or a batch's kind may close a list (等七个项目, X、Y、Z3个市重大项目, 等10个增资扩产项目);
    # officials, categories and a place's batch (海淀北部15个项目) do not make one
    ("江华珑宝电机产业园、江华可高电机等七个项目集中签约。", ["江华珑宝电机产业园", "江华可高电机"]),
    ("双环热工、华丰机械、杰特塑业3个市重大项目新增入库。", ["双环热工", "华丰机械", "杰特塑业"]),
    ("还有华胜智能家电及电木产品等10个增资扩产项目。", ["华胜智能家电及电木产品"]),
    ("市委副书记、市长杜德林和市领导金庆文等出席签约项目仪式。", []),
    ("其中，世界500强、中国500强、“专精特新”等优质项目58个。", []),
    ("华为研发中心四期项目、中关村壹号一期……海淀北部15个重大产业项目今年开工。", ["华为研发中心四期项目"]),
    ("康方临床研究与运营全国中心、达安基因知识城工厂项目等11个生物医药项目动工。",
     ["康方临床研究与运营全国中心", "达安基因知识城工厂项目"]),
    # a count written after 项目, then 分别为 and the list; a count of all projects, then 包括, lists companies
    ("其中包括工业类项目3个，分别为：凤县整县推进分布式光伏、尾矿废渣综合利用循环木生产、年产7000吨工业集装袋；",
     ["凤县整县推进分布式光伏", "尾矿废渣综合利用循环木生产", "年产7000吨工业集装袋"]),
    ("已成功招引落地项目570个，包括美国塞拉尼斯、香港现代牙科、山东新华医疗等。", []),
    ("实现第一台液晶电视(襄阳惠冠电子项目)、第一台手机(极泰手机项目已动工)零的突破。",
     ["襄阳惠冠电子项目", "极泰手机项目"]),
    ("产业转型类项目3项，具体为：金村文化创意产业园、和美固废、晶英纳米钙等。",
     ["金村文化创意产业园", "和美固废", "晶英纳米钙"]),
    ("投资20亿元以上的项目有2个，分别是：新疆九洲恒昌供应链管理股份有限公司建设呼图壁县输煤廊道项目、苏通绿色工厂项目。",
     ["呼图壁县输煤廊道项目", "苏通绿色工厂项目"]),
]


@pytest.mark.parametrize(("text", "names"), NAMES)
def test_project_names(text: str, names: list[str]) -> None:
    assert [p.name for p in extract_projects(text, [], [])] == names


# A name the text puts money on (投资6亿元的X) needs no proper word; an amount without 的, or a
# name made only of generic words, still gives none.
TIED = [
    ("分别就投资6亿元的智能科技产业园项目、投资2亿元的汽车保险杠生产项目签约。",
     [("智能科技产业园项目", 6e8), ("汽车保险杠生产项目", 2e8)]),
    ("总投资10亿元的重点项目落户。", []),
    ("总投资10亿的大蒜深加工及综合利用项目签约。", [("大蒜深加工及综合利用项目", 1e9)]),
    ("旅游项目建设包括购物、餐饮等。生态茶叶观光园项目，土地流转1万亩，总投资2亿元。",
     [("生态茶叶观光园项目", 2e8)]),
    ("与东莞市力辉马达有限公司现场签约智能电器生产制造项目，该项目总投资额达5亿元。",
     [("智能电器生产制造项目", 5e8)]),
    ("乡村振兴分散式风力发电整县推进项目总投资约40亿元、共享储能电站项目总投资约12亿元。",
     [("乡村振兴分散式风力发电整县推进项目", 40e8), ("共享储能电站项目", 12e8)]),
    ("投资6亿元建设产业园项目。", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "projects"), TIED)
def test_names_tied_to_an_investment(text: str, projects: list[tuple[str, float]]) -> None:
    found = extract_projects(text, extract_amounts(text), [])
    assert [(p.name, float(p.investment or 0)) for p in found] == projects


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("双城雨润国际农产品采购中心项目由南京雨润集团负责。", ["双城雨润国际农产品采购中心项目"]),
        ("双城国际农产品采购中心项目由某地负责。", []),
        # the signatory company before the verb (签订X) makes a plain name specific; a place does not
        ("利州区政府与成都美康三杉木业有限公司签订木地板生产项目。", ["木地板生产项目"]),
        ("利州区政府与昭化区政府签订木地板生产项目。", []),
    ],
)
def test_investor_brand_makes_a_name(text: str, names: list[str]) -> None:
    assert [p.name for p in extract_projects(text, [], extract_organizations(text))] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "投资建设年产5000万平米石膏板生产线及配套年产5000吨龙骨生产线项目、年产5000万平米石膏板生产线项目。",
            ["年产5000万平米石膏板生产线及配套年产5000吨龙骨生产线项目", "年产5000万平米石膏板生产线项目"],
        ),
        ("签约云南锡业新材料产业园，云南锡业新材料产业园(华东)建设项目开工。", ["云南锡业新材料产业园(华东)建设项目"]),
    ],
)
def test_a_name_opening_a_longer_one(text: str, names: list[str]) -> None:
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
    # The floor of issue 4; roads and lines without a head word (古乍线河姆渡段) are still missed.
    if not GOLD.is_dir():
        pytest.skip("shared gold set is not beside the checkout")
    tp = fp = fn = 0
    for path in sorted(GOLD.glob("*.gold.json")):
        text = path.with_name(path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        gold = json.loads(path.read_text(encoding="utf-8"))["projects"]
        pred = [{"name": p.name} for p in extract_projects(text, [], extract_organizations(text))]
        pairs, extras, missed = match_list(pred, gold, lambda p, g: char_f1(p["name"], g["name"]) >= 0.8)
        tp, fp, fn = tp + len(pairs), fp + len(extras), fn + len(missed)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.80, (tp, fp, fn)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("商务部研究院区域经济合作中心主任表示", []),  # a research body, not a project
        ("中国国际经济交流中心副理事长说", []),
        ("双城雨润国际农产品采购中心项目签约", ["双城雨润国际农产品采购中心项目"]),
        ("建设宁德时代华东研发中心", ["宁德时代华东研发中心"]),
    ],
)
def test_institutions_named_centre_are_not_projects(text: str, names: list[str]) -> None:
    assert [p.name for p in extract_projects(text, [], [])] == names


# Ties across mentions and sentences: a later mention or 该项目 in the next sentence states the
# investment; the sentence's subject carries it over a comma; the investor is a company named
# before the project (or opening its name with a legal suffix), never one named after it.
TIES = [
    ("TCL集团投资建设的华星光电8.5代液晶面板项目将投产。华星光电8.5代液晶面板项目总投资额245亿元。",
     "华星光电8.5代液晶面板项目", 245e8, "TCL集团"),
    ("隆重举行LED外延片、芯片项目落户签约仪式。该项目投资总额达6亿美元。", "LED外延片、芯片项目", 6e8, None),
    ("余梁公路北延工程按一级公路标准设计，总投资近10亿元。", "余梁公路北延工程", 10e8, None),
    ("杜尔伯特谷实公司生猪养殖项目开工。", "杜尔伯特谷实公司生猪养殖项目", None, "杜尔伯特谷实公司"),
    # negatives: another clause's figure, a brand inside the name, a company named after the project
    ("开工建设新安江项目，全市完成投资5亿元。", "新安江项目", None, None),
    ("华为研发中心四期项目开工。", "华为研发中心四期项目", None, None),
    ("新签约云南锡业新材料产业园(华东)建设项目、中国船舶集团有限公司海装总装基地。",
     "云南锡业新材料产业园(华东)建设项目", None, None),
    # 总投资5亿元建设的X puts the money on X; a company inside an earlier list item is that item's
    ("贵州瓮福集团总投资5亿元建设的生态农业示范项目签约。", "生态农业示范项目", 5e8, "贵州瓮福集团"),
    ("此次签订的5个项目为：晶成光电宿州产业园项目、鸿丰生物科技项目。", "鸿丰生物科技项目", None, None),
    # companies and projects listed in step pair up
    ("县长与浩然实业有限公司、江苏华谷新材料有限公司分别签订了浩然鞋材生产项目、华谷锂离子电池铝塑膜生产项目。",
     "华谷锂离子电池铝塑膜生产项目", None, "江苏华谷新材料有限公司"),
]  # fmt: skip


# Not projects: a company's name holding a head word, companies listed before 等重大项目, a
# designated zone or a zone with its own party committee; 现代 and other head words belong in names.
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("省政府与中国移动、中国国际工程咨询公司签署了合作框架协议。", []),
        ("引进和加快了三一重工、陕汽集团、中国重汽、庆华集团等重大项目落地。", []),
        ("精诚鑫五金制品、帝鹏科技、扬子电器、东大风电场等10个项目集中开工。",
         ["精诚鑫五金制品", "帝鹏科技", "扬子电器", "东大风电场"]),
        # a count of projects, then their list (6个项目为X、Y、Z)
        ("这次签约的4个项目为德士威数码新材料、锦泽特种玻璃、誉鑫石油机械、科伦除尘设备，总投资7.96亿元。",
         ["德士威数码新材料", "锦泽特种玻璃", "誉鑫石油机械", "科伦除尘设备"]),
        ("今年的重点工作有3个方面，分别是招商、服务、环境。", []),
        ("湄洲岛国家旅游度假区接待游客。", []),
        ("宿马现代产业园区党工委书记出席。宿马现代产业园区集中签约一批项目。", []),
        ("响水县与徐州宝丰特钢签约的年产800万吨现代钢铁基地项目总投资500亿元。", ["年产800万吨现代钢铁基地项目"]),
        ("集中开工建设了关西围屋群景区、龙秀温泉养生度假区等4个旅游类项目。", ["关西围屋群景区", "龙秀温泉养生度假区"]),
        ("谋划了中国洞庭湖博览园、临港电子商务物流园。", ["中国洞庭湖博览园", "临港电子商务物流园"]),
        ("洽谈了天心湖水库旅游景区、中国齐河东盟现代生态旅游城。",
         ["天心湖水库旅游景区", "中国齐河东盟现代生态旅游城"]),
        # a quoted brand is part of a name; a quoted slogan that counts things is a campaign
        ("签约了“云墨碳谷”碳材料产业园。", ["“云墨碳谷”碳材料产业园"]),
        ("全力推进“三个一批”项目建设。", []),
        ("引进“三类500强”项目5个。", []),
        # a count closing a list without 等; the item read whole wins over a shorter reading
        ("华商集团就渔人码头、亚太远洋渔业与低温食品物流产业园、深海时代产业园三个重大项目进行了座谈。",
         ["渔人码头", "亚太远洋渔业与低温食品物流产业园", "深海时代产业园"]),
        # topics of talks are not projects; a signing list after a clause about talks is
        ("拜访了中交建股份有限公司，就海洋装备产业、智慧小镇、新材料等项目进行了洽谈。", []),
        ("精准对接洽谈的项目，既有签约的奶山羊现代化养殖、液态羊奶及奶酪乳制品加工、赵振川艺术馆建设项目等项目。",
         ["奶山羊现代化养殖", "液态羊奶及奶酪乳制品加工", "赵振川艺术馆建设项目"]),
        ("中联重科新材料科技有限公司投建智慧装备制造项目。", ["智慧装备制造项目"]),
        # one project in two halves joined by 及/和/与, when the first half carries a proper word …
        ("签约宾阳县旭升3GW光伏组件及配套产业基地项目。", ["宾阳县旭升3GW光伏组件及配套产业基地项目"]),
        ("开工建设娄底群联复印机与耗材制造产业园。", ["娄底群联复印机与耗材制造产业园"]),
        ("签约液压动力机械及电力电子器械研发生产项目。", ["液压动力机械及电力电子器械研发生产项目"]),
        # a verb or 相关/其 opening the second half does not cut it off
        ("签约德力西输配电及控制设备制造项目。", ["德力西输配电及控制设备制造项目"]),
        ("签约荣德铵家集成墙面及相关产品智能化生产基地项目。", ["荣德铵家集成墙面及相关产品智能化生产基地项目"]),
        ("签约微型光纤放大器及其核心激光器产业化基地项目。", ["微型光纤放大器及其核心激光器产业化基地项目"]),
        ("建设农产品采购中心及其关联配套项目。", []),
        # … not a role (核心生产和研发基地), sectors, or a second half placed elsewhere
        ("湖北新日将成为新日电动车的核心生产和研发基地。", []),
        ("开工建设雷波拉咪北风电场和盐边大面山三期风电场项目。", ["盐边大面山三期风电场项目"]),
        # a company named as the builder makes a plain name a project; 总部 and 科技园 are heads
        ("华工科技公司在沧州运河区建设的智能激光装备项目签约。", ["智能激光装备项目"]),
        ("重点项目包括康方湾区科技园二期、华润燃气大湾区总部等。", ["康方湾区科技园二期", "华润燃气大湾区总部"]),
        ("着力引进现代服务业、高新技术和新兴产业等项目。", []),
        ("康方湾区科技园二期建成投产。", ["康方湾区科技园二期"]),
        ("开工建设康方湾区科技园二期扩建项目。", ["康方湾区科技园二期扩建项目"]),
        ("重点项目涵盖新疆国融储能调频电站项目。", ["新疆国融储能调频电站项目"]),
        # products listed in quantities or codes before one head are one project …
        ("其中，年产1200万重量箱超白光伏、超薄电子玻璃项目总投资15.2亿元。",
         ["年产1200万重量箱超白光伏、超薄电子玻璃项目"]),
        ("签约20万吨钛白粉装置、40万吨磷酸盐装置项目。", ["20万吨钛白粉装置、40万吨磷酸盐装置项目"]),
        ("新材料公司年产3000吨硅油、2000吨硅橡胶及5000吨涂料助剂项目开工。",
         ["新材料公司年产3000吨硅油、2000吨硅橡胶及5000吨涂料助剂项目"]),
        # … but not sectors, an item with a head of its own, or a last item naming its own place
        ("签约了6万吨饲料加工厂、10万头生猪养殖项目。", ["6万吨饲料加工厂", "10万头生猪养殖项目"]),
        ("年产2万吨乳制品加工、临武县中汇鑫科技园项目签约。", ["临武县中汇鑫科技园项目"]),
        # a second half with no proper word of its own is part of the first project
        ("项目包括京东中山电子商务产业园及运营结算中心等5个项目。", ["京东中山电子商务产业园及运营结算中心"]),
        ("签约华一兄弟集团总部及服装产业园项目。", ["华一兄弟集团总部及服装产业园项目"]),
        # function words jieba glued into a token it does not know open no name
        ("市、区两级政府都很重视这一项目，相关部门将会全力以赴地为项目实施做好服务。", []),
        # items of a list closed by the batch's size or kind are projects
        ("VR智慧屏、伊戈尔磁电、腾达智能制造等8个总投资127亿元项目开工建设。",
         ["VR智慧屏", "伊戈尔磁电", "腾达智能制造"]),
        ("三钢福多邦、永安抽水蓄能电站、福维高端新材料等一大批标志性项目落地实施。",
         ["三钢福多邦", "永安抽水蓄能电站", "福维高端新材料"]),
        ("建州智汇创谷、三明万达广场等10亿元以上项目5个。", ["建州智汇创谷", "三明万达广场"]),
        # 包括 lists projects: it says nothing of their being unsettled
        ("重大创新载体开工18项，包括华为淮海大数据中心、汉睿高效能芯片、软通动力创新平台等项目。",
         ["华为淮海大数据中心", "汉睿高效能芯片", "软通动力创新平台"]),
        ("签约建宁富强森林康养、尤溪书京村旅游开发等文旅产业项目6个。", ["建宁富强森林康养", "尤溪书京村旅游开发"]),
        # the capacity written before 的 belongs to the name
        ("签约年产20亿克拉的金锐超硬材料生产项目和年产35万台的空调生产项目。",
         ["年产20亿克拉的金锐超硬材料生产项目", "年产35万台的空调生产项目"]),
        # a company named as signatory makes a plain name a project
        ("美国安德集团与朝阳区人民政府签署的环球金融中心项目总投资30亿元。", ["环球金融中心项目"]),
        # trade cities are heads; how it is built (高标准建设), the builder (…公司合作建设) and a description
        # before a dash are no part of the name
        ("北林区引进28亿元高标准建设申禄达物流城和东富汽车配件城两个物流项目。", ["申禄达物流城", "东富汽车配件城"]),
        ("雨润控股集团与艾科农业科技发展有限公司合作建设冷链物流与食品商贸城。", ["冷链物流与食品商贸城"]),
        ("队伍来到最后一站——东风力神(十堰)新能源汽车动力电池项目。", ["东风力神(十堰)新能源汽车动力电池项目"]),
        # the builder and its verb are no part of the name; 正极 is a word of it
        ("新疆九洲恒昌供应链管理股份有限公司建设呼图壁县输煤廊道项目。", ["呼图壁县输煤廊道项目"]),
        ("天津中聚新能源科技有限公司在集宁区投资建设的锂电池及正极材料项目开工。", ["锂电池及正极材料项目"]),
        ("开工建设美国罗克韦尔智能产业联创中心和新加坡吉宝光明区综合开发运营项目。",
         ["美国罗克韦尔智能产业联创中心", "新加坡吉宝光明区综合开发运营项目"]),
    ],
)
def test_what_is_not_a_project_and_new_heads(text: str, names: list[str]) -> None:
    assert [p.name for p in extract(text).projects] == names


@pytest.mark.parametrize(("text", "name", "investment", "investor"), TIES)
def test_ties(text: str, name: str, investment: float | None, investor: str | None) -> None:
    (project,) = [p for p in extract(text).projects if p.name == name]
    assert (float(project.investment) if project.investment else None, project.investor) == (investment, investor)


# The stage written after a list of projects is theirs; 竣工投产 is 投产.
STAGES = [
    ("三一硅能5GW光伏制造基地等一大批项目竣工投产，智慧绿色能源互联网、三一智慧钢铁城等项目加快建设。",
     {"三一硅能5GW光伏制造基地": "投产", "智慧绿色能源互联网": "在建", "三一智慧钢铁城": "在建"}),
    ("25万吨/年混合烷烃脱氢项目签约。", {"25万吨/年混合烷烃脱氢项目": "签约"}),
    ("今年开工的新安江项目已经建成。", {"新安江项目": "竣工"}),
    # a plan to finish is a project still being built; a condition (建成后) states no stage
    ("开磷集团60万吨多功能复合肥项目，预计于今年9月建成。", {"开磷集团60万吨多功能复合肥项目": "在建"}),
    ("吴江纺织科技产业园项目，项目全部建成达产后，可实现年销售30亿元。", {"吴江纺织科技产业园项目": None}),
    ("长江隧道工程计划年内开工。", {"长江隧道工程": "开工"}),
    # a stage stated earlier in the paragraph carries to projects whose sentence states none …
    ("现场签约的16个项目中，先进制造业项目9个。最大的一个工业项目由研祥集团投资30亿元，在蓉设立西南生产基地。",
     {"西南生产基地": "签约"}),
    ("此次集中签约的有——\n华宇方圆新物流产业园、\n大同碳谷产业园等24个项目。",
     {"华宇方圆新物流产业园": "签约", "大同碳谷产业园": "签约"}),
    # progress said of one project does not carry to the next sentence's project
    ("龙海鑫港项目进展顺利。总投资276亿元的乙烷裂解制乙烯项目已向国家发改委申报。",
     {"龙海鑫港项目": "在建", "乙烷裂解制乙烯项目": None}),
    # … but not across a paragraph, not to projects still under talks, and not from a plan
    ("现场签约12个项目。\n长江隧道工程总投资80亿元。", {"长江隧道工程": None}),
    ("外出招商签约2个项目。同时，该县洽谈达成了5万吨玻纤池窑拉丝项目、精密数控刀具生产项目等10余个意向项目。",
     {"5万吨玻纤池窑拉丝项目": None, "精密数控刀具生产项目": None}),
    ("二期预计明年建成。长江隧道工程总投资80亿元。", {"长江隧道工程": None}),
    # a plan to finish yields to a stage the paragraph stated; a plan to start is the project's own
    ("集中签约的33个项目，包括研发中心等类别。雄狮中国研发生产总部中心项目总投资10亿美元，将建成研发平台。",
     {"雄狮中国研发生产总部中心项目": "签约"}),
    ("加快推进干线公路建设；还将开工建设国道219线区界至日土段。", {"国道219线区界至日土段": "开工"}),
    # 协议外资 names a measure, not a signing
    ("协议外资16.07亿美元。港闸区引进仁德电子科技项目。", {"仁德电子科技项目": None}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "stages"), STAGES)
def test_stages(text: str, stages: dict[str, str]) -> None:
    assert {p.name: p.stage for p in extract_projects(text, [], [])} == stages
