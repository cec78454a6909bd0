"""Tokens for the full-text index: SQLite's FTS5 does not split Chinese, so we segment first."""

from __future__ import annotations

import logging

import jieba

# jieba announces its dictionary build on stderr through its own logger; keep the terminal clean.
jieba.setLogLevel(logging.WARNING)


def search_tokens(text: str, *, for_query: bool = False) -> list[str]:
    """Words of ``text``: every sub-word for indexing (so 签约 finds 签约金额), plain words for a query."""
    words = jieba.lcut(text) if for_query else jieba.lcut_for_search(text)
    return [w for w in words if w.strip() and not _is_punctuation(w)]


def _is_punctuation(word: str) -> bool:
    return all(not ch.isalnum() for ch in word)
