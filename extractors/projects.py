"""Named investment projects with the investment, stage and investor their sentence states.

A project name ends with a head word (项目, 基地, 产业园, 中心, 工程, 生产线) and carries its own
words before it (25万吨/年混合烷烃脱氢项目); it is read leftwards over jieba tokens up to
punctuation or a stop word.  A name made only of generic words (重大项目, 一批高端优质项目,
该项目) is not a project.  Word lists: ``corpus/dictionaries/project_words.tsv``.

Investment comes from the ``Amount`` facts passed in (money is never re-parsed here): an amount
of the same sentence written as 总投资116亿元的X, X总投资25亿元 or 投资40亿元建设X.  The stage
is the stage word of the sentence nearest to the name; the investor is the organization the
name starts with, else the nearest organization of the same sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.cities import place_names
from extractors.facts import Amount, Organization, Project
from extractors.organizations import core_of, lexicon
from extractors.resources import read_lines
from extractors.segment import boundaries, dictionary_tag, token_at, tokens_between
from extractors.wordlists import alternation

_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z\d()（）/.·\-—]")
_SENTENCE_END = "。！？!?\n；;"
_MAX_NAME = 40
_INVEST_NEAR = 8  # characters before an amount in which 投资 must appear to make it an investment


@dataclass(frozen=True, slots=True)
class ProjectWords:
    head_re: re.Pattern[str]
    generic_re: re.Pattern[str]
    stops: frozenset[str]
    stage_re: re.Pattern[str]
    stage_of: dict[str, str]
    stop_end_re: re.Pattern[str]  # a token ending in a verb stop of two characters or more
    roads: frozenset[str]  # heads naming a road or line: named by its ends or places, not by a product
    institution_re: re.Pattern[str] | None = None  # 研究院…中心 is a body, not something being built
    events: tuple[str, ...] = ()  # endings of events (大运会, 世博会): listed before 等项目 they are no projects


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
        stops=frozenset(by_kind["stop"]),
        stage_re=re.compile(alternation(by_kind["stage"])),
        stage_of=stage_of,
        stop_end_re=re.compile(f"(?:{alternation(_verb_stops(by_kind['stop'], by_kind['head']))})$"),
        roads=frozenset(by_kind["road"]),
        institution_re=re.compile(alternation(by_kind["institution"])) if by_kind.get("institution") else None,
        events=tuple(by_kind.get("event", ())),
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
    cut = start
    for tok in tokens_between(text, start, head_start):
        if text[tok.end : tok.end + 1] in "（(":
            continue  # 黔（江）张（家界）常（德）: each end abbreviated, its full name in brackets
        if _ends_name(tok.text) or _ends_name(text[max(tok.start, start) : min(tok.end, head_start)]):
            cut = min(tok.end, head_start)
    return cut


# Function words, time words and adverbs never belong to a project name (今年, 此次, 进一步);
# jieba's dictionary tags them well enough.  Verbs are listed in project_words.tsv instead,
# because names contain verbs (扩建, 制造).
_STOP_TAGS = ("p", "c", "d", "r", "t", "u", "y", "e", "ad")


# 三期工程, 一期项目: a phase belongs to the name (jieba tags it a numeral).
_PHASE = re.compile(r"[一二三四五六七八九十首\d]{1,2}期")


def _place_not_adverb(token: str) -> bool:
    """大同 is a city before it is the adverb jieba tags it as (大同小异)."""
    return token in _places() and dictionary_tag(token) == "d"


def _ends_name(token: str) -> bool:
    if token in _CONNECTORS or _PHASE.fullmatch(token) or _place_not_adverb(token):
        return False
    if token in words().stops or words().stop_end_re.search(token):
        return True  # 隆重举行 ends with the verb 举行
    tag = dictionary_tag(token)
    return tag is not None and tag.startswith(_STOP_TAGS) and not tag.startswith("rr")


# Inside a name these join its words (风力发电用电缆, 黄家埠至牟山段) instead of ending it.
_CONNECTORS = frozenset({"用", "至"})
# Verbs, particles and connectors never open a name: 见证X项目, 使花都工厂, 继老成渝铁路 lose them.
_LEAD_TAGS = ("v", "vd", "p", "c", "d", "ad", "u", "r")


# A date glued to the front of a name (3月26号汉龙汽车产业园开工) says when, not what.
_DATE_LEAD = re.compile(r"(?:\d{1,2}月)?\d{1,2}[日号](?:上午|下午|晚)?")


def strip_lead(text: str, start: int, end: int) -> int:
    """Move ``start`` past verbs, particles and dates that open the span (争取黔（江）…铁路)."""
    if text[start - 1 : start] == "、":
        return start  # a list item starts at its separator (、超净聚丙烯系列项目: 超净 is tagged v)
    while start < end:
        if date := _DATE_LEAD.match(text, start, end):
            start = date.end()
            continue
        tok = token_at(text, start)
        if tok is None or tok.end >= end:
            return start
        tag = dictionary_tag(tok.text)
        if tok.text not in _CONNECTORS and (tag is None or tag not in _LEAD_TAGS or _place_not_adverb(tok.text)):
            return start
        start = tok.end
    return start


# A batch, not a name: dated (2024东营市…重点项目, 二季度重大项目) or ending in a category word;
# a year is 19xx/20xx not followed by a unit (年产2000万吨 is a capacity).
_BATCH = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?:年度?|(?![\d万千亿吨台套辆件米平t]))|[一二三四]季度|上半年|下半年")
_CATEGORY_END = re.compile(
    r"(?:重大|重点|重要|新老|招商引资|招商|落地|签约|开工|在建|续建|新建|储备)(?:建设|产业)?$|以[上下]$|[级类等]$"
)  # …500万美元以上项目, 50亿级项目, 房地产类项目, X等项目: a size class, a category or a list
_COUNTED = re.compile(r"(?:\d+|[一二两三四五六七八九十几多数]+)[余多]?(?:个|项|批|家|大|条)")
# A superlative describes (华南最大发动机工厂, 国内最高世代…生产线之一); it does not name.
_DESCRIPTIVE = re.compile(r"最[大高长先优早]|第一|首个|首家|之最|一流|世界级")
# Projects located in a zone (东营经济技术开发区项目) are a set of projects, not one.
_ZONE_END = re.compile(r"(?:开发区|高新区|园区|新区|工业园|经济区|示范区|自贸区|片区)$")


def is_generic(text: str, start: int, end: int, head: str = "项目") -> bool:
    """True when the words before the head describe projects instead of naming one."""
    name_words = text[start:end]
    if _COUNTED.search(name_words) or _BATCH.search(name_words) or _CATEGORY_END.search(name_words):
        return True  # 11个高速公路项目 is a count of projects, 2024年重点项目 a batch
    if _DESCRIPTIVE.search(name_words) or (head == "项目" and _ZONE_END.search(name_words)):
        return True
    own = own_words(text, start, end)
    if words().head_re.fullmatch(own):
        return True  # 产业园项目: a head word alone names nothing
    if own in _places() and head not in words().roads:
        return True  # 扬州市产业项目, 东营重点项目: a place's projects (余姚大道 is one road)
    return len(own) < (2 if head in words().roads else 3)


def own_words(text: str, start: int, end: int) -> str:
    """The words of a name that are not generic, token by token (新安江 keeps its 新)."""
    generic_re = words().generic_re
    pieces = (text[max(t.start, start) : min(t.end, end)] for t in tokens_between(text, start, end))
    return "".join(piece for piece in pieces if not generic_re.fullmatch(piece))


def _sentence(text: str, pos: int) -> tuple[int, int]:
    left = max(text.rfind(ch, 0, pos) for ch in _SENTENCE_END) + 1
    rights = [i for i in (text.find(ch, pos) for ch in _SENTENCE_END) if i != -1]
    return left, min(rights) if rights else len(text)


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


def brand_forms(organizations: list[Organization]) -> tuple[str, ...]:
    """Names, short names and distinctive cores of the article's organizations (雨润 of 南京雨润集团)."""
    forms = {form for org in organizations for form in (org.name, *org.short_names, core_of(org.name))}
    return tuple(form for form in forms if len(form) >= 2)


# A road or line is named by its ends (大营至神池), a number (国道219线), abbreviations of its
# ends (黔（江）张（家界）), its kind (城际, 客运) or a place (余姚大道); 国省干线公路 is a category.
_ROAD_NAMED = re.compile(r"至|[—\-－]|[（(]|\d|城际|客运|复线|绕城|快速|沿江|沿海|环线")
# Existing facilities are not projects: 现有的新日无锡工厂、天津工厂; 老成渝铁路.
# A road the name connects to (终点接X, 东连X) is there already, and so is a superlative's
# subject (中西部最大的X基地).
_EXISTING = re.compile(
    r"(?:现有|已有|原有|既有)的?[^，,。；;！？\n]*$|(?:[东西南北]?连|连接|衔接|接入|接)$|(?:最[大高长先优早]|一流)的?$"
)


def is_road_named(text: str, start: int, end: int) -> bool:
    name_words = text[start:end]
    places = _places()
    if _ROAD_NAMED.search(name_words) or any(name_words[:n] in places for n in range(2, min(len(name_words), 12) + 1)):
        return True
    return any(dictionary_tag(tok.text) == "j" for tok in tokens_between(text, start, end))  # 渝黔: 渝 + 黔


@cache
def _places() -> frozenset[str]:
    return frozenset(place_names())


def _head_ends_phrase(text: str, head: re.Match[str]) -> bool:
    """The head closes the noun phrase: not 铁路运输, 公路西藏段 (a road as a modifier), not …之一."""
    end = head.end()
    if end not in boundaries(text) or text.startswith("之一", end):
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


_LEADING_VERB = re.compile(r"^(?:建设|新建|兴建|扩建|打造|用于|投建)")


def trim_to_name(text: str, span: tuple[int, int], amounts: list[Amount]) -> tuple[int, int]:
    """投资40亿元建设X: the name starts after the amount and the verb that follow it."""
    start = max([span[0]] + [a.end for a in amounts if span[0] < a.end < span[1]])
    digits = re.match(r"[\d.]+(?:万|亿)?元", text[start : span[1]])
    start += digits.end() if digits else 0
    verb = _LEADING_VERB.match(text[start : span[1]])
    return (start + verb.end() if verb else start), span[1]


# 在龙泉驿区建设成都生产基地项目, 在蓉设立西南生产基地: where it is built, then the verb, then the name.
_PLACE_VERB = re.compile(r"([\u4e00-\u9fff]{1,6}?)(?:投资建设|建设|设立|投建|兴建|新建|布局)")


def _after_place_verb(text: str, start: int, end: int) -> int:
    m = _PLACE_VERB.match(text, start, end)
    if m is None or end - m.end() < 4:
        return start
    place = m.group(1)
    if len(place) == 1 or place in _places() or place.endswith(("区", "县", "市", "省")):
        return m.end()
    return start


def find_names(text: str, brands: tuple[str, ...] = (), tied: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Spans of project names; ``tied`` holds offsets right after an investment and its 的 (投资6亿元的X):
    a name starting there is a project the text puts money on, so it needs no proper word."""
    spans: list[tuple[int, int]] = [(_section_start(m), m.end()) for m in _SECTION.finditer(text)]
    plain: list[tuple[int, int]] = []  # neither generic nor specific: a project only among projects
    for head in words().head_re.finditer(text):
        if head.end() < len(text) and words().head_re.match(text, head.end()):
            continue  # 中心项目: the longer name ends at the next head
        if not _head_ends_phrase(text, head):
            continue
        start = strip_lead(text, name_start(text, head.start()), head.start())
        start = join_list(text, _after_place_verb(text, start, head.start()), head, brands, tied)
        verdict = name_verdict(text, start, head, brands, tied)
        if verdict is True:
            spans.append((start, head.end()))
        elif verdict is None:
            plain.append((start, head.end()))
    return sorted(spans + _listed_among(text, spans, plain) + _listed_before_deng(text, brands))


# 安达科技新能源材料、路发实业25万吨磷酸二铵技改等项目: the items a 等…项目 closes are projects.
_DENG = re.compile(r"等(?:\d+个|一大?批|多个|一系列)?(?:重大|重点|招商|产业)?项目")


def _listed_before_deng(text: str, brands: tuple[str, ...]) -> list[tuple[int, int]]:
    """Items of the 、 list right before 等项目. A list with at least one item bearing a proper word
    (a brand, place or product) is a list of projects, so its other plain items count too."""
    found = []
    for m in _DENG.finditer(text):
        items = _deng_items(text, m.start())
        if any(has_proper_word(text, start, end, brands) for start, end in items):
            found += items
    return found


_ITEM_BREAKS = frozenset("，,。；;：:！？!?")
_LONGEST_ITEM = 30


def _deng_items(text: str, end: int) -> list[tuple[int, int]]:
    """The 、-separated items ending at ``end`` (line breaks after 、 allowed), minus events and
    generic phrases. Items between separators are taken whole; the first is read like a name."""
    items = []
    while end > 0:
        sep = _previous_separator(text, end)
        if sep is None:
            start = _joined_product(text, strip_lead(text, name_start(text, end), end))
        else:
            start = _skip_space(text, sep[1], end)
        if end - start >= 4 and not text[start:end].endswith(words().events) and not is_generic(text, start, end):
            items.append((start, end))
        if sep is None:
            break
        end = sep[0]
    return items


def _previous_separator(text: str, end: int) -> tuple[int, int] | None:
    """(start, end) of the 、 or 以及 that opens the item ending at ``end``; None for the first item."""
    for i in range(end - 1, max(-1, end - _LONGEST_ITEM - 1), -1):
        if text[i] == "、":
            return i, i + 1
        if text.startswith("以及", i):
            return i, i + 2
        if text[i] in _ITEM_BREAKS or (text[i] == "\n" and text[i - 1 : i] != "、"):
            return None
    return None


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _listed_among(text: str, spans: list[tuple[int, int]], plain: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """5万吨玻纤池窑拉丝项目、森林小火车特色旅游项目: an item of a 、 list of projects is one too."""
    found: list[tuple[int, int]] = []
    ends = {end for _, end in spans}
    starts = {start for start, _ in spans}
    changed = True
    while changed:
        changed = False
        for start, end in plain:
            if (start, end) in found:
                continue
            after_named = text[start - 1 : start] == "、" and start - 1 in ends
            if after_named or (text[end : end + 1] == "、" and end + 1 in starts):
                found.append((start, end))
                ends.add(end)
                starts.add(start)
                changed = True
    return found


def is_name(text: str, start: int, head: re.Match[str], brands: tuple[str, ...],
            tied: frozenset[int] = frozenset()) -> bool:
    return name_verdict(text, start, head, brands, tied) is True


def name_verdict(text: str, start: int, head: re.Match[str], brands: tuple[str, ...],
                 tied: frozenset[int] = frozenset()) -> bool | None:
    """True: a named project. False: generic, existing or not a project. None: plain words only
    (森林小火车特色旅游项目), a project only where the text lists it among named ones."""
    if text[start : start + 1] == "老" or _EXISTING.search(text, max(0, start - 40), start):
        return False
    if is_generic(text, start, head.start(), head.group()):
        return False
    if head.group() in words().roads:
        return is_road_named(text, start, head.start())
    if head.group() == "中心" and _names_institution(text, start, head.end()):
        return False
    if start in tied or is_specific(text, start, head.start(), brands):
        return True
    return None


def _names_institution(text: str, start: int, end: int) -> bool:
    """商务部研究院区域经济合作中心, 中国国际经济交流中心: a research or service body, not a project."""
    pattern = words().institution_re
    return bool(pattern and pattern.search(text, start, end))


_LONG_OWN = 10  # characters of its own words that make a product description a name by itself


def is_specific(text: str, start: int, end: int, brands: tuple[str, ...]) -> bool:
    """A proper word, or a long description of what is made (大截面导线风力发电用电缆生产厂)."""
    if has_proper_word(text, start, end, brands):
        return True
    last = max(start, *(text.rfind(ch, start, end) + 1 for ch in "及和、"))  # one item of a joined name
    verbs = sum(dictionary_tag(t.text) == "v" for t in tokens_between(text, last, end))
    return verbs <= 1 and len(own_words(text, start, end)) >= _LONG_OWN  # 帮助企业制定整个项目 is a clause


# A name may join two lines or bases sharing its head (…生产线及配套…生产线项目, …制造基地及…基地项目).
_JOINABLE_END = re.compile(r"(?:生产线|生产厂|基地|工厂|厂|中心|制造|生产)$")


# A product made in a stated quantity (5万吨致密刚玉, 20万台发动机).
_QUANTITY = re.compile(r"\d[\d.]*[万千]?(?:吨|套|台|辆|件|千瓦|平米|平方米|片)")


def _two_products(text: str, left_words: str, start: int) -> bool:
    """年产7万吨草酸及1万吨乙二醇: a quantity on both sides of 及 names one plant's products."""
    return bool(_CAPACITY.search(left_words) or _QUANTITY.search(left_words)) and text[start : start + 1].isdigit()


def _joined_product(text: str, start: int) -> int:
    """Start of 深圳立雅信5万吨致密刚玉 when the item at ``start`` is its 及 1万吨蓝刚玉."""
    if start < 2 or text[start - 1] not in "及和":
        return start
    left = strip_lead(text, name_start(text, start - 1), start - 1)
    return left if _two_products(text, text[left : start - 1], start) else start


def join_list(text: str, start: int, head: re.Match[str], brands: tuple[str, ...],
              tied: frozenset[int] = frozenset()) -> int:
    """Extend ``start`` over 及/和/、 to the item the head also closes (LED外延片、芯片项目)."""
    if start < 2 or text[start - 1] not in "及和、":
        return start
    left = strip_lead(text, name_start(text, start - 1), start - 1)
    left_words = text[left : start - 1]
    if text[start - 1] != "、" and left in tied and left_words:
        return left  # 总投资10亿的大蒜深加工及综合利用项目: the money names the joined whole
    if text[start - 1] != "、" and _two_products(text, left_words, start):
        return left  # 年产7万吨草酸及1万吨乙二醇项目: one plant, two products
    if not left_words or is_generic(text, left, start - 1) or not is_specific(text, left, start - 1, brands):
        return start
    if text[start - 1] == "、":
        right = text[start : head.start()]
        weak = 0 < len(right) <= 3 and not words().generic_re.fullmatch(right)
        verb = max(
            (t.end for t in tokens_between(text, left, start - 1) if dictionary_tag(t.text) == "v"), default=left
        )
        return verb if weak and verb < start - 1 and not words().head_re.search(left_words) else start
    return left if _JOINABLE_END.search(left_words) else start


def investment_for(text: str, span: tuple[int, int], amounts: list[Amount]) -> Amount | None:
    """The amount of the same sentence that the text ties to this project as its investment."""
    left, right = _sentence(text, span[0])
    subject = not text[left : span[0]].strip()  # X项目按…设计，总投资近10亿元: the sentence is about X
    best: tuple[int, Amount] | None = None
    for amount in amounts:
        if not (left <= amount.start and amount.end <= right):
            continue
        before = text[max(left, amount.start - _INVEST_NEAR) : amount.start]
        if "投资" not in before and "投资" not in (amount.label or ""):
            continue
        distance = span[0] - amount.end if amount.end <= span[0] else amount.start - span[1]
        if distance < 0 or (amount.end <= span[0] and _crosses_other_clause(text, amount.end, span[0])):
            continue
        if amount.start >= span[1] and not subject and _crosses_other_clause(text, span[1], amount.start):
            continue
        if best is None or distance < best[0]:
            best = (distance, amount)
    return best[1] if best else None


# 该项目投资总额达6亿美元: the sentence speaks of the project named just before it.
_ANAPHOR = re.compile(r"(?:该|此|这个|这一|上述)项目")


def _anaphoric_investment(text: str, project: Project, amounts: list[Amount]) -> Amount | None:
    """The investment of the next sentence when that sentence opens with 该项目 and names no project."""
    _, right = _sentence(text, project.start)
    nxt_left, nxt_right = right + 1, _sentence(text, min(right + 1, len(text) - 1))[1]
    if not _ANAPHOR.match(text[nxt_left : nxt_left + 6].lstrip()):
        return None
    return next((a for a in amounts if nxt_left <= a.start < nxt_right and "投资" in (a.label or "")), None)


def _crosses_other_clause(text: str, a: int, b: int) -> bool:
    """An amount before the name belongs to it only within one clause (总投资116亿元的X)."""
    return any(ch in "，,；;" for ch in text[a:b])


def stage_for(text: str, span: tuple[int, int]) -> str | None:
    """The stage the sentence states: the first stage word after the name in its own clause
    (X、Y等项目加快建设 -> 在建 for X), else the stage word nearest to the name."""
    left, right = _sentence(text, span[0])
    clause_end = min((i for i in (text.find(ch, span[1], right) for ch in "，,") if i != -1), default=right)
    after = words().stage_re.search(text, span[1], clause_end)
    if after is not None:
        return words().stage_of[after.group()]
    best: tuple[int, str] | None = None
    for match in words().stage_re.finditer(text, left, right):
        if span[0] <= match.start() < span[1]:
            continue  # a stage word inside the name is part of the name
        distance = abs(match.start() - span[0])
        if best is None or distance < best[0]:
            best = (distance, words().stage_of[match.group()])
    return best[1] if best else None


def has_legal_suffix(name: str) -> bool:
    """杜尔伯特谷实公司, 娲石集团: the name ends in a company suffix (not a bare brand like 华为)."""
    return any(m.end() == len(name) for m in lexicon().suffix_re.finditer(name))


def investor_for(text: str, span: tuple[int, int], organizations: list[Organization]) -> str | None:
    """The company named nearest before the project in its sentence (X投资建设的Y项目, 由X承建Y).

    A name opening with a company's full legal name (杜尔伯特谷实公司生猪养殖项目) names its investor;
    a brand inside the name (华为研发中心) or a company named after it does not: on both gold sets
    readers mark those as "investor not stated" far more often than not.
    """
    name = text[span[0] : span[1]]
    for org in organizations:
        if name.startswith(org.name) and has_legal_suffix(org.name):
            return org.name
    left, _ = _sentence(text, span[0])
    best: tuple[int, str] | None = None
    for org in organizations:
        for match in re.finditer(re.escape(org.name), text[left : span[0]]):
            distance = span[0] - (left + match.end())
            if best is None or distance < best[0]:
                best = (distance, org.name)
    return best[1] if best else None


def extract_projects(text: str, amounts: list[Amount], organizations: list[Organization]) -> list[Project]:
    """Named projects in order of first mention, one per name; ties come from any of its mentions."""
    if not text:
        return []
    seen: dict[str, Project] = {}
    tied = frozenset(a.end + 1 for a in amounts if text.startswith("的", a.end))
    for found in find_names(text, brand_forms(organizations), tied):
        span = trim_to_name(text, found, amounts)
        name = text[span[0] : span[1]]
        head = _final_head(name)
        if len(name) < 4 or (span[0] > found[0] and is_generic(text, span[0], span[1] - len(head), head or "项目")):
            continue  # 投资6亿元建设产业园项目: once the amount is cut off, nothing names the project
        project = seen.setdefault(name, Project(name=name, start=span[0], end=span[1], text=name))
        _tie(text, project, span, amounts, organizations)
    return _drop_partial(list(seen.values()))


def _tie(text: str, project: Project, span: tuple[int, int], amounts: list[Amount],
         organizations: list[Organization]) -> None:
    """Fill what this mention states and earlier mentions did not (投资, stage, investor)."""
    if project.investment is None:
        amount = investment_for(text, span, amounts) or _anaphoric_investment(text, project, amounts)
        if amount is not None:
            project.investment, project.currency = amount.value, amount.currency
    project.stage = project.stage or stage_for(text, span)
    project.investor = project.investor or investor_for(text, span, organizations)


def _drop_partial(projects: list[Project]) -> list[Project]:
    """Drop a name that is the beginning of a longer one (云南锡业新材料产业园 of …(华东)建设项目)."""

    def longer(q: Project, p: Project, stem: str) -> bool:
        # …产业园区一期项目 is a phase of …产业园区(项目), not a longer spelling of it: both stay
        phase = any(q.name.startswith(base) and _PHASE.match(q.name, len(base)) for base in (stem, p.name))
        return q.name.startswith(stem) and q.name[len(stem) : len(stem) + 1] not in ("及", "和", "、") and not phase

    stems = [(p, p.name[: len(p.name) - len(_final_head(p.name))]) for p in projects]
    return [
        p
        for p, stem in stems
        if not any(q is not p and len(q.name) > len(p.name) and longer(q, p, stem) for q in projects)
    ]


def _final_head(name: str) -> str:
    heads = [m for m in words().head_re.finditer(name) if m.end() == len(name)]
    return heads[0].group() if heads else ""
