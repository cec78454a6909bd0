"""`report` writes an HTML file and PNG charts whose numbers match the comparison table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from series_db import curated_store

from pipeline.cli_compare import report as report_command
from pipeline.compare import compare_table, known_metrics
from pipeline.fonts import find_cjk_font
from pipeline.report import Report, write_report
from pipeline.store import Store


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Report]:
    root = tmp_path_factory.mktemp("report")
    store = curated_store(root / "c.db", variants=("reprint-typo-total",))
    return store, write_report(store, root / "out", metrics=["实际使用外资", "地区生产总值", "签约金额"])


def test_files_written(written: tuple[Store, Report]) -> None:
    _, report = written
    assert report.html.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert len(report.charts) == 3
    for chart in report.charts:
        assert chart.png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert json.loads(chart.spec.read_text(encoding="utf-8"))["$schema"].startswith("https://vega.github.io")


def test_html_is_self_contained(written: tuple[Store, Report]) -> None:
    page = written[1].html.read_text(encoding="utf-8")
    assert "<svg" in page and "<script" not in page and "cdn.jsdelivr" not in page


def test_chart_numbers_match_compare_table(written: tuple[Store, Report]) -> None:
    store, report = written
    page = report.html.read_text(encoding="utf-8")
    for chart in report.charts:
        cells = compare_table(store, chart.metric)
        assert list(chart.data["value"]) == pytest.approx(list(cells["display"].round(4)))
        spec = json.loads(chart.spec.read_text(encoding="utf-8"))
        drawn = [v for layer in [spec] for v in layer["data"]["values"]]
        assert [d["value"] for d in drawn] == list(chart.data["value"])
        for value in cells["display"]:
            assert f"{value:,.2f}" in page  # the table beside the chart prints every value


def test_derived_and_conflicting_cells_are_marked(written: tuple[Store, Report]) -> None:
    page = written[1].html.read_text(encoding="utf-8")
    assert "674.60*" in page  # 大庆 2016Q2 = H1 − Q1
    assert "574.91 | 574.19 !" in page  # 东营 2024Q1: two sources disagree


def test_cli_report_covers_every_metric(written: tuple[Store, Report], tmp_path: Path) -> None:
    store, _ = written
    run = CliRunner().invoke(report_command, ["--db", str(store.path), "--out", str(tmp_path), "--silent"])
    assert run.exit_code == 0, run.output
    assert len(list(tmp_path.glob("chart-*.png"))) == len(known_metrics(store))


def test_cli_report_bad_out(written: tuple[Store, Report], tmp_path: Path) -> None:
    store, _ = written
    (tmp_path / "f").write_text("x")
    run = CliRunner().invoke(report_command, ["--db", str(store.path), "--out", str(tmp_path / "f" / "sub")])
    assert run.exit_code == 1 and "choose another --out" in run.output and "Traceback" not in run.output


@pytest.mark.parametrize(("files", "found"), [
    (["truetype/wqy/wqy-zenhei.ttc", "truetype/dejavu/DejaVuSans.ttf"], "wqy-zenhei.ttc"),
    (["opentype/noto/NotoSansCJK-Regular.ttc"], "NotoSansCJK-Regular.ttc"),
    (["truetype/dejavu/DejaVuSans.ttf", "wqy-readme.txt"], None),  # no CJK font file
    ([], None),
])
def test_find_cjk_font(tmp_path: Path, files: list[str], found: str | None) -> None:
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    hit = find_cjk_font([tmp_path, tmp_path / "missing"])
    assert (hit.name if hit else None) == found
