"""The command line end to end through click's CliRunner: output contract and bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_extract_one_txt_obeys_the_contract(runner: CliRunner, articles_dir: Path) -> None:
    path = articles_dir / "dongying-2024q1-zhaoshang.txt"
    result = runner.invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    text = path.read_text(encoding="utf-8")
    assert obj["city"] == "东营市"
    for field in ("amounts", "counts", "growth", "leaders", "projects", "organizations"):
        for fact in obj[field]:
            assert text[fact["start"] : fact["end"]] == (fact.get("text") or fact["name"]), fact


def test_extract_directory_is_jsonl_in_name_order(runner: CliRunner, articles_dir: Path) -> None:
    result = runner.invoke(main, ["extract", str(articles_dir), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    names = [json.loads(line)["file"] for line in result.stdout.splitlines()]
    assert names == sorted(p.name for p in articles_dir.glob("*.txt"))


def test_extract_stdin_and_options(runner: CliRunner, articles_dir: Path) -> None:
    text = (articles_dir / "dongying-2024q1-zhaoshang.txt").read_text(encoding="utf-8")
    result = runner.invoke(main, ["extract", "-", "--published", "2024-04-15", "--city", "东营市"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["city"] == "东营市"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


MENU_PAGE = "<html><body><ul><li>首页</li><li>新闻</li></ul></body></html>".encode()
BAD_INPUTS = [
    ("missing", lambda d: d / "nope.txt", "no such file"),
    ("empty dir", lambda d: (d / "empty").mkdir(exist_ok=True) or d / "empty", "no .txt or .html articles"),
    ("binary", lambda d: _write(d / "bin.txt", bytes(range(256)) * 4), "binary"),
    ("empty file", lambda d: _write(d / "empty.txt", b""), "empty"),
    ("blank file", lambda d: _write(d / "blank.txt", b"  \n\n "), "empty"),
    ("latin-1 text", lambda d: _write(d / "l1.txt", "caf\xe9 \xe0 la".encode("latin-1")), "not UTF-8"),
    ("menu page", lambda d: _write(d / "menu.html", MENU_PAGE), "no article"),
    ("wrong suffix", lambda d: _write(d / "x.pdf", b"%PDF-1.4"), "not a .txt or .html"),
]


@pytest.mark.parametrize(("case", "make", "message"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_is_one_line_and_nonzero(runner: CliRunner, tmp_path: Path, case, make, message) -> None:
    for command in (["extract"], ["ingest", "--db", str(tmp_path / "z.db")]):
        result = runner.invoke(main, [*command, str(make(tmp_path))])
        assert result.exit_code != 0, (case, command)
        assert message in result.output
        assert "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1


def test_bad_published_date(runner: CliRunner, articles_dir: Path) -> None:
    result = runner.invoke(main, ["extract", str(articles_dir / "a003.txt"), "--published", "24/04/2024"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output


def test_directory_with_one_bad_file_still_processes_the_others(
    runner: CliRunner, tmp_path: Path, articles_dir: Path
) -> None:
    (tmp_path / "a.txt").write_text((articles_dir / "a003.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    result = runner.invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 0
    assert [json.loads(x)["file"] for x in result.stdout.splitlines()] == ["a.txt"]
    assert "b.txt: empty" in result.stderr


def test_ingest_twice_keeps_row_counts(runner: CliRunner, tmp_path: Path, articles_dir: Path) -> None:
    db = tmp_path / "z.db"
    first = runner.invoke(main, ["ingest", str(articles_dir), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "added" in first.stderr
    from pipeline.store import Store

    counts = Store(db).counts()
    second = runner.invoke(main, ["ingest", str(articles_dir), "--db", str(db), "--silent"])
    assert second.exit_code == 0
    assert Store(db).counts() == counts
    assert counts["articles"] == len(list(articles_dir.glob("*.txt")))


@pytest.mark.parametrize(
    ("db", "message"),
    [("missing/dir/z.db", "does not exist"), ("/proc/zhaoshang.db", "choose a writable --db")],
)
def test_unusable_database_path(runner: CliRunner, tmp_path: Path, articles_dir: Path, db: str, message: str) -> None:
    path = db if db.startswith("/") else str(tmp_path / db)
    result = runner.invoke(main, ["ingest", str(articles_dir / "a003.txt"), "--db", path])
    assert result.exit_code != 0 and message in result.output and "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_directory(runner: CliRunner, tmp_path: Path, articles_dir: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir(mode=0o555)
    result = runner.invoke(main, ["ingest", str(articles_dir / "a003.txt"), "--db", str(ro / "z.db")])
    assert result.exit_code != 0 and "not writable" in result.output


def test_corrupt_database_is_reported_and_untouched(runner: CliRunner, tmp_path: Path, articles_dir: Path) -> None:
    db = tmp_path / "z.db"
    db.write_bytes(b"garbage" * 1000)
    result = runner.invoke(main, ["ingest", str(articles_dir / "a003.txt"), "--db", str(db)])
    assert result.exit_code != 0 and "not a usable zhaoshang database" in result.output
    assert db.read_bytes() == b"garbage" * 1000


def test_evaluate_gate(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["evaluate", str(tmp_path)])
    assert result.exit_code != 0 and "no *.gold.json" in result.output
