"""Bytes of a fetched page -> text, without silently losing a character.

Order of evidence: byte-order mark, the HTTP ``Content-Type`` charset, the page's own ``<meta>``
declaration, then detection (charset-normalizer). A declaration is only trusted when the bytes
decode cleanly under it: Chinese portals often declare gb2312 and send UTF-8 (or the reverse),
and a strict decode exposes that at once because GBK text is almost never valid UTF-8.
GB2312/GBK declarations are read as GB18030, the superset, so rare characters (喆, 赟, 堃) survive.
Parsers must be given the resulting ``str``: left to guess from bytes, lxml dropped most of a GBK page.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels that real pages use for a codec whose superset decodes them without loss.
SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",  # WHATWG: the label means windows-1252
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}

BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
# Up to this many replacement characters per 10,000 are tolerated (a stray byte in a real page);
# more means the bytes are not text in any codec we tried.
MAX_REPLACED_PER_10K = 10


class EncodingError(ValueError):
    """The bytes are empty, binary, or not text in any plausible encoding."""


DecodeError = EncodingError  # the name callers outside this module use


def normalise_label(label: str | None) -> str | None:
    """Python codec name for a charset label (gb2312 -> gb18030), or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        log.debug("unknown charset label %r", label)
        return None


def header_charset(content_type: str | None) -> str | None:
    match = HEADER_CHARSET.search(content_type or "")
    return normalise_label(match.group(1)) if match else None


def meta_charset(raw: bytes) -> str | None:
    """The charset of the first ``<meta charset>`` / ``http-equiv`` tag in the head."""
    match = META_CHARSET.search(raw[:8192])
    return normalise_label(match.group(1).decode("ascii", "ignore")) if match else None


def _strict(raw: bytes, codec: str) -> str | None:
    """Decode without any replacement; a body cut inside its last character still counts."""
    try:
        return raw.decode(codec)
    except LookupError:
        return None
    except UnicodeDecodeError as error:
        # A truncated download ends mid-character; that must not push a UTF-8 page into a
        # single-byte codec that "decodes" everything into mojibake.
        if error.end == len(raw) and len(raw) - error.start < 4:
            try:
                text = raw[: error.start].decode(codec)
            except UnicodeDecodeError:
                return None
            log.info(
                "page ends inside a %s character (truncated?); last %d byte(s) dropped", codec, len(raw) - error.start
            )
            return text
        return None


def _check_text(text: str, codec: str) -> tuple[str, str]:
    """Reject decoded 'text' that is really binary (control characters everywhere)."""
    sample = text[:20000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if sample and controls / len(sample) > 0.02:
        raise EncodingError(f"binary data, not text ({controls} control characters in {len(sample)})")
    return text, codec


def _from_bom(raw: bytes) -> tuple[str, str] | None:
    for bom, codec in BOMS:
        if raw.startswith(bom):
            text = _strict(raw[len(bom) :], codec)
            if text is None:
                raise EncodingError(f"bytes after the {codec} byte-order mark are not valid {codec}")
            return text, codec
    return None


def _declared(raw: bytes, content_type: str | None) -> list[str]:
    seen: list[str] = []
    for codec in (header_charset(content_type), meta_charset(raw)):
        if codec and codec not in seen:
            seen.append(codec)
    return seen


def _detected(raw: bytes) -> str | None:
    best = from_bytes(raw[:200_000]).best()
    return normalise_label(best.encoding) if best else None


def _lenient(raw: bytes, codec: str) -> tuple[str, str]:
    """Last resort: decode with replacement characters, visibly, if they are rare enough."""
    text = raw.decode(codec, errors="replace")
    replaced = text.count("\ufffd")
    if replaced * 10_000 > max(len(text), 1) * MAX_REPLACED_PER_10K:
        raise EncodingError(f"not decodable as {codec}: {replaced} invalid sequences in {len(raw)} bytes")
    log.warning("%d invalid byte sequence(s) replaced with U+FFFD while decoding as %s", replaced, codec)
    return text, codec


def decode_html(raw: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page; returns (text, codec actually used). Raises EncodingError."""
    if not raw or not raw.strip():
        raise EncodingError("empty document")
    bommed = _from_bom(raw)
    if bommed:
        return _check_text(*bommed)
    if raw.lstrip().startswith(BINARY_MAGIC) or b"\x00" in raw[:4096]:
        raise EncodingError("binary data, not text")
    declared = _declared(raw, content_type)
    utf8 = _strict(raw, "utf-8")
    if utf8 is not None and (not declared or not raw.isascii()):
        # Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the label says: GBK/GB18030 Chinese
        # text practically never forms valid UTF-8 sequences, so a gb2312 label here is wrong.
        if declared and declared[0] != "utf-8":
            log.info("page declares %s but is valid UTF-8; decoding as UTF-8", declared[0])
        return _check_text(utf8, "utf-8")
    for codec in declared:
        text = _strict(raw, codec)
        if text is not None:
            return _check_text(text, codec)
        log.info("page declares %s but does not decode as it; trying detection", codec)
    # Chinese pages that are not UTF-8 are GBK/GB18030 in practice; a single-byte codec guessed by
    # detection would "decode" their bytes into mojibake, so it only gets its turn after GB18030.
    detected = _detected(raw)
    multibyte = detected in {"gb18030", "big5hkscs", "shift_jis", "euc_jp", "euc_kr", "utf-16", "utf-32"}
    candidates = [detected, "gb18030"] if multibyte else ["gb18030", *([detected] if detected else [])]
    for codec in candidates:
        text = _strict(raw, codec)
        if text is not None:
            return _check_text(text, codec)
    return _check_text(*_lenient(raw, (declared or candidates)[0]))
