"""Which place 我市/全市/本市 refers to: the caller's hint, else the place the text names most.

The hint (``--city``, the sidecar ``NAME.meta.json``, or the site definition) always wins.
Without one, full names of prefecture-level cities and provinces from
``corpus/dictionaries/places.tsv`` are counted in the text, with a bonus for the forms that
mark the article's own government (黄石市委, 东营市政府, 莆田市长); counties count towards
their city only when the text speaks of 我县/全县. A text naming no place but giving figures for
全国 is a national report and resolves to 全国.
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


# 广西壮族自治区 -> 广西, 恩施土家族苗族自治州 -> 恩施: the peoples named before 自治 go with it
# (a people is written with 族, except the few written without it: 新疆维吾尔自治区).
_PEOPLES = (
    "蒙古|壮|回|藏|苗|彝|侗|瑶|白|傣|黎|畲|满|羌|佤|水|土|朝鲜|土家|布依|哈尼|傈僳|纳西|拉祜|景颇|仡佬|仫佬|毛南|"
    "撒拉|保安|东乡|裕固|锡伯|达斡尔|鄂温克|鄂伦春|普米|怒|独龙|德昂|阿昌|基诺|各"
)
_AUTONOMOUS = re.compile(rf"(?:(?:{_PEOPLES})族|维吾尔|哈萨克|柯尔克孜|塔吉克)+自治(?:区|州|县|旗)$")
_ADMIN_SUFFIX = re.compile(r"(省|市|县|区|自治区|自治州|自治县|自治旗|特别行政区|盟|旗)$")


def short_name(place: str) -> str:
    """山东省 -> 山东, 东营市 -> 东营; a name that would shrink below two characters stays whole."""
    for suffix in (_AUTONOMOUS, _ADMIN_SUFFIX):
        short = suffix.sub("", place)
        if short != place and len(short) >= 2:
            return short
    return place


@cache
def place_names() -> tuple[str, ...]:
    """Place names with and without their administrative suffix (山东省, 山东), longest first."""
    names = set(place_levels())
    names.update(short_name(name) for name in place_levels())
    return tuple(sorted(names, key=len, reverse=True))


@cache
def place_set() -> frozenset[str]:
    """place_names() for membership tests."""
    return frozenset(place_names())


def own_names(city: str | None) -> frozenset[str]:
    """The ways an article names its own city (东营市, 东营)."""
    return frozenset({city, short_name(city)}) if city else frozenset()


_SUFFIX = re.compile(r"[省市县区州盟旗]")
_LONGEST_NAME = 12


def _places_in(text: str) -> list[tuple[str, int]]:
    """(full place name, end offset) for each mention; looked up from the suffix leftwards,
    which is far cheaper than one regex alternation of three thousand names."""
    levels = place_levels()
    found = []
    for suffix in _SUFFIX.finditer(text):
        end = suffix.end()
        for size in range(min(_LONGEST_NAME, end), 1, -1):
            if text[end - size : end] in levels:
                found.append((text[end - size : end], end))
                break
    return found


# A report on the whole country (商务部: 全国实际使用外资1022.8亿元) names no city or province; its
# figures belong to 全国, the place compare tables show them under. 全国人民代表大会… names no figure.
NATIONAL = "全国"
_NATIONAL_FIGURE = re.compile(r"全国[^，。；,;！？\n\d]{0,12}\d")


def resolve_city(text: str, hint: str | None) -> str | None:
    """The city the article is about: ``hint`` when given, else inferred from ``text``."""
    if hint and hint.strip():
        return hint.strip()
    if not text:
        return None
    county_voice = "我县" in text or "全县" in text
    scores: Counter[str] = Counter()
    for name, end in _places_in(text):
        level = place_levels()[name]
        if level == "county" and not county_voice:
            continue
        own = text.startswith(_OWN_ORGANS, end)
        scores[name] += 1 + (_OWN_BONUS if own else 0)
    if not scores:
        return NATIONAL if _NATIONAL_FIGURE.search(text) else None
    return scores.most_common(1)[0][0]
