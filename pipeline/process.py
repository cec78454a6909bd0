"""Glue between a parsed Article and the extractors: the only caller of extractors.extract."""

from __future__ import annotations

from datetime import date

from extractors import extract
from extractors.facts import Facts
from pipeline.article import Article


class BadDate(ValueError):
    """A publication date that is not YYYY-MM-DD."""


def parse_iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError as err:
        raise BadDate(f"not a date (want YYYY-MM-DD): {value!r}") from err


def analyse(article: Article) -> Facts:
    """Extract facts from one article, anchoring periods on its publication date."""
    return extract(article.text, published=parse_iso_date(article.published), city=article.city)
