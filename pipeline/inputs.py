"""Local files as articles: .txt bodies, saved .html pages, sidecar NAME.meta.json."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pipeline.article import Article

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
# Files beside articles that are not articles themselves.
_SIDECARS = (".meta.json", ".gold.json", ".expected.json")


class InputError(ValueError):
    """A file or folder that cannot be read as an article; the message names it and why."""


def is_article_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES and not path.name.startswith(".")


def article_files(path: Path) -> list[Path]:
    """The article files of a folder, in name order; an error when there are none."""
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.is_file():
        return [path]
    files = sorted(p for p in path.iterdir() if is_article_file(p))
    if not files:
        raise InputError(f"{path}: no .txt or .html articles in this directory")
    return files


def read_sidecar(path: Path) -> dict[str, str | None]:
    """NAME.meta.json beside NAME.txt / NAME.html, when it exists (keys published, city, title, url)."""
    meta = path.with_name(path.stem + ".meta.json")
    if not meta.exists():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(f"{meta}: not valid JSON ({err}); fix or remove the sidecar") from err
    return data if isinstance(data, dict) else {}


def _read_text_body(path: Path, raw: bytes) -> str:
    if b"\x00" in raw:
        raise InputError(f"{path}: binary data, not a UTF-8 text article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text (byte {err.start}); save it as UTF-8 or as .html") from err
    return text


def read_article(path: Path, *, published: str | None = None, city: str | None = None) -> Article:
    """Read one local file as an Article; options beat the sidecar, which beats the page itself."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() not in TEXT_SUFFIXES + HTML_SUFFIXES:
        raise InputError(f"{path}: not a .txt or .html article")
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(f"{path}: empty file")
    if path.suffix.lower() in HTML_SUFFIXES:
        article = _parse_html(path, raw)
    else:
        article = Article(text=_read_text_body(path, raw))
    if not article.text.strip():
        raise InputError(f"{path}: no article text found")
    meta = read_sidecar(path)
    article.published = published or meta.get("published") or article.published
    article.city = city or meta.get("city") or article.city
    article.title = article.title or meta.get("title")
    article.url = article.url or meta.get("url")
    return article


def _parse_html(path: Path, raw: bytes) -> Article:
    from pipeline.encoding import EncodingError
    from pipeline.parse import ParseError, parse_page

    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: binary data, not an HTML page")
    try:
        return parse_page(raw)
    except EncodingError as err:
        raise InputError(f"{path}: cannot decode the page ({err})") from err
    except ParseError as err:
        raise InputError(f"{path}: no article found in the page ({err})") from err


def read_stdin_article(data: bytes, *, published: str | None, city: str | None) -> Article:
    """Standard input: HTML when it looks like a page, otherwise a UTF-8 text body."""
    if not data.strip():
        raise InputError("standard input: empty")
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html")):
        article = _parse_html(Path("<stdin>"), data)
    else:
        article = Article(text=_read_text_body(Path("<stdin>"), data))
    article.published, article.city = published, city
    return article


def iter_articles(paths: list[Path]) -> Iterator[tuple[Path, Article | InputError]]:
    """Every article file under the given paths, with the error in place of a bad one."""
    for path in paths:
        for file in article_files(path):
            try:
                yield file, read_article(file)
            except InputError as err:
                yield file, err
