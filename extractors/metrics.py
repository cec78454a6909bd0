"""Canonical metric names: many written forms of a measure, one name to compare by.

The vocabulary is data (corpus/vocab/metrics.tsv): exact written forms, and endings marked
with ``*`` (``*总投资`` covers 计划总投资 and 项目总投资). An exact form wins over an ending,
and a longer ending over a shorter one, so 累计完成投资 -> 完成投资 while 投资 stays 投资.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extractors.resources import read_lines

VOCAB = ("vocab", "metrics.tsv")
_STRIP = str.maketrans("", "", " \t\u3000“”\"'‘’「」《》")


class MetricVocabularyError(ValueError):
    """A line of metrics.tsv is not ``CANONICAL<TAB>FORM``."""


@dataclass(frozen=True, slots=True)
class MetricVocabulary:
    exact: dict[str, str]
    endings: tuple[tuple[str, str], ...]  # (ending, canonical), longest ending first

    def lookup(self, label: str) -> str | None:
        key = label.translate(_STRIP)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key]
        for ending, canonical in self.endings:
            if key.endswith(ending):
                return canonical
        return None


def parse_vocabulary(lines: list[str]) -> MetricVocabulary:
    """Build the lookup tables from the non-comment lines of metrics.tsv."""
    exact: dict[str, str] = {}
    endings: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        canonical, sep, form = line.partition("\t")
        canonical, form = canonical.strip(), form.strip()
        if not sep or not canonical or not form:
            raise MetricVocabularyError(f"metrics.tsv entry {number} is not CANONICAL<TAB>FORM: {line!r}")
        if form.startswith("*"):
            endings[form[1:].translate(_STRIP)] = canonical
        else:
            exact[form.translate(_STRIP)] = canonical
    ordered = tuple(sorted(endings.items(), key=lambda item: -len(item[0])))
    return MetricVocabulary(exact=exact, endings=ordered)


@cache
def vocabulary() -> MetricVocabulary:
    return parse_vocabulary(read_lines(*VOCAB))


def canonical_metric(label: str | None) -> str | None:
    """Canonical name of the measure a label names, or ``None`` when the vocabulary has none.

    >>> canonical_metric("实际到位资金")
    '到位资金'
    """
    if not label:
        return None
    return vocabulary().lookup(label)


__all__ = ["MetricVocabulary", "MetricVocabularyError", "canonical_metric", "parse_vocabulary", "vocabulary"]
