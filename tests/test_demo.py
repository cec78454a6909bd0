"""The demo end to end: local HTTP mirror, real crawler, extractors, SQLite, comparison table."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main
from pipeline.store import Store


def test_demo_crawls_the_mirror_and_prints_a_comparison(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["demo", "--db", str(db), "--silent"])
    assert result.exit_code == 0, result.output
    store = Store(db, create=False)
    counts = store.counts()
    assert counts["articles"] >= 30 and counts["amounts"] > 100
    assert "== " in result.stdout and "sources:" in result.stdout
    # 大庆 reports GDP for 2012 and 2017Q1 in two different bulletins of the mirror.
    assert "大庆市" in result.stdout
    assert f"--db {db}" in result.stdout
    rerun = CliRunner().invoke(main, ["demo", "--db", str(db), "--silent"])
    assert rerun.exit_code == 0
    assert Store(db, create=False).counts() == counts
