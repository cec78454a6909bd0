"""Commands that read the database: compare, export, serve, report.

Each parses options and calls one library function; library errors become one-line ClickExceptions.
Registered on the `zhaoshang` group in pipeline/cli.py.
"""

from __future__ import annotations

import math
from pathlib import Path

import click
import pandas as pd

from pipeline.cli_options import db_option, echo_err, open_store, silent_option
from pipeline.compare import CompareError, compare_table, wide_table
from pipeline.export import DEFAULT_OUT, FORMATS, ExportError, export_all, make_datasette, write_datasette_metadata
from pipeline.report import DEFAULT_REPORT_DIR, ReportError, write_report
from pipeline.store import Store

# Columns of --format csv/json: the cell, its changes and its evidence.
_CELL_COLUMNS = ["city", "period", "metric", "display", "unit", "approx", "derived", "derived_from", "conflict",
                 "yoy_vs", "yoy_pct", "stated_yoy_pct", "qoq_vs", "qoq_pct", "vs_period", "vs_pct", "value",
                 "value_exact", "article_id", "title", "published", "url", "sentence", "text", "start", "end"]


def _explain(cells: pd.DataFrame) -> str:
    lines = []
    for row in cells.itertuples():
        approx = f"{row.approx} " if isinstance(row.approx, str) else ""
        head = f"{row.city} {row.period} {approx}{row.display:,.2f}{row.unit}"
        if row.derived:
            lines.append(f"{head} (derived: {row.derived_from})")
            continue
        mark = " [conflict]" if row.conflict else ""
        source = row.title if isinstance(row.title, str) else row.article_id
        lines.append(f"{head}{mark} 「{row.sentence}」 — {source}")
    return "\n".join(lines)


def _sources(cells: pd.DataFrame) -> str:
    stated = cells[~cells["derived"]]
    lines = []
    for article_id, group in stated.groupby("article_id", sort=False):
        first = group.iloc[0]
        title = first["title"] if isinstance(first["title"], str) else article_id
        when = f" ({first['published']})" if isinstance(first["published"], str) else ""
        cells_of = ", ".join(f"{c} {p}" for c, p in zip(group["city"], group["period"], strict=True))
        lines.append(f"  {cells_of}: {title}{when}")
    return "sources:\n" + "\n".join(lines)


def _table_text(cells: pd.DataFrame, metric: str) -> str:
    units = cells["unit"].dropna().unique()
    unit = units[0] if len(units) == 1 else "units in each cell"
    wide = wide_table(cells)
    out = [f"{metric} ({unit}); ~ approximate (超, 突破, 近… in the source), * derived quarter, ! conflicting sources,"
           " (±x%) year on year from the database, [±x%] year on year as the source states it",
           wide.to_string()]
    if "vs_pct" in cells:
        out.append("\n".join(f"{r.city} {r.period} vs {r.vs_period}: "
                             + ("n/a" if math.isnan(r.vs_pct) else f"{r.vs_pct:+.1f}%") for r in cells.itertuples()))
    out.append(_sources(cells))
    return "\n".join(out)


@click.command()
@click.option("--metric", required=True, help="Canonical metric, e.g. 签约金额.")
@click.option("--city", "cities", multiple=True, help="Only this city (repeatable).")
@click.option("--period", help="Only this period, e.g. 2024Q1, 2024H1, 2024-05, 2024M01-M05.")
@click.option("--vs", help="Also show the change against this period, e.g. 2023Q1.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--explain", is_flag=True, help="Show the evidence sentence of every cell.")
@db_option
def compare(metric: str, cities: tuple[str, ...], period: str | None, vs: str | None, fmt: str,
            explain: bool, db_path: Path) -> None:
    """City × period table of one metric in 亿元, with year-on-year and quarter-on-quarter change."""
    store = open_store(db_path, create=False)
    try:
        cells = compare_table(store, metric, cities=list(cities) or None, period=period, vs=vs)
    except CompareError as err:
        raise click.ClickException(str(err)) from err
    if cells.empty:
        raise click.ClickException(f"no whole-city figures of {metric} for the chosen cities and period")
    if fmt == "table":
        click.echo(_explain(cells) if explain else _table_text(cells, metric))
        return
    frame = cells[[c for c in _CELL_COLUMNS if c in cells.columns]]
    if fmt == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
    else:
        click.echo(frame.to_json(orient="records", force_ascii=False, indent=1))


@click.command()
@click.option("--format", "formats", type=click.Choice(FORMATS), multiple=True,
              help="csv, parquet, json, xlsx (repeatable; default all).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Directory to write into.")
@db_option
@silent_option
def export(formats: tuple[str, ...], out_dir: Path, db_path: Path, silent: bool) -> None:
    """Export facts, headline metrics, projects, leaders and articles, plus Datasette metadata."""
    store = open_store(db_path, create=False)
    try:
        files = export_all(store, out_dir, formats or FORMATS)
        files += write_datasette_metadata(db_path, out_dir)
    except (ExportError, OSError) as err:
        raise click.ClickException(str(err)) from err
    echo_err(f"{len(files)} files written to {out_dir}", silent=silent)


@click.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@db_option
def serve(port: int, db_path: Path) -> None:
    """Browse the database in Datasette on 127.0.0.1 with titles, units and canned queries."""
    import uvicorn  # imported here: only this command needs the web server

    open_store(db_path, create=False).close()
    try:
        app = make_datasette(db_path)
    except ExportError as err:
        raise click.ClickException(str(err)) from err
    echo_err(f"Datasette on http://127.0.0.1:{port}/{db_path.stem} (Ctrl-C stops)")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")


@click.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_REPORT_DIR, show_default=True)
@click.option("--font-dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Directory with a CJK font (e.g. Noto Sans CJK) for the PNG charts.")
@db_option
@silent_option
def report(out_dir: Path, font_dir: Path | None, db_path: Path, silent: bool) -> None:
    """Write an HTML report with a chart per metric (plus PNG copies) into --out."""
    store = open_store(db_path, create=False)
    try:
        result = write_report(store, out_dir, font_dir=font_dir)
    except (ReportError, CompareError) as err:
        raise click.ClickException(str(err)) from err
    echo_err(f"{result.html} ({len(result.charts)} charts)", silent=silent)


COMMANDS = (compare, export, serve, report)


def comparison_text(store: Store, metric: str) -> str:
    """The printed city × period table of one metric, as `compare` shows it (used by `demo`)."""
    cells = compare_table(store, metric)
    return _table_text(cells, metric) if not cells.empty else f"(no whole-city figures of {metric})"
