"""Articles written in traditional characters: read in simplified, reported as written.

Every rule, dictionary and place list of the extractors is in simplified characters, so a
repost in traditional characters (市委書記汪瑩純, 凱盛科技集團) would lose its leaders and
companies.  The article is mapped character by character to simplified with OpenCC's table
(``TSCharacters.txt`` of opencc-python-reimplemented; one character for one, so every offset
stays valid), the facts are extracted from that copy, and every string a fact took from the
text is then read back from the original at the same offsets: evidence stays exact
(``article[start:end] == text``) and names are reported as the article writes them.

A simplified article that happens to contain a few characters the table would change (乾县,
著名) is left alone: only an article with many such characters is mapped.
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from importlib.resources import files
from typing import Any

from extractors.facts import Facts

# An article is read as traditional when at least this many characters, and this share of its
# Chinese characters, change; a simplified page rarely has more than a handful (乾, 著, 覆).
_MIN_CHANGED = 8
_MIN_SHARE = 0.02
# Fields holding a fixed vocabulary rather than words of the article: never re-read.
_VOCABULARY = frozenset({"currency", "unit", "metric", "stage", "period", "basis"})
_NEAR = 200  # characters around a fact where its other strings are looked for first


@cache
def _table() -> dict[int, str]:
    """Traditional -> simplified, single code point to single code point (first candidate)."""
    table: dict[int, str] = {}
    text = files("opencc").joinpath("dictionary/TSCharacters.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        trad, _, simple = line.partition("\t")
        first = simple.split(" ")[0] if simple else ""
        if len(trad) == 1 and len(first) == 1 and first != trad:
            table[ord(trad)] = first
    return table


def simplified(text: str) -> str:
    """The article in simplified characters, the same length; ``text`` itself when it is not
    written in traditional characters."""
    mapped = text.translate(_table())
    if mapped == text:
        return text
    changed = sum(a != b for a, b in zip(text, mapped, strict=True))
    chinese = sum("\u4e00" <= ch <= "\u9fff" for ch in text) or 1
    return mapped if changed >= _MIN_CHANGED and changed / chinese >= _MIN_SHARE else text


def restore_written(facts: Facts, original: str, mapped: str) -> None:
    """Read every string the facts took from ``mapped`` back from ``original``, in place."""
    if facts.period is not None and facts.period.start is not None and facts.period.end is not None:
        facts.period.text = original[facts.period.start : facts.period.end]
    if facts.city:
        facts.city = _written(facts.city, original, mapped, 0)
    for name in Facts.LISTS:
        for fact in getattr(facts, name):
            _restore_fact(fact, original, mapped)


def _restore_fact(fact: Any, original: str, mapped: str) -> None:
    start = getattr(fact, "start", 0) or 0
    for f in fields(fact):
        if f.name in _VOCABULARY:
            continue
        value = getattr(fact, f.name)
        if isinstance(value, str) and value:
            setattr(fact, f.name, _written(value, original, mapped, start))
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            setattr(fact, f.name, [_written(v, original, mapped, start) for v in value])


def _written(value: str, original: str, mapped: str, near: int) -> str:
    """``value`` as the original writes it: the slice of ``original`` where ``mapped`` has it,
    nearest to ``near``; unchanged when the text does not hold it (a label the rules composed)."""
    if mapped.startswith(value, near):
        return original[near : near + len(value)]  # the fact's own evidence
    window = mapped.find(value, max(0, near - _NEAR), near + _NEAR + len(value))
    at = window if window != -1 else mapped.find(value)
    return original[at : at + len(value)] if at != -1 else value


__all__ = ["restore_written", "simplified"]
