"""The subset a figure is about: Amount.scope and Count.scope.

Headline comparison reads a figure without a scope as the city's total, so a figure that a
sentence narrows must carry the narrowing phrase. Scopes come from class phrases in the same
sentence before the figure (words are data in corpus/rules/amounts.toml, table [scope]):

- the phrase of a count: 重点产业链签约项目64个，签约金额323.13亿元 -> 重点产业链;
  22个省市重点项目完成投资47.7亿元 -> 省市重点项目;
- a class phrase right before the measure: 一期项目总投资45亿元 -> 一期项目;
- the phrase after 其中: 其中，外资项目签约金额… -> 外资项目.

A sector named first in a sentence carries over to later stage phrases of the same sentence
(重点产业链签约项目…；新开工项目60个，到位资金… -> 重点产业链), an enumeration after 其中 breaks
the whole down, so a figure after it belongs to the whole, and a phrase naming the whole reported
population (新签约正式合同项目, 在建招商项目) gives no scope.
"""

from __future__ import annotations

import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import regex

from extractors.cities import place_set
from extractors.resources import corpus_path
from extractors.wordlists import alternation

RULES = ("rules", "amounts.toml")
SENTENCE_END = "。！？!?\n"
_CLAUSE_END = "。！？!?\n；;，,：:"
_SENTENCE_RE = regex.compile(f"[{SENTENCE_END}]")
_FILLERS = regex.compile(r"(?:有|共有|共|达|达到|为|共计|累计|合计|总数|数量|近|约|超过|超|逾)+$")
_PERIOD = regex.compile(
    r"(?:19|20)[0-9]{2}年|[0-9０-９一二三四]+季度|[0-9]{1,2}\s*[-—–~～至到]\s*[0-9]{1,2}月份?|[0-9]{1,2}月份?"
    r"|[上下]半年|前三季度|全年|以来|截至"
)


class ScopeRulesError(ValueError):
    """The [scope] table of corpus/rules/amounts.toml is missing a part."""


@dataclass(frozen=True, slots=True)
class ScopeRules:
    count: regex.Pattern[str]
    split: regex.Pattern[str]
    sector_ends: tuple[str, ...]
    generic: regex.Pattern[str]
    class_only: regex.Pattern[str]
    prefix: regex.Pattern[str]
    inner_prefix: regex.Pattern[str]
    cut: regex.Pattern[str]
    heads: tuple[str, ...]  # longest first
    ends: tuple[str, ...]  # every class phrase ends with one of these (a head or a sector ending)
    batch_links: tuple[str, ...]
    local: regex.Pattern[str]
    local_ends: tuple[str, ...]
    not_local: tuple[str, ...]
    attributive: tuple[str, ...]


@cache
def load_rules() -> ScopeRules:
    path = corpus_path(*RULES)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))["scope"]
        heads = alternation(data["heads"])
        return ScopeRules(
            count=regex.compile(
                rf"(?<![0-9０-９.．])(?P<num>[0-9０-９]+)(?:多|余)?(?:{alternation(data['count_units'])})"
                rf"(?:的)?(?P<after>[^，,。；;：:！？\n]{{0,12}}?(?:{heads}))?"
            ),
            split=regex.compile(rf"^(?P<sector>.*?)(?P<stage>(?:{alternation(data['stages'])})*)(?:{heads})$"),
            sector_ends=tuple(data["sector_ends"]),
            generic=regex.compile(rf"^(?:{alternation(data['generic'])})+$"),
            class_only=regex.compile(rf"^(?:{alternation(data['class_words'])}|[、和与及])+$"),
            prefix=regex.compile(rf"^(?:{alternation(data['prefixes'])}|[，,、\s])+"),
            inner_prefix=regex.compile(alternation([w for w in data["prefixes"] if len(w) > 1])),
            cut=regex.compile(rf"[{regex.escape(''.join(data['cut_after']))}]", regex.REVERSE),
            heads=tuple(sorted(data["heads"], key=len, reverse=True)),
            ends=tuple(data["heads"] + data["sector_ends"]),
            batch_links=tuple(data["batch_links"]),
            local=regex.compile(rf"[\u4e00-\u9fff]{{1,6}}(?:{alternation(data['local_ends'])})"),
            local_ends=tuple(data["local_ends"]),
            not_local=tuple(data["not_local"]),
            attributive=tuple(data["attributive"]),
        )
    except (KeyError, tomllib.TOMLDecodeError) as exc:
        raise ScopeRulesError(f"{path}: {exc}; compare with the format in its header") from exc


@dataclass(frozen=True, slots=True)
class Anchor:
    """A class phrase in a sentence: where it is, the number it counts, and the scope it gives."""

    start: int
    end: int
    num_start: int  # -1 for a phrase that counts nothing (一期项目总投资)
    phrase: str
    scope: str | None  # None when the phrase names the whole reported population
    sector: bool  # the scope is a sector (重点产业链), which carries over to later stage phrases
    bare: bool  # the phrase is stage words only (新开工项目): it inherits a sector named before it


def clean_phrase(rules: ScopeRules, phrase: str) -> str:
    """Drop subjects, periods and clause heads before a class phrase (全市今年新开工项目 -> 新开工项目)."""
    cut = rules.cut.search(phrase)
    if cut is not None:
        phrase = phrase[cut.end() :]
    ends = [m.end() for m in _PERIOD.finditer(phrase)] + [m.end() for m in rules.inner_prefix.finditer(phrase)]
    phrase = phrase[max(ends, default=0) :]
    lead = rules.prefix.match(phrase)
    return phrase[lead.end() :] if lead else phrase


def make_anchor(rules: ScopeRules, phrase: str, start: int, end: int, num_start: int) -> Anchor | None:
    """Anchor for a cleaned phrase ending in a class head or a sector, else None."""
    if not phrase:
        return None
    split = rules.split.match(phrase)
    if split is None:
        if not phrase.endswith(rules.sector_ends):
            return None
        return Anchor(start, end, num_start, phrase, phrase, True, False)
    sector = split.group("sector")
    if sector and sector.endswith(rules.sector_ends) and sector not in rules.heads:
        return Anchor(start, end, num_start, phrase, sector, True, False)
    generic = rules.generic.fullmatch(phrase) is not None
    return Anchor(start, end, num_start, phrase, None if generic else phrase, False, not sector and not generic)


def _clause_start(text: str, lo: int, end: int) -> int:
    for i in range(end - 1, lo - 1, -1):
        if text[i] in _CLAUSE_END:
            return i + 1
    return lo


def _count_anchor(rules: ScopeRules, text: str, lo: int, m: regex.Match[str]) -> Anchor | None:
    """重点产业链签约项目64个 (phrase before) or 22个省市重点项目 (phrase after)."""
    start = _clause_start(text, lo, m.start())
    before = _FILLERS.sub("", text[start : m.start()])
    phrase = clean_phrase(rules, before)
    if phrase.endswith(rules.heads) or (phrase and not m.group("after")):
        anchor = make_anchor(rules, phrase, start, m.end(), m.start("num"))
        if anchor is not None:
            return anchor
    if m.group("after"):
        after = clean_phrase(rules, m.group("after"))
        return make_anchor(rules, after, m.start(), m.end(), m.start("num"))
    return None


@cache
def _place_ends(rules: ScopeRules) -> frozenset[str]:
    """Last characters of every place name and local ending: a subject place must end in one."""
    return frozenset(name[-1] for name in place_set()) | frozenset(end[-1] for end in rules.local_ends)


class ScopeFinder:
    """Scopes of the figures of one text; sentence anchors are found once per sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.rules = load_rules()
        self._anchors: dict[int, list[Anchor]] = {}
        self._starts: list[int] | None = None  # sentence starts, found once per text

    def sentence_start(self, pos: int) -> int:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _SENTENCE_RE.finditer(self.text)]
        return self._starts[bisect_right(self._starts, pos) - 1]

    def anchors(self, lo: int) -> list[Anchor]:
        if lo not in self._anchors:
            stop = _SENTENCE_RE.search(self.text, lo)
            end = stop.start() if stop else len(self.text)
            found = (_count_anchor(self.rules, self.text, lo, m) for m in self.rules.count.finditer(self.text, lo, end))
            self._anchors[lo] = [a for a in found if a is not None]
        return self._anchors[lo]

    def direct(self, label_start: int) -> Anchor | None:
        """一期项目总投资: a class phrase right before the measure's label."""
        if not self.text.endswith(self.rules.ends, 0, label_start):
            return None
        raw = self.text[_clause_start(self.text, max(0, label_start - 40), label_start) : label_start]
        after_qizhong = raw.lstrip("，, ").startswith("其中")
        phrase = clean_phrase(self.rules, raw)
        anchor = make_anchor(self.rules, phrase, label_start - len(phrase), label_start, -1)
        if anchor is None:
            return None
        rest = phrase[: len(phrase) - len(self._head_of(phrase))]
        if after_qizhong or anchor.sector or (rest and self.rules.class_only.fullmatch(rest)):
            return anchor
        return None

    def _head_of(self, phrase: str) -> str:
        return next((h for h in self.rules.heads if phrase.endswith(h)), "")

    def threshold(self, end: int) -> str | None:
        """2000万元以上的重点交通项目: the class a threshold amount delimits."""
        m = self.rules.count.match("0个" + self.text[end : end + 14].removeprefix("的"))
        if m is None or not m.group("after"):
            return None
        anchor = make_anchor(self.rules, clean_phrase(self.rules, m.group("after")), end, end, -1)
        return anchor.scope if anchor else None

    def batch(self, end: int) -> str | None:
        """总投资116亿元的14个重大项目: the batch of projects an amount totals."""
        link = next((w for w in self.rules.batch_links if self.text.startswith(w, end)), None)
        if link is None:
            return None
        m = self.rules.count.match(self.text, end + len(link))
        return m.group() if m is not None and m.group("after") else None

    def attributive(self, start: int, end: int) -> str | None:
        """超千万元大乡, 百亿元项目: an amount naming a size class, with the class noun right after it."""
        head = next((w for w in self.rules.attributive if self.text.startswith(w, end)), None)
        return self.text[start : end + len(head)] if head else None

    def place(self, label_start: int) -> str | None:
        """2009年新兴乡财政收入, 2021年广东省GDP: the place named as the subject right before the measure.

        The caller clears a place that is the article's own city (深圳GDP in a 深圳 article).
        """
        if label_start == 0 or self.text[label_start - 1] not in _place_ends(self.rules):
            return None  # cheap test first: most labels follow punctuation or a verb
        raw = self.text[_clause_start(self.text, max(0, label_start - 20), label_start) : label_start]
        phrase = clean_phrase(self.rules, raw)
        if phrase in place_set():
            return phrase
        if not self.rules.local.fullmatch(phrase) or phrase.endswith(self.rules.not_local):
            return None
        return phrase

    def for_amount(self, pos: int, previous: tuple[int, str | None] | None, direct: Anchor | None) -> str | None:
        """Scope of a money amount whose number starts at ``pos``; ``previous`` is (end, scope) of the
        amount before it."""
        lo = self.sentence_start(pos)
        # A class phrase reaches past a semicolon only as a sector (重点产业链…；新开工项目…到位资金).
        semi = max(self.text.rfind("；", lo, pos), self.text.rfind(";", lo, pos))
        anchors = [a for a in self.anchors(lo) if a.end <= pos and (a.sector or a.start > semi)]
        if direct is not None:
            anchors.append(direct)
        if not anchors:
            return None
        near = anchors[-1]
        prev_end = previous[0] if previous else 0
        if previous is not None and lo <= prev_end and near.end <= prev_end:
            return previous[1]  # 总投资75亿元，今年需完成投资22亿元: no new class phrase since
        qizhong = self.text.rfind("其中", lo, pos)
        if qizhong >= 0 and near.start >= qizhong:
            after = [a for a in anchors if a.start >= qizhong]
            if near is after[0]:
                return near.scope or near.phrase
            whole = [a for a in anchors if a.start < qizhong]
            return whole[-1].scope if whole else None
        if near.bare or near.scope is None:
            sectors = [a for a in anchors[:-1] if a.sector]
            if sectors:
                return sectors[0].scope
        listed = [a for a in anchors if a.num_start >= max(prev_end, lo)]
        if near is not direct and len(listed) > 1:
            return None  # 重点交通项目16项，重大前期项目8项，总投资75亿元: the total of a list
        return near.scope

    def for_count(self, num_start: int, label: str | None) -> str | None:
        """Scope of a count whose numeral starts at ``num_start``."""
        lo = self.sentence_start(num_start)
        anchors = self.anchors(lo)
        own_at = next((i for i, a in enumerate(anchors) if a.num_start == num_start), None)
        qizhong = self.text.rfind("其中", lo, num_start)
        if own_at is None:
            # 列入省级重点项目11个，其中新港园区5个: a part named by its own label
            return label if qizhong >= 0 and num_start - qizhong <= len(label or "") + 4 else None
        own = anchors[own_at]
        if own.sector:
            return own.scope
        if qizhong >= 0 and own.start >= qizhong:
            return own.scope or own.phrase
        if own.bare or own.scope is None:
            return next((a.scope for a in anchors[:own_at] if a.sector), None)
        return None


__all__ = ["Anchor", "ScopeFinder", "ScopeRulesError", "clean_phrase", "load_rules", "make_anchor"]
