"""Reading a project name: the word lists, where a name starts, and whether it names anything.

A name ends with a head word (项目, 基地, 产业园, 中心, 工程, 生产线) and is read leftwards over jieba
tokens up to punctuation or a stop word; verbs, particles and dates that open it are stripped.
A name made only of generic words (重大项目, 一批高端优质项目) is generic; a specific one carries a
proper word (a place, brand or product) or a long description of what is made.  Roads and lines
are named differently: by their ends, a number or a place.  Word lists:
``corpus/dictionaries/project_words.tsv``.

These are the building blocks ``project_lists`` and ``projects`` share, so they sit below both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from extractors.cities import place_set
from extractors.org_names import _COMMON_WORD, opens_with_preposition
from extractors.org_names import lexicon as org_lexicon
from extractors.resources import read_lines
from extractors.segment import boundaries, dictionary_tag, token_at, tokens_between, word_frequency
from extractors.wordlists import alternation

# 投资40亿元建设X: a verb that opens a span says what is done to the project, not what it is.
LEADING_VERB = re.compile(r"(?:建设|新建|兴建|扩建|打造|用于|投建)")
# 新疆九洲恒昌…股份有限公司建设呼图壁县输煤廊道项目: the builder, then the verb, then the name.
BUILDER_VERB = re.compile(r"(?:公司|集团)(?:合作|联合|共同)?(?:投资建设|建设|投建|兴建|新建|实施)")
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z\d()（）/.·\-—“”]")
_MAX_NAME = 40


@dataclass(frozen=True, slots=True)
class ProjectWords:
    head_re: re.Pattern[str]
    generic_re: re.Pattern[str]
    sector_re: re.Pattern[str]  # 新能源, 深加工: a sector, generic when it is all a name says
    stops: frozenset[str]
    stage_re: re.Pattern[str]
    stage_of: dict[str, str]
    stop_end_re: re.Pattern[str]  # a token ending in a verb stop of two characters or more
    roads: frozenset[str]  # heads naming a road or line: named by its ends or places, not by a product
    institution_re: re.Pattern[str] | None = None  # 研究院…中心 is a body, not something being built
    named_zone_re: re.Pattern[str] = re.compile("(?!)")  # a place, then a zone word (秦皇岛经济技术开发区)
    events: tuple[str, ...] = ()  # endings of events (大运会, 世博会): listed before 等项目 they are no projects
    zone_bodies: tuple[str, ...] = ()  # 党工委, 管委会: after a name, they make it a zone
    name_words: frozenset[str] = frozenset()  # 现代: tagged a time word, yet part of names
    designations: tuple[str, ...] = ()  # 国家旅游度假区: a designated zone is a place, not a project
    future_re: re.Pattern[str] = re.compile("(?!)")  # 预计, 计划: a stage word after it is a plan
    conditionals: tuple[str, ...] = ()  # 后, 达产后: a stage word before it is a condition (建成后)
    unsettled_re: re.Pattern[str] = re.compile("(?!)")  # 意向, 洽谈: the sentence's projects have no stage yet


@cache
def words() -> ProjectWords:
    by_kind: dict[str, list[str]] = {}
    stage_of: dict[str, str] = {}
    for line in read_lines("dictionaries", "project_words.tsv"):
        word, kind = line.split("\t")[:2]
        if kind == "road":
            by_kind.setdefault("head", []).append(word)
        if kind.startswith("stage:"):
            stage_of[word] = kind.split(":", 1)[1]
            kind = "stage"
        by_kind.setdefault(kind, []).append(word)
    return ProjectWords(
        head_re=re.compile(alternation(by_kind["head"])),
        generic_re=re.compile(f"(?:{alternation(by_kind['generic'])})+"),
        sector_re=re.compile(f"(?:{alternation(by_kind['generic'] + by_kind['sector'])})+"),
        stops=frozenset(by_kind["stop"]),
        stage_re=re.compile(alternation(by_kind["stage"])),
        stage_of=stage_of,
        stop_end_re=re.compile(f"(?:{alternation(_verb_stops(by_kind['stop'], by_kind['head']))})$"),
        roads=frozenset(by_kind["road"]),
        institution_re=re.compile(alternation(by_kind["institution"])) if by_kind.get("institution") else None,
        events=tuple(by_kind.get("event", ())),
        name_words=frozenset(by_kind.get("name_word", ())),
        zone_bodies=tuple(by_kind.get("zone_body", ())),
        designations=tuple(by_kind.get("designation", ())),
        future_re=re.compile(alternation(by_kind["future"])),
        conditionals=tuple(by_kind["conditional"]),
        unsettled_re=re.compile(alternation(by_kind["unsettled"])),
        named_zone_re=re.compile(rf"([\u4e00-\u9fff]{{2,6}}?)(?:{alternation(by_kind['zone'])})"),
    )


def _verb_stops(stops: list[str], heads: list[str]) -> list[str]:
    return [w for w in stops if len(w) >= 2 and w not in heads]


def name_start(text: str, head_start: int) -> int:
    """Leftmost start of the project name whose head begins at ``head_start``."""
    start = head_start
    while start > 0 and head_start - start < _MAX_NAME and _NAME_CHAR.match(text[start - 1]):
        start -= 1
    closing = max(
        text.rfind(")", start, head_start), text.rfind("）", start, head_start), text.rfind("/", start, head_start)
    )
    opening = max(text.rfind("(", start, head_start), text.rfind("（", start, head_start))
    if closing > opening and text[closing] in ")）" and opening < start:  # caption: 周广学/摄)2024…
        start = closing + 1
    elif opening > closing and opening >= start:  # 第一台液晶电视(襄阳惠冠电子项目): the name opens the bracket
        start = opening + 1
    cut = start
    for tok in tokens_between(text, start, head_start):
        if text[tok.end : tok.end + 1] in "（(":
            continue  # 黔（江）张（家界）常（德）: each end abbreviated, its full name in brackets
        if _ends_name(tok.text) or _ends_name(text[max(tok.start, start) : min(tok.end, head_start)]):
            cut = min(tok.end, head_start)
        elif opens_with_preposition(tok.text) and tok.start >= start:
            cut = tok.start + 1  # 仪式暨凯盛|科技集团…项目: jieba glued 暨 to the name after it
    return past_slogan(text, cut, head_start)


# A quoted slogan counts things (“三个一批”, “九通一平”, “双招双引”): a campaign, not a name's words.
_SLOGAN = re.compile(r"“[^”]*[一二三四五六七八九十百千万双两][^”]*”")


def past_slogan(text: str, start: int, end: int) -> int:
    """Start after an unbalanced quote, or after a slogan the name would open with."""
    span = text[start:end]
    if span.count("“") != span.count("”"):
        return start + max(span.rfind("“"), span.rfind("”")) + 1
    slogan = _SLOGAN.match(text, start, end)
    return slogan.end() if slogan else start


# Function words, time words and adverbs never belong to a project name (今年, 此次, 进一步);
# jieba's dictionary tags them well enough.  Verbs are listed in project_words.tsv instead,
# because names contain verbs (扩建, 制造).
_STOP_TAGS = ("p", "c", "d", "r", "t", "u", "y", "e", "ad")


# 三期工程, 一期项目: a phase belongs to the name (jieba tags it a numeral).
_PHASE = re.compile(r"[一二三四五六七八九十首\d]{1,2}期")


def _place_not_adverb(token: str) -> bool:
    """大同 is a city before it is the adverb jieba tags it as (大同小异)."""
    return token in place_set() and dictionary_tag(token) == "d"


@lru_cache(maxsize=1 << 16)  # a pure function of the token, asked thousands of times per article
def _ends_name(token: str) -> bool:
    if token in _CONNECTORS or token in words().name_words or _PHASE.fullmatch(token) or _place_not_adverb(token):
        return False
    if token in words().stops or words().stop_end_re.search(token):
        return True  # 隆重举行 ends with the verb 举行
    tag = dictionary_tag(token)
    if tag is None:
        return _glued_function_words(token)
    return tag.startswith(_STOP_TAGS) and not tag.startswith("rr")


_FUNCTION_TAGS = ("p", "c", "d", "r", "u")


def _glued_function_words(token: str) -> bool:
    """这一, 地为, 以新: two function words jieba glued into a token it does not know, not a brand
    (以岭 keeps its noun 岭)."""
    if len(token) != 2:
        return False
    first, second = (dictionary_tag(ch) or "" for ch in token)
    return first.startswith(_FUNCTION_TAGS) and second.startswith((*_FUNCTION_TAGS, "m", "a", "v"))


# Inside a name these join its words (风力发电用电缆, 黄家埠至牟山段) instead of ending it.
_CONNECTORS = frozenset({"用", "至"})
# Verbs, particles and connectors never open a name: 见证X项目, 使花都工厂, 继老成渝铁路 lose them.
_LEAD_TAGS = ("v", "vd", "p", "c", "d", "ad", "u", "r")


def after_last_break(text: str, pos: int, breaks: str, lo: int = 0) -> int:
    """Where the stretch ending at ``pos`` begins: right after the last of ``breaks`` in text[lo:pos]."""
    return max(lo - 1, *(text.rfind(ch, lo, pos) for ch in breaks)) + 1


def enclosing(text: str, start: int, end: int, breaks: str) -> tuple[int, int]:
    """The stretch between the last of ``breaks`` before ``start`` and the first at or after ``end``."""
    rights = [i for i in (text.find(ch, end) for ch in breaks) if i != -1]
    return after_last_break(text, start, breaks), min(rights) if rights else len(text)


# A date glued to the front of a name (3月26号汉龙汽车产业园开工) says when, not what; so does an
# enumeration (二是独资项目, 三是汽车产业链项目) say which point of a speech it is.
_DATE_LEAD = re.compile(r"(?:\d{1,2}月)?\d{1,2}[日号](?:上午|下午|晚)?|[一二三四五六七八九十]是")


# Praise before a name (打造世界级邵氏茶农业产业园) rates it; the name follows.
_PRAISE_LEAD = re.compile(r"(?:世界级|国际一流|国内一流|全国一流)(?=[\u4e00-\u9fff]{4})")


def strip_lead(text: str, start: int, end: int) -> int:
    """Move ``start`` past verbs, particles and dates that open the span (争取黔（江）…铁路)."""
    if text[start - 1 : start] in ("、", "及", "与"):
        return start  # an item or second half starts at its separator (、超净…, 及控制设备…: both tagged v)
    while start < end:
        if lead := (_DATE_LEAD.match(text, start, end) or _PRAISE_LEAD.match(text, start, end)):
            start = lead.end()
            continue
        tok = token_at(text, start)
        if tok is None or tok.end >= end:
            return start
        tag = dictionary_tag(tok.text)
        name_word = tok.text in words().name_words or _place_not_adverb(tok.text)
        if tok.text not in _CONNECTORS and (tag is None or tag not in _LEAD_TAGS or name_word):
            return start
        start = tok.end
    return start


# A batch, not a name: dated (2024东营市…重点项目, 二季度重大项目) or ending in a category word;
# a year is 19xx/20xx not followed by a unit (年产2000万吨 is a capacity).
_BATCH = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?:年度?|(?![\d万千亿吨台套辆件米平t]))|[一二三四]季度|上半年|下半年")
_CATEGORY_END = re.compile(
    r"(?:重大|重点|重要|新老|招商引资|招商|落地|签约|开工|在建|续建|新建|储备)(?:建设|产业)?$|以[上下]$|[级类等]$|\d$|等"
)  # …500万美元以上项目, 50亿级项目, 房地产类项目, X等项目: a size class, a category or a list
_COUNTED = re.compile(r"(?:\d+|[一二两三四五六七八九十几多数]+)[余多]?(?:个|项|批|家|大|条|座|强)")  # 500强及央企项目
# A superlative describes (华南最大发动机工厂, 国内最高世代…生产线之一); it does not name.
_DESCRIPTIVE = re.compile(r"最[大高长先优早]|第一|首个|首家|之最|一流|世界级")
_EDITION = re.compile(r"第[\d一二三四五六七八九十]+[届次]")


def _event_then_place(name_words: str) -> bool:
    """…艺术节, …银川行, …兰洽会武威市: an event's name (then perhaps a place) closes the words."""
    for place in (p for p in (name_words[-n:] for n in (2, 3, 4)) if p in place_set()):
        name_words = name_words[: -len(place)]
        break
    if len(name_words) < 3 or not name_words.endswith((*words().events, "行")):
        return False
    last = tokens_between(name_words, 0, len(name_words))[-1].text
    return word_frequency(last) < _COMMON_WORD  # not 发展, 社会, 银行: common words ending the same way


_NUMBERED_SLOGAN = re.compile(r"(?:[一二三四五六七八九十两双][\u4e00-\u9fff]{1,2}){2,}")
# A town, street or region below the listed places (六广镇, 扎佐街道, 台湾地区): its projects are a set.
_TOWN = re.compile(r"[\u4e00-\u9fff]{1,4}(?:街道|镇|乡|地区|自治县|自治州|自治旗)")
# Projects located in a zone (东营经济技术开发区项目) are a set of projects, not one.
_ZONE_END = re.compile(r"(?:开发区|经开区|高新区|园区|新区|工业园|经济区|示范区|自贸区|片区|旅游区)$")


def _places_zone(text: str, start: int, end: int) -> bool:
    """东营经济技术开发区项目, 高新区项目: the projects of a zone named by its place. A zone named by a
    brand or product (正华纺织工业园项目, 航空经济区项目) is itself being built."""
    zone = _ZONE_END.search(text, start, end)
    if zone is None:
        return False
    if zone.group() == "旅游区":
        return True  # 黄果树旅游区项目: a scenic area is a place, whatever its name
    # 长子经开区绿色低碳智慧园区: the place's zone, then the park's own words
    own = _ZONE_WORDS.sub("", own_words(text, start, end, sectors=True))
    return len(own) < 2 or own in place_set() or bool(_TOWN.fullmatch(own)) or _all_places(own)


_ZONE_WORDS = re.compile(
    r"(?:经济技术|经济|技术|高新技术产业|高新技术|工业)?开发区|经开区|高新区|新区|工业园区?|产业园区?|经济区|园区|片区"
)


def _all_places(words_: str) -> bool:
    """珠三角江门, 湖北宜昌: places one after another (or a place and its zone) are still a place."""
    pieces = [t.text for t in tokens_between(words_, 0, len(words_))]
    return bool(pieces) and all(piece in place_set() or _TOWN.fullmatch(piece) for piece in pieces)


def is_generic(text: str, start: int, end: int, head: str = "项目") -> bool:
    """True when the words before the head describe projects instead of naming one."""
    name_words = text[start:end]
    if _NUMBERED_SLOGAN.fullmatch(name_words + head):
        return True  # 两城三区四基地, 三地两区一中心: a development slogan
    if _EDITION.search(name_words) or _event_then_place(name_words):
        return True  # 第二十二届兰洽会武威市项目, 盐湖城旅游文化艺术节项目: the projects of an event
    if _COUNTED.search(name_words) or _BATCH.search(name_words) or _CATEGORY_END.search(name_words):
        return True  # 11个高速公路项目 is a count of projects, 2024年重点项目 a batch
    if _DESCRIPTIVE.search(name_words) or (head == "项目" and _places_zone(text, start, end)):
        return True
    own = own_words(text, start, end, sectors=True)
    if words().head_re.fullmatch(own):
        return True  # 产业园项目: a head word alone names nothing
    if (own in place_set() or _TOWN.fullmatch(own)) and head not in words().roads:
        return True  # 扬州市产业项目, 东营重点项目: a place's projects (余姚大道 is one road)
    tag = dictionary_tag(own) or "brand"
    if len(own) == 2 and tag.startswith(("brand", *_PROPER_TAGS)) and org_lexicon().industry_re.search(name_words, 2):
        return False  # 顶辉新材料, 兴威新材料项目: a brand jieba does not know, before its industry
    return len(own) < (2 if head in words().roads else 3)


def own_words(text: str, start: int, end: int, sectors: bool = False) -> str:
    """The words of a name that are not generic, token by token (新安江 keeps its 新); with
    ``sectors``, not sector words either (新能源项目 names no project, 新能源汽车零部件项目 may)."""
    generic_re = words().sector_re if sectors else words().generic_re
    pieces = (text[max(t.start, start) : min(t.end, end)] for t in tokens_between(text, start, end))
    return "".join(piece for piece in pieces if not generic_re.fullmatch(piece))


_PROPER_TAGS = ("ns", "nz", "nt", "nr", "j", "eng")
# A product with its capacity names a project (乘用车产能扩建项目, 年产5000吨…生产线).
_CAPACITY = re.compile(r"产能扩建|年产|扩能")
# Ends abbreviated with their full names in brackets: 三（江）万（盛）南（川）.
_ABBREVIATED = re.compile(r"(?:[\u4e00-\u9fff][（(][\u4e00-\u9fff]{1,3}[)）]){2}")


def has_proper_word(text: str, start: int, end: int, brands: tuple[str, ...] = ()) -> bool:
    """A name needs a word of its own: a place, brand or product (金雷, 8.5代, LED, 华东)."""
    piece_all = text[start:end]
    if _CAPACITY.search(piece_all) or _ABBREVIATED.search(piece_all) or any(b in piece_all for b in brands):
        return True
    for tok in tokens_between(text, start, end):
        piece = text[max(tok.start, start) : min(tok.end, end)]
        if re.search(r"[A-Za-z0-9]", piece):
            return True
        tag = dictionary_tag(piece)
        if len(piece) >= 2 and (tag is None or tag.startswith(_PROPER_TAGS)):
            return True
    return False


_LONG_OWN = 10  # characters of its own words that make a product description a name by itself


def is_specific(text: str, start: int, end: int, brands: tuple[str, ...]) -> bool:
    """A proper word, or a long description of what is made (大截面导线风力发电用电缆生产厂)."""
    if has_proper_word(text, start, end, brands):
        return True
    last = max(start, *(text.rfind(ch, start, end) + 1 for ch in "及和、"))  # one item of a joined name
    verbs = sum(dictionary_tag(t.text) == "v" for t in tokens_between(text, last, end))
    return verbs <= 1 and len(own_words(text, start, end)) >= _LONG_OWN  # 帮助企业制定整个项目 is a clause


# A road or line is named by its ends (大营至神池), a number (国道219线), abbreviations of its
# ends (黔（江）张（家界）), its kind (城际, 客运) or a place (余姚大道); 国省干线公路 is a category.
_ROAD_NAMED = re.compile(r"至|[—\-－]|[（(]|\d|城际|客运|复线|绕城|快速|沿江|沿海|环线")


def is_road_named(text: str, start: int, end: int) -> bool:
    name_words = text[start:end]
    places = place_set()
    if _ROAD_NAMED.search(name_words) or any(name_words[:n] in places for n in range(2, min(len(name_words), 12) + 1)):
        return True
    return any(dictionary_tag(tok.text) == "j" for tok in tokens_between(text, start, end))  # 渝黔: 渝 + 黔


# 中国国际工程咨询公司, 中建三局: the head is inside a company's name.
_INSIDE_COMPANY = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:有限公司|公司|集团|[一二三四五六七八九十]{1,2}局)")


def _head_ends_phrase(text: str, head: re.Match[str]) -> bool:
    """The head closes the noun phrase: not 铁路运输, 公路西藏段 (a road as a modifier), not …之一."""
    end = head.end()
    if end not in boundaries(text) or text.startswith("之一", end) or _INSIDE_COMPANY.match(text, end):
        return False
    if head.group() not in words().roads:
        return True
    nxt = token_at(text, end)
    tag = dictionary_tag(nxt.text) if nxt else None
    if nxt is None or nxt.text in _CONNECTORS or not re.match(r"[\u4e00-\u9fff]", nxt.text):
        return True
    return not (tag is None or tag in ("n", "ns", "nz", "nr", "l", "j", "f"))  # 墨脱公路嘎隆拉隧道, 渝怀铁路间


# A road or railway section is named by its two ends: 国道219线区界至日土段, 渝怀二线涪陵至怀化段.
_SECTION = re.compile(r"(?:[国省县]道)?[\u4e00-\u9fff\d]{1,8}线[\u4e00-\u9fff\d]{1,8}至[\u4e00-\u9fff\d]{1,8}段")


def _section_start(match: re.Match[str]) -> int:
    road = re.search(r"[国省县]道", match.group())
    return match.start() + road.start() if road else match.start()
