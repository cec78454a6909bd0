"""The bundled mirror over a real HTTP server: serving rules, request log, and page content."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode, urljoin

import httpx
import pytest

from pipeline.mirror import serve_directory
from pipeline.parse import parse_page

ROOT = Path(__file__).resolve().parents[1]
MIRROR = ROOT / "corpus" / "mirror"
SHARED = ROOT.parent / "shared"
MANIFEST = json.loads((MIRROR / "manifest.json").read_text(encoding="utf-8"))
CODECS = {"gbk": "gb18030", "utf-8": "utf-8", "mislabelled": "utf-8"}


@pytest.fixture(scope="module")
def mirror() -> str:
    with serve_directory(MIRROR) as base:
        yield base


@pytest.mark.parametrize(
    ("path", "status", "content_type"),
    [
        ("/shenzhen/xxgk/jjyx/index.html", 200, "text/html"),  # no charset, like real portals
        ("/daqing/col/col4101/", 200, "text/html"),
        ("/robots.txt", 200, "text/plain"),
        ("/manifest.json", 200, "application/json"),
        ("/shenzhen/xxgk/jjyx/index_99.html", 404, None),
        ("/../pyproject.toml", 404, None),
        ("/%2e%2e/pyproject.toml", 404, None),
    ],
)
def test_serving_rules(mirror: str, path: str, status: int, content_type: str | None) -> None:
    response = httpx.get(mirror + path)
    assert response.status_code == status
    if content_type:
        assert response.headers["content-type"] == content_type
    assert response.request.url.raw_path.decode() in mirror.requests


def test_dataproxy_query_in_any_order_and_by_post(mirror: str) -> None:
    params = {
        "columnid": "4101",
        "unitid": "11101",
        "webid": "1",
        "appid": "1",
        "permissiontype": "0",
        "startrecord": "3",
        "endrecord": "4",
        "perpage": "2",
    }
    url = f"{mirror}/daqing/module/web/jpage/dataproxy.jsp"
    by_get = httpx.get(url, params=params)
    reversed_query = urlencode(list(reversed(params.items())))
    by_get_reversed = httpx.get(f"{url}?{reversed_query}")
    by_post = httpx.post(
        f"{url}?startrecord=3&endrecord=4&perpage=2",
        data={k: v for k, v in params.items() if "record" not in k and k != "perpage"},
    )
    assert by_get.status_code == by_get_reversed.status_code == by_post.status_code == 200
    assert by_get.text == by_get_reversed.text == by_post.text
    assert "<totalrecord>3</totalrecord>" in by_get.text and "<![CDATA[" in by_get.text
    assert httpx.get(url, params={**params, "startrecord": "99"}).status_code == 404


def test_the_request_log_is_per_server() -> None:
    with serve_directory(MIRROR) as base:
        httpx.get(base + "/robots.txt")
        assert base.requests == ["/robots.txt"]
    with pytest.raises(FileNotFoundError), serve_directory(MIRROR / "no-such-dir"):
        pass


def article_links(mirror: str, list_url: str) -> list[str]:
    html = httpx.get(list_url).text
    return [urljoin(list_url, href) for href in re.findall(r'href="([^"]*/(?:t\d{8}_|art_)\d[^"]*)"', html)]


def crawl_links(mirror: str) -> set[str]:
    """Every article URL reachable from the list pages, following both pagination styles."""
    links: set[str] = set()
    for site in ("shenzhen", "difang"):
        first = httpx.get(f"{mirror}/{site}/index.html").text
        column = urljoin(f"{mirror}/{site}/index.html", re.search(r'href="([^"]+)"', first).group(1))
        pages = int(re.search(r"var countPage = (\d+)", httpx.get(column).text).group(1))
        for n in range(pages):
            links |= set(article_links(mirror, column if n == 0 else column.replace("index.html", f"index_{n}.html")))
    for site, column in (("daqing", "4101"), ("guangdong", "5203")):
        index = httpx.get(f"{mirror}/{site}/col/col{column}/index.html").text
        nextgroup = re.search(r'<nextgroup><!\[CDATA\[<a href="([^"]+)"', index).group(1)
        total, per = (int(re.search(rf"var {k} = (\d+)", index).group(1)) for k in ("totalRecord", "perpage"))
        for start in range(1, total + 1, per):
            query = urlencode({"startrecord": start, "endrecord": start + per - 1, "perpage": per})
            xml = httpx.get(f"{mirror}{nextgroup}&{query}").text
            links |= {urljoin(mirror, h) for h in re.findall(r'href="([^"]+)"', xml)}
    return links


def test_every_article_is_reachable_from_the_list_pages(mirror: str) -> None:
    assert crawl_links(mirror) == {f"{mirror}/{row['path']}" for row in MANIFEST}


@pytest.mark.parametrize("row", MANIFEST, ids=lambda r: r["name"])
def test_mirror_pages_give_back_the_article(mirror: str, row: dict) -> None:
    response = httpx.get(f"{mirror}/{row['path']}")
    article = parse_page(response.content, url=str(response.url), content_type=response.headers["content-type"])
    assert article.encoding == CODECS[row["encoding"]]
    assert (article.title, article.published, article.source) == (row["title"], row["published"], row["source"])
    body = "".join(article.text.split())
    assert hashlib.sha256(body.encode()).hexdigest() == row["body_sha256"]
    original = SHARED / row["origin"] / f"{row['name']}.txt"
    if original.exists():
        assert body == "".join(original.read_text(encoding="utf-8").split())


def test_mirror_covers_two_cities_over_several_periods_and_stays_small() -> None:
    by_city: dict[str, set[str]] = {}
    for row in MANIFEST:
        by_city.setdefault(row["city"], set()).add(row["published"])
    assert len(by_city["深圳市"]) >= 2 and len(by_city["大庆市"]) >= 3
    assert {row["encoding"] for row in MANIFEST} == {"gbk", "utf-8", "mislabelled"}
    assert sum(p.stat().st_size for p in MIRROR.rglob("*") if p.is_file()) < 2_000_000


def test_generator_reproduces_the_committed_mirror(tmp_path: Path) -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    out = tmp_path / "mirror"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_mirror.py"), "--shared", str(SHARED), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    built = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    committed = {p.relative_to(MIRROR): p.read_bytes() for p in MIRROR.rglob("*") if p.is_file()}
    assert built.keys() == committed.keys()
    assert all(built[k] == committed[k] for k in built)
