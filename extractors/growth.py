"""Growth rates: 同比增长10.4%, 环比下降0.5%, 翻番, 提高3.8个百分点 — signed, with evidence.

Rules are data in corpus/rules/growth.toml. A growth rate needs a change verb (增长, 下降…)
or a comparison (高于…N个百分点) before the number: a percentage on its own is a share
(占比35%, 比重为15.3%) and is never reported. Lists after one verb give one rate each
(分别上涨15.6%、14.9%和5.4%). ``of`` is the measure that changed, read from the words before.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import regex

from extractors.amounts import alternation, label_before
from extractors.facts import Growth
from extractors.metrics import canonical_metric
from extractors.numbers import ARABIC, CHINESE, NumeralError, parse_numeral
from extractors.resources import corpus_path

RULES = ("rules", "growth.toml")
_CLAUSE_END = "。；;！!？?\n，,：:"
_NUMBER = rf"(?:{ARABIC}|{CHINESE})"
_ARABIC = regex.compile(ARABIC)
_HAN_RUN_END = regex.compile(r"\p{Han}{2,10}$")


class GrowthRulesError(ValueError):
    """corpus/rules/growth.toml is missing a part the growth pattern is built from."""


@dataclass(frozen=True, slots=True)
class GrowthRules:
    pattern: regex.Pattern[str]
    more: regex.Pattern[str]
    down: frozenset[str]
    below: frozenset[str]
    yoy: frozenset[str]
    basis_end: regex.Pattern[str]
    doubling: dict[str, Decimal]
    units: dict[str, str]  # unit word -> percent | points | times | tenths
    filler_end: regex.Pattern[str]  # basis and link words trailing a clause (同比分别)
    narrowing_verbs: frozenset[str] = frozenset()
    decline_subjects: tuple[str, ...] = ()


def _pattern(data: dict) -> regex.Pattern[str]:
    verbs = alternation(data["verbs"]["up"] + data["verbs"]["down"])
    basis = alternation(data["basis"]["yoy"] + data["basis"]["mom"])
    links = alternation(data["links"]["words"])
    units = alternation([w for words in data["units"].values() for w in words])
    compare = alternation(data["compare"]["above"] + data["compare"]["below"])
    points = alternation(data["units"]["points"])
    # [\ \u3000]? lets a space stand before the sign (增长203 %), as some sites print it.
    return regex.compile(
        rf"""(?P<basis>{basis})?
        (?:(?P<verb>{verbs})(?:{links})*(?P<pre>近|约|超过|超|逾)?(?P<num>{_NUMBER})[\ \u3000]?(?P<unit>{units})
           (?P<post>以上|左右|多)?
         |(?P<double>{alternation(list(data["doubling"]))})
         |(?P<cmp>{compare})(?P<gap>[\p{{Han}}A-Za-z0-9]{{0,12}}?)(?P<cnum>{ARABIC})(?P<cunit>{points}))""",
        regex.X,
    )


@cache
def load_rules() -> GrowthRules:
    """Compile corpus/rules/growth.toml once per process."""
    path = corpus_path(*RULES)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        percent = alternation(data["units"]["percent"])
        return GrowthRules(
            pattern=_pattern(data),
            more=regex.compile(rf"[、和及与]\s*(?P<num>{ARABIC})(?P<unit>{percent})"),
            down=frozenset(data["verbs"]["down"]),
            below=frozenset(data["compare"]["below"]),
            yoy=frozenset(data["basis"]["yoy"]),
            basis_end=regex.compile(rf"(?P<basis>{alternation(data['basis']['yoy'] + data['basis']['mom'])})"),
            doubling={word: Decimal(value) for word, value in data["doubling"].items()},
            units={w: kind for kind, words in data["units"].items() for w in words},
            filler_end=regex.compile(
                rf"(?:{alternation(data['basis']['yoy'] + data['basis']['mom'] + data['links']['words'])}"
                rf"|[\s、，,])+$",
                regex.REVERSE,
            ),
            narrowing_verbs=frozenset(data["narrowing"]["verbs"]),
            decline_subjects=tuple(data["narrowing"]["decline_subjects"]),
        )
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise GrowthRulesError(f"{path}: {exc}; compare with the format in its header") from exc


def _scaled(number: str, kind: str) -> Decimal:
    value = parse_numeral(number)
    if kind == "times":
        return value * 100  # 增长30倍 = +3000%
    if kind == "tenths":
        return value * 10  # 增长两成 = +20%
    return value


def _clause_start(text: str, end: int, limit: int = 40) -> int:
    lo = max(0, end - limit)
    for i in range(end - 1, lo - 1, -1):
        if text[i] in _CLAUSE_END:
            return i + 1
    return lo


def _basis(rules: GrowthRules, text: str, m: regex.Match[str]) -> str | None:
    """同比 / 环比 written just before the verb, or a few words earlier in the clause."""
    word = m.group("basis")
    if word is None:
        found = list(rules.basis_end.finditer(text, _clause_start(text, m.start(), 16), m.start()))
        word = found[-1].group() if found else None
    if word is None:
        return None
    return "同比" if word in rules.yoy else "环比"


def _measure(rules: GrowthRules, text: str, start: int) -> str | None:
    """The measure that changed: the label before the figure, or the words before the verb.

    ``到位资金189.33亿元、同比增长10.4%``: when the clause before the verb holds nothing but
    同比/分别, the measure is in the clause before (the figure the rate belongs to).
    """
    lo = _clause_start(text, start)
    end = lo + len(rules.filler_end.sub("", text[lo:start]))
    if end == lo and lo > 0:
        lo = _clause_start(text, lo - 1)
    figures = list(_ARABIC.finditer(text, lo, end))
    if figures:
        end = figures[-1].start()  # the figure nearest the rate is the one that grew
    label = label_before(text, end)
    if label:
        return label
    run = _HAN_RUN_END.search(text, lo, end)
    return run.group() if run else None


def _decline_narrows(rules: GrowthRules, text: str, m: regex.Match[str]) -> bool:
    """降幅收窄 / 降幅扩大: the verb's sign flips when the clause names a decline before it."""
    if m.group("verb") not in rules.narrowing_verbs:
        return False
    clause = text[_clause_start(text, m.start("verb")) : m.start("verb")]
    return any(word in clause for word in rules.decline_subjects)


def _one(rules: GrowthRules, text: str, m: regex.Match[str]) -> Growth | None:
    points = False
    if m.group("double"):
        value = rules.doubling[m.group("double")]
    elif m.group("cmp"):
        value, points = parse_numeral(m.group("cnum")), True
        if m.group("cmp") in rules.below:
            value = -value
    else:
        kind = rules.units[m.group("unit")]
        value, points = _scaled(m.group("num"), kind), kind == "points"
        if m.group("verb") in rules.down:
            value = -value
        if _decline_narrows(rules, text, m):
            value = -value
    anchor = m.start("verb") if m.group("verb") else m.start()
    return Growth(
        value_pct=value,
        text=m.group(),
        start=m.start(),
        end=m.end(),
        basis=_basis(rules, text, m),
        of=_measure(rules, text, anchor),
        points=points,
        approx=m.group("pre") or m.group("post"),
    )


def _listed(rules: GrowthRules, text: str, first: Growth, m: regex.Match[str]) -> list[Growth]:
    """分别上涨15.6%、14.9%和5.4%: further rates after the first, same sign and basis."""
    out: list[Growth] = []
    pos = m.end()
    sign = -1 if first.value_pct < 0 else 1
    while (more := rules.more.match(text, pos)) is not None:
        value = parse_numeral(more.group("num")) * sign
        out.append(
            Growth(value_pct=value, text=more.group("num") + more.group("unit"), start=more.start("num"),
                   end=more.end(), basis=first.basis, of=first.of, metric=first.metric)
        )  # fmt: skip
        pos = more.end()
    return out


def extract_growth(text: str) -> list[Growth]:
    """Every growth rate in ``text`` with its evidence span, in text order."""
    rules = load_rules()
    found: list[Growth] = []
    for m in rules.pattern.finditer(text):
        try:
            growth = _one(rules, text, m)
        except NumeralError:
            continue
        if growth is None:
            continue
        growth.metric = canonical_metric(growth.of)
        found.append(growth)
        if m.group("unit") and rules.units[m.group("unit")] == "percent":
            found.extend(_listed(rules, text, growth, m))
    return found


__all__ = ["GrowthRulesError", "extract_growth", "load_rules"]
