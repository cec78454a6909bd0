"""Money amounts: value, currency, range, approximation, label and scope, with evidence.

The pattern is assembled from named parts kept as data in corpus/rules/amounts.toml
(currency words, qualifiers, measure heads and link words), around the numeral pattern of
``extractors.numbers``. No segmentation is needed: figures are found by regular expressions
alone, so extraction stays several times faster than word segmentation of the same text.

A number is money when a currency word follows it (574.91亿元, 6亿美元, 2500亿元人民币), or,
without a currency, when it carries 万/亿 and follows a money measure directly (投资120亿).
Never money: capacities (50万吨/年), areas (700亩), people, percentages, size classes
(亿元以上项目), and words that merely contain 元 (元旦, 多元化).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import regex

from extractors.facts import Amount
from extractors.metrics import canonical_metric
from extractors.numbers import (
    ARABIC,
    BIG_UNITS,
    NUMERAL,
    NumeralError,
    parse_numeral,
    parse_numeral_range,
    scan_sentences,
)
from extractors.resources import corpus_path
from extractors.scope import ScopeFinder
from extractors.wordlists import alternation

RULES = ("rules", "amounts.toml")
_SEPARATORS = "-－—–~～至到"
_SENTENCE_END = "。；;！!？?\n"
_CLAUSE_END = _SENTENCE_END + '，,、：:（）()”"《》'


class AmountRulesError(ValueError):
    """corpus/rules/amounts.toml is missing a part the amount pattern is built from."""



@dataclass(frozen=True, slots=True)
class AmountRules:
    pattern: regex.Pattern[str]
    currency_of: dict[str, str]
    not_approx: frozenset[str]
    inside_words: tuple[str, ...]
    head_end: regex.Pattern[str]
    modifier_end: regex.Pattern[str]
    link_end: regex.Pattern[str]
    change_end: regex.Pattern[str]
    bare_head_end: regex.Pattern[str]
    verb_modifiers: frozenset[str]
    before_verb: frozenset[str]
    open_heads: regex.Pattern[str]
    open_length: int
    open_stops: str
    stops: tuple[str, ...]
    word_stops: tuple[str, ...]
    short_not_after: str
    not_before: frozenset[str]
    after_yuan: tuple[str, ...]
    threshold: tuple[str, ...]
    triggers: regex.Pattern[str]  # characters every amount holds: a currency word's or 万/亿


def _amount_pattern(data: dict) -> regex.Pattern[str]:
    currencies = [w for words in data["currencies"].values() for w in words]
    before = alternation(data["qualifiers"]["before"])
    after = alternation(data["qualifiers"]["after"])
    vague = alternation(data["qualifiers"]["vague"])
    # A bare multiplier (亿, 万) is a number only after a qualifier: 数亿元, 上亿元, 近亿元.
    # Some pages put a space between the digits and their multiplier (协议总投资 105 亿元).
    number = rf"(?:{ARABIC}[ \u00a0](?=[万萬亿億])[万萬亿億]+|{NUMERAL}|(?<=[数上几近超逾])[万亿]+)"
    return regex.compile(
        rf"""(?P<cur_pre>人民币)?
        (?P<pre>{before})?
        (?P<vague>(?:{vague})(?=[十百千万亿]))?
        (?<![0-9０-９.．A-Za-zＡ-Ｚａ-ｚ])
        (?P<sign>(?<![0-9０-９])[-－−](?=[0-9０-９]))?
        (?P<num>{number})
        (?:(?P<incl>[(（]含[)）])?(?P<sep>[{_SEPARATORS}])(?P<num2>{NUMERAL}))?
        (?:(?P<mid>多|余|来)(?P<mult>[十百千万亿]*))?
        # money needs a currency word, or 万/亿 for the bare "投资120亿" case checked later
        (?:(?P<cur>{alternation(currencies)})|(?<=[万萬亿億]))
        (?P<post>{after})?""",
        regex.X,
    )


def _triggers(data: dict) -> regex.Pattern[str]:
    # The last character of every currency word (元, 币, 镑…) and the multipliers that make a bare
    # 投资120亿 money: a sentence with none of them holds no amount.
    last = {w[-1] for words in data["currencies"].values() for w in words} | set("万萬亿億")
    return regex.compile(f"[{regex.escape(''.join(sorted(last)))}]")


def _end_pattern(words: list[str]) -> regex.Pattern[str]:
    # Searched backwards: these patterns only ever match at the end of a short clause.
    return regex.compile(rf"(?:{alternation(words)})$", regex.REVERSE)


@cache
def load_rules() -> AmountRules:
    """Compile corpus/rules/amounts.toml once per process."""
    path = corpus_path(*RULES)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        labels, bare, not_money = data["labels"], data["bare"], data["not_money"]
        return AmountRules(
            pattern=_amount_pattern(data),
            currency_of={w: code for code, words in data["currencies"].items() for w in words},
            not_approx=frozenset(data["qualifiers"]["not_approx"]),
            inside_words=tuple(data["qualifiers"].get("inside_words", ())),
            head_end=_end_pattern(labels["heads"]),
            modifier_end=_end_pattern(labels["modifiers"]),
            link_end=_end_pattern(labels["links"]),
            change_end=_end_pattern(labels["change_verbs"]),
            bare_head_end=_end_pattern(bare["heads"]),
            verb_modifiers=frozenset(labels["verb_modifiers"]),
            before_verb=frozenset(labels["before_verb"]),
            open_heads=regex.compile(alternation(labels["open_heads"])),
            open_length=int(labels["open_length"]),
            open_stops="".join(labels["open_stops"]),
            stops=tuple(labels["stops"]),
            word_stops=tuple(w for w in labels["stops"] if len(w) > 1),
            short_not_after="".join(labels["short_modifier_not_after"]),
            not_before=frozenset(bare["not_before"]),
            after_yuan=tuple(not_money["after_yuan"]),
            threshold=tuple(not_money["threshold"]),
            triggers=_triggers(data),
        )
    except (KeyError, tomllib.TOMLDecodeError) as exc:
        raise AmountRulesError(f"{path}: {exc}; compare with the format in its header") from exc


# --- values -------------------------------------------------------------------------------


def _numeral_value(numeral: str) -> tuple[Decimal, Decimal | None]:
    """Value of one numeral; a span like 一二百万 gives (low, high)."""
    numeral = numeral.replace(" ", "").replace("\u00a0", "")  # 105 亿: the space says nothing
    if numeral and all(ch in BIG_UNITS for ch in numeral):
        return parse_numeral("1" + numeral), None  # 数亿 / 上亿: the multiplier itself
    try:
        return parse_numeral(numeral), None
    except NumeralError:
        return parse_numeral_range(numeral)


_BIG_TAIL = regex.compile(r"[万萬亿億]+$")
_ONE_DIGIT = regex.compile(r"[一二三四五六七八九]")
_HAN = regex.compile(r"\p{Han}")


def _trailing_big_units(numeral: str) -> str:
    match = _BIG_TAIL.search(numeral)
    return match.group() if match else ""


def _values(m: regex.Match[str]) -> tuple[Decimal, Decimal | None]:
    """(value, value_max) of a matched amount; raises NumeralError when the numbers are junk."""
    value, high = _numeral_value(m.group("num"))
    scale = parse_numeral("1" + m.group("mult")) if m.group("mult") else Decimal(1)
    if m.group("num2"):
        high = parse_numeral(m.group("num2")) * scale
        units = _trailing_big_units(m.group("num2"))
        # 50-100亿元, 两到三万港元: the first number borrows the multiplier of the second.
        if units and not _trailing_big_units(m.group("num")):
            scaled = value * parse_numeral("1" + units)
            value = scaled if scaled <= high else value
        return value, high
    value *= scale
    high = high * scale if high is not None else None
    if m.group("sign"):
        value = -value
    return value, high


# --- labels -------------------------------------------------------------------------------


def _clause_start(text: str, end: int, stops: str, limit: int = 40) -> int:
    lo = max(0, end - limit)
    for i in range(end - 1, lo - 1, -1):
        if text[i] in stops:
            return i + 1
    return lo


def _strip_links(rules: AmountRules, before: str) -> str:
    """Drop the words between a measure and its number (为, 约为, 将达到, 已经达到)."""
    for _ in range(4):
        m = rules.link_end.search(before)
        if not m or m.start() == 0:
            break
        before = before[: m.start()]
    return before


def _extend_modifiers(rules: AmountRules, before: str, head_start: int) -> int:
    """Start of the label once modifiers (计划, 累计, 实际使用, 年…) are added before the head."""
    start, after_verb = head_start, False
    for _ in range(4):
        m = rules.modifier_end.search(before[:start])
        if not m or (after_verb and m.group() not in rules.before_verb):
            break
        if m.group() in rules.verb_modifiers and start != head_start:
            break  # 完成中央投资 -> 中央投资, but 累计完成投资 keeps 完成
        if _time_word_tail(rules, before, m):
            break  # 全年实际利用外资, 本年度完成投资: 年 belongs to the time word, not to the measure
        after_verb = m.group() in rules.verb_modifiers
        start = m.start()
    return start


def _time_word_tail(rules: AmountRules, before: str, m: regex.Match[str]) -> bool:
    """A one-character modifier or 年度 that ends a time word (全年, 今年, 本年度)."""
    short = len(m.group()) == 1 or m.group().startswith("年")
    return short and m.start() > 0 and before[m.start() - 1] in rules.short_not_after


def _extend_open_head(rules: AmountRules, before: str, head_start: int) -> int:
    """现房价值, 国债余额限额: a generic head takes the noun right before it."""
    start = head_start
    while start > 0:
        ch = before[start - 1]
        if not _HAN.match(ch) or ch in rules.open_stops or before[:start].endswith(rules.word_stops):
            return start
        if head_start - start == rules.open_length:
            return head_start - 2  # too long to cut by rule: keep the noun's last two characters
        start -= 1
    return start


def label_before(text: str, start: int) -> str | None:
    """The measure named right before position ``start`` (签约金额, 计划总投资…), else None."""
    rules = load_rules()
    clause = text[_clause_start(text, start, _CLAUSE_END) : start]
    before = _strip_links(rules, clause)
    if rules.change_end.search(before):
        return None
    head = rules.head_end.search(before)
    if head is None:
        return None
    label_start = _extend_modifiers(rules, before, head.start())
    if label_start == head.start() and rules.open_heads.fullmatch(head.group()):
        label_start = _extend_open_head(rules, before, head.start())
    return before[label_start:]


def _label_in_clause(text: str, start: int, window: int = 15) -> str | None:
    """A measure a few words before the number in the same clause (销售额由2010年的约23亿元)."""
    lo = max(_clause_start(text, start, _CLAUSE_END), start - window)
    best: str | None = None
    for end in range(start - 1, lo, -1):
        best = label_before(text, end)
        if best:
            return best
    return best


# --- the extractor ------------------------------------------------------------------------


def _currency(rules: AmountRules, m: regex.Match[str]) -> str | None:
    word = m.group("cur") or m.group("cur_pre")
    return rules.currency_of.get(word) if word else None


def _is_money(rules: AmountRules, text: str, m: regex.Match[str]) -> bool:
    """Filter the matches that are not money: 元旦, 亿元以上项目, 50万吨, bare numbers."""
    tail = text[m.end() : m.end() + 5]
    cur = m.group("cur")
    if cur == "元" and (tail.startswith(rules.after_yuan) or _ONE_DIGIT.fullmatch(m.group("num"))):
        return False
    if m.group("post") in ("以上", "以下") and tail.lstrip("的").startswith(rules.threshold):
        return False
    if cur or m.group("cur_pre"):
        return True
    numeral = m.group("num2") or m.group("num")
    if not (_trailing_big_units(numeral) or m.group("mult")):
        return False
    if tail[:1] in rules.not_before:
        return False
    before = _strip_links(rules, text[_clause_start(text, m.start(), _CLAUSE_END) : m.start()])
    return bool(rules.bare_head_end.search(before))


def _approx(rules: AmountRules, m: regex.Match[str], skip_pre: bool = False) -> str | None:
    for word in (None if skip_pre else m.group("pre"), m.group("vague"), m.group("mid"), m.group("post")):
        if word and word not in rules.not_approx:
            return word
    return None


def _label(text: str, m: regex.Match[str], previous: Amount | None) -> tuple[str | None, int | None]:
    """(label, where the label starts when it is written right before the number)."""
    rules = load_rules()
    if rules.change_end.search(_strip_links(rules, text[max(0, m.start() - 12) : m.start()])):
        return None, None  # 比同期增加73.5亿元: a change, not the level of a measure
    label = label_before(text, m.start())
    if label:
        lo = _clause_start(text, m.start(), _CLAUSE_END)
        before = _strip_links(rules, text[lo : m.start()])
        return label, lo + len(before) - len(label)
    label = _label_in_clause(text, m.start())
    if label is None and previous is not None and previous.label and _follows(text, previous, m):
        label = previous.label
    return label, None


def _follows(text: str, previous: Amount, m: regex.Match[str]) -> bool:
    """A list or a follow-up in the same sentence keeps the measure: 约为2.03亿元、8137万元."""
    gap = text[previous.end : m.start()]
    return len(gap) <= 16 and not any(ch in _SENTENCE_END for ch in gap)


def _scope(scopes: ScopeFinder, m: regex.Match[str], label_start: int | None, previous: Amount | None) -> str | None:
    if m.group("post") in ("以上", "以下") and (scope := scopes.threshold(m.end())):
        return scope
    if scope := scopes.batch(m.end()) or scopes.attributive(m.start(), m.end()):
        return scope
    if label_start is not None and (scope := scopes.place(label_start)):
        return scope
    if label_start is None and previous is not None and previous.scope and _follows(scopes.text, previous, m):
        return previous.scope  # 新兴乡财政收入突破千万元，实现1782万元: the follow-up keeps the subject
    direct = scopes.direct(label_start) if label_start is not None else None
    return scopes.for_amount(m.start(), (previous.end, previous.scope) if previous else None, direct)


def _past_word_tail(rules: AmountRules, text: str, m: regex.Match[str]) -> int:
    """Where the amount starts: after its qualifier when that is the tail of a word (签约5亿元)."""
    pre = m.group("pre")
    if pre and any(text.endswith(w, 0, m.start() + len(pre)) and len(w) > len(pre) for w in rules.inside_words):
        return m.start() + len(pre)
    return m.start()


def _range_end(text: str, previous: Amount, m: regex.Match[str], value: Decimal) -> bool:
    """Is ``m`` the top of a range whose bottom, with its own unit, is ``previous``?"""
    gap = text[previous.end : m.start()] or (m.group("sign") or "")  # 50亿元-100亿元: the dash read as a sign
    return (
        len(gap) == 1 and gap in _SEPARATORS and previous.value_max is None and not previous.approx
        and not m.group("pre") and m.group("cur") is not None
        and _currency(load_rules(), m) == previous.currency and value > previous.value
    )


def extract_amounts(text: str) -> list[Amount]:
    """Every money amount in ``text`` with its evidence span, in text order."""
    rules = load_rules()
    found: list[Amount] = []
    scopes = ScopeFinder(text)
    for m in scan_sentences(rules.pattern, text, rules.triggers):
        if not _is_money(rules, text, m):
            continue
        try:
            value, high = _values(m)
        except NumeralError:
            continue
        previous = found[-1] if found else None
        top = -value if m.group("sign") and previous is not None and previous.end == m.start() else value
        if previous is not None and _range_end(text, previous, m, top):
            previous.value_max, previous.text, previous.end = top, text[previous.start : m.end()], m.end()
            continue  # 10亿元至50亿元, 50亿元-100亿元: one range, the unit written on both ends
        label, label_start = _label(text, m, previous)
        start = _past_word_tail(rules, text, m)
        found.append(
            Amount(
                value=value,
                value_max=high,
                currency=_currency(rules, m) or "CNY",
                text=text[start : m.end()],
                start=start,
                end=m.end(),
                approx=_approx(rules, m, skip_pre=start != m.start()),
                label=label,
                scope=_scope(scopes, m, label_start, previous),
                metric=canonical_metric(label),
            )
        )
    return found


__all__ = ["AmountRulesError", "extract_amounts", "label_before", "load_rules"]
