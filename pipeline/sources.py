"""Site definitions: load and validate corpus/sources/NAME.toml into Source objects.

A site definition is data a researcher writes without reading Python (schema below). Most
government portals run on a few CMS families, so a definition names its preset ("trs",
"hanweb", "generic") and inherits that family's article-link pattern, pagination and delay from
corpus/sources/presets/PRESET.toml; adding a city is then often just a name and a URL.

    name = "dongying-news"          # unique, [a-z0-9-]
    title = "东营市人民政府 · 政务要闻"   # optional, defaults to name
    city = "东营市"                  # "" when articles come from many places
    level = "city"                  # province | city | county | zone
    preset = "trs"                  # trs | hanweb | generic
    start_urls = ["http://…/index.html"]   # list pages; may use {mirror}
    allowed_hosts = ["www.dongying.gov.cn"] # optional (hosts of start_urls); may use {mirror_host}
    article_pattern = '…'           # regex searched in the absolute article URL
    delay = 1.0                     # seconds between requests to one host
    encoding = ""                   # optional override of the pages' charset
    verified = "mirror"             # live | mirror: what was actually checked
    [pagination]  pattern = "index_{n}.html"; start = 1; max_pages = 50; per_page = 15
    [selectors]   title = "h1"; date = ".pubdate"; body = "#zoom"; source = ".source"

Every error is a SourceError naming the file and the key.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from extractors.resources import corpus_path

log = logging.getLogger(__name__)

LEVELS = ("province", "city", "county", "zone")
PRESETS = ("trs", "hanweb", "generic")
VERIFIED = ("live", "mirror")
SELECTOR_KEYS = ("title", "date", "body", "source")
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PLACEHOLDER = re.compile(r"\{mirror(?:_host)?\}")

_TOP_KEYS = {
    "name": str,
    "title": str,
    "city": str,
    "level": str,
    "preset": str,
    "start_urls": list,
    "allowed_hosts": list,
    "article_pattern": str,
    "delay": (int, float),
    "encoding": str,
    "verified": str,
    "pagination": dict,
    "selectors": dict,
}
_PAGINATION_KEYS = {"pattern": str, "start": int, "max_pages": int, "per_page": int}
_REQUIRED = ("name", "city", "level", "start_urls", "article_pattern", "verified")


class SourceError(ValueError):
    """A site definition that cannot be used; the message names the file, the key and the fix."""


@dataclass(frozen=True)
class Pagination:
    pattern: str | None = None  # e.g. "index_{n}.html", joined to the start URL
    start: int = 1  # n of the second list page (TRS: index_1.html)
    max_pages: int = 50  # list pages read per start URL, the first included
    per_page: int = 15  # Hanweb records per dataproxy call when the page does not say


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    city: str | None
    level: str
    preset: str
    start_urls: tuple[str, ...]
    allowed_hosts: frozenset[str]
    article_pattern: re.Pattern[str]
    delay: float
    verified: str
    encoding: str | None = None
    pagination: Pagination = field(default_factory=Pagination)
    selectors: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def allows(self, url: str) -> bool:
        """Whether url is on one of the allowed hosts (an entry with a port must match it too)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        return parts.hostname in self.allowed_hosts or parts.netloc.lower() in self.allowed_hosts

    def is_article(self, url: str) -> bool:
        return bool(self.article_pattern.search(url)) and self.allows(url)


def _fail(path: Path, key: str, problem: str) -> SourceError:
    return SourceError(f"{path}: key {key!r}: {problem}")


def load_preset(name: str) -> dict[str, Any]:
    """The crawl defaults of one CMS family (corpus/sources/presets/NAME.toml)."""
    path = corpus_path("sources", "presets", f"{name}.toml")
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _check_types(path: Path, data: dict[str, Any], schema: dict[str, Any], prefix: str = "") -> None:
    for key, value in data.items():
        if key not in schema:
            known = ", ".join(schema)
            raise _fail(path, prefix + key, f"unknown key; known keys: {known}")
        if isinstance(value, bool) or not isinstance(value, schema[key]):
            raise _fail(path, prefix + key, f"has type {type(value).__name__}; see the schema in pipeline/sources.py")


def _substitute(value: str, mirror: str | None) -> str:
    if mirror is None:
        return value
    host = urlsplit(mirror).netloc
    return value.replace("{mirror_host}", host).replace("{mirror}", mirror.rstrip("/"))


def _string_list(path: Path, key: str, values: list[Any], mirror: str | None) -> tuple[str, ...]:
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise _fail(path, key, "must be a non-empty list of non-empty strings")
    return tuple(_substitute(v.strip(), mirror) for v in values)


def _start_urls(path: Path, data: dict[str, Any], mirror: str | None) -> tuple[str, ...]:
    urls = _string_list(path, "start_urls", data["start_urls"], mirror)
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise _fail(path, "start_urls", f"{url!r} is not an absolute http(s) URL")
    return urls


def _allowed_hosts(path: Path, data: dict[str, Any], urls: tuple[str, ...], mirror: str | None) -> frozenset[str]:
    if "allowed_hosts" not in data:
        return frozenset(urlsplit(u).hostname or "" for u in urls)
    hosts = frozenset(h.lower() for h in _string_list(path, "allowed_hosts", data["allowed_hosts"], mirror))
    for url in urls:
        parts = urlsplit(url)
        if parts.hostname not in hosts and parts.netloc.lower() not in hosts:
            raise _fail(path, "allowed_hosts", f"does not include the host of start URL {url!r}")
    return hosts


def _choice(path: Path, data: dict[str, Any], key: str, choices: tuple[str, ...], default: str | None = None) -> str:
    value = data.get(key, default)
    if value not in choices:
        raise _fail(path, key, f"is {value!r}; choose one of {', '.join(choices)}")
    return value


def _pattern(path: Path, value: Any) -> re.Pattern[str]:
    if not isinstance(value, str) or not value:
        raise _fail(path, "article_pattern", "is missing; give a regex matching article URLs (or use a preset)")
    try:
        return re.compile(value)
    except re.error as err:
        raise _fail(path, "article_pattern", f"is not a valid regex ({err})") from err


def _pagination(path: Path, preset: dict[str, Any], data: dict[str, Any]) -> Pagination:
    merged = {**preset.get("pagination", {}), **data.get("pagination", {})}
    _check_types(path, merged, _PAGINATION_KEYS, "pagination.")
    for key in ("start", "max_pages", "per_page"):
        if key in merged and merged[key] < 1:
            raise _fail(path, f"pagination.{key}", "must be at least 1")
    pattern = merged.get("pattern")
    if pattern is not None and "{n}" not in pattern:
        raise _fail(path, "pagination.pattern", f"{pattern!r} lacks the page number placeholder {{n}}")
    return Pagination(**merged)


def _selectors(path: Path, data: dict[str, Any]) -> dict[str, str]:
    selectors = data.get("selectors", {})
    for key, value in selectors.items():
        if key not in SELECTOR_KEYS:
            raise _fail(path, f"selectors.{key}", f"unknown field; known: {', '.join(SELECTOR_KEYS)}")
        if not isinstance(value, str) or not value.strip():
            raise _fail(path, f"selectors.{key}", "must be a non-empty CSS selector string")
    return dict(selectors)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise SourceError(f"{path}: not valid TOML ({err})") from err
    except OSError as err:
        raise SourceError(f"{path}: cannot be read ({err})") from err


def build_source(path: Path, data: dict[str, Any], mirror: str | None = None) -> Source:
    """Validate one parsed definition (merged over its preset) into a Source."""
    _check_types(path, data, _TOP_KEYS)
    preset_name = _choice(path, data, "preset", PRESETS, default="generic")
    preset = load_preset(preset_name)
    merged = {**{k: v for k, v in preset.items() if k != "pagination"}, **data}
    for key in _REQUIRED:
        if key not in merged:
            raise _fail(path, key, "is required; see the schema in pipeline/sources.py")
    name = merged["name"]
    if not NAME.match(name):
        raise _fail(path, "name", f"{name!r} must use only a-z, 0-9 and '-'")
    urls = _start_urls(path, merged, mirror)
    delay = float(merged.get("delay", 1.0))
    if delay < 0:
        raise _fail(path, "delay", f"is {delay}; give seconds >= 0")
    return Source(
        name=name,
        title=merged.get("title") or name,
        city=merged["city"].strip() or None,
        level=_choice(path, merged, "level", LEVELS),
        preset=preset_name,
        start_urls=urls,
        allowed_hosts=_allowed_hosts(path, merged, urls, mirror),
        article_pattern=_pattern(path, merged["article_pattern"]),
        delay=delay,
        verified=_choice(path, merged, "verified", VERIFIED),
        encoding=merged.get("encoding", "").strip() or None,
        pagination=_pagination(path, preset, data),
        selectors=_selectors(path, merged),
        path=path,
    )


def load_source(path: Path, *, mirror: str | None = None) -> Source:
    return build_source(Path(path), _read(Path(path)), mirror)


def _needs_mirror(data: dict[str, Any]) -> bool:
    values = [*data.get("start_urls", []), *data.get("allowed_hosts", [])]
    return any(isinstance(v, str) and PLACEHOLDER.search(v) for v in values)


def load_sources(directory: Path | None = None, *, mirror: str | None = None) -> list[Source]:
    """Every NAME.toml in directory (default corpus/sources), sorted by name.

    Definitions written for a local mirror ("{mirror}" in their URLs) are skipped when no mirror
    base URL is given, because they cannot be crawled without one.
    """
    directory = Path(directory) if directory else corpus_path("sources")
    if not directory.is_dir():
        raise SourceError(f"{directory}: no such folder of site definitions; give --sources-dir")
    sources: dict[str, Source] = {}
    for path in sorted(directory.glob("*.toml")):
        data = _read(path)
        if mirror is None and _needs_mirror(data):
            log.debug("skipping %s: it is written for a local mirror", path.name)
            continue
        source = build_source(path, data, mirror)
        if source.name in sources:
            raise _fail(path, "name", f"{source.name!r} is also used by {sources[source.name].path}")
        sources[source.name] = source
    return [sources[name] for name in sorted(sources)]
