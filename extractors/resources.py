"""Locate the data files in ``corpus/`` from a checkout and from an installed wheel.

The wheel installs ``corpus/`` beside the ``extractors`` package (see pyproject.toml), so the
same relative path works in both cases; ``ZHAOSHANG_CORPUS`` overrides it for custom rule sets.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


class CorpusNotFound(RuntimeError):
    """The corpus directory with rules and dictionaries is missing."""


@cache
def corpus_dir() -> Path:
    override = os.environ.get("ZHAOSHANG_CORPUS")
    path = Path(override) if override else Path(__file__).resolve().parent.parent / "corpus"
    if not path.is_dir():
        raise CorpusNotFound(f"corpus directory not found at {path}; reinstall zhaoshang or set ZHAOSHANG_CORPUS")
    return path


def corpus_path(*parts: str) -> Path:
    """Path of a data file inside corpus/, e.g. corpus_path("vocab", "metrics.tsv")."""
    return corpus_dir().joinpath(*parts)


def read_lines(*parts: str) -> list[str]:
    """Lines of a corpus text file with ``#`` comments and blank lines dropped."""
    text = corpus_path(*parts).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
