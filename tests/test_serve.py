"""`serve` runs Datasette on 127.0.0.1 and its JSON API answers every canned query (over real HTTP)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from series_db import curated_store

from pipeline.export import canned_queries

# The serve command started exactly as the console script would run it.
_SERVE = "import sys; from pipeline.cli_compare import serve; sys.exit(serve())"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    db = tmp_path_factory.mktemp("serve") / "series.db"
    curated_store(db, variants=("reprint-typo-total",)).close()
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", _SERVE, "--db", str(db), "--port", str(port)],
                            cwd=Path(__file__).parents[1], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/-/versions.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"datasette did not start: {proc.stderr.read().decode() if proc.stderr else ''}")
            time.sleep(0.2)
        yield base, db.stem
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _query(server: tuple[str, str], name: str, **params: str) -> list[dict]:
    base, db = server
    response = httpx.get(f"{base}/{db}/{name}.json", params={"_shape": "objects", **params}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["rows"]


def test_every_canned_query_is_served(server: tuple[str, str]) -> None:
    base, db = server
    listed = httpx.get(f"{base}/{db}.json", timeout=10).json()["queries"]
    assert {q["name"] for q in listed} == set(canned_queries())


@pytest.mark.parametrize(("metric", "city", "expected"), [
    ("实际使用外资", "全国", [("2017-01", 801.0), ("2018-01", 803.6), ("2019-01", 841.8), ("2020-01", 875.7),
                          ("2021M01-M05", 4810.0), ("2022-01", 1022.8)]),
    ("地区生产总值", "深圳市", [("2022H1", 15000.0)]),
    ("地区生产总值", "东营市", []),
])
def test_metric_by_city_period(server: tuple[str, str], metric: str, city: str, expected: list) -> None:
    rows = _query(server, "metric_by_city_period", metric=metric, city=city)
    assert sorted((r["period"], r["value_display"]) for r in rows) == sorted(expected)


@pytest.mark.parametrize(("min_yi", "names"), [("10", ["金雷新能源海上风电核心部件数字化制造项目"]), ("30", [])])
def test_projects_above(server: tuple[str, str], min_yi: str, names: list[str]) -> None:
    assert [r["name"] for r in _query(server, "projects_above", min_yi=min_yi)] == names


@pytest.mark.parametrize(("city", "names"), [("东营市", {"杨国强", "陈必昌"}), ("大庆市", set())])
def test_leaders_by_city(server: tuple[str, str], city: str, names: set[str]) -> None:
    assert {r["name"] for r in _query(server, "leaders_by_city", city=city)} == names


def test_conflicts(server: tuple[str, str]) -> None:
    rows = _query(server, "conflicts")
    assert [(r["city"], r["period"], r["metric"], r["n_values"]) for r in rows] == [("东营市", "2024Q1", "签约金额", 2)]
