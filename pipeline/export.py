"""Datasets for researchers: the store's tables and headline metrics as CSV, Parquet, JSON and Excel,
plus Datasette metadata with canned queries.

Files are named after the table (``amounts.csv``, ``headline_metrics.parquet``…); Excel gets one
workbook with a sheet per table. Values are exported as stored: money in base units (元 for CNY),
growth in percent, offsets as Python slice positions into ``articles.text``.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from extractors.resources import corpus_path
from pipeline.compare import headline_metrics
from pipeline.store import Store

log = logging.getLogger(__name__)

DEFAULT_OUT = Path("outputs")
FORMATS = ("csv", "parquet", "json", "xlsx")
# What `export` writes: the fact tables, the headline metrics computed from them, and the articles.
TABLES = ("amounts", "counts", "growth", "headline_metrics", "projects", "leaders", "organizations", "articles")
_EXCEL_CELL_LIMIT = 32_767  # characters; longer article bodies are cut in the workbook only
_QUERY_HEADER = re.compile(r"^--\s*(\w+):\s*(.*)$")


class ExportError(RuntimeError):
    """An export that cannot be written; the message names the path and what to do."""


def table_frame(store: Store, name: str) -> pd.DataFrame:
    """One exported table as a DataFrame, in primary-key order."""
    if name == "headline_metrics":
        return headline_metrics(store)
    if name not in TABLES:
        raise ExportError(f"unknown table {name!r}; choose from {', '.join(TABLES)}")
    order = "id" if name != "articles" else "published, id"
    return pd.read_sql_query(f"select * from [{name}] order by {order}", store.db.conn)


def _write_one(frame: pd.DataFrame, path: Path, fmt: str) -> None:
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "parquet":
        frame.to_parquet(path, index=False)
    elif fmt == "json":
        path.write_text(frame.to_json(orient="records", force_ascii=False, indent=1), encoding="utf-8")


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel refuses control characters and cells over 32,767 characters."""
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("", value)[:_EXCEL_CELL_LIMIT]
        return value

    text_columns = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    return frame.assign(**{c: frame[c].map(clean) for c in text_columns})


def export_all(store: Store, out_dir: Path = DEFAULT_OUT, formats: tuple[str, ...] = FORMATS,
               tables: tuple[str, ...] = TABLES) -> list[Path]:
    """Write every table in every format into ``out_dir``; returns the files written."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ExportError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"cannot create {out_dir} ({err.strerror}); choose another --out") from err
    frames = {name: table_frame(store, name) for name in tables}
    written: list[Path] = []
    try:
        for fmt in (f for f in formats if f != "xlsx"):
            for name, frame in frames.items():
                path = out_dir / f"{name}.{fmt}"
                _write_one(frame, path, fmt)
                written.append(path)
        if "xlsx" in formats:
            written.append(_write_workbook(frames, out_dir / "zhaoshang.xlsx"))
    except OSError as err:
        raise ExportError(f"cannot write into {out_dir} ({err.strerror}); choose another --out") from err
    log.info("exported %d files into %s", len(written), out_dir)
    return written


def _write_workbook(frames: dict[str, pd.DataFrame], path: Path) -> Path:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in frames.items():
            _excel_safe(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return path


# -- Datasette ---------------------------------------------------------------------------


def canned_queries() -> dict[str, dict[str, str]]:
    """corpus/datasette/queries/NAME.sql -> {NAME: {title, description, sql}} (header lines `-- key: value`)."""
    queries: dict[str, dict[str, str]] = {}
    for path in sorted(corpus_path("datasette", "queries").glob("*.sql")):
        entry: dict[str, str] = {}
        body = []
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _QUERY_HEADER.match(line)
            if match and not body:
                entry[match[1]] = match[2].strip()
            else:
                body.append(line)
        entry["sql"] = "\n".join(body).strip()
        queries[path.stem] = entry
    return queries


def datasette_metadata(db_path: Path) -> dict[str, Any]:
    """The metadata template with the database's tables and canned queries filled in."""
    template = yaml.safe_load(corpus_path("datasette", "metadata.yaml").read_text(encoding="utf-8"))
    tables = template.pop("tables", {})
    meta = dict(template)
    meta["databases"] = {db_path.stem: {"tables": tables, "queries": canned_queries()}}
    return meta


def write_datasette_metadata(db_path: Path, out_dir: Path = DEFAULT_OUT) -> list[Path]:
    """datasette-metadata.json and .yaml for `datasette serve DB --metadata FILE`."""
    meta = datasette_metadata(db_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    as_json = out_dir / "datasette-metadata.json"
    as_yaml = out_dir / "datasette-metadata.yaml"
    as_json.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    as_yaml.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return [as_json, as_yaml]


def make_datasette(db_path: Path) -> Any:
    """A Datasette ASGI app on ``db_path`` with the metadata and canned queries, started up."""
    from datasette.app import Datasette  # the web stack loads only for `serve`
    from datasette.cli import run_sync
    from datasette.utils import StartupError

    try:
        datasette = Datasette([str(db_path)], metadata=datasette_metadata(db_path))
    except StartupError as err:
        raise ExportError(f"Datasette cannot open {db_path} ({err})") from err
    run_sync(datasette.invoke_startup)
    return datasette.app()
