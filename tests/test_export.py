"""Exports read back with pandas give the rows and values of the database (real series figures)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from series_db import curated_store

from pipeline.cli_compare import export
from pipeline.export import TABLES, ExportError, canned_queries, export_all, table_frame
from pipeline.store import Store


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Path]:
    root = tmp_path_factory.mktemp("export")
    store = curated_store(root / "c.db", variants=("reprint-typo-total",))
    run = CliRunner().invoke(export, ["--db", str(store.path), "--out", str(root / "out"), "--silent"])
    assert run.exit_code == 0, run.output
    return store, root / "out"


def _same(a: object, b: object) -> bool:
    """Equal as the database holds it: numbers by value, text by text, NULL as missing."""
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b)) or b == ""
    if isinstance(a, bool | int | float) and not isinstance(b, str):
        return float(a) == float(b)
    return str(a) == str(b)


def _assert_rows_equal(db: pd.DataFrame, back: pd.DataFrame) -> None:
    assert list(back.columns) == list(db.columns)
    assert len(back) == len(db)
    for column in db.columns:
        for want, got in zip(db[column].tolist(), back[column].tolist(), strict=True):
            assert _same(want, got), (column, want, got)


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_round_trip(exported: tuple[Store, Path], table: str, fmt: str) -> None:
    store, out = exported
    db = table_frame(store, table)
    path = out / f"{table}.{fmt}"
    if fmt == "csv":
        back = pd.read_csv(path, dtype=str, keep_default_na=False)  # as text: no type guessing on the way back
    elif fmt == "parquet":
        back = pd.read_parquet(path)
    else:
        back = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")), columns=list(db.columns))
    _assert_rows_equal(db, back)


def test_values_are_the_real_figures(exported: tuple[Store, Path]) -> None:
    _, out = exported
    amounts = pd.read_parquet(out / "amounts.parquet")
    row = amounts[(amounts["city"] == "全国") & (amounts["period"] == "2018-01")].iloc[0]
    assert row["value"] == 80360000000 and row["value_exact"] == "80360000000" and row["text"] == "803.6亿元人民币"
    heads = pd.read_csv(out / "headline_metrics.csv")
    conflict = heads[(heads["metric"] == "签约金额")]
    assert sorted(conflict["value"]) == [57419000000, 57491000000] and conflict["conflict"].all()


def test_workbook_has_a_sheet_per_table(exported: tuple[Store, Path]) -> None:
    store, out = exported
    sheets = pd.read_excel(out / "zhaoshang.xlsx", sheet_name=None)
    assert set(sheets) == set(TABLES)
    assert sorted(sheets["amounts"]["value"]) == sorted(table_frame(store, "amounts")["value"])


def test_datasette_metadata_names_database_and_queries(exported: tuple[Store, Path]) -> None:
    store, out = exported
    meta = json.loads((out / "datasette-metadata.json").read_text(encoding="utf-8"))
    database = meta["databases"][store.path.stem]
    assert set(database["queries"]) == set(canned_queries()) == {
        "metric_by_city_period", "projects_above", "leaders_by_city", "conflicts"}
    assert all(q["title"] and q["sql"].lower().startswith(("select", "with")) for q in database["queries"].values())
    assert "元" in database["tables"]["amounts"]["columns"]["value"]
    assert (out / "datasette-metadata.yaml").exists()


@pytest.mark.parametrize(("formats", "files"), [
    (["--format", "csv"], {f"{t}.csv" for t in TABLES}),
    (["--format", "xlsx", "--format", "json"], {"zhaoshang.xlsx", *(f"{t}.json" for t in TABLES)}),
])
def test_format_option(exported: tuple[Store, Path], tmp_path: Path, formats: list[str], files: set[str]) -> None:
    store, _ = exported
    run = CliRunner().invoke(export, [*formats, "--db", str(store.path), "--out", str(tmp_path / "o"), "--silent"])
    assert run.exit_code == 0
    assert {p.name for p in (tmp_path / "o").iterdir()} == files | {"datasette-metadata.json",
                                                                   "datasette-metadata.yaml"}


def test_export_errors(exported: tuple[Store, Path], tmp_path: Path) -> None:
    store, _ = exported
    blocker = tmp_path / "file"
    blocker.write_text("x")
    run = CliRunner().invoke(export, ["--db", str(store.path), "--out", str(blocker / "sub")])
    assert run.exit_code == 1 and "choose another --out" in run.output and "Traceback" not in run.output
    run = CliRunner().invoke(export, ["--db", str(tmp_path / "missing.db")])
    assert run.exit_code == 1 and "does not exist" in run.output
    with pytest.raises(ExportError, match="unknown format"):
        export_all(store, tmp_path, ("xml",))
