"""Generalisation gate: the extractors scored on corpus/gold, articles no rule was written on.

Floors are the scores the extractors reached when the set was annotated, less a small margin,
so that a change which breaks these unseen articles fails here even when the shared gold still
passes. Leaders, projects and organizations are gated because the set holds required items of
each. The last tests check the gate itself: the annotations must be well formed, and the floors
must be tight enough to catch the typical regressions (a lost multiplier, a lost sign).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluate import Report, evaluate_dir, score_article

GOLD = Path(__file__).resolve().parents[1] / "corpus" / "gold"
GOLD_FILES = sorted(GOLD.glob("*.gold.json"))

# Measured: amounts 1.000, counts 1.000, growth 0.995, period 1.000, leaders 1.000,
# projects 0.500, organizations 0.333, amount label accuracy 0.627.
FLOORS = {
    "amounts": 0.95,
    "counts": 0.85,
    "growth": 0.97,
    "period": 0.95,
    "leaders": 0.95,
    "projects": 0.45,
    "organizations": 0.30,
}
LABEL_FLOOR = 0.72
PERIOD_LABEL = re.compile(r"^\d{4}(Q[1-4]|H[12]|-\d{2}|M\d{2}-M\d{2})?$")


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    return evaluate_dir(GOLD).to_dict()


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_field_f1_floor(scores: dict[str, Any], field: str) -> None:
    got = scores["fields"][field]
    assert got["f1"] >= FLOORS[field], got


def test_amount_label_accuracy_floor(scores: dict[str, Any]) -> None:
    assert scores["amount_label_accuracy"] >= LABEL_FLOOR, scores["amount_label_accuracy"]


def test_every_annotated_article_is_scored(scores: dict[str, Any]) -> None:
    assert scores["articles"] == len(GOLD_FILES) >= 6


def _load(gold_path: Path) -> tuple[dict[str, Any], str, dict[str, Any]]:
    name = gold_path.name.removesuffix(".gold.json")
    text = gold_path.with_name(name + ".txt").read_text(encoding="utf-8")
    meta = json.loads(gold_path.with_name(name + ".meta.json").read_text(encoding="utf-8"))
    return json.loads(gold_path.read_text(encoding="utf-8")), text, meta


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_annotation_is_well_formed(gold_path: Path) -> None:
    gold, text, meta = _load(gold_path)
    assert (gold["published"], gold["city"]) == (meta["published"], meta["city"])
    period = gold.get("period")
    assert period is None or PERIOD_LABEL.match(period["label"]), period
    for field in ("amounts", "counts", "growth"):
        for item in gold[field]:
            # The evidence must be the article's own wording, so the annotation can be re-checked.
            assert item["text"] in text, (field, item)
    for item in gold["amounts"]:
        assert item["value"] > 0 and item["currency"] in {"CNY", "USD", "EUR", "HKD", "JPY"}, item
    for field in ("leaders", "projects", "organizations"):
        for item in gold[field]:
            assert item["name"] in text, (field, item)


def _scale_amounts(gold: dict[str, Any]) -> None:
    for item in gold["amounts"]:
        item["value"] /= 10_000  # 亿 read as 万


def _unsign_growth(gold: dict[str, Any]) -> None:
    for item in gold["growth"]:
        item["value_pct"] = abs(item["value_pct"])  # 下降 read as 增长


def _shift_period(gold: dict[str, Any]) -> None:
    if gold.get("period"):
        label = gold["period"]["label"]
        gold["period"]["label"] = str(int(label[:4]) - 1) + label[4:]  # 今年 resolved to last year


def _keep(gold: dict[str, Any]) -> None:
    return None


@pytest.mark.parametrize(
    ("corrupt", "field", "passes"),
    [
        (_keep, "amounts", True),
        (_keep, "growth", True),
        (_keep, "period", True),
        (_scale_amounts, "amounts", False),
        (_unsign_growth, "growth", False),
        (_shift_period, "period", False),
    ],
)
def test_floors_catch_regressions(corrupt: Callable[[dict[str, Any]], None], field: str, passes: bool) -> None:
    report = Report()
    for gold_path in GOLD_FILES:
        gold, _, _ = _load(gold_path)
        pred = copy.deepcopy(gold)
        corrupt(pred)
        score_article(report, gold_path.name, pred, gold)
    assert (report.to_dict()["fields"][field]["f1"] >= FLOORS[field]) is passes
