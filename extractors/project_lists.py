"""Names joined into lists: 及/和/、 joins and the items of a 、 list closed by 等项目.

A head may close two joined names (LED外延片、芯片项目, …生产线及配套…生产线项目), and an item of a
list counts as a project when the list holds named projects.  Kept apart from ``project_names``
because it reasons about several names at once, not about one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractors.cities import place_set
from extractors.org_names import has_legal_suffix
from extractors.org_names import lexicon as org_lexicon
from extractors.project_names import (
    _CAPACITY,
    BUILDER_VERB,
    LEADING_VERB,
    after_last_break,
    enclosing,
    has_proper_word,
    is_generic,
    is_specific,
    name_start,
    strip_lead,
    words,
)
from extractors.segment import dictionary_tag, tokens_between

# 安达科技新能源材料、路发实业25万吨磷酸二铵技改等项目: the items a 等…项目 closes are projects.
# …等项目, …等24个项目, and a count written out closing the list without 等 (X、Y、Z四个重大项目); the
# size or kind of the batch may stand between (等文旅产业项目6个, 等新材料产业领域项目, 等在谈项目,
# 等一批汽车零部件下游强链壮链项目).
_DENG = re.compile(
    r"(?:等(?:[\d两二三四五六七八九十百]+个|一大?批|多个|一系列)?"
    r"|(?<=[^\d、，,有计批])(?<!共有)(?:\d+|[两二三四五六七八九十]+)个)"
    r"(?:(?!企业|公司|专班|[等和与及、])[^，,。；;！？!?\n“”…]){0,16}?项目"
)  # …等8个总投资127亿元项目, …等5个亿元项目, …等一大批标志性项目: the size or kind of the listed projects


def _listed_before_deng(text: str, brands: tuple[str, ...]) -> list[tuple[int, int]]:
    """Items of the 、 list right before 等项目. A list with at least one item bearing a proper word
    (a brand, place or product) is a list of projects, so its other plain items count too."""
    found: list[tuple[int, int]] = []
    for m in _DENG.finditer(text):
        if not m.group().startswith("等") and _previous_separator(text, m.start()) is None:
            continue  # 随县集中开工的4个项目: a count closes a list only after 、 items (X、Y、Z3个市重大项目)
        # a local company listed before 等N个项目 (帝鹏科技、扬子电器等10个项目集中开工) names its plant: the
        # annotation rules (corpus/gold/README.md) count it; a well-known group named bare (引进了三一重工、
        # 中国重汽等重大项目) stands for the group, not one project
        if m.group().endswith("子项目"):
            continue  # 年产45万吨硫酸、15万吨磷酸一铵等7个子项目: the parts of one project
        known = org_lexicon().known_re
        items = [(start, end) for start, end in _deng_items(text, m.start()) if not known.fullmatch(text, start, end)]
        if _PEOPLE.search(m.group()) or any(_PEOPLE.search(text, start, end) for start, end in items):
            continue  # 市委副书记、市长杜德林和市领导金庆文等出席: a list of officials, not projects
        items = [(start, end) for start, end in items if not _NOT_AN_ITEM.search(text, start, end)]
        if items and _under_talks(text, items[-1][0], m.start(), m.end()):
            continue  # 就海洋装备产业、智慧小镇等项目进行了洽谈: topics of talks, not projects
        if any(has_proper_word(text, start, end, brands) or _money_before(text, start) for start, end in items):
            found += items
    return found


# Posts in an item make the list one of people; categories, sums, bodies and clauses are no items.
_PEOPLE = re.compile(
    r"书记|市长|县长|区长|州长|主任|领导|常委|总经理|董事长|副总|局长|候选人|主席|官员|嘉宾|干部|职工|代表|人员|群众"
)
_NOT_AN_ITEM = re.compile(
    r"500强|专精特新|上市公司|\d亿元|\d万元|为代表|的$|(?:大学|学院|市委|县委|区委|政府)$|签约|介绍|实施|带队|申报|强国"
    r"|(?:示范区|开发区|试验区|片区|新区|高新区|经开区)$"
)


def _money_before(text: str, start: int) -> bool:
    """投资8000万元的杏鲍菇生产加工: money put on an item names it as an investment."""
    return any(m.end() == start for m in _MONEY_LEAD.finditer(text, max(0, start - 20), start))


# 这次签约的6个项目为X、Y、Z, 产业转型类项目12项，具体为：X、Y、Z: a count of projects, then the list of them.
_COUNT_THEN_LIST = re.compile(
    r"(?:\d+|[一二两三四五六七八九十]+)个[\u4e00-\u9fff]{0,6}?项目(?:分别)?(?:为|是|包括|有)[：:]?"
    r"|(?:\d+|[一二两三四五六七八九十]+)[个项][，,]?(?:分别|具体)(?:为|是)[：:]?"
)  # …的6个项目为X、Y、Z; 工业类项目3个，分别为：X、Y、Z
_LIST_END = re.compile(r"[，,。；;！？!?\n]")


def _listed_after_count(text: str, brands: tuple[str, ...]) -> list[tuple[int, int]]:
    """Items of the 、 list right after 6个项目为: projects when one of them bears a proper word."""
    found: list[tuple[int, int]] = []
    for m in _COUNT_THEN_LIST.finditer(text):
        stop = _LIST_END.search(text, m.end())
        end = stop.start() if stop else len(text)
        if "、" not in text[m.end() : end]:
            continue  # one item is a sentence, not a list
        items, start = [], m.end()
        for piece in text[m.end() : end].split("、"):
            item = (start, start + len(piece.removesuffix("等")))  # …矽晋半导体技术改造等。
            start += len(piece) + 1
            if built := BUILDER_VERB.search(piece):  # …供应链管理股份有限公司建设呼图壁县输煤廊道项目
                piece = piece[built.end() :]
                item = (item[1] - len(piece.removesuffix("等")), item[1])
            inner_head = any(h.end() < len(piece) for h in words().head_re.finditer(piece))  # X项目和Y项目
            if 2 <= len(piece) <= _LONGEST_ITEM and not inner_head and not has_legal_suffix(piece) \
                    and not is_generic(text, *item) and not _sectors_only(text, *item):
                items.append(item)
        if any(has_proper_word(text, s, e, brands) for s, e in items):
            found += items
    return found


def _under_talks(text: str, start: int, list_end: int, end: int) -> bool:
    """Does the clause holding the list (text[start:end]) say its items are only under talks
    (洽谈, 对接, 意向)?  Only that clause: 对接洽谈的项目，既有…签约的X、Y等项目 is a signing."""
    lo, hi = enclosing(text, start, end, _CLAUSE_BREAKS)
    # the clause's words, not a bracketed part of an item (云南省煤炭交易(储备)中心) nor the list's
    # closing (等在谈项目)
    clause = _BRACKETED.sub(lambda m: "　" * len(m.group()), text[lo:list_end])
    return bool(words().unsettled_re.search(clause) or words().unsettled_re.search(text, end, hi))


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


_CLAUSE_BREAKS = "，,。！？!?\n；;"


_ITEM_BREAKS = frozenset("，,。；;：:！？!?…")
# 现代服务业、高新技术和新兴产业等项目: sectors, not projects.
_CATEGORIES = ("产业", "服务业", "行业", "领域", "业态", "事业")
_LONGEST_ITEM = 30
_SHARES = ("股份", "控股")  # 迈为股份: a listed company named by its shares, not a project
_PLACE_OF = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:区|县|市|镇|乡)的")  # 农科区的: where an item is built


def _items_before(text: str, end: int) -> Iterator[tuple[int, int, bool]]:
    """The 、-separated items ending at ``end``, right to left, as (start, end, first): items between
    separators are taken whole (line breaks after 、 allowed); the first is read like a name."""
    while end > 0:
        sep = _previous_separator(text, end)
        if sep is None:
            yield strip_lead(text, name_start(text, end), end), end, True
            return
        yield _skip_space(text, sep[1], end), end, False
        end = sep[0]


def _deng_items(text: str, end: int) -> list[tuple[int, int]]:
    """The 、-separated items ending at ``end``, minus events and generic phrases."""
    items: list[tuple[int, int]] = []
    for start, stop, first in _items_before(text, end):
        start = _joined_product(text, start, stop) if first else start
        if (money := _MONEY_LEAD.match(text, start, stop)) and money.end() < stop:
            start = money.end()  # 、总投资150亿元的莱宝高科…: the money put on the item is not its name
        if (place := _PLACE_OF.match(text, start, stop)) and stop - place.end() >= 2:
            start = place.end()  # 、农科区的好圣汽车零部件: where it is built is not its name
        item = text[start:stop]
        if "等" in item:
            break  # 四川天兆畜牧科技公司等落户…: an earlier list closes here
        # an item ending in 集团/公司 is an investor listed before its projects (广东温氏食品集团)
        if stop - start >= 4 and not item.endswith(words().events + _CATEGORIES + _SHARES) \
                and not has_legal_suffix(item) \
                and not is_generic(text, start, stop) and not _sectors_only(text, start, stop):
            items.append((start, stop))
    return items


def _sectors_only(text: str, start: int, end: int) -> bool:
    """工业和文旅, 智能制造: sectors joined, no project (工业和文旅等第三产业项目)."""
    # on the characters, not jieba's tokens: it cuts 工业|和文|旅等
    return not words().sector_re.sub("", text[start:end]).strip("和及与")


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
    """5万吨玻纤池窑拉丝项目、森林小火车特色旅游项目: an item of a 、 list of projects is one too, and so
    is a name alone in its clause of a ；-list whose neighbouring clause names a project."""
    found: list[tuple[int, int]] = []
    named = list(spans)
    changed = True
    while changed:
        changed = False
        for span in plain:
            if span not in found and _beside_named(text, span, named):
                found.append(span)
                named.append(span)
                changed = True
    return found


# What may open a ；-list item before its name: nothing, or the money put on it (总投资3亿元的).
_MONEY_LEAD = re.compile(r"(?:计划)?总?投资(?:额|总额)?(?:约|达)?[\d.]+[万亿]*(?:元|美元)的")
_OPENS_ITEM = re.compile(f"(?:{_MONEY_LEAD.pattern})?")


def _beside_named(text: str, span: tuple[int, int], named: list[tuple[int, int]]) -> bool:
    start, end = span
    if any(text[start - 1 : start] == "、" and e == start - 1 for _, e in named):
        return True
    if any(text[end : end + 1] == "、" and s == end + 1 for s, _ in named):
        return True
    lo, hi = enclosing(text, start, end, "；;。\n")
    before, after = text[lo - 1 : lo] if lo else "", text[hi : hi + 1]
    if not (before and before in "；;") and not (after and after in "；;"):
        return False  # not an item of a ；-list
    if not _OPENS_ITEM.fullmatch(text, after_last_break(text, start, "，,；;。：:\n"), start):
        return False  # 唯一封装项目, 园区高质量发展金融服务项目: a name inside a clause is no item
    previous = enclosing(text, lo - 1, lo - 1, "；;。\n") if before and before in "；;" else None
    following = enclosing(text, hi + 1, hi + 1, "；;。\n") if after and after in "；;" else None
    return any(
        clause is not None and clause[0] <= s and e <= clause[1] for s, e in named for clause in (previous, following)
    )


# A name may join two lines or bases sharing its head (…生产线及配套…生产线项目, …制造基地及…基地项目).
_JOINABLE_END = re.compile(r"(?:生产线|生产厂|基地|工厂|厂|中心|制造|生产)$")


# A product made in a stated quantity (5万吨致密刚玉, 20万台发动机).
_QUANTITY = re.compile(r"\d[\d.]*[万千]?(?:吨|套|台|辆|件|千瓦|平米|平方米|片)")


def _two_products(text: str, left_words: str, start: int) -> bool:
    """年产7万吨草酸及1万吨乙二醇: a quantity on both sides of 及 names one plant's products."""
    right_is_product = text[start : start + 1].isdigit() or text.startswith("年产", start)
    return bool(_CAPACITY.search(left_words) or _QUANTITY.search(left_words)) and right_is_product


def _joined_product(text: str, start: int, stop: int | None = None) -> int:
    """Start of 深圳立雅信5万吨致密刚玉 when the item at ``start`` is its 及 1万吨蓝刚玉; of 康方临床研究
    when it is its 与 运营全国中心, a half with no proper word of its own (given the item's ``stop``)."""
    if start < 2 or text[start - 1] not in "及和与":
        return start
    left = strip_lead(text, name_start(text, start - 1), start - 1)
    if text[start - 1] != "与" and _two_products(text, text[left : start - 1], start):
        return left
    if stop is None or left >= start - 1 or has_proper_word(text, start, stop):
        return start
    return left if is_specific(text, left, start - 1, ()) else start


def join_list(text: str, start: int, head: re.Match[str], brands: tuple[str, ...],
              tied: frozenset[int] = frozenset()) -> int:
    """Extend ``start`` over 及/和/、 to the items the head also closes (LED外延片、芯片项目)."""
    if text[start - 2 : start] == "及其":  # 微型光纤放大器及其核心激光器产业化基地: 其 opens the second half
        joined = _join_once(text, start - 1, head, brands, tied)
        return joined if joined < start - 1 else start
    joined = _join_once(text, start, head, brands, tied)
    if joined < start and text[joined - 1 : joined] == "、":
        # 年产3000吨硅油、2000吨硅橡胶及5000吨涂料助剂项目: the 及 pair is the end of a 、 list
        chained = _headless_chain(text, joined, head, brands)
        return joined if chained is None else chained
    return joined


def _join_once(text: str, start: int, head: re.Match[str], brands: tuple[str, ...],
               tied: frozenset[int]) -> int:
    if start < 2 or text[start - 1] not in "及和与、":
        return start
    if text[start - 1] == "、" and (chained := _headless_chain(text, start, head, brands)) is not None:
        return chained
    left = strip_lead(text, name_start(text, start - 1), start - 1)
    left_words = text[left : start - 1]
    if text[start - 1] != "、" and _plain_half(text, left, start - 1, head, brands):
        return left  # 复印机与耗材制造产业园, 光伏组件及配套产业基地项目: one project, two halves
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
    if _JOINABLE_END.search(left_words) and not _opens_with_proper(text, start, brands):
        return left  # not …联创中心和新加坡吉宝…项目: a second half placed elsewhere is a project of its own
    # 京东中山电子商务产业园及运营结算中心: a second half with no proper word of its own is a part
    # of the first project (its centre), not a project of its own
    own_head = words().head_re.search(left_words[-4:])
    part = head.start() - start >= 2 and not has_proper_word(text, start, head.start(), brands)
    return left if own_head and part else start


def _headless_chain(text: str, start: int, head: re.Match[str], brands: tuple[str, ...]) -> int | None:
    """Start of the first item when every 、 item before ``start`` is headless and one of them (or the
    last, closed by the head) is specific: 20万吨钛白粉装置、40万吨磷酸盐装置项目 is one project, its
    products listed.  None when an item has a head of its own, is a company, a sector or generic."""
    if _opens_with_proper(text, start, brands):
        return None  # 乳制品加工、秦粤奶山羊养殖基地: the last item names its own maker or place
    items: list[tuple[int, int]] = [(start, head.start())]
    for item_start, end, _ in _items_before(text, start - 1):
        item = text[item_start:end]
        if not item or "等" in item or words().head_re.search(item) or has_legal_suffix(item) \
                or item.endswith(_CATEGORIES) or item in brands or item in place_set():
            return None
        items.append((item_start, end))
    if len(items) == 1:
        return None  # nothing before the 、
    if any(is_generic(text, s, e) for s, e in items[1:] if e - s > 2):
        return None
    first = items[-1][0]
    listed = text[first : head.start()]
    # products in stated quantities or codes (20万吨钛白粉装置, PTFE覆铜板)
    products = _QUANTITY.search(listed) or _CAPACITY.search(listed) or re.search(r"[A-Za-z]", listed)
    return first if products else None


def _opens_with_proper(text: str, start: int, brands: tuple[str, ...]) -> bool:
    first = tokens_between(text, start, start + 1)
    place = bool(first) and (first[0].text in place_set() or dictionary_tag(first[0].text) == "ns")
    return place or any(text.startswith(b, start) for b in brands)


def _plain_half(text: str, left: int, end: int, head: re.Match[str], brands: tuple[str, ...]) -> bool:
    """The words before 及/和/与 are the first half of one name: not generic, not a company, not a
    name of their own (no head at their end), the second half has words of its own, and the first
    half carries a proper word (新化复印机与耗材制造产业园; not 核心生产和研发基地)."""
    verb = LEADING_VERB.match(text, left, end)
    left = verb.end() if verb else left  # 开工建设|新化复印机与耗材制造产业园
    item, right = text[left:end], text[end + 1 : head.start()]
    if len(item) < 2 or len(right) < 2 or is_generic(text, left, end) or item.endswith(_CATEGORIES):
        return False
    first = tokens_between(text, end + 1, end + 2)
    if first and first[0].text in place_set():
        return False  # 雷波拉咪北风电场和盐边大面山三期风电场项目: the second half is placed elsewhere
    if has_legal_suffix(item) or words().head_re.search(item[-4:]) or item in place_set():
        return False
    if any(dictionary_tag(t.text) == "v" and len(t.text) >= 2 and t.text in words().stops
           for t in tokens_between(text, left, end)):
        return False
    # 高端座椅及客舱内饰系统项目: 及 joins two products of one project even without a proper word
    # (和 also joins roles: 核心生产和研发基地)
    return text[end] == "及" or is_specific(text, left, end, brands)
