"""Arithmetic on period labels: parse, shift a year or a quarter back, derive quarters from cumulative runs.

Labels follow the extraction spec: ``2024`` (year), ``2024H1`` (half), ``2024Q1`` (quarter),
``2024-05`` (month), ``2024M01-M05`` (run of months). Every label is a span of months inside
one year, so all arithmetic works on ``(year, first month, last month)``; the canonical label of
a span is unique (``2024M01-M03`` is ``2024Q1``), which is what lets 1-3月 line up with 一季度.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})H([12])$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RUN = re.compile(r"^(\d{4})M(\d{2})-M(\d{2})$")


class PeriodLabelError(ValueError):
    """A period label that is not one of the spec's forms."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Months ``first``..``last`` (inclusive, 1-12) of ``year``."""

    year: int
    first: int
    last: int

    @property
    def kind(self) -> str:
        """year | half | quarter | month | months."""
        length = self.last - self.first + 1
        if length == 12:
            return "year"
        if length == 6 and self.first in (1, 7):
            return "half"
        if length == 3 and self.first % 3 == 1:
            return "quarter"
        return "month" if length == 1 else "months"

    @property
    def cumulative(self) -> bool:
        """A run from January (1-5月, 上半年, 前三季度, the year): the figures statistics bureaus publish."""
        return self.first == 1

    @property
    def label(self) -> str:
        kind = self.kind
        if kind == "year":
            return f"{self.year}"
        if kind == "half":
            return f"{self.year}H{1 if self.first == 1 else 2}"
        if kind == "quarter":
            return f"{self.year}Q{(self.first + 2) // 3}"
        if kind == "month":
            return f"{self.year}-{self.first:02d}"
        return f"{self.year}M{self.first:02d}-M{self.last:02d}"


def parse_label(label: str) -> Span:
    """``2024Q2`` -> Span(2024, 4, 6). Raises PeriodLabelError on anything else."""
    text = (label or "").strip()
    if m := _YEAR.match(text):
        return Span(int(m[1]), 1, 12)
    if m := _HALF.match(text):
        first = 1 if m[2] == "1" else 7
        return Span(int(m[1]), first, first + 5)
    if m := _QUARTER.match(text):
        first = 3 * int(m[2]) - 2
        return Span(int(m[1]), first, first + 2)
    if m := _MONTH.match(text):
        return _checked(int(m[1]), int(m[2]), int(m[2]), label)
    if m := _RUN.match(text):
        return _checked(int(m[1]), int(m[2]), int(m[3]), label)
    raise PeriodLabelError(f"{label!r} is not a period label (2024, 2024H1, 2024Q1, 2024-05, 2024M01-M05)")


def _checked(year: int, first: int, last: int, label: str) -> Span:
    if not 1 <= first <= last <= 12:
        raise PeriodLabelError(f"{label!r}: months must run within 01..12")
    return Span(year, first, last)


def canonical(label: str) -> str:
    """The one label of a span: ``2024M01-M03`` -> ``2024Q1``, ``2024M05-M05`` -> ``2024-05``."""
    return parse_label(label).label


def try_canonical(label: str | None) -> str | None:
    """canonical() that returns None for missing or malformed labels (database rows are not trusted)."""
    try:
        return canonical(label) if label else None
    except PeriodLabelError:
        return None


def same_period_last_year(label: str) -> str:
    span = parse_label(label)
    return Span(span.year - 1, span.first, span.last).label


def previous_period(label: str) -> str | None:
    """The adjacent earlier period of the same length: quarter, half or month. None for years and runs.

    A run like 1-5月 has no predecessor of the same kind; comparing it with 8-12月 would mean nothing.
    """
    span = parse_label(label)
    if span.kind not in ("quarter", "half", "month"):
        return None
    length = span.last - span.first + 1
    first = span.first - length
    if first >= 1:
        return Span(span.year, first, span.last - length).label
    return Span(span.year - 1, first + 12, span.last - length + 12).label


def sort_key(label: str) -> tuple[int, int, int]:
    """Chronological order: by year, then end month, then longer runs first."""
    span = parse_label(label)
    return (span.year, span.last, span.first)


@dataclass(frozen=True, slots=True)
class Derived:
    """A quarter computed from cumulative figures, with the labels it came from."""

    label: str
    value: Decimal
    minuend: str
    subtrahend: str


def derive_quarters(values: dict[str, Decimal]) -> list[Derived]:
    """Quarters not stated directly but implied by cumulative runs of the same year.

    ``values`` maps period labels to figures of one city and metric. H1 − Q1 = Q2, 前三季度 − H1 = Q3,
    year − 前三季度 = Q4; a run ending in March *is* Q1. Only meaningful for flows (money signed,
    invested), not for stocks (余额), which the caller must exclude.
    """
    stated = {canonical(k): v for k, v in values.items() if try_canonical(k)}
    cumulative: dict[tuple[int, int], str] = {}
    for label in stated:
        span = parse_label(label)
        if span.cumulative:
            cumulative[(span.year, span.last)] = label
    out: list[Derived] = []
    for year in sorted({y for y, _ in cumulative}):
        for quarter in range(1, 5):
            target = Span(year, 3 * quarter - 2, 3 * quarter).label
            if target in stated:
                continue
            derived = _derive_one(stated, cumulative, year, quarter, target)
            if derived:
                out.append(derived)
    return out


def _derive_one(stated: dict[str, Decimal], cumulative: dict[tuple[int, int], str],
                year: int, quarter: int, target: str) -> Derived | None:
    # Q1 needs no derivation: a 1-3月 run is canonicalised to Q1 and so counts as stated.
    upto = cumulative.get((year, 3 * quarter))
    if upto is None or quarter == 1:
        return None
    before = cumulative.get((year, 3 * quarter - 3))
    if before is None:
        return None
    return Derived(target, stated[upto] - stated[before], upto, before)
