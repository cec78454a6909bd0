"""Word lists from corpus/ turned into regex alternations: the one place rules are built from words."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """Words -> a regex alternation, longest first so 美元 wins over 元 (ties in a fixed order).

    The escaping is plain ``re.escape``, which both ``re`` and ``regex`` patterns accept.
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
