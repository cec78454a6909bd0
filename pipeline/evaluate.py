"""Precision, recall and F1 of the extractors against hand-made gold annotations.

Matching follows EXTRACTION.md so that figures agree with the project's shared scorer:
amounts by currency and value (0.5%), counts by value and unit, growth by value (±0.05),
leaders and organizations by normalised name, projects by character-overlap F1 ≥ 0.8,
period by exact label. Gold items marked ``optional`` are neither rewarded nor penalised.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.article import Article
from pipeline.process import analyse

FIELDS = ("amounts", "counts", "growth", "leaders", "projects", "organizations", "period")
Item = dict[str, Any]


class GoldError(ValueError):
    """The gold folder is missing or holds no annotations."""


def norm_name(value: str | None) -> str:
    text = unicodedata.normalize("NFKC", value or "")
    for mark in '“”"「」《》':
        text = text.replace(mark, "")
    return "".join(text.split())


def char_f1(a: str, b: str) -> float:
    a, b = norm_name(a), norm_name(b)
    common = sum((Counter(a) & Counter(b)).values()) if a and b else 0
    if not common:
        return 0.0
    precision, recall = common / len(a), common / len(b)
    return 2 * precision * recall / (precision + recall)


def _close(x: Any, y: Any, rel: float = 0.005) -> bool:
    try:
        fx, fy = float(x), float(y)
    except (TypeError, ValueError):
        return False
    return fx == fy if fy == 0 else abs(fx - fy) <= rel * abs(fy)


def _same_amount(p: Item, g: Item) -> bool:
    same_currency = (p.get("currency") or "CNY") == (g.get("currency") or "CNY")
    top_ok = g.get("value_max") is None or _close(p.get("value_max"), g["value_max"])
    return same_currency and _close(p.get("value"), g.get("value")) and top_ok


def _same_count(p: Item, g: Item) -> bool:
    try:
        return int(p["value"]) == int(g["value"]) and (p.get("unit") or "") == (g.get("unit") or "")
    except (KeyError, TypeError, ValueError):
        return False


def _same_growth(p: Item, g: Item) -> bool:
    try:
        return abs(float(p["value_pct"]) - float(g["value_pct"])) <= 0.05
    except (KeyError, TypeError, ValueError):
        return False


MATCHERS: dict[str, Callable[[Item, Item], bool]] = {
    "amounts": _same_amount,
    "counts": _same_count,
    "growth": _same_growth,
    "leaders": lambda p, g: norm_name(p.get("name")) == norm_name(g.get("name")),
    "projects": lambda p, g: char_f1(p.get("name") or "", g.get("name") or "") >= 0.8,
    "organizations": lambda p, g: norm_name(p.get("name")) == norm_name(g.get("name")),
}


def _same_text(p: Any, g: Any) -> bool:
    return norm_name(p) == norm_name(g)


def _same_investment(p: Any, g: Any) -> bool:
    return (p is None and g is None) or _close(p, g)


# Attributes of a matched item scored as accuracy: (field, attribute, comparison, judged when gold is null).
# A label or title is judged only where the gold has one; a project's ties also when the gold says
# "none stated" (null), since tying an amount the text does not tie is an error too.
ACCURACIES: dict[str, tuple[str, str, Callable[[Any, Any], bool], bool]] = {
    "amount_label": ("amounts", "label", _same_text, False),
    "leader_title": ("leaders", "title", _same_text, False),
    "project_investment": ("projects", "investment", _same_investment, True),
    "project_stage": ("projects", "stage", lambda p, g: (p or None) == (g or None), True),
    "project_investor": ("projects", "investor", _same_text, True),
}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if self.fn == 0 else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Report:
    articles: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    # [hits, judged] per attribute of matched items (ACCURACIES)
    hits: dict[str, list[int]] = field(default_factory=lambda: {name: [0, 0] for name in ACCURACIES})
    misses: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        fields_ = {name: t.scores() for name, t in self.tallies.items()}
        f1s = [v["f1"] for v in fields_.values()]
        accuracies = {f"{name}_accuracy": _ratio(hits) for name, hits in self.hits.items()}
        return {"articles": self.articles, "fields": fields_, **accuracies, "overall_f1": round(sum(f1s) / len(f1s), 4)}


def _ratio(hits: list[int]) -> float | None:
    return round(hits[0] / hits[1], 4) if hits[1] else None


def match_list(pred: list[Item], gold: list[Item], same: Callable[[Item, Item], bool]):
    """Greedy one-to-one matching; a prediction that only repeats a taken or optional item is free."""
    required = [g for g in gold if not g.get("optional")]
    used: set[int] = set()
    pairs: list[tuple[Item, Item]] = []
    extras: list[Item] = []
    for p in pred:
        hit = next((i for i, g in enumerate(required) if i not in used and same(p, g)), None)
        if hit is not None:
            used.add(hit)
            pairs.append((p, required[hit]))
        elif not any(same(p, g) for g in gold):
            extras.append(p)
    missed = [g for i, g in enumerate(required) if i not in used]
    return pairs, extras, missed


def score_article(report: Report, name: str, pred: Item, gold: Item) -> None:
    report.articles += 1
    for fld, same in MATCHERS.items():
        pairs, extras, missed = match_list(pred.get(fld) or [], gold.get(fld) or [], same)
        tally = report.tallies[fld]
        tally.tp, tally.fp, tally.fn = tally.tp + len(pairs), tally.fp + len(extras), tally.fn + len(missed)
        report.misses += [f"miss  {name} {fld}: {json.dumps(g, ensure_ascii=False)}" for g in missed]
        report.misses += [f"extra {name} {fld}: {p.get('text') or p.get('name')}" for p in extras]
        _score_attributes(report, name, fld, pairs)
    _score_period(report.tallies["period"], pred.get("period"), gold.get("period"))


def _score_attributes(report: Report, name: str, fld: str, pairs: list[tuple[Item, Item]]) -> None:
    for accuracy, (of_field, key, same, judge_null) in ACCURACIES.items():
        if of_field != fld:
            continue
        hits = report.hits[accuracy]
        for p, g in pairs:
            if g.get(key) is None and not judge_null:
                continue
            hits[1] += 1
            if same(p.get(key), g.get(key)):
                hits[0] += 1
                continue
            # Listed with the misses so that `evaluate -v` shows why an accuracy is low.
            owner = g.get("name") or g.get("text")
            report.misses.append(f"wrong {name} {accuracy}: {owner}: got {p.get(key)!r}, want {g.get(key)!r}")


def _score_period(tally: Tally, pred: Any, gold: Any) -> None:
    want = (gold or {}).get("label")
    got = pred.get("label") if isinstance(pred, dict) else None
    if want and got == want:
        tally.tp += 1
        return
    tally.fn += bool(want)
    tally.fp += bool(got)


def evaluate_dir(gold_dir: Path) -> Report:
    """Run the extractors over every NAME.txt with a NAME.gold.json beside it and score them."""
    golds = sorted(Path(gold_dir).glob("*.gold.json"))
    if not golds:
        raise GoldError(f"no *.gold.json files in {gold_dir}; annotate articles as NAME.txt + NAME.gold.json")
    report = Report()
    for gold_path in golds:
        name = gold_path.name.removesuffix(".gold.json")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = gold_path.with_name(name + ".txt")
        pred: Item = {}
        if text_path.exists():
            article = Article(
                text=text_path.read_text(encoding="utf-8"), published=gold.get("published"), city=gold.get("city")
            )
            pred = analyse(article).to_dict()
        score_article(report, name, pred, gold)
    return report
