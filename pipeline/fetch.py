"""The only module that touches the network: one polite httpx client.

Politeness is settings, not code (Scrapy's model): robots.txt is obeyed and cached per host; one
request at a time per host, spaced by the site's delay and stretched by an AutoThrottle-style
estimate when the host gets slow or fails; retries with exponential back-off and jitter on
timeouts, connection errors, 429 and 5xx, honouring Retry-After (capped); a size cap that aborts
a body while it streams; redirects followed by hand, counted, and only onto allowed hosts;
conditional requests (ETag / Last-Modified). Hosts are independent, so callers may fetch from
several hosts in parallel threads; the client and the host slots are thread-safe.

Errors are FetchError with a short ``kind`` ("timeout", "connection", "truncated", "http_503",
"too_large", "redirect", "offsite", "robots", "stopped") that run records count by.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from importlib import metadata
from urllib.parse import urljoin, urlsplit

import httpx

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def _version() -> str:
    try:
        return metadata.version("zhaoshang")
    except metadata.PackageNotFoundError:
        return "0"


@dataclass
class FetchSettings:
    """Crawl politeness and robustness knobs; the defaults suit a government portal."""

    contact_url: str = "https://github.com/zhaoshang/zhaoshang"  # who to tell when we misbehave
    obey_robots: bool = True  # ROBOTSTXT_OBEY
    default_delay: float = 1.0  # seconds between requests to one host when a source gives none
    connect_timeout: float = 10.0  # seconds to open a connection
    read_timeout: float = 20.0  # seconds of silence while reading
    total_timeout: float = 60.0  # seconds for a whole response, so a trickling body cannot hang us
    retry_times: int = 2  # initial request + 2 retries = 3 requests
    backoff_base: float = 1.0  # first retry waits about this long, doubling each time (with jitter)
    backoff_max: float = 60.0  # never wait longer than this between retries
    retry_after_max: float = 120.0  # a Retry-After beyond this is capped, not obeyed blindly
    max_bytes: int = 10 * 1024 * 1024  # bodies beyond this are aborted while streaming
    max_redirects: int = 5  # hops before a chain counts as a redirect loop
    autothrottle: bool = True  # AUTOTHROTTLE_ENABLED: adapt the delay to the host's latency
    autothrottle_target: float = 1.0  # AUTOTHROTTLE_TARGET_CONCURRENCY: 1 = delay >= latency
    max_delay: float = 60.0  # AUTOTHROTTLE_MAX_DELAY
    max_workers: int = 8  # hosts crawled in parallel

    @property
    def user_agent(self) -> str:
        return f"zhaoshang/{_version()} (+{self.contact_url})"


class FetchError(RuntimeError):
    """A URL that could not be fetched; ``kind`` classifies it for run records."""

    def __init__(self, kind: str, url: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{kind}: {url}: {message}")
        self.kind = kind
        self.url = url
        self.status = status


class _Retryable(Exception):
    def __init__(self, error: FetchError, wait: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.wait = wait


@dataclass(frozen=True)
class Page:
    """A fetched response: raw bytes (not decoded), headers with lower-case names, final URL."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    elapsed: float = 0.0

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def validators(self) -> tuple[str | None, str | None]:
        return self.headers.get("etag"), self.headers.get("last-modified")


@dataclass
class HostSlot:
    """One host's turn-taking: a lock held per request and the earliest start of the next one."""

    delay: float
    min_delay: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0
    failures: int = 0

    def observe(self, latency: float, ok: bool, settings: FetchSettings) -> None:
        """AutoThrottle: move the delay halfway towards latency/target; failures double it."""
        if not settings.autothrottle:
            return
        if not ok:
            self.failures += 1
            self.delay = min(settings.max_delay, max(self.delay * 2, self.min_delay, 0.1))
            return
        self.failures = 0
        target = latency / settings.autothrottle_target
        new = max(target, (self.delay + target) / 2)
        self.delay = min(settings.max_delay, max(self.min_delay, new))


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


class Fetcher:
    """A polite HTTP client shared by every crawl thread. Use as a context manager."""

    def __init__(self, settings: FetchSettings | None = None, stop: threading.Event | None = None) -> None:
        self.settings = settings or FetchSettings()
        self.stop = stop or threading.Event()
        s = self.settings
        timeout = httpx.Timeout(s.read_timeout, connect=s.connect_timeout)
        limits = httpx.Limits(max_connections=max(4, s.max_workers * 2), max_keepalive_connections=s.max_workers)
        self.client = httpx.Client(
            timeout=timeout, limits=limits, follow_redirects=False, headers={"User-Agent": s.user_agent}
        )
        self._slots: dict[str, HostSlot] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._guard = threading.Lock()
        self._robots_locks: dict[str, threading.Lock] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- politeness ----------------------------------------------------------------------

    def slot(self, url: str, delay: float | None = None) -> HostSlot:
        """The host's slot; the largest delay any caller asked for wins."""
        wanted = self.settings.default_delay if delay is None else delay
        with self._guard:
            slot = self._slots.setdefault(_origin(url), HostSlot(delay=wanted, min_delay=wanted))
            if wanted > slot.min_delay:
                slot.min_delay = wanted
                slot.delay = max(slot.delay, wanted)
            return slot

    @contextmanager
    def _turn(self, slot: HostSlot, url: str) -> Iterator[None]:
        with slot.lock:
            wait = slot.next_at - time.monotonic()
            if wait > 0 and self.stop.wait(wait):
                raise FetchError("stopped", url, "crawl interrupted")
            started = time.monotonic()
            try:
                yield
            finally:
                slot.next_at = max(slot.next_at, started + slot.delay)

    def _robots_for(self, url: str, delay: float | None) -> urllib.robotparser.RobotFileParser:
        origin = _origin(url)
        with self._guard:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin, delay)
            return self._robots[origin]

    def _load_robots(self, origin: str, delay: float | None) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            page = self._fetch_once(origin + "/robots.txt", delay=delay, allowed=None, headers={}, data=None)
        except FetchError as err:
            if err.status is not None and 400 <= err.status < 500:
                parser.parse([])  # RFC 9309: no robots.txt (4xx) means everything is allowed
            else:
                log.warning("robots.txt of %s unreachable (%s): not crawling it this run", origin, err)
                parser.parse(["User-agent: *", "Disallow: /"])  # RFC 9309: unreachable means disallow
            return parser
        parser.parse(page.content.decode("utf-8", "replace").splitlines())
        return parser

    def allowed_by_robots(self, url: str, delay: float | None = None) -> bool:
        if not self.settings.obey_robots:
            return True
        return self._robots_for(url, delay).can_fetch("zhaoshang", url)

    # -- fetching ------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        allowed: Callable[[str], bool] | None = None,
        delay: float | None = None,
        validators: tuple[str | None, str | None] | None = None,
        data: dict[str, str] | None = None,
    ) -> Page:
        """GET (POST when data is given) url politely; raises FetchError.

        ``allowed`` decides which hosts the request and every redirect hop may touch;
        ``validators`` (etag, last_modified) make the request conditional: a 304 comes back as a
        Page with ``not_modified``.
        """
        headers = {}
        if validators:
            etag, modified = validators
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        current, seen = url, {url}
        for _hop in range(self.settings.max_redirects + 1):
            self._check_target(current, allowed, delay)
            page = self._fetch_once(current, delay=delay, allowed=allowed, headers=headers, data=data)
            if page.status not in REDIRECT_STATUSES:
                return Page(url, current, page.status, page.headers, page.content, page.elapsed)
            target = page.headers.get("location")
            if not target:
                raise FetchError("redirect", current, f"HTTP {page.status} without a Location header", page.status)
            current = urljoin(current, target.strip())
            if current in seen:
                raise FetchError("redirect", url, f"redirect loop back to {current}", page.status)
            seen.add(current)
            data = None if page.status == 303 else data
        raise FetchError("redirect", url, f"more than {self.settings.max_redirects} redirects")

    def _check_target(self, url: str, allowed: Callable[[str], bool] | None, delay: float | None) -> None:
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError("offsite", url, "not an http(s) URL")
        if allowed is not None and not allowed(url):
            raise FetchError("offsite", url, "host is not in the source's allowed_hosts")
        if not self.allowed_by_robots(url, delay):
            raise FetchError("robots", url, "disallowed by robots.txt")

    def _fetch_once(
        self,
        url: str,
        *,
        delay: float | None,
        allowed: Callable[[str], bool] | None,
        headers: dict[str, str],
        data: dict[str, str] | None,
    ) -> Page:
        """One URL with retries; redirects and 304 are returned, other non-2xx raise."""
        slot = self.slot(url, delay)
        attempts = self.settings.retry_times + 1
        for attempt in range(attempts):
            try:
                with self._turn(slot, url):
                    return self._request(url, slot, headers, data)
            except _Retryable as retry:
                if attempt + 1 >= attempts:
                    raise retry.error from None
                wait = self._backoff(attempt, retry.wait)
                log.info("retrying %s in %.2fs after %s", url, wait, retry.error.kind)
                slot.next_at = max(slot.next_at, time.monotonic() + wait)
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        s = self.settings
        if retry_after is not None:
            return min(retry_after, s.retry_after_max)
        return min(s.backoff_max, s.backoff_base * 2**attempt) * random.uniform(0.5, 1.5)

    def _request(self, url: str, slot: HostSlot, headers: dict[str, str], data: dict[str, str] | None) -> Page:
        started = time.monotonic()
        method = "POST" if data is not None else "GET"
        try:
            with self.client.stream(method, url, headers=headers, data=data) as response:
                page = self._read(url, response, started)
        except httpx.TimeoutException as err:
            slot.observe(time.monotonic() - started, False, self.settings)
            raise _Retryable(FetchError("timeout", url, str(err) or type(err).__name__)) from err
        except httpx.RemoteProtocolError as err:
            slot.observe(time.monotonic() - started, False, self.settings)
            kind = "truncated" if "incomplete" in str(err) or "peer closed" in str(err) else "connection"
            raise _Retryable(FetchError(kind, url, str(err))) from err
        except httpx.TransportError as err:
            slot.observe(time.monotonic() - started, False, self.settings)
            raise _Retryable(FetchError("connection", url, str(err) or type(err).__name__)) from err
        ok = page.status < 400
        slot.observe(page.elapsed, ok, self.settings)
        if page.status in RETRY_STATUSES:
            error = FetchError(f"http_{page.status}", url, f"HTTP {page.status}", page.status)
            raise _Retryable(error, _retry_after(page.headers.get("retry-after")))
        if page.status >= 400:
            raise FetchError(f"http_{page.status}", url, f"HTTP {page.status}", page.status)
        return page

    def _read(self, url: str, response: httpx.Response, started: float) -> Page:
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError("too_large", url, f"Content-Length {declared} exceeds max_bytes {cap}")
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > cap:
                raise FetchError("too_large", url, f"body exceeds max_bytes {cap}; aborted")
            if time.monotonic() - started > self.settings.total_timeout:
                raise httpx.ReadTimeout(f"body not complete after {self.settings.total_timeout}s")
            if self.stop.is_set():
                raise FetchError("stopped", url, "crawl interrupted")
            chunks.append(chunk)
        headers = {k.lower(): v for k, v in response.headers.items()}
        return Page(url, url, response.status_code, headers, b"".join(chunks), time.monotonic() - started)
