"""Numerals as written in Chinese news, parsed exactly into ``Decimal``.

Handles Arabic digits with thousands separators (601,293.11; 82，225.00), full-width digits
(１２０, １．２), Chinese numerals (一百二十, 两千九百六十, 六十四万零一百四十三), digit-by-digit
years (二〇二三), financial numerals (壹万贰仟, 肆佰叁拾萬) and the multipliers 十/百/千/万/亿 in any
mix (1.2万亿, 3亿2000万, 12000万, 百亿, 千万亿). Everything is computed in ``Decimal`` so that
16.4亿 is exactly 1640000000.

The regular-expression fragments below (``NUMERAL``) are what the figure extractors embed
to find numerals; ``parse_numeral`` turns a matched string into a value.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex


class NumeralError(ValueError):
    """A string that is not a numeral (empty, stray characters, unit without a number)."""


DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "洞": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
POINTS = "点點"

_CN_DIGIT_CHARS = "".join(DIGITS)
_UNIT_CHARS = "".join(SMALL_UNITS) + "".join(BIG_UNITS)

# Arabic digits, ASCII or full-width, with optional thousands separators and decimals.
ARABIC = r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
# A run of Chinese numeral characters (digits, units, 点); must contain a digit or 十/百/千.
CHINESE = rf"[{_CN_DIGIT_CHARS}十拾百佰千仟][{_CN_DIGIT_CHARS}{_UNIT_CHARS}{POINTS}]*"
# A full numeral: Arabic or Chinese pieces, then any mix of multipliers and further pieces
# (3亿2000万, 1.2万亿, 两千九百六十, 六十四万零一百四十三).
NUMERAL = rf"(?:{ARABIC}|{CHINESE})(?:[{_UNIT_CHARS}]+(?:{ARABIC}|{CHINESE})?)*"
_TOKEN = regex.compile(rf"(?P<arabic>{ARABIC})|(?P<char>.)", regex.S)
_SEPARATOR = regex.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
_CN_DIGIT_RUN = regex.compile(rf"[{_CN_DIGIT_CHARS}]*")


def _normalise(text: str) -> str:
    """Full-width to ASCII, thousands separators removed, surrounding spaces stripped."""
    text = unicodedata.normalize("NFKC", text).strip()
    return _SEPARATOR.sub("", text)


def _is_digit_by_digit(text: str) -> bool:
    """二〇二三, 一九九八: two or more Chinese digits with no unit between them."""
    return len(text) >= 2 and all(ch in DIGITS for ch in text)


class _Accumulator:
    """Left-to-right numeral evaluation with sections below 万 and big-unit groups.

    A big unit larger than the last one applied multiplies everything so far (1.2万亿,
    一万二千亿, 千万亿); a smaller one starts a new group (3亿2000万).
    """

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.section = Decimal(0)
        self.digit: Decimal | None = None
        self.last_big = 0
        self.last_unit = 0  # value of the unit just before the pending digit (for 两万五)
        self.after_zero = False
        self.seen = False

    def add_digit(self, value: Decimal, arabic: bool) -> None:
        if self.digit is not None and not (self.digit == 0 and not arabic):
            raise NumeralError(f"two numbers in a row without a unit: {value}")
        self.after_zero = self.digit == 0 or value == 0
        self.digit = value
        self.seen = True
        if arabic:
            self.last_unit = 0

    def add_small(self, unit: int) -> None:
        self.section += (self.digit if self.digit is not None else Decimal(1)) * unit
        self.digit = None
        self.last_unit = unit
        self.seen = True

    def add_big(self, unit: int) -> None:
        current = self.section + (self.digit or 0)
        if current == 0 and self.total == 0 and not self.seen:
            raise NumeralError("a multiplier without a number")
        if unit > self.last_big:
            self.total = (self.total + current) * unit
        else:
            self.total += current * unit
        self.last_big = unit
        self.section = Decimal(0)
        self.digit = None
        self.last_unit = unit
        self.seen = True

    def result(self) -> Decimal:
        tail = self.digit or Decimal(0)
        # 两万五 = 25000, 一百二 = 120: a lone trailing digit right after 百 or larger scales down.
        if self.digit is not None and not self.after_zero and self.last_unit >= 100 and 0 < tail < 10:
            tail = tail * self.last_unit / 10
        return self.total + self.section + tail


def _fraction(digits: str) -> Decimal:
    """Chinese digits after 点: 一点五 -> .5"""
    if not digits or any(ch not in DIGITS for ch in digits):
        raise NumeralError(f"bad decimal part: {digits!r}")
    return Decimal("0." + "".join(str(DIGITS[ch]) for ch in digits))


def _evaluate(text: str) -> Decimal:
    acc = _Accumulator()
    for index, match in enumerate(_TOKEN.finditer(text)):
        if match.group("arabic"):
            try:
                acc.add_digit(Decimal(match.group("arabic")), arabic=True)
            except InvalidOperation as exc:  # pragma: no cover - the pattern only admits digits
                raise NumeralError(f"not a number: {match.group('arabic')!r}") from exc
            continue
        ch = match.group("char")
        if ch in DIGITS:
            acc.add_digit(Decimal(DIGITS[ch]), arabic=False)
        elif ch in SMALL_UNITS:
            acc.add_small(SMALL_UNITS[ch])
        elif ch in BIG_UNITS:
            acc.add_big(BIG_UNITS[ch])
        elif ch in POINTS and acc.digit is not None:
            rest = text[match.end() :]
            decimals = _CN_DIGIT_RUN.match(rest).group()
            acc.digit += _fraction(decimals)
            tail = rest[len(decimals) :]
            return _finish_with_units(acc, tail)
        else:
            raise NumeralError(f"unexpected character {ch!r} at {index} in numeral {text!r}")
    if not acc.seen:
        raise NumeralError(f"no number in {text!r}")
    return acc.result()


def _finish_with_units(acc: _Accumulator, tail: str) -> Decimal:
    """After a Chinese decimal (一点五) only multipliers may follow (一点五亿)."""
    acc.last_unit = 0
    for ch in tail:
        if ch in BIG_UNITS:
            acc.add_big(BIG_UNITS[ch])
        elif ch in SMALL_UNITS:
            acc.add_small(SMALL_UNITS[ch])
        else:
            raise NumeralError(f"unexpected {ch!r} after a decimal")
    return acc.result()


_SIMPLE = regex.compile(r"([0-9]+(?:\.[0-9]+)?)(|万|亿|万亿)")
_SIMPLE_UNITS = {"": Decimal(1), "万": Decimal(10**4), "亿": Decimal(10**8), "万亿": Decimal(10**12)}
_SENTENCE_END = regex.compile(r"[。；;！!？?\n]")


def scan_sentences(pattern: regex.Pattern[str], text: str, triggers: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` restricted to the sentences holding a trigger character.

    The figure patterns never match across a sentence end (。；！？ or a line break), so the
    matches are exactly those of a scan over the whole text; sentences without a trigger
    (a currency, a measure word, a percent sign) are skipped, which is most of an article.
    """
    ends = _sentence_ends(text)
    pos = 0
    # Jump from sentence to sentence: a trigger-dense sentence (年, 月 everywhere) is scanned once.
    while (trigger := triggers.search(text, pos)) is not None:
        at = bisect_right(ends, trigger.start())
        lo = ends[at - 1] if at else 0
        hi = ends[at] if at < len(ends) else len(text)
        yield from pattern.finditer(text, lo, hi)
        pos = hi


@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> list[int]:
    """Offsets after each sentence end; cached because every figure extractor scans the same text."""
    return [m.end() for m in _SENTENCE_END.finditer(text)]


def parse_numeral(text: str) -> Decimal:
    """Value of a numeral as written; raises ``NumeralError`` when ``text`` is not one.

    >>> parse_numeral("16.4亿")
    Decimal('1640000000.0')
    """
    if not isinstance(text, str):
        raise NumeralError(f"numeral must be a string, got {type(text).__name__}")
    simple = _SIMPLE.fullmatch(text)
    if simple:  # 574.91亿, 122, 1.2万亿: most numerals in news, read without the general parser
        value = Decimal(simple.group(1)) * _SIMPLE_UNITS[simple.group(2)]
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    clean = _normalise(text)
    sign = Decimal(1)
    if clean[:1] in ("-", "负", "−"):
        sign, clean = Decimal(-1), clean[1:]
    elif clean[:1] == "+":
        clean = clean[1:]
    if not clean:
        raise NumeralError(f"empty numeral: {text!r}")
    if _is_digit_by_digit(clean):
        return sign * Decimal("".join(str(DIGITS[ch]) for ch in clean))
    value = sign * _evaluate(clean)
    # 16.4亿 -> 1640000000, not 1640000000.0: whole values carry no spurious exponent digits.
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def try_parse_numeral(text: str) -> Decimal | None:
    """``parse_numeral`` that returns ``None`` instead of raising."""
    try:
        return parse_numeral(text)
    except NumeralError:
        return None


_SPAN_RANGE = regex.compile(rf"([{_CN_DIGIT_CHARS}])([{_CN_DIGIT_CHARS}])([{_UNIT_CHARS}]+)")


def parse_numeral_range(text: str) -> tuple[Decimal, Decimal]:
    """Two neighbouring digits before a unit mean a span: 一二百万 -> (1000000, 2000000), 三五亿.

    Raises ``NumeralError`` unless the second digit is larger than the first.
    """
    match = _SPAN_RANGE.fullmatch(_normalise(text))
    if not match:
        raise NumeralError(f"not a numeral span like 一二百万: {text!r}")
    low, high, units = DIGITS[match.group(1)], DIGITS[match.group(2)], match.group(3)
    if not 0 < low < high:
        raise NumeralError(f"span digits out of order in {text!r}")
    return parse_numeral(f"{low}{units}"), parse_numeral(f"{high}{units}")


__all__ = [
    "ARABIC",
    "BIG_UNITS",
    "CHINESE",
    "DIGITS",
    "NUMERAL",
    "NumeralError",
    "parse_numeral",
    "parse_numeral_range",
    "scan_sentences",
    "try_parse_numeral",
]
