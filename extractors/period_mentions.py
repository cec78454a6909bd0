"""Period mentions: the rules of ``corpus/rules/periods.toml`` and every period expression in a text.

Finds 一季度, 1-5月, 上半年, 全年, 今年以来, 去年同期… and resolves each to a year and month range
(labelled by ``period_label``) against the publication date; ``periods`` chooses among them.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from extractors.numbers import scan_sentences
from extractors.resources import corpus_path
from extractors.wordlists import alternation

_TRIGGERS = re.compile("[年月季期]")


@dataclass(slots=True)
class Mention:
    """One period expression in the text, resolved; ``label`` is None for blockers and 同期."""

    start: int
    end: int
    text: str
    kind: str  # "period" | "same" (…同期) | "blocker" (2008年以来: a span with no label)
    year: int | None = None
    months: tuple[int, int] | None = None
    cumulative: bool = False
    comparison: bool = False  # preceded by 比/较…: the base of a comparison, not the fact's period

    @property
    def label(self) -> str | None:
        if self.kind != "period" or self.year is None or self.months is None:
            return None
        return period_label(self.year, *self.months)


@dataclass(frozen=True, slots=True)
class _Rules:
    pattern: re.Pattern[str]
    relative: dict[str, int]
    since: tuple[str, ...]
    digits: dict[str, int]
    words: dict[str, Any]
    date_tail: re.Pattern[str]
    sentence_end: re.Pattern[str]
    figure: re.Pattern[str]
    blocker: re.Pattern[str]
    domain: tuple[str, ...]
    recent_days: int
    since_weight: float
    on_topic_mentions: int
    repeated_mentions: int
    lead_chars: int
    lead_bonus: float
    figure_cap: int


@cache
def _rules() -> _Rules:
    data = tomllib.loads(corpus_path("rules", "periods.toml").read_text(encoding="utf-8"))
    words, digits = data["words"], data["digits"]
    cn = "".join(k for k in digits if k not in "〇零")
    mon = rf"(?:1[0-2]|0?[1-9]|１[０-２]|[１-９]|十[一二]?|[{cn}])"
    relative = alternation(data["relative_years"])
    year = rf"(?P<ya>(?:19|20)[0-9]{{2}}|[〇零一二三四五六七八九]{{4}})年度?|(?P<yr>{relative})"
    body = "|".join(
        [
            rf"{words['first_quarters_prefix']}(?P<cq>[二两三])季度",
            r"第?(?P<q>[一二三四1-4１-４])季度",
            rf"(?P<q1>{alternation(words['first_quarter'])})",
            rf"(?P<h1>{alternation(words['half_first'])})度?",
            rf"(?P<h2>{alternation(words['half_second'])})度?",
            rf"(?P<m1>{mon})月?份?\s*[-—–~～至到－―]+\s*(?P<m2>{mon})月份?",
            rf"(?<![之以此])前(?P<fn>{mon})个?月",
            rf"(?P<m>{mon})月份?",
            rf"(?P<w>{alternation(words['whole_year'])})",
            r"(?P<same>同期)",
        ]
    )
    tails = alternation(words["date_tails"])
    return _Rules(
        # The lookahead lets the scan skip, in one step, every position that cannot start a period.
        pattern=re.compile(
            rf"(?=[0-9０-９〇零一二两三四五六七八九十元今本当去上下前明首第全年同开入])"
            # ...and every period word holds 年, 月, 季 or 期 within its first characters.
            r"(?=[^。，；,;\n]{0,15}?[年月季期])"
            rf"(?:(?P<since>{alternation(data['since_start'])})|(?:(?:{year})的?)?(?:{body})?)"
        ),
        relative=data["relative_years"],
        since=tuple(data["since_start"]),
        digits=digits,
        words=words,
        date_tail=re.compile(
            rf"(?:{tails}|[0-9０-９]{{1,2}}[日号]|{mon}月[0-9０-９一二三四五六七八九十]{{1,3}}[日号])"
        ),
        sentence_end=re.compile(data["scoring"]["sentence_end"]),
        figure=re.compile(data["scoring"]["figure"]),
        blocker=re.compile(data["scoring"]["span_since_year"]),
        domain=tuple(data["scoring"]["domain_keywords"]),
        recent_days=int(data["scoring"]["recent_days"]),
        since_weight=float(data["scoring"]["since_weight"]),
        on_topic_mentions=int(data["scoring"]["on_topic_mentions"]),
        repeated_mentions=int(data["scoring"]["repeated_mentions"]),
        lead_chars=int(data["scoring"]["lead_chars"]),
        lead_bonus=float(data["scoring"]["lead_bonus"]),
        figure_cap=int(data["scoring"]["figure_cap"]),
    )


def period_label(year: int, first: int, last: int) -> str:
    """Spec label for months first..last of year; whole quarters, halves and years get their own."""
    if (first, last) == (1, 12):
        return f"{year}"
    if (first, last) in ((1, 6), (7, 12)):
        return f"{year}H{1 if first == 1 else 2}"
    if last - first == 2 and first in (1, 4, 7, 10):
        return f"{year}Q{(first + 2) // 3}"
    if first == last:
        return f"{year}-{first:02d}"
    return f"{year}M{first:02d}-M{last:02d}"


def _bounds(year: int, months: tuple[int, int]) -> tuple[date, date]:
    first, last = months
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def _number(token: str, digits: dict[str, int]) -> int:
    token = token.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if token.isdigit():
        return int(token)
    if token.startswith("十"):
        return 10 + (digits[token[1]] if len(token) > 1 else 0)
    return digits[token]


def _months(m: re.Match[str], rules: _Rules) -> tuple[tuple[int, int] | None, bool]:
    """Month range named by the body of a match, and whether it runs cumulatively from January."""
    g = m.groupdict()
    num = lambda key: _number(g[key], rules.digits)  # noqa: E731 - short local helper
    if g["cq"]:
        return (1, 3 * num("cq")), True
    if g["q"]:
        q = num("q")
        return (3 * q - 2, 3 * q), False
    if g["q1"]:
        return (1, 3), False
    if g["h1"] or g["h2"]:
        return ((1, 6) if g["h1"] else (7, 12)), False
    if g["m1"]:
        a, b = num("m1"), num("m2")
        return ((a, b), a == 1) if 1 <= a < b <= 12 else (None, False)
    if g["fn"]:
        n = num("fn")
        return ((1, n), True) if 1 <= n <= 12 else (None, False)
    if g["m"]:
        return (num("m"),) * 2, False
    if g["w"]:
        return (1, 12), False
    return None, False


def _bare_year(months: tuple[int, int], anchor: date) -> int:
    """Year of a period named without one: the latest whose first half has passed by ``anchor``.

    一季度 published in January is last year's; 1-11月 published in January is last year's;
    上半年 published in July is this year's.
    """
    first_day, last_day = _bounds(anchor.year, months)
    midpoint = first_day + (last_day - first_day) / 2
    return anchor.year if midpoint <= anchor else anchor.year - 1


def _resolve_year(m: re.Match[str], months: tuple[int, int] | None, anchor: date | None, rules: _Rules) -> int | None:
    g = m.groupdict()
    if g["ya"]:
        return int("".join(str(_number(c, rules.digits)) for c in g["ya"]))
    if anchor is None:
        return None
    if g["yr"]:
        return anchor.year + rules.relative[g["yr"]]
    return _bare_year(months or (1, 12), anchor)


def _inside_name(text: str, pos: int, rules: _Rules) -> bool:
    """True when ``pos`` sits inside a short quoted name or title (“2011年度…采购项目”, 《…》).

    Quoted speech (“今年江西省要开工建设…”) is long and holds clause punctuation, so it is not a name.
    """
    opens, closes = rules.words["name_open"], rules.words["name_close"]
    limit = rules.words["name_max_chars"]
    head = text[max(0, pos - limit) : pos]
    opener = max((head.rfind(ch) for ch in opens), default=-1)
    if opener < 0 or any(ch in closes and ch not in opens for ch in head[opener + 1 :]):
        return False
    tail = text[pos : pos + limit]
    closer = min((i for i in (tail.find(ch) for ch in closes) if i >= 0), default=-1)
    if closer < 0:
        return False
    return re.search(r"[，。；！？,;!?\n]", head[opener + 1 :] + tail[:closer]) is None


def _has_body(g: dict[str, str | None]) -> bool:
    return any(v for k, v in g.items() if k not in ("ya", "yr"))


def _mention(m: re.Match[str], text: str, anchor: date | None, rules: _Rules) -> Mention | None:
    g = m.groupdict()
    has_year = bool(g["ya"] or g["yr"])
    tail = text[m.end() : m.end() + 6]
    if (g["m"] or g["m1"] or g["fn"]) and rules.date_tail.match(tail):
        return None  # 3月22日, 6月底, 2009年7月29日: a date or a point in time, not a period
    if has_year and not _has_body(g) and tail.startswith(tuple(rules.words["year_point_tails"])):
        return None  # 今年初, 2011年开始, 2011年是…: a point or a subject; 2007年末 still names its year
    if _inside_name(text, m.start(), rules):
        return None
    if g["m"] and not has_year and g["m"][0] in rules.digits and not m.group(0).endswith("份"):
        return None  # 阳春四月: a bare Chinese month name is literary, not a reporting period
    before = text[max(0, m.start() - 2) : m.start()]
    comparison = before.endswith(tuple(rules.words["comparison_words"]))
    base = Mention(m.start(), m.end(), m.group(0), "period", comparison=comparison)
    if g["since"]:
        if anchor is None or (g["ya"] and int(g["ya"]) != anchor.year) or g["yr"] not in (None, "今年", "本年"):
            return None
        base.year, base.months, base.cumulative = anchor.year, (1, max(1, anchor.month - 1)), True
        return base
    if g["same"]:
        base.kind = "same"
        base.year = _resolve_year(m, None, anchor, rules) if has_year else None
        return base
    months, cumulative = _months(m, rules)
    if months is None:
        if not has_year or g["m1"] or g["fn"]:
            return None
        months = (1, 12)
    if g["w"] == "年度" and not has_year:
        return None
    base.year = _resolve_year(m, months, anchor, rules)
    if base.year is None:
        return None
    base.months, base.cumulative = months, cumulative
    return base


def _anchor(text: str, published: date | None) -> date | None:
    """Publication date, or when unknown the end of the latest year the text names (2016年 -> 2016-12-31)."""
    if published is not None:
        return published
    years = [int(y) for y in re.findall(r"(?<![0-9])((?:19|20)[0-9]{2})年", text)]
    return date(max(years), 12, 31) if years else None


def find_mentions(text: str, published: date | None) -> list[Mention]:
    """Every period expression in ``text``, resolved against ``published``, in text order."""
    return list(_mentions(text, published))


@lru_cache(maxsize=8)
def _mentions(text: str, published: date | None) -> tuple[Mention, ...]:
    # Cached because the orchestrator asks for the main period and for attachment of one text.
    rules = _rules()
    anchor = _anchor(text, published)
    found: list[Mention] = []
    # Every period word holds 年, 月, 季 or 期 (同期): sentences without one are skipped.
    for m in scan_sentences(rules.pattern, text, _TRIGGERS):
        if m.end() == m.start() or m.group(0) == "的":
            continue
        mention = _mention(m, text, anchor, rules)
        if mention is not None:
            found.append(mention)
    for m in rules.blocker.finditer(text):
        found.append(Mention(m.start(), m.end(), m.group(0), "blocker"))
    found.sort(key=lambda x: x.start)
    return tuple(found)


__all__ = ["Mention", "find_mentions", "period_label"]
