"""Tokens for the full-text index: SQLite's FTS5 does not split Chinese, so we segment first."""

from __future__ import annotations

from extractors.segment import jieba_tokenizer


def search_tokens(text: str, *, for_query: bool = False) -> list[str]:
    """Words of ``text``: every sub-word for indexing (so 签约 finds 签约金额), plain words for a query.

    The tokenizer is the extractors' one jieba instance, with the project's user dictionaries,
    so the index and the extractors agree on what a word is.
    """
    tokenizer = jieba_tokenizer()
    words = tokenizer.lcut(text) if for_query else tokenizer.lcut_for_search(text)
    return [w for w in words if w.strip() and not _is_punctuation(w)]


def _is_punctuation(word: str) -> bool:
    return all(not ch.isalnum() for ch in word)
