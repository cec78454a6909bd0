"""Chinese word segmentation: the one place that loads jieba, our user dictionaries and spaCy.

Everything is loaded once, lazily, on first use, and silently: jieba's "Building prefix dict…"
chatter goes through its logger, which is turned down before the dictionary is built.

The user dictionaries in ``corpus/dictionaries/`` (public posts, company suffixes, industry terms,
well-known companies, place names) are added to the segmenter so that titles, organs and company
names split where a reader splits them.  ``tokenize`` returns tokens with character offsets
(jieba's ``tokenize``), so every fact built from tokens keeps its evidence span.

jieba is the segmenter.  rjieba (its Rust port, about 6x faster here) loads the same user words
through ``tokenize_with("rjieba", …)`` for measurement only: it does not give the same tokens
(it keeps TFT-LCD and 0.5-1 whole; 9 of 40 gold/series articles differ), so it is not used.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any, NamedTuple

from extractors.resources import read_lines

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# Frequencies given to user words.  Explicit values (not jieba's suggest_freq) keep jieba and
# rjieba on the same segmentation; they are high enough for a listed word to beat the split
# into its parts, low enough not to swallow a neighbouring word.
USER_FREQ = {
    "posts.tsv": 20000,
    "companies.txt": 5000,
    "company_suffixes.tsv": 5000,
    "industry_terms.txt": 3000,
    "places.tsv": 3000,
}
BACKENDS = ("jieba", "rjieba")


class SegmenterError(RuntimeError):
    """The requested segmenter backend is unknown or not installed."""


class Token(NamedTuple):
    """One word of the article with its Python-slice offsets (a tuple: cheap to build)."""

    text: str
    start: int
    end: int


def user_words() -> Iterator[tuple[str, int]]:
    """(word, frequency) for every entry of the user dictionaries, first column only."""
    for name, freq in USER_FREQ.items():
        for line in read_lines("dictionaries", name):
            word = line.split("\t", 1)[0].strip()
            if word:
                yield word, freq


@cache
def jieba_tokenizer() -> Any:
    """jieba's default tokenizer, initialised silently, with our user words added."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.initialize()
    for word, freq in user_words():
        jieba.add_word(word, freq)
    return jieba.dt


@cache
def rjieba_tokenizer() -> Any:
    """rjieba's tokenizer with the same user words and frequencies as jieba."""
    try:
        import rjieba
    except ImportError as exc:  # optional extra "fast"
        raise SegmenterError("rjieba is not installed; pip install 'zhaoshang[fast]' to compare") from exc
    seg = rjieba.Jieba()
    for word, freq in user_words():
        seg.add_word(word, freq, None)
    return seg


def tokenize_with(backend: str, text: str) -> list[Token]:
    """Segment ``text`` with the named backend (used by the equivalence test and benchmark)."""
    if backend == "rjieba":
        words = rjieba_tokenizer().cut(text)
    elif backend == "jieba":
        words = jieba_tokenizer().lcut(text)
    else:
        raise SegmenterError(f"unknown segmenter {backend!r}; use one of {BACKENDS}")
    # Offsets by running sum, as jieba.tokenize computes them, without its per-word generator;
    # Token._make skips the keyword handling of a NamedTuple's constructor (this runs per word).
    ends = list(accumulate(map(len, words)))
    starts = [0, *ends[:-1]] if ends else []
    return list(map(Token._make, zip(words, starts, ends, strict=True)))


@lru_cache(maxsize=16)
def _tokenize_cached(text: str) -> tuple[Token, ...]:
    return tuple(tokenize_with("jieba", text))


def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of ``text`` with offsets; cached so that all extractors share one segmentation."""
    return _tokenize_cached(text)


def boundaries(text: str) -> frozenset[int]:
    """Character offsets at which a token starts or ends."""
    return _boundaries_cached(text)


@lru_cache(maxsize=16)
def _boundaries_cached(text: str) -> frozenset[int]:
    out = {0, len(text)}
    for tok in tokenize(text):
        out.add(tok.start)
        out.add(tok.end)
    return frozenset(out)


def tokens_between(text: str, start: int, end: int) -> tuple[Token, ...]:
    """Tokens overlapping text[start:end] (binary search over the cached segmentation)."""
    tokens = tokenize(text)
    ends = _ends(text)
    first = bisect_right(ends, start)
    last = first
    while last < len(tokens) and tokens[last].start < end:
        last += 1
    return tokens[first:last]


@lru_cache(maxsize=16)
def _ends(text: str) -> list[int]:
    return [tok.end for tok in tokenize(text)]


def token_at(text: str, start: int) -> Token | None:
    """The token that begins exactly at ``start``, if any."""
    return _starts(text).get(start)


@lru_cache(maxsize=16)
def _starts(text: str) -> dict[int, Token]:
    return {tok.start: tok for tok in tokenize(text)}


@lru_cache(maxsize=16)
def ending_tokens(text: str) -> dict[int, Token]:
    """Tokens by the offset they end at (shared by the finders that read a name leftwards)."""
    return {tok.end: tok for tok in tokenize(text)}


@cache
def _word_tags() -> dict[str, str]:
    """Part-of-speech tag of every word in jieba's main dictionary (dict.txt)."""
    import jieba

    tags: dict[str, str] = {}
    with open(jieba.get_dict_file().name, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


def dictionary_tag(word: str) -> str | None:
    """jieba's dictionary POS for ``word`` (nr = person name) — a hint only: it mislabels."""
    return _word_tags().get(word)


@cache
def nlp() -> Language:
    """spacy.blank("zh") with the jieba segmenter (config, not code), sharing our jieba state."""
    import spacy

    jieba_tokenizer()  # user words must be in jieba before spaCy's tokenizer first uses it
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def to_doc(text: str, start: int = 0, end: int | None = None) -> Doc:
    """A spaCy Doc over our tokens of text[start:end] (no second segmentation).

    Token offsets in the Doc (token.idx) count from the first whole token of the range.
    """
    from spacy.tokens import Doc

    end = len(text) if end is None else end
    words = [tok.text for tok in tokens_between(text, start, end)]
    return Doc(nlp().vocab, words=words, spaces=[False] * len(words))


__all__ = [
    "SegmenterError",
    "Token",
    "boundaries",
    "dictionary_tag",
    "nlp",
    "to_doc",
    "token_at",
    "tokenize",
    "tokenize_with",
    "tokens_between",
]


def word_frequency(word: str) -> int:
    """How often jieba's dictionary has seen ``word`` (0 when it is not a word)."""
    return int(jieba_tokenizer().FREQ.get(word) or 0)
