"""Counts of projects, firms, contracts, events and trips (项目122个, 14个重大项目, 488批次).

A candidate is a numeral followed by a measure word; the words in ``corpus/rules/counts.toml``
decide whether the object after the unit or the label before the numeral makes it a count.
The numeral regex and its parser come from ``extractors.numbers``; no segmentation is needed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from extractors.facts import Count
from extractors.numbers import NUMERAL, scan_sentences, try_parse_numeral
from extractors.periods import find_mentions
from extractors.resources import corpus_path
from extractors.scope import ScopeFinder
from extractors.wordlists import alternation

try:  # the metric vocabulary is optional for counts: labels are kept as written either way
    from extractors.metrics import canonical_metric
except ImportError:  # pragma: no cover - only while the vocabulary module is absent

    def canonical_metric(label: str | None) -> str | None:
        return None


# Any publication day resolves period words well enough to find where they end in a label.
_ANY_DAY = date(2000, 12, 31)
_CLAUSE_END = "，。；：！？,;:!?\n"
_SENTENCE_END = "。；！？;!?\n"
_ARABIC = re.compile(r"[0-9０-９]")
_CN_MAGNITUDE = re.compile("[十拾百佰千仟万萬亿億]")


@dataclass(frozen=True, slots=True)
class _Rules:
    candidate: re.Pattern[str]
    units: dict[str, str]  # unit -> kind (firm, firm_strict, trip, event, item)
    words: dict[str, Any]
    heads: tuple[str, ...]
    label_prefix: re.Pattern[str]
    subject: re.Pattern[str]
    breakers: dict[str, str]
    deny_before: tuple[str, ...]
    fillers: tuple[str, ...]  # longest first
    object_scan: re.Pattern[str]  # a clause end, a stop word or an object head after a unit
    triggers: re.Pattern[str]  # first characters of the measure words: a sentence without one has no count


@cache
def _rules() -> _Rules:
    data = tomllib.loads(corpus_path("rules", "counts.toml").read_text(encoding="utf-8"))
    # Word lists as tuples: str.startswith/endswith take a tuple in one call (this runs per candidate).
    words = {k: tuple(v) if isinstance(v, list) else v for k, v in data["words"].items()}
    units = {u: kind for kind, names in data["units"].items() for u in names}
    candidate = re.compile(
        rf"(?P<pre>{alternation(words['approx_before'])})?(?P<num>{NUMERAL})(?P<post>{alternation(words['approx_after'])})?"
        # 项目41 个: a space some sites put between Arabic digits and the measure word
        rf"(?:(?<=[0-9０-９]) )?(?P<unit>{alternation(list(units))})(?P<tail>{alternation(words['approx_tail'])})?"
    )
    prefix = re.compile(rf"^(?:{alternation(words['label_prefixes'])}|[，、\s])+")
    heads = tuple(sorted(words["object_heads"], key=len, reverse=True))
    subject = re.compile(alternation(words["label_subjects"]))
    triggers = re.compile(f"[{re.escape(''.join(sorted({u[0] for u in units})))}]")
    fillers = tuple(sorted(words["fillers"] + words["approx_before"], key=len, reverse=True))
    object_scan = re.compile(
        rf"(?P<end>[{re.escape(_CLAUSE_END)}])|(?P<stop>{alternation(words['object_window_stops'])})|(?P<head>{alternation(heads)})"
    )
    return _Rules(candidate, units, words, heads, prefix, subject, data["approx_word_breakers"],
                  tuple(words["deny_before_numeral"]), fillers, object_scan, triggers)  # fmt: skip


@dataclass(slots=True)
class _Candidate:
    match: re.Match[str]
    value: int
    unit: str
    kind: str
    label_start: int  # start of the phrase before the numeral (its label), in the text
    label: str  # that phrase, fillers removed
    approx: str | None


def extract_counts(text: str) -> list[Count]:
    """Counts in ``text`` in text order; each ``text[start:end] == count.text``."""
    rules = _rules()
    out: list[Count] = []
    last_end = 0
    scopes: ScopeFinder | None = None
    for m in scan_sentences(rules.candidate, text, rules.triggers):
        cand = _candidate(text, m, rules, last_end)
        if cand is None:
            continue
        count = _after_unit(text, cand, rules) or _before_numeral(text, cand, rules) or _sub_item(text, cand, out)
        if count is not None:
            count.metric = canonical_metric(count.label)
            scopes = scopes or ScopeFinder(text)
            count.scope = scopes.for_count(m.start("num"), count.label)
            out.append(count)
        last_end = m.end()
    return out


def _candidate(text: str, m: re.Match[str], rules: _Rules, last_end: int) -> _Candidate | None:
    """A numeral + unit that could be a count: integer, not an ordinal, not a small Chinese numeral."""
    num_start = m.start("num")
    if num_start > 0 and (text[num_start - 1].isdigit() or text[num_start - 1] in ".．%％-—~～"):
        return None
    if m.group("pre") is None and text.endswith(rules.deny_before, max(0, num_start - 4), num_start):
        return None
    value = try_parse_numeral(m.group("num"))
    if value is None or value != value.to_integral_value() or value <= 0:
        return None
    if not _ARABIC.search(m.group("num")) and (value < 10 or not _CN_MAGNITUDE.search(m.group("num"))):
        return None  # 两个项目, 三家公司: back-references, not statistics; 一一 is not a numeral here
    label_start, label = _label(text, m.start(), rules, last_end)
    unit = m.group("unit")
    approx = _approx(text, m, rules)
    return _Candidate(m, int(value), unit, rules.units[unit], label_start, label, approx)


def _approx(text: str, m: re.Match[str], rules: _Rules) -> str | None:
    pre = m.group("pre")
    if pre and m.start() > 0 and text[m.start() - 1] in rules.breakers.get(pre, ""):
        pre = None  # 新签约58个: 约 belongs to 签约
    return pre or m.group("post") or m.group("tail")


def _label(text: str, end: int, rules: _Rules, last_end: int) -> tuple[int, str]:
    """The phrase before a numeral back to the clause start, a previous figure or 等."""
    start = max(end - rules.words["label_max_chars"], last_end, 0)
    for i in range(end - 1, start - 1, -1):
        if text[i] in _CLAUSE_END:
            start = i + 1
            break
    cut = text.rfind("等", start, end)
    if cut >= 0:
        start = cut + 1
    phrase = text[start:end]
    stripped = phrase.endswith(rules.fillers)  # one C call rules out most phrases
    while stripped:  # 项目有23个, 共计约 -> drop words between the label and its numeral
        stripped = False
        for w in rules.fillers:
            if phrase.endswith(w) and len(phrase) > len(w):
                phrase, stripped = phrase[: -len(w)], True
                break
    cut = _last_subject_end(phrase, rules)
    start, phrase = start + cut, phrase[cut:]
    lead = rules.label_prefix.match(phrase)
    if lead:
        start, phrase = start + lead.end(), phrase[lead.end() :]
    return start, phrase


_PERIOD_CHARS = re.compile("[年月季期]")


def _last_subject_end(phrase: str, rules: _Rules) -> int:
    """Offset after the last subject or period word (海淀北部园区今年新开工项目 -> 新开工项目)."""
    ends = [m.end() for m in rules.subject.finditer(phrase)]
    if _PERIOD_CHARS.search(phrase):  # every period word holds one of them; most labels have none
        ends += [m.end for m in find_mentions(phrase, _ANY_DAY) if m.kind == "period" and m.end < len(phrase)]
    return max(ends, default=0)


def _head_at_end(phrase: str, rules: _Rules) -> str | None:
    if not phrase.endswith(rules.heads):  # one C call rules out most phrases
        return None
    return next(h for h in rules.heads if phrase.endswith(h))


def _object_after(text: str, cand: _Candidate, rules: _Rules) -> tuple[str, int] | None:
    """(object head, end offset) named right after the unit: 14个重大项目 -> (项目, end of 项目)."""
    words = rules.words
    pos = cand.match.end()
    if text.startswith("的", pos):
        pos += 1
    window = text[pos : pos + words["object_window"]]
    if not window.startswith(words["deny_exceptions"]) and window.startswith(words["deny_after_unit"]):
        return None
    found = _first_object(window, rules)
    if found is None:
        return None
    i, head = found
    owner = window[:i].rpartition("的")[0]
    if owner and owner.endswith(words["deny_before_de"]):
        return None
    return head, pos + i + len(head)


def _first_object(window: str, rules: _Rules) -> tuple[int, str] | None:
    """(offset, head) of the first object head before a clause end or a stop word (not at 0)."""
    if not window or window[0] in _CLAUSE_END:
        return None
    at_start = next((h for h in rules.heads if window.startswith(h)), None)
    if at_start is not None:
        return 0, at_start
    pos = 1
    while (m := rules.object_scan.search(window, pos)) is not None and _inside_word(window, m, rules):
        pos = m.end()  # 意向: the 向 of a word is no stop
    if m is None or m.group("head") is None:
        return None
    return m.start(), m.group("head")


def _inside_word(window: str, m: re.Match[str], rules: _Rules) -> bool:
    stop = m.group("stop")
    return stop is not None and window[m.start() - 1] in rules.words.get("stop_word_breakers", {}).get(stop, "")


def _allowed(cand: _Candidate, head: str | None, context: str, rules: _Rules) -> bool:
    """Whether the unit's kind accepts this object head / context phrase."""
    words = rules.words
    if any(w in context for w in words["deny_in_label"]):
        return False
    if cand.kind == "trip":
        return True
    if cand.kind == "firm":
        return True
    if cand.kind == "firm_strict":
        return any(w in context for w in words["firm_words"])
    if cand.kind == "event":
        return any(w in context for w in words["event_words"])
    return head is not None and head not in words["item_excluded_heads"]


def _after_unit(text: str, cand: _Candidate, rules: _Rules) -> Count | None:
    """14个重大项目, 100余户头部企业: the object follows the unit."""
    found = _object_after(text, cand, rules)
    m = cand.match
    if found is None:
        if cand.kind != "firm" or not _plain_after(text, m.end(), rules):
            return None
        found = ("", m.end())  # 200多家, … : a firm count whose object was named before
        if _head_at_end(cand.label, rules) is not None:
            return None  # 控股企业6家 is read the other way round
    head, end = found
    phrase = text[m.end() : end].removeprefix("的")
    if not _allowed(cand, head or None, phrase + cand.label if not head else phrase, rules):
        return None
    if not head and not _allowed(cand, None, cand.label, rules):
        return None
    return _make(text, cand, m.start(), end, head or None, phrase or None)


def _plain_after(text: str, pos: int, rules: _Rules) -> bool:
    """The unit is followed by a clause end or a word that is not a denied object."""
    rest = text[pos : pos + 4]
    if not rest or rest[0] in _CLAUSE_END:
        return True
    return not rest.startswith(rules.words["deny_after_unit"])


def _before_numeral(text: str, cand: _Candidate, rules: _Rules) -> Count | None:
    """新开工项目15项, 走出去招商488批次: the label names what is counted."""
    if not cand.label or not _plain_after(text, cand.match.end(), rules):
        return None
    head = _head_at_end(cand.label, rules)
    if cand.kind in ("item", "firm") and head is None:
        return None
    if not _allowed(cand, head, cand.label, rules):
        return None
    return _make(text, cand, cand.label_start, cand.match.end(), head, cand.label)


def _sub_item(text: str, cand: _Candidate, found: list[Count]) -> Count | None:
    """列入省级重点项目11个，其中新港园区5个: a part of the count just before, same unit."""
    if not found or found[-1].unit != cand.unit:
        return None
    prev = found[-1]
    between = text[prev.end : cand.match.start()]
    if "其中" not in between or any(ch in between for ch in _SENTENCE_END):
        return None
    return _make(text, cand, cand.label_start, cand.match.end(), prev.object, cand.label or prev.label)


def _make(text: str, cand: _Candidate, start: int, end: int, obj: str | None, label: str | None) -> Count:
    m = cand.match
    if start > m.start():
        start = m.start()
    return Count(
        value=cand.value,
        unit=cand.unit,
        text=text[start:end],
        start=start,
        end=end,
        object=obj,
        label=label or None,
        approx=cand.approx,
    )


__all__ = ["extract_counts"]
