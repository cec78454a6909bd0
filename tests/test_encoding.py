"""decode_html on real pages: GBK declared gb2312, UTF-8, a mislabelled page, BOMs, binary data."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from pipeline.encoding import EncodingError, decode_html, normalise_label

HTML = Path(__file__).parent / "fixtures" / "html"
MIRROR = Path(__file__).resolve().parents[1] / "corpus" / "mirror"


def expected(name: str) -> dict:
    return json.loads((HTML / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "content_type", "codec"),
    [
        ("a034", "text/html", "gb18030"),  # GBK bytes declared gb2312 in <meta>
        ("a034", None, "gb18030"),
        ("a034", "text/html; charset=utf-8", "gb18030"),  # wrong header: strict UTF-8 fails
        ("a037", "text/html", "utf-8"),
        ("a038", "text/html; charset=UTF-8", "utf-8"),
        ("a039", "text/html", "utf-8"),  # declares GB2312 but is UTF-8
        ("a039", "text/html; charset=gb2312", "utf-8"),  # header repeats the wrong label
    ],
)
def test_real_pages_decode_without_loss(name: str, content_type: str | None, codec: str) -> None:
    text, used = decode_html((HTML / f"{name}.html").read_bytes(), content_type)
    assert used == codec
    assert "\ufffd" not in text
    assert expected(name)["title"][:12] in text


def test_rare_characters_survive_a_gb2312_label() -> None:
    # 喆/赟/堃 are outside GB2312; pages declaring gb2312 still carry them as GBK bytes.
    page, _ = decode_html((HTML / "a034.html").read_bytes())
    page = page.replace("魏华山", "魏喆赟堃")
    raw = page.encode("gbk")
    text, codec = decode_html(raw, "text/html")
    assert codec == "gb18030"
    assert text.count("魏喆赟堃") == page.count("魏喆赟堃") > 0
    assert len(text) == len(page)


def test_undeclared_gbk_page_is_detected() -> None:
    manifest = json.loads((MIRROR / "manifest.json").read_text(encoding="utf-8"))
    row = next(r for r in manifest if r["encoding"] == "gbk")
    raw = (MIRROR / row["path"]).read_bytes().replace(b"charset=gb2312", b"")
    text, codec = decode_html(raw, "text/html")
    assert codec in {"gb18030", "gbk", "gb2312"}
    assert row["title"] in text


@pytest.mark.parametrize("bom_codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_mark_wins(bom_codec: str) -> None:
    page, _ = decode_html((HTML / "a034.html").read_bytes())  # declares gb2312 in its <meta>
    raw = page.encode(bom_codec)
    text, _ = decode_html(raw, "text/html; charset=gbk")
    assert text.lstrip("\ufeff") == page


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
        (b"<html>\x00\x01\x02\x00 body</html>", "binary"),
        (bytes(range(1, 32)) * 200, "binary"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd broken", "byte-order mark"),
    ],
)
def test_undecodable_input_raises_typed_error(raw: bytes, message: str) -> None:
    with pytest.raises(EncodingError, match=message):
        decode_html(raw, "text/html")


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("GB2312", "gb18030"),
        ("gbk", "gb18030"),
        ("x-gbk", "gb18030"),
        ("UTF-8", "utf-8"),
        ("utf8", "utf-8"),
        ("iso-8859-1", "cp1252"),
        ("no-such-charset", None),
        ("", None),
        (None, None),
    ],
)
def test_charset_labels(label: str | None, codec: str | None) -> None:
    assert normalise_label(label) == codec


@pytest.mark.parametrize(("name", "codec"), [("a037", "utf-8"), ("a034", "gb18030")])
@pytest.mark.parametrize("cut", range(4))
def test_truncated_download_keeps_its_encoding(name: str, codec: str, cut: int) -> None:
    # A body cut inside a multi-byte character must not be "decoded" by a single-byte codec.
    raw = (HTML / f"{name}.html").read_bytes()
    full, _ = decode_html(raw)
    end = 3000 + cut
    text, used = decode_html(raw[:end], "text/html")
    assert used == codec
    assert full.startswith(text) and len(text) >= len(full[: end // 3]) - 1
