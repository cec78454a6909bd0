"""HTML page -> Article: title, publication date, source line and clean body paragraphs.

Each field is looked up in three layers, first hit wins: the site's own CSS selectors, the CMS
preset (TRS WCM, Hanweb JCMS, gov.cn — data in corpus/presets/*.toml, detected from the page when
the site does not name one), then generic rules (standard meta tags, labelled lines such as
"发布时间：2024-04-15 09:30" / "来源：东营日报", and a main-text extractor for the body).
The body keeps the page's paragraphs, one per line, without scripts, navigation or share buttons.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from extractors.resources import corpus_path
from pipeline.article import Article
from pipeline.encoding import decode_html

log = logging.getLogger(__name__)

PRESETS = ("trs", "hanweb", "govcn")
# fmt: off
BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "table", "section", "article", "blockquote", "center", "pre", "dd", "dt", "dl", "figure",
        "figcaption", "header", "footer", "aside", "hr", "address", "main",
    }
)
# fmt: on
SKIPPED_STRINGS = (Comment, Doctype, Declaration, ProcessingInstruction, CData)
PROSE = re.compile("[，。；！？]")
SENTENCE_END = re.compile("[。！？]")
MIN_BODY_CHARS = 20  # fewer non-blank characters than this is navigation, not an article
DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
TITLE_SEPARATORS = re.compile(r"\s*(?:__?|--|\||｜|—|-\s)\s*")
CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3001-\u303f\uff00-\uffef]")
LAYOUT_SPACE = re.compile(r"[^\S\n\u3000]*[\n\u3000\xa0][\s\xa0\u3000]*")


class ParseError(ValueError):
    """The page holds no article that can be read."""


@dataclass(frozen=True)
class Rules:
    """One layer of lookup rules (a site definition, a CMS preset, or the generic rules)."""

    name: str
    title: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    detect: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    date_labels: tuple[str, ...] = ()
    source_labels: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


@cache
def load_preset(name: str) -> Rules:
    """Rules from corpus/presets/NAME.toml; raises ParseError for an unknown preset."""
    path = corpus_path("presets", f"{name}.toml")
    if not path.is_file():
        raise ParseError(f"unknown CMS preset {name!r} (no file {path})")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    known = set(Rules.__dataclass_fields__) - {"extra"}
    values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in known}
    return Rules(**values, extra={k: v for k, v in data.items() if k not in known})


def site_rules(selectors: dict[str, str] | None) -> Rules | None:
    if not selectors:
        return None
    fields = ("title", "date", "source", "body")
    return Rules("site", **{k: (selectors[k],) for k in fields if selectors.get(k)})


def detect_preset(soup: BeautifulSoup) -> str | None:
    for name in PRESETS:
        if any(soup.select_one(sel) for sel in load_preset(name).detect):
            return name
    return None


def clean_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def compact(text: str) -> str:
    """Title spelling: line breaks and full-width spaces next to Chinese text are layout, not
    content; a plain single space stays, headlines use it as a separator ("…8日投产 为深圳…")."""

    def join(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        return "" if CJK_CHAR.match(before) or CJK_CHAR.match(after) else " "

    text = text.strip()
    return clean_line(LAYOUT_SPACE.sub(join, text))


def _emit(node: Tag, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, SKIPPED_STRINGS):
                out.append(re.sub(r"\s+", " ", str(child)))
            continue
        if not isinstance(child, Tag):
            continue
        block = child.name in BLOCK_TAGS
        if block:
            out.append("\n")
        _emit(child, out)
        if block:
            out.append("\n")


def block_lines(node: Tag) -> list[str]:
    """The text of an element as lines, one per paragraph / line break, blank lines dropped."""
    out: list[str] = []
    _emit(node, out)
    return [line for line in (clean_line(part) for part in "".join(out).split("\n")) if line]


def parse_date(text: str | None) -> str | None:
    """First valid date in ``text`` as ISO YYYY-MM-DD ("2024年04月15日", "2021/6/9", "2024-04-15")."""
    for match in DATE.finditer(text or ""):
        try:
            return date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            continue
    return None


def select_value(soup: BeautifulSoup, selector: str) -> str | None:
    """Text (or ``@attr`` value) of the first element matching ``selector`` that is not blank."""
    css, _, attr = selector.partition("@")
    if css.strip() == "title":
        return title_from_head(soup)
    for element in soup.select(css):
        value = element.get(attr) if attr else " ".join(block_lines(element))
        if isinstance(value, list):
            value = " ".join(value)
        if value and value.strip():
            return value.strip()
    return None


def title_from_head(soup: BeautifulSoup) -> str | None:
    """<title> without the portal name: "标题_栏目_某某市人民政府" -> "标题"."""
    if not soup.title or not soup.title.get_text(strip=True):
        return None
    parts = [p for p in TITLE_SEPARATORS.split(soup.title.get_text(" ", strip=True)) if p.strip()]
    return parts[0] if parts and len(compact(parts[0])) >= 4 else None


def first_value(soup: BeautifulSoup, layers: Iterable[Rules], field_name: str) -> str | None:
    for rules in layers:
        for selector in getattr(rules, field_name):
            value = select_value(soup, selector)
            if value:
                return value
    return None


def _labelled(labels: Iterable[str], value: str) -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    return re.compile(rf"(?:{words})\s*[:：]\s*{value}")


def find_title(soup: BeautifulSoup, layers: list[Rules], lines: list[str], generic: Rules) -> str | None:
    found = first_value(soup, layers, "title")
    if found:
        return compact(found)
    head = compact(soup.title.get_text(" ")) if soup.title else ""
    if head:
        for element in soup.select("h1, h2, h3, [class*=title], [class*=tit]"):
            text = compact(element.get_text(" "))
            if 4 <= len(text) <= 120 and text in head:
                return text
    from_head = title_from_head(soup)
    if from_head:
        return compact(from_head)
    # Pages without a usable <title> still print the headline right above the dateline.
    dateline = _labelled(generic.date_labels, DATE.pattern)
    for i, line in enumerate(lines):
        if dateline.search(line):
            for previous in reversed(lines[max(0, i - 3) : i]):
                if 6 <= len(previous) <= 120 and not re.search("[:：]", previous):
                    return compact(previous)
            break
    h1 = soup.find("h1")
    return compact(h1.get_text(" ")) if h1 and h1.get_text(strip=True) else None


def find_date(
    soup: BeautifulSoup, layers: list[Rules], lines: list[str], generic: Rules, body: list[str]
) -> str | None:
    for rules in layers:
        for selector in rules.date:
            found = parse_date(select_value(soup, selector))
            if found:
                return found
    match = _labelled(generic.date_labels, DATE.pattern).search("\n".join(lines))
    if match:
        return parse_date(match.group(0))
    # News templates print an unlabelled date on the line with the source: "2019年06月15日 来源：…".
    source_line = _labelled(generic.source_labels, "")
    for line in lines:
        if source_line.search(line) and parse_date(line):
            return parse_date(line)
    # Documents such as State Council bulletins carry their date in their opening lines.
    return parse_date("\n".join(body[:5])[:300])


def find_source(soup: BeautifulSoup, layers: list[Rules], lines: list[str], generic: Rules) -> str | None:
    labels = _labelled(generic.source_labels, "")
    found = first_value(soup, layers, "source")
    if found:
        return labels.sub("", found).strip() or None
    match = _labelled(generic.source_labels, r"([^\s|｜:：<>]{2,40})").search("\n".join(lines))
    return match.group(1).strip("，。、;；") if match else None


def body_from_element(element: Tag, generic: Rules) -> list[str]:
    for selector in generic.remove:
        for junk in element.select(selector):
            if junk is not element:
                junk.decompose()
    return block_lines(element)


def _enough(lines: list[str]) -> bool:
    return sum(len(line.replace(" ", "")) for line in lines) >= MIN_BODY_CHARS


def find_body(soup: BeautifulSoup, html: str, layers: list[Rules], generic: Rules) -> list[str]:
    for rules in layers:
        for selector in rules.body:
            element = soup.select_one(selector)
            if element is not None:
                lines = body_from_element(element, generic)
                if _enough(lines):
                    return lines
    # The paragraph-density block is exact on typical portal templates; trafilatura covers
    # pages whose text is not in <p> elements.
    element = densest_block(soup)
    lines = body_from_element(element, generic) if element is not None else []
    if not _enough(lines):
        lines = main_text(html)
    # Without a known container, demand running prose: on list and navigation pages the
    # extractors return headlines and menus, which never end a sentence with "。".
    return lines if any(SENTENCE_END.search(line) for line in lines) else []


def main_text(html: str) -> list[str]:
    """Generic main-text extraction (trafilatura), as clean lines."""
    import trafilatura  # imported late: it is slow to import and only the fallback needs it

    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
    )
    return [line for line in (clean_line(part) for part in (text or "").split("\n")) if line]


def densest_block(soup: BeautifulSoup) -> Tag | None:
    """The element whose leaf <p>/<div> children hold the most prose outside links."""
    best, best_score = None, 0
    for element in soup.find_all(["div", "td", "article", "section"]):
        score = 0
        for p in element.find_all(["p", "div"], recursive=False):
            if p.find(["p", "div", "table", "ul"]):
                continue  # only leaf paragraphs count, or every wrapper would win
            text = p.get_text(strip=True)
            if not PROSE.search(text):
                continue  # menus and link lists have no sentence punctuation
            links = sum(len(a.get_text(strip=True)) for a in p.find_all("a"))
            score += max(0, len(text) - 2 * links)
        if score > best_score:
            best, best_score = element, score
    return best


def parse_article(
    html: str, url: str | None = None, selectors: dict[str, str] | None = None, preset: str | None = None
) -> Article:
    """Parse a decoded page; raises ParseError when no article body can be found."""
    if not html or not html.strip():
        raise ParseError("empty page")
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    soup = BeautifulSoup(html, "lxml")
    for junk in soup(["script", "style", "noscript", "template"]):
        junk.decompose()
    generic = load_preset("generic")
    chosen = preset if preset and preset != "generic" else (None if preset else detect_preset(soup))
    layers = [r for r in (site_rules(selectors), load_preset(chosen) if chosen else None) if r]
    layers.append(generic)
    lines = block_lines(soup.body or soup)
    body = find_body(soup, html, layers, generic)
    if not _enough(body):
        raise ParseError(f"no article body found{' at ' + url if url else ''}")
    return Article(
        text="\n".join(body),
        title=find_title(soup, layers, lines, generic),
        published=find_date(soup, layers, lines, generic, body),
        source=find_source(soup, layers, lines, generic),
        url=url,
    )


def parse_page(
    raw: bytes,
    url: str | None = None,
    content_type: str | None = None,
    selectors: dict[str, str] | None = None,
    preset: str | None = None,
) -> Article:
    """Decode and parse fetched bytes; raises EncodingError (undecodable) or ParseError."""
    text, codec = decode_html(raw, content_type)
    article = parse_article(text, url=url, selectors=selectors, preset=preset)
    article.encoding = codec
    return article
