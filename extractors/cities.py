"""Which place 我市/全市/本市 refers to: the caller's hint, else the place the text names most.

The hint (``--city``, the sidecar ``NAME.meta.json``, or the site definition) always wins.
Without one, full names of prefecture-level cities and provinces from
``corpus/dictionaries/places.tsv`` are counted in the text, with a bonus for the forms that
mark the article's own government (黄石市委, 东营市政府, 莆田市长); counties count towards
their city only when the text speaks of 我县/全县.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from extractors.resources import read_lines

_OWN_ORGANS = ("委", "政府", "人民政府", "长", "人大", "政协", "领导")
_OWN_BONUS = 3


@cache
def place_levels() -> dict[str, str]:
    """Full place name -> level (province | city | county)."""
    return {line.split("\t")[0]: line.split("\t")[1] for line in read_lines("dictionaries", "places.tsv")}


@cache
def _place_re() -> re.Pattern[str]:
    names = sorted(place_levels(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def resolve_city(text: str, hint: str | None) -> str | None:
    """The city the article is about: ``hint`` when given, else inferred from ``text``."""
    if hint and hint.strip():
        return hint.strip()
    if not text:
        return None
    county_voice = "我县" in text or "全县" in text
    scores: Counter[str] = Counter()
    for match in _place_re().finditer(text):
        name = match.group()
        level = place_levels()[name]
        if level == "county" and not county_voice:
            continue
        own = text.startswith(_OWN_ORGANS, match.end())
        scores[name] += 1 + (_OWN_BONUS if own else 0)
    if not scores:
        return None
    return scores.most_common(1)[0][0]
