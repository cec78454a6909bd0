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

from extractors.facts import Amount, Organization, Project
from extractors.resources import read_lines
from extractors.segment import dictionary_tag, tokens_between

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


def _alternation(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


@cache
def words() -> ProjectWords:
    by_kind: dict[str, list[str]] = {}
    stage_of: dict[str, str] = {}
    for line in read_lines("dictionaries", "project_words.tsv"):
        word, kind = line.split("\t")[:2]
        if kind.startswith("stage:"):
            stage_of[word] = kind.split(":", 1)[1]
            kind = "stage"
        by_kind.setdefault(kind, []).append(word)
    return ProjectWords(
        head_re=re.compile(_alternation(by_kind["head"])),
        generic_re=re.compile(f"(?:{_alternation(by_kind['generic'])})+"),
        stops=frozenset(by_kind["stop"]),
        stage_re=re.compile(_alternation(by_kind["stage"])),
        stage_of=stage_of,
    )


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
        if _ends_name(tok.text) or _ends_name(text[max(tok.start, start) : min(tok.end, head_start)]):
            cut = min(tok.end, head_start)
    return cut


# Function words, time words and adverbs never belong to a project name (今年, 此次, 进一步);
# jieba's dictionary tags them well enough.  Verbs are listed in project_words.tsv instead,
# because names contain verbs (扩建, 制造).
_STOP_TAGS = ("p", "c", "d", "r", "t", "u", "y", "e", "ad")


def _ends_name(token: str) -> bool:
    if token in words().stops:
        return True
    tag = dictionary_tag(token)
    return tag is not None and tag.startswith(_STOP_TAGS) and not tag.startswith("rr")


# A batch, not a name: dated (2024东营市…重点项目, 二季度重大项目) or ending in a category word.
_BATCH = re.compile(r"\d{4}年?|[一二三四]季度|上半年|下半年")
_CATEGORY_END = re.compile(r"(?:重大|重点|重要|新老|招商引资|招商|落地|签约|开工|在建|续建|新建|储备)(?:建设|产业)?$")
_COUNTED = re.compile(r"(?:\d+|[一二两三四五六七八九十几多数]+)(?:个|项|批|家|大|条)")


def is_generic(name_words: str) -> bool:
    """True when the words before the head describe projects instead of naming one."""
    if _COUNTED.search(name_words) or _BATCH.search(name_words) or _CATEGORY_END.search(name_words):
        return True  # 11个高速公路项目 is a count of projects, 2024年重点项目 a batch
    rest = words().generic_re.sub("", name_words)
    return len(rest) < 3


def _sentence(text: str, pos: int) -> tuple[int, int]:
    left = max(text.rfind(ch, 0, pos) for ch in _SENTENCE_END) + 1
    rights = [i for i in (text.find(ch, pos) for ch in _SENTENCE_END) if i != -1]
    return left, min(rights) if rights else len(text)


_PROPER_TAGS = ("ns", "nz", "nt", "nr", "j", "eng")


def has_proper_word(text: str, start: int, end: int) -> bool:
    """A name needs a word of its own: a place, brand or product (金雷, 8.5代, LED, 华东)."""
    for tok in tokens_between(text, start, end):
        piece = text[max(tok.start, start) : min(tok.end, end)]
        if re.search(r"[A-Za-z0-9]", piece):
            return True
        tag = dictionary_tag(piece)
        if len(piece) >= 2 and (tag is None or tag.startswith(_PROPER_TAGS)):
            return True
    return False


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


def find_names(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = [(_section_start(m), m.end()) for m in _SECTION.finditer(text)]
    for head in words().head_re.finditer(text):
        if head.end() < len(text) and words().head_re.match(text, head.end()):
            continue  # 中心项目: the longer name ends at the next head
        start = name_start(text, head.start())
        if not is_generic(text[start : head.start()]) and has_proper_word(text, start, head.start()):
            spans.append((start, head.end()))
    return spans


def investment_for(text: str, span: tuple[int, int], amounts: list[Amount]) -> Amount | None:
    """The amount of the same sentence that the text ties to this project as its investment."""
    left, right = _sentence(text, span[0])
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
        if best is None or distance < best[0]:
            best = (distance, amount)
    return best[1] if best else None


def _crosses_other_clause(text: str, a: int, b: int) -> bool:
    """An amount before the name belongs to it only within one clause (总投资116亿元的X)."""
    return any(ch in "，,；;" for ch in text[a:b])


def stage_for(text: str, span: tuple[int, int]) -> str | None:
    left, right = _sentence(text, span[0])
    best: tuple[int, str] | None = None
    for match in words().stage_re.finditer(text, left, right):
        if span[0] <= match.start() < span[1]:
            continue  # a stage word inside the name is part of the name
        distance = abs(match.start() - span[0])
        if best is None or distance < best[0]:
            best = (distance, words().stage_of[match.group()])
    return best[1] if best else None


def investor_for(text: str, span: tuple[int, int], organizations: list[Organization]) -> str | None:
    name = text[span[0] : span[1]]
    for org in organizations:
        if any(name.startswith(form) for form in [org.name, *org.short_names]):
            return org.name
    left, right = _sentence(text, span[0])
    best: tuple[int, str] | None = None
    for org in organizations:
        for match in re.finditer(re.escape(org.name), text[left:right]):
            distance = abs(left + match.start() - span[0])
            if best is None or distance < best[0]:
                best = (distance, org.name)
    return best[1] if best else None


def extract_projects(text: str, amounts: list[Amount], organizations: list[Organization]) -> list[Project]:
    """Named projects in order of first mention, one per name."""
    if not text:
        return []
    seen: dict[str, Project] = {}
    for found in find_names(text):
        span = trim_to_name(text, found, amounts)
        name = text[span[0] : span[1]]
        if len(name) < 4:
            continue
        if name in seen:
            continue
        amount = investment_for(text, span, amounts)
        seen[name] = Project(
            name=name,
            start=span[0],
            end=span[1],
            text=name,
            investment=amount.value if amount else None,
            currency=amount.currency if amount else None,
            stage=stage_for(text, span),
            investor=investor_for(text, span, organizations),
        )
    return _drop_partial(list(seen.values()))


def _drop_partial(projects: list[Project]) -> list[Project]:
    """Drop a name that is the beginning of a longer one (云南锡业新材料产业园 of …(华东)建设项目)."""
    head_re = words().head_re
    stems = [(p, head_re.sub("", p.name)) for p in projects]
    return [
        p
        for p, stem in stems
        if not any(q is not p and len(q.name) > len(p.name) and q.name.startswith(stem) for q, _ in stems)
    ]
