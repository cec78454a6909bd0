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
from dataclasses import dataclass
from functools import cache

from extractors.cities import place_names
from extractors.facts import Organization
from extractors.resources import read_lines
from extractors.segment import Token, boundaries, dictionary_tag, token_at, tokenize, tokens_between, word_frequency

_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9()（）·&\-－]")  # 上海日用-友捷汽车电气公司
_MAX_NAME = 30


@dataclass(frozen=True, slots=True)
class OrgLexicon:
    suffix_re: re.Pattern[str]
    branch_suffixes: frozenset[str]  # 支行, 分行: only after a bank's name
    known_re: re.Pattern[str]
    industry_re: re.Pattern[str]
    industry_run_re: re.Pattern[str]  # one or more industry words in a row (路桥设备, 新能源科技)
    stops: frozenset[str]
    generic: frozenset[str]  # words that make 'X公司' a description, not a name
    place_set: frozenset[str]  # place names and their short forms


@cache
def lexicon() -> OrgLexicon:
    rows = [line.split("\t") for line in read_lines("dictionaries", "company_suffixes.tsv")]
    suffixes = sorted((row[0] for row in rows), key=len, reverse=True)
    known = sorted(read_lines("dictionaries", "companies.txt"), key=len, reverse=True)
    industry = sorted(read_lines("dictionaries", "industry_terms.txt"), key=len, reverse=True)
    return OrgLexicon(
        suffix_re=re.compile("|".join(map(re.escape, suffixes))),
        branch_suffixes=frozenset(row[0] for row in rows if len(row) > 1 and row[1].strip() == "branch"),
        known_re=re.compile("|".join(map(re.escape, known))),
        industry_re=re.compile("|".join(map(re.escape, industry))),
        industry_run_re=re.compile("(?:" + "|".join(map(re.escape, industry)) + ")+"),
        stops=frozenset(read_lines("dictionaries", "org_stops.txt")),
        generic=frozenset(read_lines("dictionaries", "org_generic.txt")),
        place_set=frozenset(place_names()),
    )


# jieba's dictionary tags are coarse (制造 v, 平遥 a), so only function-word tags end a name;
# verbs that end one are listed in org_stops.txt.
_STOP_TAGS = ("p", "c", "u", "r", "d", "m", "q", "t", "f", "y", "e")
_LEADING = "据在由向对与和及暨而但占将把被让从为以"  # a preposition glued to the name by jieba (据锦辉)
# Last characters of small places (余家湖, 李家村, 王家庄) that the press puts before a firm.
_PLACE_TAIL = "湖村镇乡庄湾港桥坝街河山岭沟岗洲屯塘寨铺堡"
# Dictionary tags of words that can be part of a name even when common (海尔 nz, 招商银行 nt).
_NAME_TAGS = ("nr", "ns", "nt", "nz", "j", "eng")


def _ends_name(token: str) -> bool:
    """A token that cannot be part of a company name (verbs, prepositions, 企业 as a category)."""
    if token in lexicon().stops or any(ch.isdigit() for ch in token):
        return True
    tag = dictionary_tag(token)
    if tag is None:
        return False
    if len(token) == 1:  # 新, 大 (adjectives) start names; 据, 而, 占 do not
        return tag == "v" or tag.startswith(("p", "c", "u", "r", "d"))  # 地 is tagged uv
    return tag.startswith(_STOP_TAGS)


def name_start(text: str, end: int) -> int:
    """Start of the name that ends at ``end`` (the start of its suffix), read leftwards by token."""
    start = end
    while start > 0 and end - start < _MAX_NAME and _NAME_CHAR.match(text[start - 1]):
        start -= 1
    cut = start
    previous = None
    for tok in tokens_between(text, start, end):
        piece = text[max(tok.start, start) : min(tok.end, end)]
        glued = len(piece) == 1 and previous is not None and _glued(text, previous, tok)
        if not glued and (_ends_name(piece) or (piece == tok.text and _ends_name(tok.text))):
            cut = min(tok.end, end)
        previous = tok
    while cut < end - 2 and text[cut] in _LEADING:
        cut += 1
    cut = _strip_place_tail(text, cut, end)
    return _after_zone(text, _strip_word_before_place(text, _strip_verb(text, cut, end), end), end)


@cache
def _zones() -> tuple[re.Pattern[str], tuple[str, ...]]:
    kinds: dict[str, list[str]] = {}
    for line in read_lines("dictionaries", "zones.tsv"):
        word, kind = line.split("\t")[:2]
        kinds.setdefault(kind, []).append(word)
    return re.compile("|".join(map(re.escape, sorted(kinds["zone"], key=len, reverse=True)))), tuple(
        kinds["zone_company"])


def _after_zone(text: str, start: int, end: int) -> int:
    """利津经济开发区长凯石油…公司 -> 长凯石油…公司, unless the zone's own company (…开发区投资…)."""
    zone_re, zone_company = _zones()
    last = None
    for m in zone_re.finditer(text, start, end):
        last = m
    if last is None or end - last.end() < 2 or text.startswith(zone_company, last.end()):
        return start
    # The company's own name opens with a name of its own (长凯, not 综合 of 华热园区综合能源).
    tok = token_at(text, last.end())
    common = tok is not None and len(tok.text) >= 2 and dictionary_tag(tok.text) not in (None, "nz", "nr", "ns", "j")
    return start if common else last.end()


def _glued(text: str, previous: Token, tok: Token) -> bool:
    """恒泰洁|能|科技, 信|达|资产: jieba split a brand it does not know into pieces, so a single
    character between them stays in the name."""
    if dictionary_tag(tok.text) != "v":
        return False  # only a verb-looking piece (能, 达); 的, 内, 在 end names as before
    if _unknown_word(previous.text) and lexicon().industry_re.match(text, tok.end) is not None:
        return True
    return (len(previous.text) == 1 and "\u4e00" <= previous.text <= "\u9fff"
            and dictionary_tag(previous.text) in ("n", None) and previous.start > 0
            and _NAME_CHAR.match(text[previous.start - 1]) is not None)


def _unknown_word(word: str) -> bool:
    """恒泰洁|能|科技: a word jieba does not know is a brand, and one character between it and an
    industry word is still the brand."""
    return len(word) >= 2 and dictionary_tag(word) is None and bool(_NAME_CHAR.match(word[0]))


def _strip_place_tail(text: str, start: int, end: int) -> int:
    """余家|湖红泰公司: the name was cut inside a small place (余家湖), so it starts after the place.

    The word before the cut ended the name by its tag only (余家 is tagged a numeral), not as a
    verb or function word, and the place character does not open a word or place of its own
    (湖北, 山河, 港口 stay).
    """
    if start < 2 or start > end - 3 or text[start] not in _PLACE_TAIL:
        return start
    before = tokens_between(text, start - 1, start)
    if not before or before[0].end != start or len(before[0].text) < 2:
        return start
    word = before[0].text
    tag = dictionary_tag(word) or ""
    if word in lexicon().stops or any(ch.isdigit() for ch in word) or tag.startswith(("v", "p", "c", "u", "r", "d")):
        return start
    opening = text[start : start + 2]
    if not _ends_name(word) or word_frequency(opening) or opening in lexicon().place_set:
        return start
    return start + 1


def _strip_word_before_place(text: str, start: int, end: int) -> int:
    """代表|东莞市蜀江…有限公司, 施工单位|四川…公司: a common word glued before the place that opens the name.

    Common: a dictionary word not tagged as a name (海尔 nrt, 招商银行 nt, 工商银行 j stay) that
    is frequent itself or ends in a frequent word (施工单位).
    """
    first = tokens_between(text, start, start + 1)
    if not first or first[0].start != start:
        return start
    word, after = first[0].text, first[0].end
    tag = dictionary_tag(word)
    if tag is None or tag.startswith(_NAME_TAGS):
        return start
    if word_frequency(word) < _COMMON_WORD and word_frequency(word[-2:]) < _COMMON_WORD:
        return start
    if lexicon().known_re.fullmatch(word) or lexicon().industry_re.fullmatch(word):
        return start
    place = tokens_between(text, after, after + 1)
    if place and place[0].start == after and place[0].end < end - 1 and place[0].text in lexicon().place_set:
        return after
    return start


def _strip_verb(text: str, start: int, end: int) -> int:
    """A name never opens with a verb of two characters (实现青岛啤酒揭阳公司 → 青岛啤酒揭阳公司)."""
    for tok in tokens_between(text, start, end):
        if tok.start < start or tok.end >= end or len(tok.text) < 2 or dictionary_tag(tok.text) != "v":
            return start
        start = tok.end
    return start


def is_generic(core: str) -> bool:
    """该公司, 三家公司, 合资公司: a description rather than a name."""
    lex = lexicon()
    if len(core) < 2 or core in lex.generic or re.fullmatch(r"[\d一二三四五六七八九十两几多数各]+家?", core):
        return True
    return core[0] in "该此这其本我贵各每某家" or core.endswith("家") or core in lex.place_set


def suffix_names(text: str) -> list[tuple[int, int]]:
    """Spans of names ending in a company suffix."""
    lex = lexicon()
    spans = []
    for match in lex.suffix_re.finditer(text):
        start = name_start(text, match.start())
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


_COMMON_WORD = 5000  # dictionary frequency of a word too common to be split by a name (其中, 我们)


def _splits_common_word(text: str, start: int) -> bool:
    """其中石油: the name 中石油 would cut the common word 其中 in two, so it is not there."""
    return start > 0 and word_frequency(text[start - 1 : start + 1]) >= _COMMON_WORD


def known_names(text: str) -> list[tuple[int, int]]:
    """Listed companies, only where they stand as words (not 国电 inside 韩国电动车)."""
    bounds = boundaries(text)
    spans = []
    for m in lexicon().known_re.finditer(text):
        if m.start() not in bounds or m.end() not in bounds or _OUTPUT.match(text, m.end()):
            continue
        if _splits_common_word(text, m.start()):
            continue
        bureau = _BUREAU.match(text, m.end())
        spans.append((m.start(), bureau.end() if bureau else m.end()))
    return spans


def brand_names(text: str) -> list[tuple[int, int]]:
    """长安汽车, 三精药业: a brand token (not a common word, not a place) + an industry word.

    Not when another industry word follows (汉龙新能源|汽车配套产业园): the words run on into a
    product or a longer name, and the cut after the first industry word is neither.  A place
    written before the brand is part of the name (成都深嘉机械).
    """
    lex = lexicon()
    spans = []
    by_end = {tok.end: tok for tok in tokenize(text)}
    for match in lex.industry_re.finditer(text):
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
        if lex.industry_re.fullmatch(brand.text) or brand.text in lex.stops:
            continue
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
    by_end = {tok.end: tok for tok in tokenize(text)}
    spans = []
    for match in lex.industry_run_re.finditer(text):
        brand_end, end = match.start(), match.end()
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
    spans = _merge(suffix_names(text) + known_names(text) + brand_names(text) + place_brand_names(text))
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
    suffix_re = lexicon().suffix_re
    if any(m.end() == len(short) for m in suffix_re.finditer(short)):
        # 南京雨润集团 is an organization of its own, not a short form of its branch; only the
        # legal form of the same name (TCL集团 → TCL集团股份有限公司) folds.
        return full.startswith(short) and bool(suffix_re.fullmatch(full[len(short) :]))
    return full_core.startswith(core_of(short)) or full.startswith(short)
