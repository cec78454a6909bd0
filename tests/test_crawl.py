"""The crawler end to end: real HTTP servers on loopback, real mirrored pages, a real SQLite file."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pipeline.crawl import crawl, reparse
from pipeline.fetch import FetchSettings
from pipeline.listpages import canonical_url
from pipeline.mirror import serve_directory
from pipeline.sources import Source, build_source, load_sources
from pipeline.store import Store
from tests.servers import Reply, ScriptedServer, html_reply

ROOT = Path(__file__).resolve().parents[1]
MIRROR = ROOT / "corpus" / "mirror"
MANIFEST = json.loads((MIRROR / "manifest.json").read_text(encoding="utf-8"))
ROBOTS = Reply(body=b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})


def settings(**overrides: object) -> FetchSettings:
    values: dict[str, object] = {
        "default_delay": 0.0, "read_timeout": 0.3, "connect_timeout": 0.5, "backoff_base": 0.02,
        "retry_after_max": 0.5, "max_bytes": 2 * 1024 * 1024,
    }  # fmt: skip
    values.update(overrides)
    return FetchSettings(**values)  # type: ignore[arg-type]


def rows(store: Store) -> set[tuple[str, str, str, str]]:
    sql = "select url, title, published, content_hash from articles"
    return {tuple(r) for r in store.db.execute(sql).fetchall()}  # type: ignore[misc]


def trs_list(items: list[tuple[str, str, str]], current: int, count: int) -> str:
    """A TRS WCM list page: <li> links with their dates and the createPageHTML pager."""
    lis = "\n".join(f'<li><a href="{href}" title="{t}">{t}</a><span>{d}</span></li>' for href, t, d in items)
    return (
        '<html><head><meta charset="utf-8"><title>要闻</title></head><body><div class="list"><ul>'
        f"{lis}</ul><script>var currentPage = {current};var countPage = {count}\n"
        'createPageHTML(countPage, currentPage, "index", "html");</script></div></body></html>'
    )


def trs_source(base: str, name: str = "test-news", **extra: object) -> Source:
    data = {
        "name": name, "city": "深圳市", "level": "city", "preset": "trs", "verified": "mirror",
        "start_urls": [base + "/news/index.html"], "delay": 0.0, **extra,
    }  # fmt: skip
    return build_source(Path(f"{name}.toml"), data)


def mirror_page(index: int) -> tuple[bytes, dict[str, str]]:
    entry = MANIFEST[index]
    return (MIRROR / entry["path"]).read_bytes(), entry


# -- the bundled mirror: TRS and Hanweb list pages, GBK, UTF-8 and mislabelled articles -------------


@pytest.fixture(scope="module")
def mirror_crawl(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("mirror") / "crawl.db")
    with serve_directory(MIRROR) as base:
        sources = [replace(s, delay=0.0) for s in load_sources(mirror=base) if s.name.startswith("demo-")]
        first = crawl(sources, store, progress=False, settings=settings())
        before = len(base.requests)
        second = crawl(sources, store, progress=False, settings=settings())
        again = list(base.requests[before:])
    yield store, base, first, second, again
    store.close()


def test_every_mirror_article_is_stored_once_with_title_date_body(mirror_crawl):
    store, base, first, _, _ = mirror_crawl
    stored = {r["url"]: r for r in store.rows("select url, title, published, text from articles")}
    assert len(stored) == len(MANIFEST) == sum(r.new for r in first)
    for entry in MANIFEST:
        row = stored[f"{base}/{entry['path']}"]
        assert row["title"] == entry["title"]
        assert row["published"] == entry["published"]
        assert len(row["text"]) > 100


def test_second_run_fetches_no_article_again(mirror_crawl):
    _, _, first, second, again = mirror_crawl
    assert all(not r.errors for r in first + second)
    articles = [path for path in again if "/art/" in path or "/t20" in path]
    assert articles == [] and len(again) <= 1 + len(second)  # robots.txt and each first list page
    assert sum(r.new + r.updated + r.unchanged for r in second) == 0


def test_run_records_and_summary(mirror_crawl):
    store, _, first, _, _ = mirror_crawl
    runs = store.rows("select source, status, pages_fetched, new, errors from crawl_runs order by id")
    assert len(runs) == 2 * len(first) and {r["status"] for r in runs} == {"finished"}
    difang = next(r for r in first if r.source == "demo-difang")
    assert runs[[r["source"] for r in runs].index("demo-difang")]["new"] == difang.new == 26
    assert difang.summary().startswith("demo-difang: 32 pages fetched, 26 new, 0 updated")


def test_reparse_reads_the_archive_without_network(mirror_crawl):
    store, *_ = mirror_crawl
    store.db.execute("update articles set content_hash = 'stale'")
    store.db.conn.commit()
    tally = reparse(store, progress=False)
    assert tally == {"updated": len(MANIFEST)}
    assert store.db.execute("select count(*) from articles where content_hash = 'stale'").fetchone()[0] == 0


# -- injected faults -------------------------------------------------------------------------------


def malformed(raw: bytes) -> bytes:
    """Real page, broken markup: closing tags dropped, a stray unterminated tag."""
    text = raw.decode("utf-8")
    for tag in ("</p>", "</div>", "</body>", "</html>", "</span>"):
        text = text.replace(tag, "")
    return text.replace("<body>", "<body><div <p class=>").encode("utf-8")


@pytest.fixture
def fault_site():
    """A TRS column whose articles (real pages) each meet a different fault."""
    utf8 = [i for i, e in enumerate(MANIFEST) if e["encoding"] == "utf-8"]
    gbk = [i for i, e in enumerate(MANIFEST) if e["encoding"] == "gbk"]
    wrong = next(i for i, e in enumerate(MANIFEST) if e["encoding"] == "mislabelled")
    with ScriptedServer() as server, ScriptedServer(host="127.0.0.2") as offsite:
        plan = {  # path -> (manifest index, replies before the page; None = the page never comes)
            "t20240101_1": (gbk[0], [Reply(status=503, headers={"Retry-After": "0"})]),
            "t20240102_2": (gbk[1], [Reply(fault="reset")]),
            "t20240103_3": (utf8[0], ["truncate"]),
            "t20240104_4": (utf8[1], [Reply(fault="stall", stall=0.8)]),
            "t20240105_5": (gbk[2], None),  # always 500
            "t20240106_6": (utf8[2], "endless"),
            "t20240107_7": (utf8[3], "loop"),
            "t20240108_8": (utf8[4], "malformed"),
            "t20240109_9": (wrong, []),
            "t20240110_10": (gbk[3], []),
            "t20240111_11": (gbk[4], []),
        }
        expected = {}
        for stem, (index, before) in plan.items():
            raw, entry = mirror_page(index)
            path = f"/news/202401/{stem}.html"
            if before is None:
                server.route(path, Reply(status=500))
            elif before == "endless":
                server.route(path, Reply(fault="endless"))
            elif before == "loop":
                server.route(path, Reply(status=302, headers={"Location": path + "?again=1"}))
            elif before == "malformed":
                server.route(path, html_reply(malformed(raw)))
            elif before == ["truncate"]:
                server.route(path, html_reply(raw, fault="truncate"), html_reply(raw))
            else:
                server.route(path, *before, html_reply(raw))
            expected[server.url + path] = entry
        server.route("/private/202401/t20240112_12.html", html_reply(mirror_page(gbk[5])[0]))
        offsite.route("/news/202401/t20240113_13.html", html_reply(mirror_page(gbk[6])[0]))
        items = [(f"/news/202401/{stem}.html", "标题", "2024-01-01") for stem in plan]
        items.append(("/private/202401/t20240112_12.html", "禁止", "2024-01-01"))
        items.append((offsite.url + "/news/202401/t20240113_13.html", "外站", "2024-01-01"))
        server.route("/robots.txt", ROBOTS)
        server.route("/news/index.html", html_reply(trs_list(items[:7], 0, 2)))
        server.route("/news/index_1.html", html_reply(trs_list(items[7:], 1, 2)))
        yield server, offsite, expected


def test_every_fault_ends_in_a_recorded_error_or_a_retry(fault_site, tmp_path):
    server, offsite, expected = fault_site
    store = Store(tmp_path / "faults.db")
    [report] = crawl([trs_source(server.url)], store, progress=False, settings=settings())
    stored = {r["url"]: r for r in store.rows("select url, title, published, text from articles")}
    failed = {"t20240105_5", "t20240106_6", "t20240107_7"}
    for url, entry in expected.items():
        if any(stem in url for stem in failed):
            assert url not in stored
            continue
        assert stored[url]["title"] == entry["title"], url
        assert stored[url]["published"] == entry["published"]
    assert len(stored) == len(expected) - len(failed) == report.new
    assert dict(report.errors) == {"http_500": 1, "too_large": 1, "redirect": 1, "robots": 1}
    assert offsite.hits == []  # the off-site link was never requested
    assert all(not path.startswith("/private/") for path in server.paths())
    errors = store.rows("select url, status, error from crawl_urls where status = 'failed'")
    assert {e["url"].rsplit("/", 1)[1][:-5] for e in errors} == failed | {"t20240112_12"}


def test_failed_article_is_fetched_by_the_next_run(fault_site, tmp_path):
    server, _, expected = fault_site
    store = Store(tmp_path / "faults.db")
    crawl([trs_source(server.url)], store, progress=False, settings=settings())
    url = next(u for u in expected if "t20240105_5" in u)
    server.route("/news/202401/t20240105_5.html", html_reply(mirror_page(MANIFEST.index(expected[url]))[0]))
    before = len(server.hits)
    [report] = crawl([trs_source(server.url)], store, progress=False, settings=settings())
    assert report.new == 1 and store.article_exists(url)
    refetched = {p for p in server.paths()[before:] if "/202401/" in p}
    assert "/news/202401/t20240105_5.html" in refetched
    assert "/news/202401/t20240101_1.html" not in refetched  # stored articles are not fetched again


# -- incremental list paging, conditional requests, --since ---------------------------------------


@pytest.fixture
def paged_site():
    """Three TRS list pages of two real articles each, with ETags."""
    with ScriptedServer() as server:
        server.route("/robots.txt", ROBOTS)
        items = []
        for n in range(7):
            raw, entry = mirror_page(n)
            path = f"/news/2024{n + 1:02d}/t2024{n + 1:02d}01_{n}.html"
            server.route(path, html_reply(raw))
            items.append((path, entry["title"], entry["published"]))
        yield server, items


def publish(server: ScriptedServer, items: list[tuple[str, str, str]], version: str) -> None:
    pages = [items[i : i + 2] for i in range(0, len(items), 2)]
    for k, chunk in enumerate(pages):
        name = "index.html" if k == 0 else f"index_{k}.html"
        server.route(f"/news/{name}", html_reply(trs_list(chunk, k, len(pages)), etag=f'"{version}-{chunk[0][0]}"'))


def test_paging_stops_when_a_list_page_brings_nothing_new(paged_site, tmp_path):
    server, items = paged_site
    store = Store(tmp_path / "paged.db")
    publish(server, items[1:], "v1")  # items 1..6 on three pages
    crawl([trs_source(server.url)], store, progress=False, settings=settings())
    assert store.db["articles"].count == 6
    publish(server, items, "v2")  # a new article on top shifts every page
    before = len(server.hits)
    [report] = crawl([trs_source(server.url)], store, progress=False, settings=settings())
    second = server.paths()[before:]
    assert report.new == 1 and [p for p in second if "/2024" in p] == [items[0][0]]
    assert "/news/index_1.html" in second and "/news/index_3.html" not in second
    assert "/news/index_2.html" not in second  # page 2 (index_1) brought nothing new: stop
    before = len(server.hits)
    [report] = crawl([trs_source(server.url)], store, progress=False, settings=settings())
    third = server.hits[before:]
    assert [h.path for h in third if h.path.startswith("/news/")] == ["/news/index.html"]
    assert third[-1].conditional and report.not_modified == 1 and report.pages_fetched == 0


def test_since_skips_older_articles_without_fetching_them(paged_site, tmp_path):
    server, items = paged_site
    publish(server, sorted(items[:6], key=lambda i: i[2], reverse=True), "v1")
    cutoff = date(2020, 1, 1)
    store = Store(tmp_path / "since.db")
    crawl([trs_source(server.url)], store, since=cutoff, progress=False, settings=settings())
    newer = {path for path, _, published in items[:6] if date.fromisoformat(published) >= cutoff}
    fetched = {p for p in server.paths() if "/2024" in p}
    assert fetched == newer and store.db["articles"].count == len(newer)


# -- duplicates -----------------------------------------------------------------------------------


def test_repost_on_another_site_is_linked_not_counted_twice(tmp_path):
    raw, _ = mirror_page(next(i for i, e in enumerate(MANIFEST) if e["encoding"] == "utf-8"))
    text = raw.decode("utf-8")
    repost = text.replace("深圳市人民政府门户网站", "某县人民政府").replace("</h1>", "</h1><p>（转载）</p>", 1)
    repost = repost.replace("</body>", "<p>责任编辑：李明</p></body>")
    with ScriptedServer() as a, ScriptedServer(host="127.0.0.2") as b:
        for server, page in ((a, text), (b, repost)):
            server.route("/robots.txt", ROBOTS)
            server.route("/news/202401/t20240101_1.html", html_reply(page))
            server.route("/news/index.html", html_reply(trs_list([("202401/t20240101_1.html", "x", "")], 0, 1)))
        store = Store(tmp_path / "dup.db")
        reports = crawl([trs_source(a.url, "site-a"), trs_source(b.url, "site-b")], store, progress=False,
                        settings=settings())  # fmt: skip
    found = store.rows("select id, duplicate_of from articles order by id")
    assert len(found) == 2 and sum(r.duplicates for r in reports) == 1 and sum(r.new for r in reports) == 1
    original, copy = sorted(found, key=lambda r: r["duplicate_of"] is not None)
    assert original["duplicate_of"] is None and copy["duplicate_of"] == original["id"]
    facts = store.db.execute("select count(*) from amounts where article_id = ?", [copy["id"]]).fetchone()[0]
    assert facts == 0


# -- canonical URLs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTP://WWW.Sz.Gov.cn:80/a/b.html#top", "http://www.sz.gov.cn/a/b.html"),
        ("http://x.cn/a.html?utm_source=wx&utm_medium=s&id=3", "http://x.cn/a.html?id=3"),
        ("http://x.cn/a.html?b=2&a=1&spm=abc", "http://x.cn/a.html?a=1&b=2"),
        ("https://x.cn:443/a.html", "https://x.cn/a.html"),
        ("http://x.cn:8080/a.html", "http://x.cn:8080/a.html"),  # negative: a real port stays
        ("http://x.cn/a.html?page=2", "http://x.cn/a.html?page=2"),  # negative: a real parameter stays
        ("http://x.cn", "http://x.cn/"),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


# -- kill -9 half-way, then rerun --------------------------------------------------------------

CHILD = """
import sys
from dataclasses import replace
from pipeline.crawl import crawl
from pipeline.fetch import FetchSettings
from pipeline.sources import load_sources
from pipeline.store import Store
base, db = sys.argv[1], sys.argv[2]
sources = [replace(s, delay=0.08) for s in load_sources(mirror=base) if s.name == "demo-difang"]
crawl(sources, Store(db), progress=False, settings=FetchSettings(default_delay=0.0))
"""


def _read_only_count(db: Path) -> int:
    """Articles stored so far, read without writing (a Store would create the schema and race the child)."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:  # the child may be creating the schema right now
        return 0


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGINT], ids=["kill -9", "Ctrl-C"])
def test_killed_crawl_resumes_to_the_same_rows(tmp_path, signal_number):
    with serve_directory(MIRROR) as base:
        sources = [replace(s, delay=0.0) for s in load_sources(mirror=base) if s.name == "demo-difang"]
        whole = Store(tmp_path / "whole.db")
        crawl(sources, whole, progress=False, settings=settings())
        db = tmp_path / "killed.db"
        errors = tmp_path / "child.err"
        child = subprocess.Popen([sys.executable, "-c", CHILD, base, str(db)], cwd=ROOT, stderr=errors.open("wb"))
        # Generous: on a loaded 2-core machine the child's imports alone can take many seconds.
        deadline = time.monotonic() + 120
        count = 0
        while time.monotonic() < deadline and count < 8:
            if child.poll() is not None:  # it died on its own: say why instead of waiting out the deadline
                raise AssertionError(f"the child crawler exited early: {errors.read_text(errors='replace')[-500:]}")
            time.sleep(0.1)
            if db.exists():
                count = _read_only_count(db)
        assert count >= 8, f"the child crawler stored only {count} articles before the deadline"
        child.send_signal(signal_number)  # SIGKILL: no cleanup at all; SIGINT: KeyboardInterrupt
        child.wait(timeout=20)
        resumed = Store(db)
        status = resumed.db.execute("select status from crawl_runs").fetchone()[0]
        assert status == ("interrupted" if signal_number == signal.SIGINT else "running")
        killed_at = resumed.db["articles"].count
        assert 8 <= killed_at < len(rows(whole)), "the kill must land half-way through the crawl"
        [report] = crawl(sources, resumed, progress=False, settings=settings())
    assert rows(resumed) == rows(whole)
    assert report.new == len(rows(whole)) - killed_at and not report.errors
