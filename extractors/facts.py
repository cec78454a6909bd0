"""Typed facts the extractors return, and their JSON form (see shared spec EXTRACTION.md).

Every fact keeps its evidence: ``text`` is the exact substring of the article and
``start``/``end`` are Python slice offsets, so ``article[start:end] == text`` always holds.
Money and counts are computed in ``Decimal``; only ``to_dict`` turns them into JSON numbers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from typing import Any


def _jsonable(value: Any) -> Any:
    """Decimal -> float (int when whole) so JSON consumers get plain numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)
    return value


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact came from: the exact text and its offsets in the article."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Amount:
    value: Decimal
    currency: str
    text: str
    start: int
    end: int
    value_max: Decimal | None = None
    approx: str | None = None
    label: str | None = None
    scope: str | None = None
    metric: str | None = None  # canonical metric name from corpus/vocab/metrics.tsv
    period: str | None = None  # period label named in the same sentence, when any


@dataclass(slots=True)
class Count:
    value: int
    unit: str
    text: str
    start: int
    end: int
    object: str | None = None
    label: str | None = None
    approx: str | None = None
    scope: str | None = None  # the subset counted when the sentence narrows it (重点产业链)
    metric: str | None = None
    period: str | None = None


@dataclass(slots=True)
class Growth:
    value_pct: Decimal
    text: str
    start: int
    end: int
    basis: str | None = None  # 同比 / 环比 / None
    of: str | None = None
    points: bool = False  # 个百分点: a difference of percentages, not a growth rate
    approx: str | None = None
    metric: str | None = None
    period: str | None = None


@dataclass(slots=True)
class Period:
    """A reporting period: ``label`` per the spec (2024Q1, 2024H1, 2024-05, 2024M01-M05, 2024)."""

    label: str
    first_day: str  # ISO date
    last_day: str  # ISO date
    text: str | None = None
    start: int | None = None
    end: int | None = None
    cumulative: bool = False  # 1-5月 style runs from January

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "start": self.first_day, "end": self.last_day}
        if self.text is not None:
            out["evidence"] = {"text": self.text, "start": self.start, "end": self.end}
        out["cumulative"] = self.cumulative
        return out


@dataclass(slots=True)
class Leader:
    name: str
    title: str
    start: int  # offsets of the name
    end: int
    text: str = ""  # the name as written (== name)
    mentions: int = 1


@dataclass(slots=True)
class Project:
    name: str
    start: int
    end: int
    text: str = ""
    investment: Decimal | None = None
    currency: str | None = None
    stage: str | None = None
    investor: str | None = None


@dataclass(slots=True)
class Organization:
    name: str
    start: int
    end: int
    text: str = ""
    short_names: list[str] = field(default_factory=list)


def fact_to_dict(fact: Any) -> dict[str, Any]:
    """Dataclass fact -> JSON-ready dict with Decimals as numbers."""
    if hasattr(fact, "to_dict"):
        return fact.to_dict()
    out = {f.name: _jsonable(getattr(fact, f.name)) for f in fields(fact)}
    if "value" in out and isinstance(getattr(fact, "value", None), Decimal):
        out["value_exact"] = str(fact.value)
    return out


@dataclass(slots=True)
class Facts:
    """Everything extracted from one article."""

    period: Period | None = None
    city: str | None = None
    amounts: list[Amount] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    growth: list[Growth] = field(default_factory=list)
    leaders: list[Leader] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)

    LISTS = ("amounts", "counts", "growth", "leaders", "projects", "organizations")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "period": self.period.to_dict() if self.period else None,
            "city": self.city,
        }
        for name in self.LISTS:
            out[name] = [fact_to_dict(f) for f in getattr(self, name)]
        return out


__all__ = [
    "Amount",
    "Count",
    "Evidence",
    "Facts",
    "Growth",
    "Leader",
    "Organization",
    "Period",
    "Project",
    "asdict",
    "fact_to_dict",
]
