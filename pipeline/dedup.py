"""Near-duplicate detection: 64-bit SimHash over character shingles of an article body.

The same press release is reposted by city, county and provincial portals with different page
chrome, a changed source line or an added editor's note. Word segmentation is unnecessary for
this: overlapping 4-character shingles of the body (whitespace and punctuation removed) capture
the wording, and SimHash fingerprints of two reposts differ in only a few bits. Fingerprints are
split into eight 8-bit bands so that a database lookup finds every candidate within 7 bits
(pigeonhole: at least one band is identical).
"""

from __future__ import annotations

import hashlib
import re

SHINGLE = 4  # characters per shingle: long enough to carry wording, short enough for short texts
MAX_DISTANCE = 7  # bits; a repost with a note added or a lead cut measures 2-5, distinct articles 21+
MIN_CHARS = 80  # shorter bodies carry too few shingles for a safe near-match (exact hashes still apply)
BANDS = 8
BAND_BITS = 64 // BANDS
NOISE = re.compile(r"[\W_]+", re.UNICODE)


def _hash64(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


def simhash(text: str) -> int:
    """Unsigned 64-bit SimHash of the text's character shingles (0 for an empty text)."""
    chars = NOISE.sub("", text)
    if not chars:
        return 0
    shingles = {chars[i : i + SHINGLE] for i in range(max(1, len(chars) - SHINGLE + 1))}
    weights = [0] * 64
    for shingle in shingles:
        value = _hash64(shingle)
        for bit in range(64):
            weights[bit] += 1 if value >> bit & 1 else -1
    return sum(1 << bit for bit in range(64) if weights[bit] > 0)


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def bands(fingerprint: int) -> list[int]:
    """The eight 8-bit bands of a fingerprint, low band first."""
    mask = (1 << BAND_BITS) - 1
    return [fingerprint >> (BAND_BITS * i) & mask for i in range(BANDS)]


def to_signed(value: int) -> int:
    """SQLite integers are signed 64-bit."""
    return value - (1 << 64) if value >= 1 << 63 else value


def to_unsigned(value: int) -> int:
    return value + (1 << 64) if value < 0 else value
