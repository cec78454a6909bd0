"""A self-contained HTML report: per metric, a Vega-Lite chart over periods and across cities and the
comparison table it was drawn from, plus a PNG copy of every chart for papers.

Charts are rendered to inline SVG (vl-convert), so the HTML needs no JavaScript and no network; the
Vega-Lite specs are saved beside it for anyone who wants the interactive version. The numbers in
the charts and tables come from ``compare_table``, so they match `zhaoshang compare` exactly.
"""

from __future__ import annotations

import html
import json
import logging
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc

from pipeline.compare import compare_table, known_metrics, wide_table
from pipeline.fonts import NO_CJK_FONT, find_cjk_font
from pipeline.periods_math import sort_key
from pipeline.store import Store

log = logging.getLogger(__name__)

DEFAULT_REPORT_DIR = Path("outputs") / "report"


class ReportError(RuntimeError):
    """The report cannot be written; the message names the path and the next step."""


@dataclass(slots=True)
class MetricChart:
    metric: str
    unit: str
    data: pd.DataFrame  # city, period, value, derived, conflict, yoy_pct — what the chart shows
    png: Path
    spec: Path


@dataclass(slots=True)
class Report:
    html: Path
    charts: list[MetricChart] = field(default_factory=list)


def chart_data(cells: pd.DataFrame) -> pd.DataFrame:
    """The columns a chart plots, values rounded as the table prints them."""
    data = cells[["city", "period", "display", "unit", "derived", "conflict", "yoy_pct"]].copy()
    data = data.rename(columns={"display": "value"})
    data["value"] = data["value"].round(4)
    data["yoy_pct"] = data["yoy_pct"].map(lambda v: None if v is None or math.isnan(v) else round(v, 2))
    data["kind"] = data["derived"].map({True: "derived", False: "stated"})
    return data.reset_index(drop=True)


def metric_chart(metric: str, data: pd.DataFrame) -> alt.Chart:
    """Bars per period, one per city; derived quarters paler; each bar labelled with its value."""
    periods = sorted(data["period"].unique(), key=sort_key)
    unit = data["unit"].iloc[0] if len(data) else ""
    base = alt.Chart(alt.Data(values=data.to_dict(orient="records")), title=f"{metric}（{unit}）").encode(
        x=alt.X("period:N", sort=periods, title="period"),
        xOffset=alt.XOffset("city:N"),
        y=alt.Y("value:Q", title=unit),
        color=alt.Color("city:N", title="city"),
        tooltip=["city:N", "period:N", "value:Q", "yoy_pct:Q", "kind:N"],
    )
    bars = base.mark_bar().encode(opacity=alt.Opacity("kind:N", scale=alt.Scale(
        domain=["stated", "derived"], range=[1.0, 0.45]), title="value"))
    labels = base.mark_text(dy=-6, fontSize=9).encode(text=alt.Text("value:Q", format=",.2f"))
    return (bars + labels).properties(width=max(240, 70 * len(periods)), height=260)


def _section(metric: str, cells: pd.DataFrame, svg: str, png_name: str) -> str:
    table = wide_table(cells)
    table_html = table.to_html(classes="cmp", border=0, escape=True) if not table.empty else ""
    evidence = "".join(
        f"<li>{html.escape(str(r.city))} {html.escape(str(r.period))}: {r.display:,.2f} — "
        f"{html.escape(str(r.sentence)) if isinstance(r.sentence, str) else html.escape(str(r.derived_from))}</li>"
        for r in cells.itertuples()
    )
    return (f"<section><h2>{html.escape(metric)}</h2>{svg}<p><a href=\"{html.escape(png_name)}\">PNG</a></p>"
            f"{table_html}<p class=note>* derived from cumulative figures; ! sources disagree; "
            f"(±x%) year-on-year change.</p><details><summary>evidence</summary><ul>{evidence}</ul>"
            "</details></section>")


_STYLE = ("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
          "table.cmp{border-collapse:collapse;margin:1em 0}table.cmp td,table.cmp th{border:1px solid #ccc;"
          "padding:3px 8px;text-align:right}.note{color:#666;font-size:90%}")


def write_report(store: Store, out_dir: Path = DEFAULT_REPORT_DIR, metrics: list[str] | None = None,
                 font_dir: Path | None = None) -> Report:
    """report.html with one chart and table per metric, plus chart-NN.png and chart-NN.vl.json.

    PNGs are rasterised with the system fonts vl-convert finds; without a CJK font Chinese labels
    come out as boxes, so ``font_dir`` can name a directory holding one, and a warning says so.
    """
    if font_dir:
        vlc.register_font_directory(str(font_dir))
    elif find_cjk_font() is None:
        log.warning(NO_CJK_FONT)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ReportError(f"cannot create {out_dir} ({err.strerror}); choose another --out") from err
    report = Report(html=out_dir / "report.html")
    sections = []
    for n, metric in enumerate(metrics or known_metrics(store), start=1):
        cells = compare_table(store, metric)
        if cells.empty:
            continue
        data = chart_data(cells)
        spec = metric_chart(metric, data).to_dict()
        png, spec_path = out_dir / f"chart-{n:02d}.png", out_dir / f"chart-{n:02d}.vl.json"
        png.write_bytes(vlc.vegalite_to_png(spec, scale=2))
        spec_path.write_text(json.dumps(spec, ensure_ascii=False, indent=1), encoding="utf-8")
        sections.append(_section(metric, cells, vlc.vegalite_to_svg(spec), png.name))
        report.charts.append(MetricChart(metric, str(data["unit"].iloc[0]), data, png, spec_path))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = "".join(sections) or "<p>No metric has a whole-city figure with a city and a period yet.</p>"
    report.html.write_text(
        f"<!doctype html><html lang=zh><head><meta charset=utf-8><title>zhaoshang report</title>"
        f"<style>{_STYLE}</style></head><body><h1>zhaoshang — metrics by city and period</h1>"
        f"<p class=note>{html.escape(str(store.path))}, {stamp}</p>{body}</body></html>",
        encoding="utf-8",
    )
    log.info("report with %d charts written to %s", len(report.charts), report.html)
    return report
