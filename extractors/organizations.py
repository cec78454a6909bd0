"""Companies, groups and institutes named in an article (not government bodies).

Four sources, all data in ``corpus/dictionaries/``:

1. a legal or group suffix (``company_suffixes.tsv``: 有限公司, 集团, 株式会社…) with the words
   before it, read leftwards over jieba tokens up to punctuation or a word of ``org_stops.txt``;
2. well-known companies the press names bare (``companies.txt``: 宁德时代, 中国中化, 万科);
3. a brand followed by an industry word (``industry_terms.txt``: 长安汽车, 三精药业), when the
   brand is not an ordinary dictionary word or a place;
4. a place, a brand of 2-5 characters and industry words, standing alone between list
   separators (成都深嘉机械、重庆卓越科技): the place prefix vouches for a brand that is a word.

A bank branch (工商银行什邡支行) ends in a ``branch`` suffix; 招商局 alone is a government bureau,
so it is not among the listed companies (招商局集团 still has a suffix).

Full names are preferred; a shorter form that is written elsewhere in the article (中粮 for 中粮集团,
金雷新能源 for 山东金雷新能源重装有限公司) is recorded in ``short_names`` of the full name.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.cities import place_names
from extractors.facts import Organization
from extractors.leaders import lexicon as leader_lexicon
from extractors.org_names import (
    _COMMON_WORD,
    _NAME_CHAR,
    OrgLexicon,
    _ends_name,
    has_legal_suffix,
    is_generic,
    lexicon,
    name_start,
)
from extractors.segment import Token, boundaries, dictionary_tag, ending_tokens, tokens_between, word_frequency


def suffix_names(text: str) -> list[tuple[int, int]]:
    """Spans of names ending in a company suffix."""
    lex = lexicon()
    spans = []
    for match in lex.suffix_re.finditer(text):
        start = name_start(text, match.start())
        start = max(start, text.rfind("等", start, match.start()) + 1)  # 泉州商会等|异地泉籍商会
        if text[start : start + 1] in "(（" and not re.search(r"[)）]", text[start : match.start()]):
            start += 1  # (川报集团: an opening bracket of the sentence, not of the name
        core = text[start : match.start()]
        if is_generic(core) or (match.group() in lex.branch_suffixes and "行" not in core):
            continue
        if match.group() in _DEPARTMENTS and _PARENT.search(core):
            continue  # 综合开发研究院区域发展规划研究所: the institute (found by its own suffix) is the organization
        spans.append((start, match.end()))
    return spans


# A research department inside a named academy or university is listed as that academy.
_DEPARTMENTS = frozenset({"研究所", "实验室", "研究中心"})
_PARENT = re.compile(r"(?:研究院|大学)(?=[\u4e00-\u9fff]{2,})")


# A numbered engineering bureau of a group is a company of its own (中铁十五局, 中建三局).
_BUREAU = re.compile(r"[一二三四五六七八九十]{1,3}局(?:集团)?")
# 日产能7000块, 日产值900万元: an output figure, not the carmaker.
_OUTPUT = re.compile(r"[能值量]|\d")


def _splits_common_word(text: str, start: int) -> bool:
    """其中石油: the name 中石油 would cut the common word 其中 in two, so it is not there."""
    return start > 0 and word_frequency(text[start - 1 : start + 1]) >= _COMMON_WORD


def _runs_into_name(text: str, end: int) -> bool:
    """上汽|大众, 中车|株洲所, 隆基|乐叶科技: a listed name glued to a further name word is part of a
    longer name (a joint venture, a subsidiary, a project), not the listed company itself."""
    nxt = tokens_between(text, end, end + 1)
    if not nxt or nxt[0].start != end or len(nxt[0].text) < 2 or not _NAME_CHAR.match(nxt[0].text[0]):
        return False
    word = nxt[0].text
    lex = lexicon()
    if word in lex.stops or word[0] in lex.stops or lex.suffix_re.match(word) or lex.industry_re.match(word):
        return False  # 等央企, 与鑫湖: jieba glued a function word to the next word
    tag = dictionary_tag(word)
    return tag is None or tag.startswith(("nr", "ns", "nz", "nt", "j"))


def known_names(text: str) -> list[tuple[int, int]]:
    """Listed companies, only where they stand as words (not 国电 inside 韩国电动车)."""
    bounds = boundaries(text)
    spans = []
    for m in lexicon().known_re.finditer(text):
        # a numbered bureau (中铁十局, 中|铁一局: jieba may cut inside) is a company of its own
        bureau = _BUREAU.match(text, m.end())
        end = bureau.end() if bureau else m.end()
        if m.start() not in bounds or end not in bounds or _OUTPUT.match(text, m.end()):
            continue
        if _splits_common_word(text, m.start()) or (bureau is None and _runs_into_name(text, m.end())):
            continue
        industry = lexicon().industry_re.match(text, end)
        if bureau is None and industry and industry.end() in bounds \
                and (_is_list_edge(text, industry.end(), after=True) or _ROLE.match(text, industry.end())):
            end = industry.end()  # 东风车轮, 中铁置业, 创维汽车副总裁: the group's own company, named whole
        spans.append((m.start(), end))
    return spans


# A company officer's title right after a name closes it (创维汽车副总裁王君宇).
_ROLE = re.compile(r"(?:党委书记|董事长|副董事长|总经理|副总经理|总裁|副总裁|负责人|总监)")
_GLUED_CONJUNCTION = re.compile(r"^[与和及同]|[与和及同]$")


def brand_names(text: str) -> list[tuple[int, int]]:
    """长安汽车, 三精药业: a brand token (not a common word, not a place) + an industry word.

    Not when another industry word follows (汉龙新能源|汽车配套产业园): the words run on into a
    product or a longer name, and the cut after the first industry word is neither.  A place
    written before the brand is part of the name (成都深嘉机械).
    """
    lex = lexicon()
    spans = []
    by_end = ending_tokens(text)
    bounds = boundaries(text)
    for match in lex.industry_re.finditer(text):
        if match.end() not in bounds:
            continue  # 愿景物流园, 凯裕机械制造项目: the industry word runs on into a park or a product
        brand = by_end.get(match.start())
        if brand is None or len(brand.text) != 2 or not _NAME_CHAR.match(brand.text[0]):
            continue
        tag = dictionary_tag(brand.text)
        if (
            (tag not in (None, "nz") and not (tag == "j" and lex.known_re.fullmatch(brand.text)))
            or brand.text in lex.place_set
            or is_generic(brand.text)
        ):
            continue
        if lex.industry_re.fullmatch(brand.text) or brand.text in lex.stops or _GLUED_CONJUNCTION.search(brand.text):
            continue  # 束及|汽车: jieba glued 及 to the word before it; no brand
        if lex.industry_re.match(text, match.end()):
            continue
        spans.append((_place_before(brand.start, by_end), match.end()))
    return spans


# What may stand on either side of a listed name: list separators, brackets, line ends.
_LIST_EDGE = re.compile(r"[、，,；;：:。！？!?（）()“”\"《》\s]")
_MAX_BRAND = 5


def place_brand_names(text: str) -> list[tuple[int, int]]:
    """成都深嘉机械, 沈阳市宏远电磁线: place + brand of 2-5 characters + industry words, as a list item.

    The brand may be a dictionary word (卓越, 宏远) because the place before it and the list
    separators around it mark a name; it is not a place, an industry word, a common word or a
    verb or function word (成都市机械行业, 江苏大力发展汽车, 全市汽车配件产业 are not names).
    """
    lex = lexicon()
    bounds = boundaries(text)
    by_end = ending_tokens(text)
    spans = []
    for brand_end, end in _industry_runs(text):
        if brand_end not in bounds or end not in bounds or not _is_list_edge(text, end, after=True):
            continue
        brand_start = brand_end
        while brand_end - brand_start < _MAX_BRAND and (tok := by_end.get(brand_start)) is not None:
            if tok.text in lex.place_set and brand_end - brand_start >= 2:
                break
            brand_start = tok.start
        place = by_end.get(brand_start)
        if place is None or place.text not in lex.place_set or not _is_brand(text, brand_start, brand_end):
            continue
        start = _place_before(place.start, by_end)
        if _is_list_edge(text, start, after=False):
            spans.append((start, end))
    return spans


# 台州德仕乐投资14亿元的…项目, 北京建龙总投资100亿元的…: a company as the subject of an investment.
_INVESTS = re.compile(r"(?:拟|计划|将|又)?总?投资(?:约|达|超)?\d")
_SUBJECT_EDGE = re.compile(r"[、，,；;。：:！？\n]|包括|其中")


def investor_names(text: str) -> list[tuple[int, int]]:
    """Place + brand (+ industry) opening a clause or list item right before 投资 and an amount; the
    place vouches for the brand (江苏润东, 北京建龙), as in a list of companies."""
    spans = []
    for m in _INVESTS.finditer(text):
        edges = list(_SUBJECT_EDGE.finditer(text, max(0, m.start() - 12), m.start()))
        start = edges[-1].end() if edges else None
        if start is None or m.start() - start < 4:
            continue
        if _company_item(text, start, m.start()) and _opening_place(text, start, m.start()):
            spans.append((start, m.start()))
    return spans


def _opening_place(text: str, start: int, end: int) -> Token | None:
    """The place token that opens text[start:end] and leaves something after it (宁德|博发)."""
    first = tokens_between(text, start, start + 1)
    if first and first[0].start == start and first[0].end < end and first[0].text in lexicon().place_set:
        return first[0]
    return None


def _industry_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of industry words in a row (路桥设备, 新能源科技): adjacent matches of
    the single-word pattern joined, several times faster than one pattern repeating the alternation."""
    runs: list[tuple[int, int]] = []
    for m in lexicon().industry_re.finditer(text):
        if runs and runs[-1][1] == m.start():
            runs[-1] = (runs[-1][0], m.end())
        else:
            runs.append((m.start(), m.end()))
    return runs


# A run of 、-separated items (绿地集团、臻恒光电、伟仁投资、建为集团等企业).
# A clause holding a 、 (the runs never cross clause punctuation, so only these are searched).
_LISTING_CLAUSE = re.compile(r"[^，,。；;：:！？!?\n]*、[^，,。；;：:！？!?\n]*")
_LIST_RUN = re.compile(r"[^、，,。；;：:！？!?\n]{2,16}(?:、[^、，,。；;：:！？!?\n]{2,16})+")


def listed_beside(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Brand + industry items of a list that also names a company found otherwise: in
    中铁二十四局集团、红星美凯龙、臻恒光电、伟仁投资、建为集团等企业 the list says what 臻恒光电 is."""
    found = set(spans)
    out: list[tuple[int, int]] = []
    for clause in _LISTING_CLAUSE.finditer(text):
        for run in _LIST_RUN.finditer(text, *clause.span()):
            items = _list_items(text, run.start(), run.end())
            if _COMPANIES_CLOSE.match(text, items[-1][1]):
                items[0] = (max(items[0][0], name_start(text, items[0][1])), items[0][1])  # 目前已有|北京楷模家具
                out += [item for item in items if not _overlaps(item, found) and _company_item(text, *item)]
            elif len(items) >= 3 and any(item in found for item in items):
                out += [item for item in items if item not in found
                        and (_is_listed_company(text, *item) or _is_place_brand(text, *item))]
    return out


# What closes a list of companies: 等16家企业, 等一批招商企业, 等国内行业领军企业, 两家知名企业, 均为…企业
# (not 企业家: people).
_COMPANIES_CLOSE = re.compile(
    r"(?:等|[，,]?均为|[两二三四五六七八九十\d]+家)[^，,。；;、：:和与及]{0,12}?(?:企业|名企|公司)(?!家)"
)


def _company_item(text: str, start: int, end: int) -> bool:
    """An item of a list the text calls companies: places, then a brand, then industry words or
    nothing (华微电子, 北京楷模家具, 常州瑞德丰); never a place or a common word alone."""
    brand_start = start
    for tok in tokens_between(text, start, end):
        if tok.start != brand_start or tok.text not in lexicon().place_set or tok.end >= end:
            break
        brand_start = tok.end
    if lexicon().known_re.fullmatch(text, start, end):
        return True
    runs = [r for r in _industry_runs(text[brand_start:end]) if r[1] == end - brand_start]
    if runs and runs[0][0] == 0:
        return False  # 五金, 百货: an industry, not a company
    brand_end = brand_start + runs[0][0] if runs else end
    if brand_start == start and brand_end == end and not _bare_brand(text[start:end]):
        return False  # 泰国, 省企, 谢文婕: a bare item must be a word jieba does not know as anything else
    return _is_brand(text, brand_start, brand_end)


def _bare_brand(word: str) -> bool:
    """星云 after a place, 瑞德 before 科技 may be dictionary words; a bare item may not be a
    country, a common word or a person's name (a surname and one or two more characters)."""
    tag = dictionary_tag(word)
    if tag is not None and not tag.startswith(("nz", "nt", "j")):
        return False
    return not (len(word) <= 3 and word[0] in leader_lexicon().surnames)


def _overlaps(span: tuple[int, int], spans: set[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    items: list[tuple[int, int]] = []
    for piece in re.finditer(r"[^、]+", text[start:end]):
        s, e = start + piece.start(), start + piece.end()
        deng = text.find("等", s, e)
        e = deng if deng != -1 else e  # …建为集团等企业负责人
        items.append((s, e))
    if items:  # the first item is read back from its end, like any name (会上，中铁二十四局集团)
        s, e = items[0]
        items[0] = (max(s, name_start(text, e) if e - s > 10 else s), e)
    return items


def _is_listed_company(text: str, start: int, end: int) -> bool:
    """A brand (not a common word, place or verb) followed by an industry word, 4-8 characters."""
    industry = [m for m in lexicon().industry_re.finditer(text, start, end) if m.end() == end]
    if not industry or not 4 <= end - start <= 8:
        return False
    return _is_brand(text, start, industry[0].start())


def _is_place_brand(text: str, start: int, end: int) -> bool:
    """宁德博发, 江苏嘉盛: a place and a brand of 2-3 characters, as an item of a list of companies."""
    place = _opening_place(text, start, end)
    return place is not None and 2 <= end - place.end <= 3 and _is_brand(text, place.end, end)


def _place_before(start: int, by_end: dict[int, Token]) -> int:
    """Start of the place names written right before ``start`` (四川成都|深嘉机械), else ``start``."""
    places = lexicon().place_set
    while (prev := by_end.get(start)) is not None and prev.text in places:
        start = prev.start
    return start


def _is_list_edge(text: str, pos: int, *, after: bool) -> bool:
    """A list separator, line end or a word that ends a name (与, 等, 签约) on that side of ``pos``."""
    if pos in (0, len(text)):
        return True
    if _LIST_EDGE.match(text[pos] if after else text[pos - 1]):
        return True
    near = tokens_between(text, pos, pos + 1) if after else tokens_between(text, pos - 1, pos)
    return bool(near) and (near[0].start == pos if after else near[0].end == pos) and _ends_name(near[0].text)


def _is_brand(text: str, start: int, end: int) -> bool:
    """宝利丰, 卓越, 塞维拉上吴: not a place, an industry word, a common word, a verb or function word."""
    lex = lexicon()
    brand = text[start:end]
    if not 2 <= len(brand) <= _MAX_BRAND or not all(_NAME_CHAR.match(ch) for ch in brand):
        return False
    if brand in lex.place_set or lex.industry_re.search(brand) or is_generic(brand) or brand in lex.stops:
        return False
    pairs = (brand[i : i + 2] for i in range(len(brand) - 1))
    if any(word_frequency(pair) >= _COMMON_WORD and not lex.known_re.fullmatch(pair) for pair in pairs):
        return False  # 重点, 大力发展: a common word (listed companies such as 华润 are weighted as common)
    for word in (tok.text for tok in tokens_between(text, start, end)):
        tag = dictionary_tag(word) or ""
        if word in lex.stops or tag.startswith(("p", "c", "u", "r", "d")):
            return False
        if len(word) > 1 and tag.startswith(("v", "m", "q", "t", "f")):
            return False
    return True


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop spans inside a longer span at the same place; keep the first of equal ones."""
    ordered = sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    for start, end in ordered:
        if any(k0 <= start and end <= k1 for k0, k1 in kept):
            continue
        kept.append((start, end))
    return kept


def core_of(name: str) -> str:
    """The distinctive part of a full name: place prefix and suffix removed."""
    core = lexicon().suffix_re.sub("", name) if lexicon().suffix_re.search(name) else name
    core = re.sub(r"[(（][^)）]*[)）]", "", core)
    place = _place_prefix_re().match(core)
    if place and len(core) > place.end() + 1:
        return core[place.end() :]
    return core


@cache
def _place_prefix_re() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, place_names())))


def _is_bare_form(short: str, full: str) -> bool:
    """海尔 for 海尔集团, 雨润 for 江苏雨润集团: the full name is the short one plus place/suffix only."""
    return core_of(full) == short


def extract_organizations(text: str) -> list[Organization]:
    """Organizations in order of first mention; one entry per distinct name."""
    if not text:
        return []
    spans = _merge(suffix_names(text) + known_names(text) + brand_names(text) + place_brand_names(text)
                   + investor_names(text))
    spans = _merge(spans + listed_beside(text, spans))
    by_name: dict[str, Organization] = {}
    for start, end in spans:
        name = text[start:end]
        if name not in by_name:
            by_name[name] = Organization(name=name, start=start, end=end, text=name)
    orgs = link_short_names(list(by_name.values()))
    bare = {s for o in orgs for s in o.short_names if _is_bare_form(s, o.name)}
    return [o for o in orgs if o.name not in bare]


def link_short_names(orgs: list[Organization]) -> list[Organization]:
    """Fold a short form into the full name it abbreviates (中粮 → 中粮集团)."""
    for org in sorted(orgs, key=lambda o: -len(o.name)):
        core = core_of(org.name)
        for other in orgs:
            if other is org or len(other.name) >= len(org.name):
                continue
            if _is_short_form(other.name, org.name, core):
                org.short_names.append(other.name)
    # Short forms stay listed too: the press (and readers) treat 青岛啤酒 and 青岛啤酒揭阳公司
    # as two names, and a short form often stands alone elsewhere in the article.
    return orgs


def _is_short_form(short: str, full: str, full_core: str) -> bool:
    """A short form shares the full name's distinctive start and adds no suffix of its own."""
    if has_legal_suffix(short):
        # 南京雨润集团 is an organization of its own, not a short form of its branch; only the
        # legal form of the same name (TCL集团 → TCL集团股份有限公司) folds.
        return full.startswith(short) and bool(lexicon().suffix_re.fullmatch(full[len(short) :]))
    return full_core.startswith(core_of(short)) or full.startswith(short)


__all__ = [
    "OrgLexicon",
    "brand_names",
    "core_of",
    "extract_organizations",
    "has_legal_suffix",
    "is_generic",
    "known_names",
    "lexicon",
    "link_short_names",
    "name_start",
    "place_brand_names",
    "suffix_names",
]
