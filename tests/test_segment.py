"""Segmentation: one lazily loaded jieba with our dictionaries, offsets, spaCy over the same tokens."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.segment import nlp, to_doc, tokenize, tokenize_with

JIEBA_TOKENIZER_TESTS = [
    ("市委书记杨国强到上海", ["市委书记", "杨国强", "到", "上海"]),
    ("市委副书记、市长陈必昌", ["市委副书记", "、", "市长", "陈必昌"]),
    ("宁德时代新能源科技股份有限公司", ["宁德时代", "新能源", "科技", "股份有限公司"]),
]


@pytest.mark.parametrize(("text", "words"), JIEBA_TOKENIZER_TESTS)
def test_user_dictionary_words_are_single_tokens(text: str, words: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == words


@given(st.text(alphabet="市委书记杨国强到上海电气集团有限公司，。、 \n0123456789亿元", max_size=60))
@settings(max_examples=60, deadline=None)
def test_offsets_slice_back_to_the_token(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_spacy_doc_uses_the_same_tokens_and_offsets() -> None:
    text = "市长许勤出席，县委书记王建华致辞。"
    doc = to_doc(text)
    assert doc.text == text
    assert [(t.text, t.idx) for t in doc] == [(t.text, t.start) for t in tokenize(text)]
    assert nlp().config["nlp"]["tokenizer"]["segmenter"] == "jieba"


def test_loading_is_silent() -> None:
    code = "from extractors.segment import tokenize; tokenize('市委书记杨国强')"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0
    assert "prefix dict" not in run.stderr and run.stdout == ""


@pytest.mark.parametrize(("text", "same"), [("市委书记杨国强到上海电气集团调研。", True), ("TFT-LCD玻璃基板", False)])
def test_rjieba_matches_jieba_only_on_chinese_words(text: str, same: bool) -> None:
    # rjieba keeps 'TFT-LCD' whole where jieba splits it: why jieba stays the only backend.
    pytest.importorskip("rjieba")
    assert (tokenize_with("rjieba", text) == tokenize_with("jieba", text)) is same
