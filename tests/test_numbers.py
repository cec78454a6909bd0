"""Numerals as written in Chinese news -> exact Decimal values."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.numbers import NumeralError, parse_numeral, parse_numeral_range, scan_sentences

NUMERALS = [
    ("601,293.11", "601293.11"),
    ("82，225.00", "82225"),
    ("1,000,000", "1000000"),
    ("１２０", "120"),
    ("１．２", "1.2"),
    ("２．０３亿", "203000000"),
    ("一百二十", "120"),
    ("两千九百六十", "2960"),
    ("六十四万零一百四十三", "640143"),
    ("二〇二三", "2023"),
    ("一九九八", "1998"),
    ("壹万贰仟", "12000"),
    ("肆佰叁拾萬", "4300000"),
    ("贰拾亿", "2000000000"),
    ("1.2万亿", "1200000000000"),
    ("3亿2000万", "320000000"),
    ("12000万", "120000000"),
    ("百亿", "10000000000"),
    ("千亿", "100000000000"),
    ("千万亿", "1000000000000000"),
    ("16.4亿", "1640000000"),
    ("574.91亿", "57491000000"),
    ("一万二千亿", "1200000000000"),
    ("十", "10"),
    ("十二", "12"),
    ("三千零五", "3005"),
    ("两万五", "25000"),
    ("一点五亿", "150000000"),
    ("零点五", "0.5"),
    ("-535.9亿", "-53590000000"),
    ("0.55亿", "55000000"),
]


@pytest.mark.parametrize(("written", "value"), NUMERALS)
def test_parse_numeral(written: str, value: str) -> None:
    assert parse_numeral(written) == Decimal(value)


def test_money_is_exact_not_binary_float() -> None:
    assert parse_numeral("16.4亿") == 1640000000
    assert str(parse_numeral("16.4亿")) == "1640000000"


NOT_NUMERALS = ["", "   ", "abc", "万", "亿元", "1.2.3", "1 2", "一二百", "十四五规划", "12%", "第3", "-"]


@pytest.mark.parametrize("junk", NOT_NUMERALS)
def test_junk_raises_numeral_error(junk: str) -> None:
    with pytest.raises(NumeralError):
        parse_numeral(junk)


def test_numeral_error_is_a_value_error() -> None:
    assert issubclass(NumeralError, ValueError)


@pytest.mark.parametrize(
    ("written", "low", "high"),
    [("一二百万", 1_000_000, 2_000_000), ("三五亿", 300_000_000, 500_000_000), ("两三千", 2000, 3000)],
)
def test_parse_numeral_range(written: str, low: int, high: int) -> None:
    assert parse_numeral_range(written) == (low, high)


@pytest.mark.parametrize("junk", ["二一百", "一百", "12万", ""])
def test_parse_numeral_range_rejects(junk: str) -> None:
    with pytest.raises(NumeralError):
        parse_numeral_range(junk)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_arabic_round_trip(value: Decimal) -> None:
    assert parse_numeral(f"{value:,}") == value
    assert parse_numeral(f"{value}万") == value * 10000


@given(st.text(max_size=12))
def test_parse_numeral_only_raises_numeral_error(text: str) -> None:
    with contextlib.suppress(NumeralError):
        parse_numeral(text)


@pytest.mark.parametrize(
    ("written", "value"),
    [("574.91亿", "57491000000"), ("1.2万亿", "1200000000000"), ("122", "122"), ("0.9亿", "90000000"),
     ("12.50", "12.5"), ("3亿2000万", "320000000"), ("亿万", None), ("1亿万", "100000000")],
)  # fmt: skip
def test_plain_numerals_read_like_the_general_parser(written: str, value: str | None) -> None:
    """Arabic numerals with one multiplier take a fast path; the result must not differ."""
    if value is None:
        with pytest.raises(NumeralError):
            parse_numeral(written)
        return
    assert parse_numeral(written) == Decimal(value)
    assert str(parse_numeral(written)) == str(parse_numeral("".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c
                                                                    for c in written)))  # fmt: skip


_PIECES = ["投资5亿元", "。", "；", "\n", "共3个项目", "abc", "5", "亿", "元", "，", "12"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_sentence_scan_finds_what_a_whole_scan_finds(text: str) -> None:
    """Every match holds a trigger (元) and none crosses a sentence end: both scans agree."""
    pattern = regex.compile(r"[0-9]+[亿万]?元")
    expected = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in scan_sentences(pattern, text, regex.compile("元"))] == expected
