"""List pages: canonical URLs, article links (with the date printed beside them) and pagination.

Two CMS families cover most portals. TRS WCM writes ``createPageHTML(countPage, currentPage,
"index", "html")`` and serves index.html, index_1.html, … . Hanweb JCMS puts the first records
in a ``<script type="text/xml"><datastore>`` block whose ``<nextgroup>`` names dataproxy.jsp; the
later records come as XML with one CDATA ``<record>`` per article. Links are read from the page
and from every CDATA section, so both families (and plain HTML lists) go through one function.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html import unescape
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Tag

from pipeline.sources import Source

# Query parameters that track campaigns or sessions and never change the page.
TRACKING_PARAMS = frozenset({"spm", "from", "isappinstalled", "share_token", "fbclid", "gclid", "yclid", "scene"})
TRACKING_PREFIXES = ("utm_",)
DEFAULT_PORTS = {"http": 80, "https": 443}
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
TRS_PAGES = re.compile(r"createPageHTML\(\s*['\"]?(\d+)")
NUMBER_VAR = r"{name}\s*[=:]\s*['\"]?(\d+)"


@dataclass(frozen=True)
class Link:
    url: str
    listed: date | None = None  # date printed beside the link on the list page


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters, sorted query."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(sorted(query)), ""))


def _listed_date(anchor: Tag) -> date | None:
    container = anchor.find_parent(["li", "tr", "dd", "p"]) or anchor.parent
    text = container.get_text(" ", strip=True) if container else ""
    match = DATE.search(text)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _fragments(html: str) -> list[str]:
    html = XML_DECLARATION.sub("", html)  # dataproxy answers are XML; lxml's HTML parser reads them fine
    return [html, *(unescape(m) if "&lt;" in m else m for m in CDATA.findall(html))]


def article_links(html: str, page_url: str, source: Source) -> list[Link]:
    """Article links on a list page (page HTML and CDATA records), canonical, in page order."""
    links: dict[str, Link] = {}
    for fragment in _fragments(html):
        soup = BeautifulSoup(fragment, "lxml")
        for anchor in soup.find_all("a", href=True):
            href = str(anchor["href"]).strip()
            if not href or href.startswith(("javascript:", "mailto:", "#")):
                continue
            url = canonical_url(urljoin(page_url, href))
            if source.article_pattern.search(url) and url not in links:
                links[url] = Link(url, _listed_date(anchor))
    return list(links.values())


def trs_page_count(html: str) -> int | None:
    """countPage announced by TRS's createPageHTML(...) call, if any."""
    if "createPageHTML" not in html:
        return None
    match = TRS_PAGES.search(html)
    return int(match[1]) if match else _number(html, "countPage")


def numbered_page_url(start_url: str, pattern: str, n: int) -> str:
    """List page n of a numbered pagination (pattern like "index_{n}.html" or "?page={n}")."""
    return urljoin(start_url, pattern.format(n=n))


@dataclass(frozen=True)
class HanwebPaging:
    proxy_url: str  # dataproxy.jsp without its query
    params: dict[str, str]  # the nextgroup's parameters, sent as the POST form
    total: int | None
    per_page: int


def _number(html: str, name: str) -> int | None:
    match = re.search(NUMBER_VAR.format(name=name), html, re.I)
    return int(match[1]) if match else None


def hanweb_paging(html: str, page_url: str, default_per_page: int) -> HanwebPaging | None:
    """Where and how to ask for more records of a Hanweb column page (None for other pages)."""
    block = re.search(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>", html, re.S)
    if not block:
        return None
    href = re.search(r"href\s*=\s*['\"]([^'\"]+)", block[1])
    if not href:
        return None
    parts = urlsplit(urljoin(page_url, unescape(href[1])))
    total = _number(html, "totalrecord") or _number(html, "totalRecord")
    per_page = _number(html, "perpage") or default_per_page
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    proxy = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    return HanwebPaging(proxy, params, total, per_page)


def hanweb_request(paging: HanwebPaging, k: int) -> tuple[str, dict[str, str]]:
    """URL and form of record group k >= 1 (group 0 is on the column page itself)."""
    first = 1 + k * paging.per_page
    query = urlencode({"startrecord": first, "endrecord": first + paging.per_page - 1, "perpage": paging.per_page})
    return f"{paging.proxy_url}?{query}", dict(paging.params)


def hanweb_groups(paging: HanwebPaging) -> int | None:
    """Number of record groups announced (the column page's own group included)."""
    if paging.total is None:
        return None
    return max(1, -(-paging.total // paging.per_page))
