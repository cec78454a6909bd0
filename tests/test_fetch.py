"""The polite client against a real HTTP server on 127.0.0.1 with injected faults."""

from __future__ import annotations

import itertools
import re
import threading
import time
from pathlib import Path

import pytest

from pipeline.fetch import Fetcher, FetchError, FetchSettings, HostSlot
from tests.servers import Reply, ScriptedServer, html_reply

MIRROR = Path(__file__).resolve().parents[1] / "corpus" / "mirror"
GBK_ARTICLE = MIRROR / "shenzhen/xxgk/jjyx/202207/t20220727_1000000.html"
PAGE = html_reply(GBK_ARTICLE.read_bytes())
ROBOTS = Reply(body=b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})


def fast_settings(**overrides: object) -> FetchSettings:
    """Test timings: tiny back-off and timeouts so that every fault resolves in well under a second."""
    values: dict[str, object] = {
        "default_delay": 0.0,
        "read_timeout": 0.3,
        "connect_timeout": 0.5,
        "total_timeout": 5.0,
        "backoff_base": 0.02,
        "retry_after_max": 2.0,
        "max_bytes": 2 * 1024 * 1024,
    }
    values.update(overrides)
    return FetchSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
def fetch_server():
    with ScriptedServer() as server:
        server.route("/robots.txt", ROBOTS)
        yield server


@pytest.fixture
def fetcher():
    with Fetcher(fast_settings()) as client:
        yield client


# path's replies, then: expected error kind (None = success) and how many requests the path gets
FAULTS = [
    ("plain page", [PAGE], None, 1),
    ("503 then page", [Reply(status=503, headers={"Retry-After": "0"}), PAGE], None, 2),
    ("429 then page", [Reply(status=429), PAGE], None, 2),
    ("stall past the read timeout, then page", [Reply(fault="stall", stall=0.8), PAGE], None, 2),
    ("connection reset, then page", [Reply(fault="reset"), PAGE], None, 2),
    ("truncated body, then page", [html_reply(GBK_ARTICLE.read_bytes(), fault="truncate"), PAGE], None, 2),
    ("always 500", [Reply(status=500)], "http_500", 3),
    ("always stalls", [Reply(fault="stall", stall=0.8)], "timeout", 3),
    ("always resets", [Reply(fault="reset")], "connection", 3),
    ("always truncated", [html_reply(GBK_ARTICLE.read_bytes(), fault="truncate")], "truncated", 3),
    ("404 is not retried", [Reply(status=404)], "http_404", 1),
    ("50 MB body aborted while streaming", [Reply(fault="endless")], "too_large", 1),
]


@pytest.mark.parametrize(("name", "replies", "error", "requests"), FAULTS, ids=[f[0] for f in FAULTS])
def test_faults_end_in_success_or_a_typed_error(fetch_server, fetcher, name, replies, error, requests):
    fetch_server.route("/page.html", *replies)
    url = fetch_server.url + "/page.html"
    if error is None:
        page = fetcher.fetch(url)
        assert page.status == 200 and page.final_url == url
        assert page.content == replies[-1].body
    else:
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(url)
        assert caught.value.kind == error
    assert fetch_server.requested("/page.html") == requests


def test_declared_oversize_body_is_refused_before_reading(fetch_server):
    big = b"<p>" + b"x" * 4096 + b"</p>"
    fetch_server.route("/big.html", html_reply(big))
    with Fetcher(fast_settings(max_bytes=1024)) as client, pytest.raises(FetchError) as caught:
        client.fetch(fetch_server.url + "/big.html")
    assert caught.value.kind == "too_large" and "Content-Length" in str(caught.value)


def test_endless_body_is_cut_quickly(fetch_server, fetcher):
    fetch_server.route("/huge.html", Reply(fault="endless"))
    began = time.monotonic()
    with pytest.raises(FetchError, match="max_bytes"):
        fetcher.fetch(fetch_server.url + "/huge.html")
    assert time.monotonic() - began < 3


def test_retry_after_is_honoured_and_capped(fetch_server):
    fetch_server.route("/slow.html", Reply(status=503, headers={"Retry-After": "1"}), PAGE)
    fetch_server.route("/capped.html", Reply(status=503, headers={"Retry-After": "3600"}), PAGE)
    with Fetcher(fast_settings(retry_after_max=0.3)) as client:
        client.fetch(fetch_server.url + "/capped.html")
    with Fetcher(fast_settings()) as client:
        client.fetch(fetch_server.url + "/slow.html")
    times = {path: [h.at for h in fetch_server.hits if h.path == path] for path in ("/slow.html", "/capped.html")}
    assert times["/slow.html"][1] - times["/slow.html"][0] >= 0.95
    assert 0.25 <= times["/capped.html"][1] - times["/capped.html"][0] < 1.0


@pytest.mark.parametrize(
    ("chain", "kind"),
    [
        ({"/a": "/b", "/b": "/a"}, "redirect"),  # loop
        ({"/a": "/b", "/b": "/c", "/c": "/d", "/d": "/e"}, "redirect"),  # longer than max_redirects=3
        ({"/a": "/private/x"}, "robots"),  # onto a disallowed path
        ({"/a": "/b"}, None),  # a short chain ends on the page
    ],
)
def test_redirects_are_limited_and_checked(fetch_server, chain, kind):
    for path, target in chain.items():
        fetch_server.route(path, Reply(status=302, headers={"Location": target}))
    fetch_server.route("/private/x", PAGE)
    fetch_server.route("/e", PAGE)
    if "/b" not in chain:
        fetch_server.route("/b", PAGE)
    with Fetcher(fast_settings(max_redirects=3)) as client:
        if kind is None:
            assert client.fetch(fetch_server.url + "/a").final_url == fetch_server.url + "/b"
        else:
            with pytest.raises(FetchError) as caught:
                client.fetch(fetch_server.url + "/a")
            assert caught.value.kind == kind
    assert "/private/x" not in fetch_server.paths()


def test_offsite_redirect_is_never_followed(fetch_server, fetcher):
    with ScriptedServer(host="127.0.0.2") as other:
        other.route("/page.html", PAGE)
        fetch_server.route("/away", Reply(status=301, headers={"Location": other.url + "/page.html"}))
        host = fetch_server.url.split("//")[1]
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(fetch_server.url + "/away", allowed=lambda u: u.split("/")[2] == host)
        assert caught.value.kind == "offsite"
        assert other.hits == []


@pytest.mark.parametrize(("path", "allowed"), [("/private/a.html", False), ("/public/a.html", True)])
def test_robots_txt_is_obeyed_and_cached(fetch_server, fetcher, path, allowed):
    fetch_server.route(path, PAGE)
    for _ in range(2):
        if allowed:
            assert fetcher.fetch(fetch_server.url + path).status == 200
        else:
            with pytest.raises(FetchError, match="robots"):
                fetcher.fetch(fetch_server.url + path)
    assert fetch_server.requested("/robots.txt") == 1
    assert fetch_server.requested(path) == (2 if allowed else 0)


def test_unreachable_robots_txt_means_disallow(fetch_server, fetcher):
    fetch_server.route("/robots.txt", Reply(status=503))
    fetch_server.route("/a.html", PAGE)
    with pytest.raises(FetchError, match="robots"):
        fetcher.fetch(fetch_server.url + "/a.html")
    assert fetch_server.requested("/a.html") == 0


def test_conditional_request_comes_back_not_modified(fetch_server, fetcher):
    fetch_server.route("/list.html", html_reply("<ul><li>x</li></ul>", etag='"v1"'))
    first = fetcher.fetch(fetch_server.url + "/list.html")
    assert first.validators[0] == '"v1"' and not first.not_modified
    again = fetcher.fetch(fetch_server.url + "/list.html", validators=first.validators)
    assert again.not_modified and again.content == b""
    assert [h.conditional for h in fetch_server.hits if h.path == "/list.html"] == [False, True]


def test_user_agent_names_the_project_and_a_contact(fetch_server):
    fetch_server.route("/a.html", PAGE)
    with Fetcher(fast_settings(contact_url="https://example.org/contact")) as client:
        client.fetch(fetch_server.url + "/a.html")
    assert re.fullmatch(r"zhaoshang/\S+ \(\+https://example.org/contact\)", fetch_server.hits[-1].user_agent)


def test_one_request_at_a_time_per_host_with_the_delay_between(fetch_server):
    fetch_server.route("/slow.html", Reply(fault="stall", stall=0.05, body=b"ok"))
    with Fetcher(fast_settings(autothrottle=False)) as client:
        threads = [
            threading.Thread(target=client.fetch, args=(fetch_server.url + "/slow.html",), kwargs={"delay": 0.1})
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    hits = [h for h in fetch_server.hits if h.path == "/slow.html"]
    assert max(h.in_flight for h in hits) == 1
    gaps = [b.at - a.at for a, b in itertools.pairwise(hits)]
    assert len(gaps) == 3 and min(gaps) >= 0.095


def test_hosts_are_fetched_in_parallel(fetch_server):
    with ScriptedServer(host="127.0.0.2") as other:
        for server in (fetch_server, other):
            server.route("/robots.txt", ROBOTS)
            server.route("/a.html", Reply(body=b"ok"))
        began = time.monotonic()
        with Fetcher(fast_settings(autothrottle=False)) as client:

            def crawl(base: str) -> None:
                for _ in range(4):
                    client.fetch(base + "/a.html", delay=0.1)

            threads = [threading.Thread(target=crawl, args=(s.url,)) for s in (fetch_server, other)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        elapsed = time.monotonic() - began
    assert 0.3 <= elapsed < 0.55  # one host alone needs 0.3 s (4 requests, 3 delays); two in series 0.7 s


# AutoThrottle: (start delay, observations as (latency, ok)) -> expected bounds on the delay
THROTTLE = [
    (0.1, [(1.0, True)] * 6, 0.9, 1.0),  # a slow host: delay climbs towards its latency
    (0.1, [(0.01, True)] * 6, 0.1, 0.1),  # a fast host never goes below the configured delay
    (0.5, [(0.0, False)] * 3, 4.0, 4.0),  # failures double the delay each time
    (0.5, [(0.0, False)] * 20, 60.0, 60.0),  # …up to max_delay
]


@pytest.mark.parametrize(("start", "observations", "low", "high"), THROTTLE)
def test_autothrottle_adapts_the_delay(start, observations, low, high):
    slot = HostSlot(delay=start, min_delay=start)
    for latency, ok in observations:
        slot.observe(latency, ok, FetchSettings())
    assert low <= slot.delay <= high
