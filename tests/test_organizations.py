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
    # a department of an academy is listed as the academy; an academy's own institute stays whole
    ("中国（深圳）综合开发研究院区域发展规划研究所所长表示。", ["中国（深圳）综合开发研究院"]),
    ("中国科学院计算技术研究所参与研发。", ["中国科学院计算技术研究所"]),
    # a zone before a company's own name is not part of it (the zone's own company keeps it)
    ("利津经济开发区长凯石油科技股份有限公司投资建设。", ["长凯石油科技股份有限公司"]),
    ("东营经济技术开发区投资控股有限公司出资。", ["东营经济技术开发区投资控股有限公司"]),
    ("哈尔滨华热园区综合能源有限公司供热。", ["哈尔滨华热园区综合能源有限公司"]),
    ("与上海日用-友捷汽车电气公司签约。", ["上海日用-友捷汽车电气公司"]),
    # a brand jieba does not know keeps the character it split off before an industry word
    ("北京恒泰洁能科技有限公司拿出十足诚意。", ["北京恒泰洁能科技有限公司"]),
    ("项目投建方是南京雨润集团。", ["南京雨润集团"]),
    ("新加坡MWH投资控股公司参加。", ["新加坡MWH投资控股公司"]),
    # technology words and units before an industry word are no brands
    ("签约项目主要涉及晶硅光伏、绿电能源、生态环保。", []),
    # numbered bureaus of a listed group are companies of their own, however jieba cuts them
    ("中铁投资、中铁一局、中铁十局、中铁置业等单位负责人参加。", ["中铁", "中铁一局", "中铁十局", "中铁置业"]),
    # verbs of the event (开工, 揭牌) and 暨 end a name read back from a list
    ("中建材新材料有限公司瑞昌项目开工暨瑞昌市廊道运输有限公司、瑞昌市中建材光电材料有限公司揭牌。",
     ["中建材新材料有限公司", "瑞昌市廊道运输有限公司", "瑞昌市中建材光电材料有限公司"]),
    ("配套建设冷链物流、精酿啤酒和低碳家居项目。", []),
    # a place and a brand, as items of a list that names a company (祥鑫科技), are companies too
    ("开工项目6个：宁德博发、江苏嘉盛、宁德聚能、祥鑫科技、浙江银轮。",
     ["宁德博发", "江苏嘉盛", "宁德聚能", "祥鑫科技", "浙江银轮"]),
    ("考察了北京、上海、深圳科技等地。", []),
    ("杜交曲50MW风电场项目开工。", []),
    # a brand jieba cut into single characters (信|达) stays whole; a counted class is no name
    ("中国信达资产管理股份有限公司、中国南水北调集团参加。", ["中国信达资产管理股份有限公司", "中国南水北调集团"]),
    ("中国物流集团等35家央企集团参加。", ["中国物流集团"]),
    ("下属子(分)公司一百多家。", []),
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
    # an adverb and its verb jieba keeps as one word (大力支持) still end the name; a company whose
    # name ends in a verb-like word (国药控股) keeps it
    ("我们热忱欢迎中车集团来榕布局。", ["中车集团"]),
    ("我市将大力支持公司在湖的项目投资。", []),
    ("感谢漳州给予招商局集团的支持。", ["招商局集团"]),
    ("国药控股安徽有限公司落户。", ["国药控股安徽有限公司"]),
    # multinationals named bare; a fruit is no company, a given name is no firm
    ("瑞穗银行、住友商事、沃尔沃、亚马逊等企业参展。", ["瑞穗银行", "住友商事", "沃尔沃", "亚马逊"]),
    ("县长楚德勤主持仪式，全县苹果产量增长。", []),
    # where or what kind of body, not which one
    ("驻宜良商会、行业协会和市级投融资平台公司参加。", []),
    ("一行参观北京中泽凯华农业科技有限公司，对接央企二三级子公司。", ["北京中泽凯华农业科技有限公司"]),
    # a verb-looking piece between a brand's pieces (鹊|盛|活性炭) stays in the name
    ("位于左云县的鹊盛活性炭有限公司生产车间内机器轰鸣。", ["鹊盛活性炭有限公司"]),
    # a listed group and its industry word, closed by an officer's title, is that company
    ("创维汽车副总裁王君宇出席。麦德龙、国药等企业参会。", ["创维汽车", "麦德龙", "国药"]),
    ("快速提升公司在新能源汽车领域的地位，目前已完成公司注册。通用集团参会。", ["通用集团"]),
    # the items of a list the text calls companies (等…企业, 两家…企业, 均为…企业) are companies
    ("目前已有北京楷模家具、北京恒嘉木业等16家企业签约入园。", ["北京楷模家具", "北京恒嘉木业"]),
    ("华微电子、吉研高科等一批招商企业纷纷新上优质项目。", ["华微电子", "吉研高科"]),
    ("包括常州瑞德丰、苏州斯莱克、福建星云，均为动力电池配套企业。", ["常州瑞德丰", "苏州斯莱克", "福建星云"]),
    # a place and a brand investing an amount are a company; a place alone is not
    ("包括台州德仕乐投资14亿元的智能水表产业园项目、江苏润东投资7亿元的物流园项目。", ["台州德仕乐", "江苏润东"]),
    ("其中，江苏省投资5亿元，浙江投资3亿元。", []),
    # …but not countries, industries, categories or people
    ("来自泰国、浙江等地的企业代表。现代五金、电子信息等300多家企业转型。", []),
    ("加强与央企、省企等企业的合作。市领导王志义、谢文婕等和华威家具制造有限公司董事长出席。",
     ["华威家具制造有限公司"]),
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


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a common word glued before the place that opens the name (代表 is a noun to jieba)
        ("与代表东莞市蜀江新能源科技有限公司签约。", ["东莞市蜀江新能源科技有限公司"]),
        ("与施工单位四川宏达建设有限公司签订合同。", ["四川宏达建设有限公司"]),
        ("与合作伙伴深圳市华润科技有限公司签约。", ["深圳市华润科技有限公司"]),
        ("当地知名企业浙江万华不锈钢有限公司董事长张建丰了解到。", ["浙江万华不锈钢有限公司"]),
        # the verb 有 glued by jieba to the name after it (有晶龙, 有以)
        ("有晶龙集团新能源百亿产业园等大项目。", ["晶龙集团"]),
        ("有以河北春蕾新能源开发有限公司机器人及其组件为代表的项目。", ["河北春蕾新能源开发有限公司"]),
        # … and 及 glued to the person before, 由 to the brand after (贺宇及|粤海集团, 由惠禾|文化集团)
        ("市领导徐建华、贺宇及粤海集团负责人出席动工仪式。", ["粤海集团"]),
        ("惠禾·艾莲小镇项目由惠禾文化集团有限公司投资建设。", ["惠禾文化集团有限公司"]),
        # negatives: a listed company or a bank before the place is part of the name
        ("万科成都公司拿地。", ["万科成都公司"]),
        ("中国有色集团投资。", ["中国有色集团"]),
        ("国家电网四川省电力公司供电。", ["国家电网四川省电力公司"]),
        ("中国银行四川省成都分行和工商银行德阳支行", ["中国银行四川省成都分行", "工商银行德阳支行"]),
    ],
)
def test_common_word_before_place_is_cut(text: str, names: list[str]) -> None:
    assert [o.name for o in extract_organizations(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "四川宝利丰科技、重庆卓越科技、成都深嘉机械、沈阳市宏远电磁线等企业签约。",
            ["四川宝利丰科技", "重庆卓越科技", "成都深嘉机械", "沈阳市宏远电磁线"],
        ),
        (
            "苏州塞维拉上吴电梯、郑州中泉路桥设备、大益汽车配件代表签约。",
            ["苏州塞维拉上吴电梯", "郑州中泉路桥设备", "大益汽车配件"],
        ),
        ("与四川成都深嘉机械签约。", ["四川成都深嘉机械"]),
        # negatives: no brand between place and industry word, no place, a verb or common word as brand
        ("成都市机械行业、全市汽车配件产业稳步增长。", []),
        ("大力发展新能源科技，建设苏州工业园区。", []),
        ("江苏大力发展汽车、电子产业。", []),
        ("湖北重点汽车、机械企业。", []),
        ("深圳科技、成都机械均有增长。", []),
        ("东莞市新能源科技、", []),
        # a brand + industry word running on into a product phrase is not cut after the first word
        ("汉龙新能源汽车配套产业园开工。", []),
        ("成都深嘉机械签约落户。", ["成都深嘉机械"]),  # not in a list: the brand rule, with its place
        ("凯裕机械制造项目开工。", []),  # the industry word runs on into the product: a project, no company
    ],
)
def test_place_brand_industry_names(text: str, names: list[str]) -> None:
    assert [o.name for o in extract_organizations(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("与工商银行什邡支行、德阳银行什邡支行代表签约。", ["工商银行什邡支行", "德阳银行什邡支行"]),
        ("中国银行四川省分行和农行什邡支行参加。", ["中国银行四川省分行", "农行什邡支行"]),
        # negatives: 分行业 is a statistics heading; 各支行 describes
        ("分行业看，规上工业增加值增长5%。", []),
        ("工业增加值分行业统计。", []),
        ("各支行、该分行负责人参加。", []),
    ],
)
def test_bank_branches(text: str, names: list[str]) -> None:
    assert [o.name for o in extract_organizations(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("市发改局、工信局、住建局、招商局、工商局负责人参加。", []),
        ("市招商局局长介绍。", []),
        # positive: the group keeps its suffix
        ("招商局集团在湛江投资。", ["招商局集团"]),
    ],
)
def test_investment_bureau_is_not_a_company(text: str, names: list[str]) -> None:
    assert [o.name for o in extract_organizations(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the name was cut inside a small place (余家湖): it starts after the place
        ("分别是:余家湖红泰公司机械加工项目", ["红泰公司"]),
        ("余家湖丰利公司水硬性材料项目", ["丰利公司"]),
        # negatives: a place or word of its own, or a preposition before the name
        ("三家湖南企业和湖北宏达公司签约", ["湖北宏达公司"]),
        ("与港华燃气有限公司签约", ["港华燃气有限公司"]),
        ("向山河集团转让股权", ["山河集团"]),
    ],
)
def test_name_cut_inside_small_place(text: str, names: list[str]) -> None:
    assert [o.name for o in extract_organizations(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a place at the edge of the name opens it, though jieba cut a piece of the brand after it
        ("，大连绿都房地产开发有限公司总投资5亿元建设温泉庄园项目", ["大连绿都房地产开发有限公司"]),
        ("投资方是香港唯品会浙江投资有限公司。", ["香港唯品会浙江投资有限公司"]),
        ("、新疆北方福瑞生态工程有限公司年产60万吨肥料项目", ["新疆北方福瑞生态工程有限公司"]),
        ("，中国第二重工集团有限公司常务副总经理出席。", ["中国第二重工集团有限公司"]),
        ("，中交第二航务工程局有限公司承建。", ["中交第二航务工程局有限公司"]),
        ("、深圳科比特航空科技公司、深圳杉岩数据技术有限公司", ["深圳科比特航空科技公司", "深圳杉岩数据技术有限公司"]),
        # negatives: a stop word or a conjunction between the place and the name
        ("深圳与香港宏达电子有限公司签约", ["香港宏达电子有限公司"]),
        ("在大连会见了宏达电子有限公司负责人", ["宏达电子有限公司"]),
    ],
)
def test_place_opens_the_name(text: str, names: list[str]) -> None:
    assert [o.name for o in extract_organizations(text)] == names


# An item of a list of companies, or the partner after 与, is one name whatever jieba's tags say
# inside it; a verb of the prose before a company is not part of it.
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("与吉林远创置业集团、吉林省四平东风联合收割机有限公司、沃亿佳生态农业集团对接洽谈。",
         ["吉林远创置业集团", "吉林省四平东风联合收割机有限公司", "沃亿佳生态农业集团"]),
        ("与再生利氢能源科技有限公司、北方算网对接。", ["再生利氢能源科技有限公司"]),
        ("县政府与瞻望世纪航空蛟河有限公司签约。", ["瞻望世纪航空蛟河有限公司"]),
        ("要做大做强普洛斯与鑫湖集团合作。", ["普洛斯", "鑫湖集团"]),
        ("与施工单位四川宏达建设有限公司签订合同。", ["四川宏达建设有限公司"]),
        ("与利津经济开发区长凯石油装备有限公司签约。", ["长凯石油装备有限公司"]),
        ("赴大连市与中国科学院大连化学物理研究所考察。", ["中国科学院大连化学物理研究所"]),
        ("长沙市泉州商会协助引荐湖南金荣集团落户。", ["长沙市泉州商会", "湖南金荣集团"]),
        ("全力支持中国通用技术集团发展。", ["中国通用技术集团"]),
        ("生产光束及汽车零件。", []),
        # 贵州, 本溪 open with a place; 贵公司, 本公司 are pronouns
        ("贵阳富之源农业科技有限公司育肥猪场项目开工。", ["贵阳富之源农业科技有限公司"]),
        ("本溪钢铁集团有限公司、贵公司、本公司出席。", ["本溪钢铁集团有限公司"]),
        # a brand jieba splits or tags oddly stays whole; 等 ends a list, not a name
        ("废渣;贵州兄弟联科技有限公司年产3000吨材料项目开工。", ["贵州兄弟联科技有限公司"]),
        ("推动黑龙江省泉州商会、山东省泉州商会等异地商会成立。", ["黑龙江省泉州商会", "山东省泉州商会"]),
        ("投资5000万元的湖南愿景物流园建设项目开工。", []),
        # a brand + industry item of a list that names companies is a company; Latin names keep a space
        ("会上，中铁二十四局集团、红星美凯龙、美国Key Global公司、绿地集团、臻恒光电、建为集团等企业负责人发言。",
         ["中铁二十四局集团", "红星美凯龙", "美国Key Global公司", "绿地集团", "臻恒光电", "建为集团"]),
        ("重点发展汽车零部件、智能装备、电子信息、新材料等产业。", []),
        # a listed name glued to a further name word is part of a longer name; verbs of meetings end names
        ("中车株洲所风机装备制造、隆基乐叶科技年产3GW高效单晶电池等项目。", ["乐叶科技"]),
        ("记者在长沙经开区上汽大众工厂看到。", ["上汽大众"]),
        ("区委书记带领有关区领导约见华商投资集团。", ["华商投资集团"]),
        # 和 inside a name is no opener; after a company it is; a guest, 到 or a bracket is no part of a name
        ("与安徽和正农牧股份有限公司签约。", ["安徽和正农牧股份有限公司"]),
        ("与吉林远创置业集团和吉林省四平东风联合收割机有限公司对接。",
         ["吉林远创置业集团", "吉林省四平东风联合收割机有限公司"]),
        ("侨商大会嘉宾香港新华集团董事长出席。", ["香港新华集团"]),
        ("走访到舜喜控股集团。", ["舜喜控股集团"]),
        ("(川报集团记者)", ["川报集团"]),
        # central state-owned enterprises are named without a suffix
        ("中国航天科技、中国华能、中青旅等央企参会。", ["中国航天科技", "中国华能", "中青旅"]),
    ],
)
def test_list_items_and_partners(text: str, names: list[str]) -> None:
    assert [o.name for o in extract_organizations(text)] == names
