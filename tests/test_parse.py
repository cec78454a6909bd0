"""parse_page / parse_article on real government and news pages (reference: NAME.expected.json)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.encoding import EncodingError
from pipeline.parse import ParseError, compact, parse_article, parse_date, parse_page

HTML = Path(__file__).parent / "fixtures" / "html"
SHARED_HTML = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "html"
MIRROR = Path(__file__).resolve().parents[1] / "corpus" / "mirror"


def pages() -> list[Path]:
    """Our fixture copies, plus any reference page in ../shared that is not copied yet."""
    found = {p.name: p for p in sorted(HTML.glob("*.html"))}
    if SHARED_HTML.is_dir():
        for path in sorted(SHARED_HTML.glob("*.html")):
            found.setdefault(path.name, path)
    return list(found.values())


def char_f1(got: str, want: str) -> float:
    got_chars, want_chars = Counter("".join(got.split())), Counter("".join(want.split()))
    common = sum((got_chars & want_chars).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got_chars.values()), common / sum(want_chars.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.parametrize("preset", [None, "generic"])
@pytest.mark.parametrize("page", pages(), ids=lambda p: p.stem)
def test_reference_pages(page: Path, preset: str | None) -> None:
    want = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    article = parse_page(
        page.read_bytes(), url=f"http://example.gov.cn/{page.name}", content_type="text/html", preset=preset
    )
    assert article.title == want["title"]
    if want["published"]:  # a039's reference leaves the date out although the page prints one
        assert article.published == want["published"]
    if want["source"]:
        assert article.source == want["source"]
    assert char_f1(article.text, want["body"]) >= 0.95
    assert "<" not in article.text and "function" not in article.text


def test_fixture_copies_match_the_shared_reference() -> None:
    if not SHARED_HTML.is_dir():
        pytest.skip("../shared is not beside the checkout")
    for path in SHARED_HTML.iterdir():
        assert (HTML / path.name).read_bytes() == path.read_bytes(), path.name


def test_body_drops_navigation_share_buttons_and_scripts() -> None:
    article = parse_page((HTML / "a037.html").read_bytes())
    for junk in ("首页", "分享", "createPageHTML", "打印", "无障碍"):
        assert junk not in article.text


def test_site_selectors_override_the_preset() -> None:
    raw = (HTML / "a037.html").read_bytes()
    article = parse_page(raw, selectors={"title": "meta[name=SiteName]@content", "source": ".nonexistent"})
    assert article.title == "山西省人民政府门户网站"
    assert article.source == "山西日报"  # an empty site selector falls through to the preset


@pytest.mark.parametrize(
    ("selectors", "published"),
    [({"date": ".newsd"}, "2021-06-09"), ({"date": ".newsc"}, "2021-06-09"), ({"date": ".logo"}, "2021-06-09")],
)
def test_site_date_selector_falls_back_when_it_holds_no_date(selectors: dict, published: str) -> None:
    article = parse_page((HTML / "a034.html").read_bytes(), selectors=selectors)
    assert article.published == published


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("发布时间：2024-04-15 09:30", "2024-04-15"),
        ("2024年04月15日", "2024-04-15"),
        ("2024年4月5日 来源：东营日报", "2024-04-05"),
        ("发稿时间：2021/6/9", "2021-06-09"),
        ("2019.09.18", "2019-09-18"),
        ("2007-08-20-23:59:59", "2007-08-20"),
        ("2024-13-01 then 2024-02-30 then 2024-02-29", "2024-02-29"),
        ("5月27日上午", None),
        ("电话：0546-8221234", None),
        ("20240415", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text: str | None, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("调整2007\u3000年末国债", "调整2007年末国债"),
        ("全国人民代表大会\n  关于批准", "全国人民代表大会关于批准"),
        ("TCL华星光电8日投产 为深圳建市来规模最大投资", "TCL华星光电8日投产 为深圳建市来规模最大投资"),
        ("  Shenzhen\n GDP  ", "Shenzhen GDP"),
    ],
)
def test_title_whitespace(raw: str, expected: str) -> None:
    assert compact(raw) == expected


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"", EncodingError),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, EncodingError),
        (b"<html><head><title>x</title></head><body></body></html>", ParseError),
        ((MIRROR / "shenzhen" / "xxgk" / "jjyx" / "index.html").read_bytes(), ParseError),  # a list page
        ((MIRROR / "daqing" / "col" / "col4101" / "index.html").read_bytes(), ParseError),
    ],
    ids=["empty", "binary", "no-body", "trs-list-page", "hanweb-list-page"],
)
def test_pages_without_an_article_raise(raw: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_page(raw, content_type="text/html")


@pytest.mark.parametrize("html", ["", "   "])
def test_parse_article_rejects_empty_text(html: str) -> None:
    with pytest.raises(ParseError, match="empty"):
        parse_article(html)


def test_unknown_preset_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="unknown CMS preset"):
        parse_page((HTML / "a037.html").read_bytes(), preset="no-such-cms")


# Page layouts seen on portals, filled with a real article's opening sentence.
SENTENCE = "招商引资是经济发展的生命线,项目建设是高质量发展的“强引擎”。"


@pytest.mark.parametrize(
    ("markup", "title", "published", "source"),
    [
        (  # gov.cn news template: unlabelled dateline in .pages-date
            '<h1>一季度招商引资工作实现“开门红”</h1><div class="pages-date">2024-04-15 09:30 '
            '<span class="font">来源：东营日报</span></div><div id="UCAP-CONTENT"><p>{s}</p></div>',
            "一季度招商引资工作实现“开门红”",
            "2024-04-15",
            "东营日报",
        ),
        (  # Hanweb: title cell, "发布日期：" line, #zoom
            '<table><tr><td class="title">我市一季度招商引资工作实现“开门红”</td></tr><tr><td>发布日期：2024年04月15日 '
            '信息来源：东营市投资促进服务中心</td></tr><tr><td id="zoom"><p>{s}</p></td></tr></table>',
            "我市一季度招商引资工作实现“开门红”",
            "2024-04-15",
            "东营市投资促进服务中心",
        ),
        (  # news site: date and source on one unlabelled line
            '<div class="t"><h1>招商引资实现“开门红”</h1><p>2024年04月15日08:18 来源：大众日报</p></div>'
            '<div class="text"><p>{s}</p><p>{s}</p></div>',
            "招商引资实现“开门红”",
            "2024-04-15",
            "大众日报",
        ),
        (  # nothing but the body: no title, no date, no source
            '<div class="c"><p>{s}</p></div>',
            None,
            None,
            None,
        ),
    ],
    ids=["govcn-news", "hanweb", "news-site", "bare"],
)
def test_layouts(markup: str, title: str | None, published: str | None, source: str | None) -> None:
    html = f"<html><head><title></title></head><body>{markup.format(s=SENTENCE)}</body></html>"
    article = parse_article(html)
    assert (article.title, article.published, article.source) == (title, published, source)
    assert "".join(article.text.split()) == "".join(SENTENCE.split()) * markup.count("{s}")
