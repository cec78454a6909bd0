"""Headline figures per city, period and metric, and the city × period tables researchers compare.

A headline value is one figure an article states for the whole city (no ``scope``) for a canonical
metric and period. Every value keeps the article, sentence and span it came from. When articles
disagree the disagreement is kept and flagged (``conflict``), never resolved: a researcher decides.
Filtering happens in SQL on the (metric, city, period) index, so a table of one metric stays fast
on a database of millions of facts; pandas only sees the rows of that metric.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from decimal import Decimal

import pandas as pd

from pipeline.periods_math import (
    PeriodLabelError,
    canonical,
    derive_quarters,
    previous_period,
    same_period_last_year,
    sort_key,
    try_canonical,
)
from pipeline.store import Store
from pipeline.views import HEADLINE_VIEW

log = logging.getLogger(__name__)

YI = 100_000_000  # 亿: tables show money in 亿元, the unit every bulletin uses
_CURRENCY_UNITS = {"CNY": "亿元", "USD": "亿美元", "EUR": "亿欧元", "HKD": "亿港元", "JPY": "亿日元"}
# Stocks (balances at a date) cannot be differenced into quarters.
_STOCK_MARKERS = ("余额", "存量", "总额末")

HEADLINE_COLUMNS = [
    "city", "period", "metric", "kind", "value", "value_exact", "currency", "unit", "label", "approx",
    "stated_yoy_pct", "conflict", "n_sources", "period_as_written", "article_id", "published", "title", "url",
    "sentence", "text", "start", "end", "fact_id",
]


class CompareError(ValueError):
    """A comparison that cannot be made; the message says what exists instead."""


class UnknownMetric(CompareError):
    pass


def known_metrics(store: Store) -> list[str]:
    sql = ("select metric from amounts where metric is not null union "
           "select metric from counts where metric is not null order by 1")
    return [row[0] for row in store.db.execute(sql).fetchall()]


def _in_clause(column: str, values: Sequence[str] | None) -> tuple[str, list[str]]:
    if not values:
        return "", []
    return f" and {column} in ({', '.join('?' * len(values))})", list(values)


def _fact_rows(store: Store, metric: str | None, cities: Sequence[str] | None) -> pd.DataFrame:
    """Whole-city candidates from the ``headline_facts`` view, filtered in SQL on (metric, city)."""
    where = "metric = ?" if metric else "1"
    params: list[str] = [metric] if metric else []
    city_sql, city_params = _in_clause("city", cities)
    cursor = store.db.execute(f"select * from {HEADLINE_VIEW} where {where}{city_sql}", params + city_params)
    return pd.DataFrame.from_records(cursor.fetchall(), columns=[d[0] for d in cursor.description])


def _canonical_periods(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop rows whose period label is malformed (the view has folded runs of months already)."""
    mapping = {label: try_canonical(label) for label in frame["period"].unique()}
    bad = sorted(str(k) for k, v in mapping.items() if v is None)
    if bad:
        log.warning("ignoring facts with unreadable period labels: %s", ", ".join(bad[:10]))
    frame = frame.assign(period=frame["period"].map(mapping))
    return frame[frame["period"].notna()]


def _one_per_article(frame: pd.DataFrame) -> pd.DataFrame:
    """Per article: CNY before other currencies, label equal to the metric first, an exact figure before
    an approximate one (实现1782万元 over 突破千万元), then the earliest mention."""
    frame = frame.assign(
        _cur=(frame["currency"].fillna("CNY") != "CNY"),
        _lab=(frame["label"] != frame["metric"]),
        _approx=frame["approx"].notna(),
    )
    keys = ["city", "period", "metric", "article_id"]
    frame = frame.sort_values([*keys, "_cur", "_lab", "_approx", "start"], kind="stable")
    return frame.drop_duplicates(keys).drop(columns=["_cur", "_lab", "_approx"])


def _flag_conflicts(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct value; cells with more than one value are flagged, all values kept."""
    keys = ["city", "period", "metric"]
    frame = frame.sort_values([*keys, "published", "article_id"], kind="stable", na_position="last")
    frame = frame.assign(_v=frame["value"].round(6))
    sources = frame.groupby([*keys, "_v"], sort=False)["article_id"].transform("size")
    frame = frame.assign(n_sources=sources).drop_duplicates([*keys, "_v"])
    distinct = frame.groupby(keys, sort=False)["_v"].transform("size")
    return frame.assign(conflict=distinct > 1).drop(columns="_v")


def _units(frame: pd.DataFrame) -> pd.Series:
    money = frame["currency"].map(lambda c: _CURRENCY_UNITS.get(c or "CNY", f"亿{c}"))
    return money.where(frame["kind"] == "amount", frame["unit"])


def headline_metrics(store: Store, metric: str | None = None, cities: Sequence[str] | None = None) -> pd.DataFrame:
    """One headline value per city, period and metric (several, flagged ``conflict``, when sources disagree)."""
    frame = _fact_rows(store, metric, cities)
    if frame.empty:
        return pd.DataFrame(columns=HEADLINE_COLUMNS)
    frame = _canonical_periods(frame)
    frame = _one_per_article(frame)
    frame = _flag_conflicts(frame)
    frame = frame.assign(unit=_units(frame))
    frame = frame.sort_values(["metric", "city", "period"], key=_chrono, kind="stable")
    return frame[HEADLINE_COLUMNS].reset_index(drop=True)


def _chrono(column: pd.Series) -> pd.Series:
    """Sort key that orders period labels in time, other columns as they are."""
    if column.name != "period":
        return column
    return column.map(lambda p: sort_key(p) if p else (0, 0, 0))


# -- the comparison table ------------------------------------------------------------------


def _display_value(frame: pd.DataFrame) -> pd.Series:
    return frame["value"].where(frame["kind"] != "amount", frame["value"] / YI)


def _derived_rows(cells: pd.DataFrame) -> pd.DataFrame:
    """Quarters implied by cumulative figures (H1 − Q1 = Q2), one city and unit at a time."""
    rows = []
    clean = cells[~cells["conflict"].astype(bool)]
    if any(marker in str(m) for m in clean["metric"].unique() for marker in _STOCK_MARKERS):
        return pd.DataFrame()
    for (city, unit), group in clean.groupby(["city", "unit"], sort=False):
        values = {p: Decimal(str(v)) for p, v in zip(group["period"], group["value"], strict=True)}
        first = group.iloc[0]
        for item in derive_quarters(values):
            rows.append({
                "city": city, "period": item.label, "metric": first["metric"], "kind": first["kind"],
                "value": float(item.value), "currency": first["currency"], "unit": unit, "conflict": False,
                "n_sources": 0, "derived": True, "derived_from": f"{item.minuend} − {item.subtrahend}",
            })
    return pd.DataFrame(rows)


def _change(cells: pd.DataFrame, other_period: pd.Series) -> pd.Series:
    """Percent change of each cell against the same city's value in ``other_period`` (unique values only)."""
    unique = cells[~cells["conflict"].astype(bool)]
    # Keyed by unit too: a city's 亿美元 figure is never the base of its 亿元 figure.
    keys = zip(unique["city"], unique["unit"], unique["period"], strict=True)
    lookup = dict(zip(keys, unique["value"], strict=True))
    out = []
    for city, unit, value, other in zip(cells["city"], cells["unit"], cells["value"], other_period, strict=True):
        base = lookup.get((city, unit, other)) if other else None
        out.append((value / base - 1) * 100 if base else math.nan)
    return pd.Series(out, index=cells.index, dtype="float64")


def _shifted(periods: pd.Series, shift) -> pd.Series:
    mapping = {p: shift(p) for p in periods.unique()}
    return periods.map(mapping)


def _check_metric(store: Store, metric: str) -> None:
    metrics = known_metrics(store)
    if metric not in metrics:
        listed = "、".join(metrics) if metrics else "none yet (ingest or crawl articles first)"
        raise UnknownMetric(f"unknown metric {metric!r}; metrics in this database: {listed}")


def _period_arg(label: str | None, option: str) -> str | None:
    try:
        return canonical(label) if label else None
    except PeriodLabelError as err:
        raise CompareError(f"{option}: {err}") from err


def compare_table(store: Store, metric: str, cities: Sequence[str] | None = None, period: str | None = None,
                  vs: str | None = None) -> pd.DataFrame:
    """City × period cells of one metric with 亿元 values, YoY/QoQ change, derived quarters and evidence.

    One row per cell (two or more when sources conflict). ``period`` keeps one period (changes are
    still computed against the whole database); ``vs`` adds the change against another period.
    """
    _check_metric(store, metric)
    period, vs = _period_arg(period, "--period"), _period_arg(vs, "--vs")
    cells = headline_metrics(store, metric, cities).assign(derived=False, derived_from=None)
    if cells.empty:
        return cells
    derived = _derived_rows(cells)
    if not derived.empty:
        cells = pd.concat([cells, derived], ignore_index=True)
    cells = cells.assign(display=_display_value(cells))
    cells["yoy_vs"] = _shifted(cells["period"], same_period_last_year)
    cells["yoy_pct"] = _change(cells, cells["yoy_vs"])
    cells["qoq_vs"] = _shifted(cells["period"], previous_period)
    cells["qoq_pct"] = _change(cells, cells["qoq_vs"])
    if vs:
        cells["vs_period"] = vs
        cells["vs_pct"] = _change(cells, pd.Series(vs, index=cells.index))
    if period:
        cells = cells[cells["period"] == period]
    cells = cells.sort_values(["city", "period"], key=_chrono, kind="stable").reset_index(drop=True)
    return cells


def _change_text(computed: float, stated: float) -> str:
    """(+5.2%) computed from the database; [+10.4%] as the source states it when no earlier figure is stored."""
    if not math.isnan(computed):
        return f" ({computed:+.1f}%)"
    if stated is not None and not math.isnan(stated):
        return f" [{stated:+.1f}%]"
    return ""


def wide_table(cells: pd.DataFrame, decimals: int = 2) -> pd.DataFrame:
    """City rows × period columns of display strings: value, * for derived, ! for conflicting values.

    When the cells mix units (亿元 and 亿美元 for 实际使用外资) every cell carries its own unit.
    """
    mixed = cells["unit"].nunique(dropna=False) > 1

    def cell(group: pd.DataFrame) -> str:
        parts = []
        for row in group.itertuples():
            text = f"{row.display:,.{decimals}f}" + (str(row.unit) if mixed else "")
            text += "~" if isinstance(row.approx, str) else ""
            text += "*" if row.derived else ""
            text += _change_text(row.yoy_pct, getattr(row, "stated_yoy_pct", math.nan))
            parts.append(text)
        return (" | ".join(parts) + " !") if len(parts) > 1 else parts[0]

    if cells.empty:
        return pd.DataFrame()
    text = cells.groupby(["city", "period"], sort=False)[list(cells.columns)].apply(cell).rename("cell")
    table = text.reset_index().pivot(index="city", columns="period", values="cell").fillna("")
    periods = sorted(table.columns, key=sort_key)
    return table[periods]
