"""The sentence around a span: the evidence a researcher reads next to a number."""

from __future__ import annotations

_ENDS = "。！？!?\n；;"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (between 。！？ or line breaks) that contains text[start:end]."""
    left = max((text.rfind(mark, 0, start) for mark in _ENDS), default=-1) + 1
    rights = [i for i in (text.find(mark, end) for mark in _ENDS) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()
