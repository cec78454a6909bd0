"""Gold-set gate for money amounts and growth rates, scored with the rules of EXTRACTION.md.

The gold articles live in the team's shared folder beside the checkout (../shared); the gate
is skipped only when that folder is absent. Floors are the acceptance floors of the project.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.amounts import extract_amounts
from extractors.facts import fact_to_dict
from extractors.growth import extract_growth
from pipeline.evaluate import Report, score_article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "gold" / "articles"
SERIES = SHARED / "corpus" / "series"
FLOORS = {"amounts": 0.97, "growth": 0.95}
LABEL_FLOOR = 0.85


def _gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.skip("../shared/gold/articles is not beside the checkout")
    return GOLD


@pytest.fixture(scope="module")
def figures_report() -> dict:
    report = Report()
    for gold_path in sorted(_gold_dir().glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        text = gold_path.with_name(name + ".txt").read_text(encoding="utf-8")
        pred = {
            "amounts": [fact_to_dict(a) for a in extract_amounts(text)],
            "growth": [fact_to_dict(g) for g in extract_growth(text)],
        }
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        # Only the figure fields are scored here; the other fields have their own gates.
        gold = {"amounts": gold.get("amounts") or [], "growth": gold.get("growth") or []}
        score_article(report, name, pred, gold)
    return report.to_dict()


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_figures_f1_floor(figures_report: dict, field: str) -> None:
    got = figures_report["fields"][field]
    assert got["f1"] >= FLOORS[field], got


def test_amount_label_accuracy_floor(figures_report: dict) -> None:
    assert figures_report["amount_label_accuracy"] >= LABEL_FLOOR


def _texts() -> list[Path]:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return sorted(GOLD.glob("*.txt")) + sorted(SERIES.glob("*.txt"))


def test_every_span_points_into_its_article() -> None:
    checked = 0
    for path in _texts():
        text = path.read_text(encoding="utf-8")
        for fact in [*extract_amounts(text), *extract_growth(text)]:
            assert text[fact.start : fact.end] == fact.text, (path.name, fact)
            checked += 1
    assert checked > 100
