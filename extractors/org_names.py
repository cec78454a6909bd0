"""Reading a company name leftwards from its suffix, and the lexicon the organization finders share.

``lexicon`` loads the suffixes, listed companies, industry words, stops and places of
``corpus/dictionaries/``; ``name_start`` finds where a name starts, reading leftwards from its
suffix: it stops at a stop word or function word, keeps jieba's glued pieces of an unknown brand,
and cuts off a small place's tail, a common word before the place, a leading verb or a
development zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from extractors.cities import place_set
from extractors.resources import read_lines
from extractors.segment import Token, dictionary_tag, token_at, tokens_between, word_frequency

_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9()（）·&\-－]")  # 上海日用-友捷汽车电气公司
_MAX_NAME = 30


@dataclass(frozen=True, slots=True)
class OrgLexicon:
    suffix_re: re.Pattern[str]
    branch_suffixes: frozenset[str]  # 支行, 分行: only after a bank's name
    known_re: re.Pattern[str]
    industry_re: re.Pattern[str]
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
        stops=frozenset(read_lines("dictionaries", "org_stops.txt")),
        generic=frozenset(read_lines("dictionaries", "org_generic.txt")),
        place_set=place_set(),
    )


def has_legal_suffix(name: str) -> bool:
    """杜尔伯特谷实公司, 娲石集团: the name ends in a company suffix (not a bare brand like 华为)."""
    return any(m.end() == len(name) for m in lexicon().suffix_re.finditer(name))


# jieba's dictionary tags are coarse (制造 v, 平遥 a), so only function-word tags end a name;
# verbs that end one are listed in org_stops.txt.
_STOP_TAGS = ("p", "c", "u", "r", "d", "m", "q", "t", "f", "y", "e")
_LEADING = "据在由向对与和及暨而但占将把被让从为以到"  # a preposition glued to the name by jieba (据锦辉)
# Last characters of small places (余家湖, 李家村, 王家庄) that the press puts before a firm.
_PLACE_TAIL = "湖村镇乡庄湾港桥坝街河山岭沟岗洲屯塘寨铺堡"
# Dictionary tags of words that can be part of a name even when common (海尔 nz, 招商银行 nt).
_NAME_TAGS = ("nr", "ns", "nt", "nz", "j", "eng")

_COMMON_WORD = 5000  # dictionary frequency of a word too common to be split by a name (其中, 我们)


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1 << 16)  # a pure function of the token, asked thousands of times per article
def _ends_name(token: str) -> bool:
    """A token that cannot be part of a company name (verbs, prepositions, 企业 as a category)."""
    if token in lexicon().stops or _DIGIT.search(token) or _ends_in_stop_verb(token):
        return True
    if token in lexicon().place_set:
        return False  # 大连 and 大同 are tagged adverbs; in 中国科学院大连化学物理研究所 they are places
    tag = dictionary_tag(token)
    if tag is None or (len(token) >= 2 and tag.startswith("q")):
        return False  # 天元集团: a brand jieba tags a measure word
    if len(token) == 1:  # 新, 大 (adjectives) start names; 据, 而, 占 do not
        return tag == "v" or tag.startswith(("p", "c", "u", "r", "d"))  # 地 is tagged uv
    return tag.startswith(_STOP_TAGS)


def _ends_in_stop_verb(token: str) -> bool:
    """大力支持, 实地考察, 热忱欢迎: jieba keeps an adverb and its verb as one word; the verb still
    ends the name after it."""
    if len(token) < 4 or token[-2:] not in lexicon().stops or dictionary_tag(token[-2:]) != "v":
        return False
    return not lexicon().known_re.fullmatch(token)  # 国药控股 is a company, 控股 a verb


def name_start(text: str, end: int) -> int:
    """Start of the name that ends at ``end`` (the start of its suffix), read leftwards by token."""
    start, spaces = end, 0
    while start > 0 and end - start < _MAX_NAME:
        space = _latin_space(text, start - 1)
        if not (_NAME_CHAR.match(text[start - 1]) or (space and spaces == 0)):
            break
        start, spaces = start - 1, spaces + space
    cut = start
    previous = None
    for tok in tokens_between(text, start, end):
        piece = text[max(tok.start, start) : min(tok.end, end)]
        glued = len(piece) == 1 and previous is not None and _glued(text, previous, tok)
        if not glued and (_ends_name(piece) or (piece == tok.text and _ends_name(tok.text))):
            cut = min(tok.end, end)
        elif _ends_in_conjunction(tok.text) and tok.end < end:
            cut = tok.end  # 贺宇及|粤海集团: jieba glued 及 to the person before the company
        elif opens_with_preposition(tok.text) and tok.start >= start:
            cut = tok.start + 1  # 项目由惠禾|文化集团: jieba glued 由 to the brand after it
        previous = tok
    item = _list_item_start(text, start, end)
    if item is not None:  # a marked item overrides the tags and verbs: 再生|利|氢能 is one name
        cut = item
    elif (opening := _place_opening(text, start, cut)) is not None:
        cut = opening  # 大连|绿都房地产开发有限公司: a place at the edge opens the name
    else:
        while cut < end - 2 and (text[cut] in _LEADING or _glued_you(text, cut)):
            cut += 1
        cut = _strip_verb(text, _strip_place_tail(text, cut, end), end)
    return _after_zone(text, _strip_word_before_place(text, cut, end), end)


# Where a list item or the partner of 与/同 begins: 与A公司、B公司对接; 县政府与瞻望世纪航空蛟河有限公司签约.
_ITEM_OPENERS = frozenset({"与", "同", "和", "及"})
_STRONG_OPENERS = frozenset({"与", "同"})
_LONGEST_ITEM = 20


# Tags that cut a name by themselves, yet inside a name after its place are pieces of a brand jieba
# does not know (绿|都, 唯品|会, 北方|福瑞, 第二|重工, 科比|特): adverbs, verbs, positions, numbers.
_PIECE_TAGS = ("d", "v", "f", "m", "a", "u")
_LONGEST_BRAND = 6


def _place_opening(text: str, start: int, cut: int) -> int | None:
    """The place (or listed company: 中交|第二航务工程局) that opens the name when the cut fell on a
    piece of the brand after it.

    The place stands at the edge of the name run (after punctuation or a one-character preposition
    or verb: 由, 是, 暨), and between the place and the cut only pieces of at most
    ``_LONGEST_BRAND`` characters, none a stop word, conjunction or pronoun, and no suffix.
    """
    if cut <= start:
        return None
    tokens = tokens_between(text, start, cut)
    for i, tok in enumerate(tokens):
        opener = tok.text in lexicon().place_set or tok.text == "中国" or lexicon().known_re.fullmatch(tok.text)
        if tok.start < start or not opener:
            continue
        before = tokens[i - 1] if i else None
        edge = tok.start == start if before is None else (len(before.text) == 1 and before.text in _EDGE_WORDS)
        pieces = tokens[i + 1 :]
        if not edge or not pieces or cut - tok.end > _LONGEST_BRAND:
            return None
        if any(p.text in lexicon().stops or lexicon().suffix_re.search(p.text) or not _brand_piece(p.text)
               for p in pieces):
            return None
        return tok.start
    return None


_EDGE_WORDS = frozenset("由是暨有与同和及在据")


def _brand_piece(word: str) -> bool:
    tag = dictionary_tag(word)
    return tag is None or tag.startswith(("n", "j")) or (tag.startswith(_PIECE_TAGS) and len(word) <= 2)


def _latin_space(text: str, pos: int) -> bool:
    """The space between two Latin words of a name (美国Key Global公司)."""
    return text[pos] == " " and 0 < pos < len(text) - 1 and text[pos - 1].isascii() and text[pos - 1].isalpha() \
        and text[pos + 1].isascii() and text[pos + 1].isalpha()


def _list_item_start(text: str, start: int, end: int) -> int | None:
    """The start of the list item the name ends, when one is marked: after 、 in a list of
    companies, or after 与/同/和/及 as their own token.

    Inside such an item jieba's tags say nothing about where the name starts (再生|利|氢能 reads
    再生 as a verb, 瞻望 is one), so the whole item is the name, provided it holds no stop word
    and no digit.
    """
    tokens = tokens_between(text, start, end)
    opener = max((i for i, tok in enumerate(tokens) if _opens_item(text, tok) and tok.end <= end), default=None)
    if opener is None:
        # the name run stops at 、; a company right before it makes this an item of a list of companies
        in_list = start > 0 and text[start - 1] == "、" and _after_company(text, start - 1)
        item = start
    else:
        opening = tokens[opener]
        in_list = opening.text not in _STRONG_OPENERS and opening.text in _ITEM_OPENERS  # A公司和B公司
        item = opening.end if opening.text in _ITEM_OPENERS else opening.start + 1
    if (opener is None and not in_list) or end - item > _LONGEST_ITEM or end - item < 2:
        return None
    words_ = [tok.text for tok in tokens if tok.start >= item]
    # in a list of companies every item is a name (联合 of 四平东风联合收割机); after 与 a verb may open the clause
    # 和/及 inside the item are no openers here (安徽和正农牧): only a real opener was taken above
    if any(w.isdigit() or (not in_list and w in lexicon().stops and w not in _ITEM_OPENERS) for w in words_):
        return None
    return item


def _opens_item(text: str, tok: Token) -> bool:
    """与 or 同 as a token, or glued by jieba to the unknown brand after it (与鑫湖); 和/及 only
    after a company (A公司和B公司), since they also sit inside names (安徽和正农牧)."""
    if tok.text in _STRONG_OPENERS:
        return True
    if tok.text in _ITEM_OPENERS:
        return _after_company(text, tok.start)
    return len(tok.text) >= 3 and tok.text[0] in _ITEM_OPENERS and dictionary_tag(tok.text) is None


def _after_company(text: str, pos: int) -> bool:
    """Does a company name end right before ``pos`` (the 、 of a list of companies)?"""
    return any(m.end() == pos for m in lexicon().suffix_re.finditer(text, max(0, pos - 8), pos))


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
    before_industry = lexicon().industry_re.match(text, tok.end) is not None
    if before_industry and (_unknown_word(previous.text) or (dictionary_tag(previous.text) or "").startswith("n")):
        return True  # 兄弟|联|科技: between a noun and an industry word, the piece belongs to the brand
    return (len(previous.text) == 1 and "\u4e00" <= previous.text <= "\u9fff"
            and (dictionary_tag(previous.text) or "n").startswith("n") and previous.start > 0
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


def _ends_in_conjunction(word: str) -> bool:
    return len(word) >= 2 and word[-1] in "及与同" and dictionary_tag(word) is None


def opens_with_preposition(word: str) -> bool:
    """由惠禾, 暨凯盛, 对汉能: a preposition jieba glued to an unknown name after it."""
    return len(word) >= 3 and word[0] in "由据向对与同将把被从暨在" and dictionary_tag(word) is None


def _glued_you(text: str, pos: int) -> bool:
    """有晶龙集团, 有以河北…公司: jieba glued the verb 有 to the name after it (有色, 有机 are words)."""
    tok = token_at(text, pos)
    return text[pos] == "有" and tok is not None and tok.start == pos and dictionary_tag(tok.text) is None \
        and not word_frequency(text[pos : pos + 2])


_LEADING_WORDS = 3  # common words before the place: 当地|知名企业|浙江万华不锈钢有限公司


def _strip_word_before_place(text: str, start: int, end: int) -> int:
    """代表|东莞市蜀江…有限公司, 当地|知名企业|浙江…公司: common words glued before the place that
    opens the name.

    Common: a dictionary word not tagged as a name (海尔 nrt, 招商银行 nt, 工商银行 j stay) that
    is frequent itself or ends in a frequent word (施工单位).
    """
    tokens = [t for t in tokens_between(text, start, end) if t.start >= start][: _LEADING_WORDS + 1]
    if not tokens or tokens[0].start != start:
        return start
    for i, tok in enumerate(tokens[1:], 1):
        if tok.text in lexicon().place_set:
            return tok.start if tok.end < end - 1 and all(_common_word(t.text) for t in tokens[:i]) else start
    return start


def _common_word(word: str) -> bool:
    tag = dictionary_tag(word)
    if tag is None or tag.startswith(_NAME_TAGS):
        return False
    if word_frequency(word) < _COMMON_WORD and word_frequency(word[-2:]) < _COMMON_WORD:
        return False
    return not (lexicon().known_re.fullmatch(word) or lexicon().industry_re.fullmatch(word))


def _strip_verb(text: str, start: int, end: int) -> int:
    """A name never opens with a verb of two characters (实现青岛啤酒揭阳公司 → 青岛啤酒揭阳公司)."""
    for tok in tokens_between(text, start, end):
        if tok.start < start or tok.end >= end or len(tok.text) < 2 or dictionary_tag(tok.text) != "v":
            return start
        start = tok.end
    return start


# 驻宜良商会, 异地泉籍商会, 与会商会, 行业协会, 市级投融资平台公司: where or what kind, not which one.
_DESCRIBED_BY = re.compile(r"驻|异地|外地|与会|行业|各地|[省市县区]级|央企|国企")


# Verbs that are brands of groups (通用集团, 联合集团, 希望集团), not an action on a company.
_BRAND_VERBS = frozenset(
    {"通用", "联合", "希望", "振兴", "腾飞", "创新", "前进", "开拓", "飞跃", "引领", "奋进", "发展"}
)


def is_generic(core: str) -> bool:
    """该公司, 三家公司, 合资公司: a description rather than a name."""
    lex = lexicon()
    if len(core) < 2 or core in lex.generic or re.fullmatch(r"[\d一二三四五六七八九十两几多数各]+家?", core):
        return True
    if core in lex.place_set or core.endswith("家") or _DESCRIBED_BY.match(core):
        return True
    if dictionary_tag(core) == "v" and core not in _BRAND_VERBS and not lex.known_re.fullmatch(core):
        return True  # 提升公司, 完成公司: a verb and its object
    # 该公司, 贵公司, 本公司 — but 贵州…, 贵阳…, 本溪… open with a place, not a pronoun
    opens_place = any(core[:n] in lex.place_set for n in (2, 3))
    return core[0] in "该此这其本我贵各每某家" and not opens_place


__all__ = ["OrgLexicon", "has_legal_suffix", "is_generic", "lexicon", "name_start", "opens_with_preposition"]
