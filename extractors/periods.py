"""Reporting periods: find 一季度, 1-5月, 上半年, 全年, 今年以来, 去年同期… and resolve them to labels.

Labels follow the shared spec (YYYY, YYYYQn, YYYYH1/H2, YYYY-MM, YYYYMaa-Mbb). Words and weights
live in ``corpus/rules/periods.toml``. ``extract_period`` picks the article's main period: the one
its figures are stated for; ``attach_periods`` labels each fact with the period named before it in
its own sentence, falling back to the main period. Finding and resolving the mentions themselves
lives in ``period_mentions``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Any

from extractors.facts import Period
from extractors.period_mentions import Mention, _bounds, _mentions, _Rules, _rules, find_mentions, period_label


def _sentences(text: str, rules: _Rules) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in rules.sentence_end.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _sentence_index(sentences: list[tuple[int, int]], pos: int) -> int:
    """Index of the sentence holding ``pos`` (sentences are contiguous and cover the text)."""
    return max(0, bisect_right(sentences, (pos, float("inf"))) - 1)


def _support(text: str, mentions: list[Mention], rules: _Rules) -> list[tuple[int, bool]]:
    """Figures in the clause after each mention (up to the next mention or the sentence end),
    and whether that clause is on a subject the article's genre reports (investment, output…)."""
    out = []
    sentences = _sentences(text, rules)
    for i, men in enumerate(mentions):
        end = sentences[_sentence_index(sentences, men.start)][1]
        if i + 1 < len(mentions):
            end = min(end, max(mentions[i + 1].start, men.end))
        clause = text[men.end : end]
        out.append((len(rules.figure.findall(clause)), any(k in clause for k in rules.domain)))
    return out


@dataclass(slots=True)
class _Candidate:
    first: Mention
    score: float = 0.0
    mentions: int = 0
    figures: int = 0
    on_topic: bool = False  # some clause with figures is on a reported subject
    on_topic_mentions: int = 0


def _candidates(text: str, published: date | None, rules: _Rules) -> dict[str, _Candidate]:
    mentions = find_mentions(text, published)
    out: dict[str, _Candidate] = {}
    for men, (figs, on_topic) in zip(mentions, _support(text, mentions, rules), strict=True):
        label = men.label
        if label is None or men.comparison or not _current(men, published, rules):
            continue
        cand = out.setdefault(label, _Candidate(men))
        if cand.first.text in rules.since and men.text not in rules.since:
            cand.first = men  # evidence: an explicit mention rather than 今年以来
        weight = rules.since_weight if men.text in rules.since else 1.0
        cand.score += weight + min(figs, rules.figure_cap) + (rules.lead_bonus if men.start < rules.lead_chars else 0.0)
        cand.mentions += 1
        cand.figures += figs
        cand.on_topic = cand.on_topic or (figs > 0 and on_topic)
        cand.on_topic_mentions += on_topic
    return out


def extract_period(text: str, published: date | None) -> Period | None:
    """The article's main reporting period, or None when its figures name none."""
    rules = _rules()
    cands = _candidates(text, published, rules)
    reported = {
        label
        for label, c in cands.items()
        if c.on_topic
        or (c.figures and c.mentions >= rules.repeated_mentions)
        or c.on_topic_mentions >= rules.on_topic_mentions
    }
    years = {cands[x].first.year for x in reported}
    # The lead may name the period without figures (2021年二季度重大项目集中开工) when the
    # body reports figures for that same year.
    eligible = [
        x for x, c in cands.items() if x in reported or (c.first.start < rules.lead_chars and c.first.year in years)
    ]
    if not eligible:
        return None
    best = max(eligible, key=lambda x: (cands[x].score, -cands[x].first.start))
    return _to_period(cands[best].first)


def _current(men: Mention, published: date | None, rules: _Rules) -> bool:
    """A reported period has begun by publication (明年, 今年四季度 in August are plans) and ended
    recently (2009年 in a 2011 article is background)."""
    if published is None or men.year is None or men.months is None:
        return True
    first_day, last_day = _bounds(men.year, men.months)
    return first_day <= published and (published - last_day).days <= rules.recent_days


def _to_period(men: Mention) -> Period:
    assert men.year is not None and men.months is not None and men.label is not None
    first_day, last_day = _bounds(men.year, men.months)
    return Period(
        label=men.label,
        first_day=first_day.isoformat(),
        last_day=last_day.isoformat(),
        text=men.text,
        start=men.start,
        end=men.end,
        cumulative=men.cumulative,
    )


def _shifted(same: Mention, reference: Mention | None, main: Period | None) -> str | None:
    """Label of 去年同期 / 2019年同期: the reference period moved to that year."""
    if reference is not None and reference.year is not None and reference.months is not None:
        year, months = reference.year, reference.months
    elif main is not None:
        year = int(main.label[:4])
        months = (date.fromisoformat(main.first_day).month, date.fromisoformat(main.last_day).month)
    else:
        return None
    return period_label(same.year if same.year is not None else year - 1, *months)


_UNSET = object()


def attach_periods(text: str, published: date | None, *fact_lists: list[Any], main: Any = _UNSET) -> None:
    """Set ``.period`` on each fact: the period named last before it in its sentence, else earlier in
    its paragraph (其中，出口… continues 1-11月，进出口…), else the article's main period (``main``
    when the caller has it already: extract_period is the costlier half)."""
    rules = _rules()
    if main is _UNSET:
        main = extract_period(text, published)
    mentions = [m for m in _mentions(text, published) if not m.comparison]
    ends = [m.end for m in mentions]
    sentences = _sentences(text, rules)
    for facts in fact_lists:
        for fact in facts:
            upto = bisect_right(ends, fact.start)
            recent = mentions[max(0, upto - 8) : upto]  # _label_for looks at the last few only
            start = sentences[_sentence_index(sentences, fact.start)][0]
            if not any(m.start >= start for m in recent):
                start = text.rfind("\n", 0, start) + 1
            fact.period = _label_for([m for m in recent if m.start >= start], main)


def _label_for(before: list[Mention], main: Period | None) -> str | None:
    if not before:
        return main.label if main else None
    last = before[-1]
    if last.kind == "blocker":
        return None
    if last.kind == "same":
        reference = next((m for m in reversed(before[:-1]) if m.kind == "period" and m.label), None)
        return _shifted(last, reference, main)
    return last.label


__all__ = ["Mention", "attach_periods", "extract_period", "find_mentions", "period_label"]
