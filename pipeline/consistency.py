"""Consistency checks across facts: stated growth against the figures, sub-figures against totals.

Bulletins round: 803.6亿 is anything in [803.55, 803.65) and 同比增长0.3% anything in [0.25, 0.35).
A stated growth rate is consistent when the interval implied by the two rounded figures overlaps
the interval of the rounded rate; only differences beyond that are reported. Rates at comparable
prices (GDP, 按可比价格计算) legitimately differ from nominal figures; the report says what it
compared and leaves the judgement to the reader.
"""

from __future__ import annotations

import re

import pandas as pd

from pipeline.compare import headline_metrics
from pipeline.periods_math import previous_period, same_period_last_year, try_canonical
from pipeline.store import Store

_NUMBER = re.compile(r"\d[\d,，]*(?:\.(\d+))?")

GROWTH_COLUMNS = [
    "city", "period", "metric", "basis", "stated_pct", "implied_pct", "difference_pp", "consistent",
    "prior_period", "value", "prior_value", "article_id", "sentence", "text",
]
SUBTOTAL_COLUMNS = [
    "city", "period", "metric", "scope", "value", "total", "article_id", "sentence", "text",
    "total_article_id", "total_sentence",
]


def half_unit(text: str | None, value: float) -> float:
    """Half the last written digit of a figure, in the figure's own unit (803.6亿元 -> 0.05亿 in 元)."""
    match = _NUMBER.search(text or "")
    if not match:
        return 0.0
    written = float(match.group(0).replace(",", "").replace("，", ""))
    if written == 0:
        return 0.0
    decimals = len(match.group(1) or "")
    return 0.5 * 10 ** (-decimals) * abs(value / written)


def _implied_range(cur: float, h_cur: float, prev: float, h_prev: float) -> tuple[float, float] | None:
    if prev - h_prev <= 0:
        return None
    return ((cur - h_cur) / (prev + h_prev) - 1) * 100, ((cur + h_cur) / (prev - h_prev) - 1) * 100


def _growth_rows(store: Store, metric: str | None) -> pd.DataFrame:
    where = "metric = ?" if metric else "metric is not null"
    sql = (
        "select article_id, city, period, metric, basis, value_pct, text, sentence from growth "
        f"where {where} and city is not null and period is not null and coalesce(points, 0) = 0 "
        "and (basis is null or basis in ('同比', '环比'))"
    )
    cursor = store.db.execute(sql, [metric] if metric else [])
    return pd.DataFrame.from_records(cursor.fetchall(), columns=[d[0] for d in cursor.description])


def check_growth(store: Store, metric: str | None = None) -> pd.DataFrame:
    """Every stated 同比/环比 rate whose two figures are both in the database, with the implied rate."""
    growth = _growth_rows(store, metric)
    cells = headline_metrics(store, metric)
    cells = cells[~cells["conflict"]]
    lookup = {(c, p, m): (v, t) for c, p, m, v, t in
              zip(cells["city"], cells["period"], cells["metric"], cells["value"], cells["text"], strict=True)}
    rows = []
    for g in growth.itertuples(index=False):
        period = try_canonical(g.period)
        if period is None:
            continue
        prior = previous_period(period) if g.basis == "环比" else same_period_last_year(period)
        row = _growth_check(g, period, prior, lookup)
        if row:
            rows.append(row)
    return pd.DataFrame(rows, columns=GROWTH_COLUMNS)


def _growth_check(g, period: str, prior: str | None, lookup: dict) -> dict | None:
    now, before = lookup.get((g.city, period, g.metric)), lookup.get((g.city, prior, g.metric))
    if not (now and before):
        return None
    implied = _implied_range(now[0], half_unit(now[1], now[0]), before[0], half_unit(before[1], before[0]))
    if implied is None:
        return None
    h_rate = half_unit(g.text, g.value_pct)
    consistent = implied[0] <= g.value_pct + h_rate and g.value_pct - h_rate <= implied[1]
    point = (now[0] / before[0] - 1) * 100
    return {
        "city": g.city, "period": period, "metric": g.metric, "basis": g.basis or "同比",
        "stated_pct": g.value_pct, "implied_pct": point, "difference_pp": g.value_pct - point,
        "consistent": bool(consistent), "prior_period": prior, "value": now[0], "prior_value": before[0],
        "article_id": g.article_id, "sentence": g.sentence, "text": g.text,
    }


def check_subtotals(store: Store, metric: str | None = None) -> pd.DataFrame:
    """Scoped figures (重点产业链签约金额) larger than the whole-city figure of the same period and metric."""
    where = "metric = ?" if metric else "metric is not null"
    sql = ("select article_id, city, period, metric, scope, value, sentence, text from amounts "
           f"where {where} and scope is not null and city is not null and period is not null")
    cursor = store.db.execute(sql, [metric] if metric else [])
    subs = pd.DataFrame.from_records(cursor.fetchall(), columns=[d[0] for d in cursor.description])
    if subs.empty:
        return pd.DataFrame(columns=SUBTOTAL_COLUMNS)
    subs["period"] = subs["period"].map(try_canonical)
    totals = headline_metrics(store, metric)
    totals = totals[totals["kind"] == "amount"][["city", "period", "metric", "value", "article_id", "sentence"]]
    totals = totals.rename(columns={"value": "total", "article_id": "total_article_id",
                                    "sentence": "total_sentence"})
    merged = subs.merge(totals, on=["city", "period", "metric"], how="inner")
    return merged[merged["value"] > merged["total"]][SUBTOTAL_COLUMNS].reset_index(drop=True)
