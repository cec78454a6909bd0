"""Named investment projects with the investment, stage and investor their sentence states.

A project name ends with a head word (项目, 基地, 产业园, 中心, 工程, 生产线) and carries its own
words before it (25万吨/年混合烷烃脱氢项目); it is read leftwards over jieba tokens up to
punctuation or a stop word.  A name made only of generic words (重大项目, 一批高端优质项目,
该项目) is not a project.  Word lists: ``corpus/dictionaries/project_words.tsv``.

Investment comes from the ``Amount`` facts passed in (money is never re-parsed here): an amount
of the same sentence written as 总投资116亿元的X, X总投资25亿元 or 投资40亿元建设X.  The stage
is the stage word of the sentence nearest to the name; the investor is the organization the
name starts with, else the nearest organization of the same sentence.

Modules: ``project_names`` reads one name (word lists, start, generic or specific),
``project_lists`` joins names and reads lists of them, ``project_ties`` finds what a sentence ties
to a name; this module finds the names, judges them and assembles the ``Project`` facts.
"""

from __future__ import annotations

import re

from extractors.cities import place_set
from extractors.facts import Amount, Organization, Project
from extractors.org_names import has_legal_suffix
from extractors.organizations import core_of
from extractors.project_lists import _listed_after_count, _listed_among, _listed_before_deng, join_list
from extractors.project_names import (
    _PHASE,
    _SECTION,
    BUILDER_VERB,
    LEADING_VERB,
    ProjectWords,
    _head_ends_phrase,
    _section_start,
    after_last_break,
    has_proper_word,
    is_generic,
    is_road_named,
    is_specific,
    name_start,
    own_words,
    past_slogan,
    strip_lead,
    words,
)
from extractors.project_ties import FALLBACK, _tie, context_stage, investment_for, investor_for, stage_for

__all__ = [
    "ProjectWords",
    "brand_forms",
    "extract_projects",
    "find_names",
    "has_legal_suffix",
    "has_proper_word",
    "investment_for",
    "investor_for",
    "is_generic",
    "is_name",
    "is_road_named",
    "is_specific",
    "join_list",
    "name_start",
    "name_verdict",
    "own_words",
    "stage_for",
    "strip_lead",
    "trim_to_name",
    "words",
]


def brand_forms(organizations: list[Organization]) -> tuple[str, ...]:
    """Names, short names and distinctive cores of the article's organizations (雨润 of 南京雨润集团)."""
    forms = {form for org in organizations for form in (org.name, *org.short_names, core_of(org.name))}
    return tuple(form for form in forms if len(form) >= 2)


# Existing facilities are not projects: 现有的新日无锡工厂、天津工厂; 老成渝铁路.
# A road the name connects to (终点接X, 东连X) is there already, and so is a superlative's
# subject (中西部最大的X基地).
_EXISTING = re.compile(
    r"(?:现有|已有|原有|既有)的?[^，,。；;！？\n]*$|(?:[东西南北]?连|连接|衔接|接入|接)$|(?:最[大高长先优早]|一流)的?$"
)




def trim_to_name(text: str, span: tuple[int, int], amounts: list[Amount]) -> tuple[int, int]:
    """投资40亿元建设X: the name starts after the amount and the verb that follow it."""
    start = max([span[0]] + [a.end for a in amounts if span[0] < a.end < span[1]])
    digits = re.match(r"[\d.]+(?:万|亿)?元", text[start : span[1]])
    start += digits.end() if digits else 0
    verb = LEADING_VERB.match(text[start : span[1]])
    return (start + verb.end() if verb else start), span[1]


# 在龙泉驿区建设成都生产基地项目, 在蓉设立西南生产基地: where it is built, then the verb, then the name.
_PLACE_VERB = re.compile(r"([\u4e00-\u9fff]{1,6}?)(?:投资建设|建设|设立|投建|兴建|新建|布局)")


# 高标准建设申禄达物流城, 合作建设冷链物流与食品商贸城: how it is built, then the verb, then the name;
# 国内首座生态商贸城——天泽国际商贸城: a description, a dash, then the name (not a phase, then its
# part: …公共平台一期——航天装配…中心项目).
_MANNER_VERB = re.compile(r"(?:高标准|高质量|高起点|合作|联合|共同|加快|全力)(?:投资)?建设|.*(?<!期)——")


def _after_place_verb(text: str, start: int, end: int) -> int:
    manner_end = max((m.end() for m in _MANNER_VERB.finditer(text, start, end)), default=start)
    if end - manner_end >= 2:
        start = manner_end
    builder_end = max((m.end() for m in BUILDER_VERB.finditer(text, start, end)), default=start)
    if end - builder_end >= 4:
        start = builder_end
    m = _PLACE_VERB.match(text, start, end)
    if m is None or end - m.end() < 4:
        return _after_named_zone(text, start, end)
    place = m.group(1)
    if len(place) == 1 or place in place_set() or place.endswith(("区", "县", "市", "省")):
        return m.end()
    return _after_named_zone(text, start, end)


def _after_named_zone(text: str, start: int, end: int) -> int:
    """秦皇岛经济技术开发区康泰医学…产业园项目: a named zone (a place, then the zone) says where, not what."""
    m = words().named_zone_re.match(text, start, end)
    if m is None or end - m.end() < 4 or m.group(1) not in place_set():
        return start
    return m.end()


_NAME_CLAUSE_BREAKS = "，,。；;：:、！？!?\n"


# 年产20亿克拉的金锐超硬材料生产项目: the capacity written before 的 belongs to the name.
_CAPACITY_DE = re.compile(r"年产(?:能)?[\d.]+[万亿千百]?[\u4e00-\u9fffA-Za-z/]{1,4}的$")


def _capacity_before(text: str, start: int) -> int:
    m = _CAPACITY_DE.search(text, max(0, start - 20), start)
    return m.start() if m else start


def _clause_name(text: str, head_start: int) -> int:
    """乡村振兴分散式风力发电整县推进项目总投资约40亿元: a name the money is put on runs from its
    clause start, verbs and all, when reading it word by word stopped at a verb (推进)."""
    clause = after_last_break(text, head_start, _NAME_CLAUSE_BREAKS)
    return strip_lead(text, clause, head_start) if head_start - clause <= 30 else head_start


def find_names(text: str, brands: tuple[str, ...] = (), tied: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Spans of project names; ``tied`` holds offsets where the text puts money on a name (right after
    投资6亿元的, right before 总投资约40亿元): such a name needs no proper word."""
    spans: list[tuple[int, int]] = [(_section_start(m), m.end()) for m in _SECTION.finditer(text)]
    plain: list[tuple[int, int]] = []  # neither generic nor specific: a project only among projects
    absorbed: set[int] = set()  # ends of first halves read into one joined name
    for head in words().head_re.finditer(text):
        if head.end() < len(text) and words().head_re.match(text, head.end()):
            continue  # 中心项目: the longer name ends at the next head
        if not _head_ends_phrase(text, head):
            continue
        start = strip_lead(text, name_start(text, head.start()), head.start())
        if head.end() in tied and head.start() - start < 2:
            start = _clause_name(text, head.start())
        read = _after_place_verb(text, start, head.start())
        start = join_list(text, read, head, brands, tied)
        if start < read and text[read - 1] in "及和与" and words().head_re.search(text, read - 5, read - 1):
            absorbed.add(read - 1)  # …产业园及运营结算中心: the first half is no project of its own
        if start < read:  # the first half of a joined name may open with its builder (…公司合作建设X与Y商贸城)
            start = min(_after_place_verb(text, start, read - 1), read)
        start = _capacity_before(text, past_slogan(text, start, head.start()))
        verdict = name_verdict(text, start, head, brands, tied)
        if verdict is True:
            spans.append((start, _past_phase(text, head.end())))
        elif verdict is None:
            plain.append((start, _past_phase(text, head.end())))
    listed = _listed_before_deng(text, brands) + _listed_after_count(text, brands)
    # a list item is read whole between its separators: it wins over a shorter reading of the same name
    # (亚太远洋渔业与低温食品物流产业园, not 低温食品物流产业园)
    ends = {end for _, end in listed} | absorbed
    spans = [span for span in spans if span[1] not in ends]
    return sorted(set(spans + _listed_among(text, spans, plain) + listed))


# 康方湾区科技园二期, 梧州医学高等专科学校(二期): a phase written after the head belongs to the name.
_PHASE_AFTER = re.compile(r"[(（]?[一二三四五六七八九十\d]{1,2}期[)）]?")


def _past_phase(text: str, end: int) -> int:
    phase = _PHASE_AFTER.match(text, end)
    if phase is None or words().head_re.match(text, phase.end()):
        return end  # 二期项目, 二期工程: the longer name ends at its own head
    return phase.end()


def is_name(text: str, start: int, head: re.Match[str], brands: tuple[str, ...],
            tied: frozenset[int] = frozenset()) -> bool:
    return name_verdict(text, start, head, brands, tied) is True


_BYLINE = re.compile(r"记者|通讯员|获悉")


def name_verdict(text: str, start: int, head: re.Match[str], brands: tuple[str, ...],
                 tied: frozenset[int] = frozenset()) -> bool | None:
    """True: a named project. False: generic, existing or not a project. None: plain words only
    (森林小火车特色旅游项目), a project only where the text lists it among named ones."""
    if text[start : start + 1] == "老" or _EXISTING.search(text, max(0, start - 40), start):
        return False
    name = text[start : head.end()]
    if name.endswith(words().designations) or any(name + body in text for body in words().zone_bodies):
        return False  # 湄洲岛国家旅游度假区, 宿马现代产业园区(党工委): a zone is a place
    if _BYLINE.search(text, start, head.start()):
        return False  # 记者5月7日从市投创中心获悉: a dateline, not a name
    if is_generic(text, start, head.start(), head.group()):
        return False
    if head.group() in words().roads:
        return is_road_named(text, start, head.start())
    if head.group() == "中心" and _names_institution(text, start, head.end()):
        return False
    if start in tied or head.end() in tied or is_specific(text, start, head.start(), brands):
        return True
    return True if _built_by_named_company(text, start, brands) else None


# 华工科技公司在沧州运河区建设的智能激光装备项目, 美国安德集团与…签署的环球金融中心项目, …木业有限公司
# 签订木地板生产项目: a company named as the builder or signatory makes the project specific, however
# plain its own words.
_BUILT_BY = re.compile(r"(?:投资|建设|投建|兴建|新建|打造|承建|签署|签订|签约)的?$")


def _built_by_named_company(text: str, start: int, brands: tuple[str, ...]) -> bool:
    if not _BUILT_BY.search(text, max(0, start - 4), start):
        return False
    before = text[after_last_break(text, start, "，,。；;、！？\n") : start]
    return any(brand in before for brand in brands)


def _names_institution(text: str, start: int, end: int) -> bool:
    """商务部研究院区域经济合作中心, 中国国际经济交流中心: a research or service body, not a project."""
    pattern = words().institution_re
    return bool(pattern and pattern.search(text, start, end))


# X项目总投资约40亿元: the measure right after a name, then its amount.
# X项目总投资约40亿元, X项目，该项目总投资额达5亿元: the measure right after a name, then its amount.
_TOTAL_AFTER = re.compile(r"(?:[，,]该项目)?(?:(?:计划)?总投资(?:额)?|投资总额)")
_SENTENCE_OPEN = re.compile(r"(?:^|[。！？!?\n])\s*")


# 投资6亿元的X, 总投资5亿元建设的X: a name starts right after.
_MONEY_DE = re.compile(r"(?:建设|投资建设|投建|兴建|新建|打造|实施)?的")


def _money_on_names(text: str, amounts: list[Amount]) -> frozenset[int]:
    """Offsets where the text puts money on a name: right after 投资6亿元的 (a name starts there),
    right before 总投资约40亿元 (a name ends there), and the opening of a sentence that states a
    total investment (生态茶叶观光园项目，土地流转1万亩，总投资2亿元: the sentence is about it)."""
    after_de = {m.end() for a in amounts if (m := _MONEY_DE.match(text, a.end))}
    starts = {a.start for a in amounts}
    totals = [m for m in _TOTAL_AFTER.finditer(text) if any(m.end() <= s <= m.end() + 3 for s in starts)]
    before_total = {m.start() for m in totals}
    openings = {m.end() for m in _SENTENCE_OPEN.finditer(text)}
    subjects = {max((o for o in openings if o <= m.start()), default=0) for m in totals}
    return frozenset(after_de | before_total | subjects)


def extract_projects(text: str, amounts: list[Amount], organizations: list[Organization]) -> list[Project]:
    """Named projects in order of first mention, one per name; ties come from any of its mentions."""
    if not text:
        return []
    seen: dict[str, Project] = {}
    tied = _money_on_names(text, amounts)
    spans = []
    for found in find_names(text, brand_forms(organizations), tied):
        span = trim_to_name(text, found, amounts)
        head = _final_head(text[span[0] : span[1]])
        words_end = span[1] - len(head)
        if span[1] - span[0] < 4 or (span[0] > found[0] and is_generic(text, span[0], words_end, head or "项目")):
            continue  # 投资6亿元建设产业园项目: once the amount is cut off, nothing names the project
        spans.append(span)
    for span in spans:
        name = text[span[0] : span[1]]
        project = seen.setdefault(name, Project(name=name, start=span[0], end=span[1], text=name))
        _tie(text, project, span, amounts, organizations, spans)
    for project in seen.values():
        # only once no mention states a stage as a fact: then what the paragraph stated before it,
        # then a plan of its own sentence (预计今年9月建成 → 在建, 计划开工 → 开工)
        own = (project.start, project.end)
        project.stage = project.stage or context_stage(text, project.start) or stage_for(text, own, FALLBACK)
    return _drop_partial(list(seen.values()))


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
