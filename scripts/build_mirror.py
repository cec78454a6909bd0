"""Build corpus/mirror/: the bundled government-portal mirror used by ``zhaoshang demo`` and tests.

Every article page is made from a real article (../shared/gold/articles and
../shared/corpus/series: NAME.txt + NAME.meta.json); only the page chrome (navigation, list pages,
pagination, share buttons, footers) is synthetic, written in the style of the two CMS families
most Chinese city portals run on:

* TRS WCM:   COLUMN/index.html, index_1.html … with a createPageHTML(...) pagination script;
             articles at COLUMN/YYYYMM/tYYYYMMDD_NNNNN.html with div.TRS_Editor and the
             PubDate / ArticleTitle / ContentSource meta tags.
* Hanweb JCMS (大汉): /col/colNNN/index.html holding the first records as a <datastore> XML block,
             the rest from /module/web/jpage/dataproxy.jsp (XML records in CDATA; mirrored as
             ``dataproxy.jsp@<sorted query>`` files, see pipeline/mirror.py); articles at
             /art/YYYY/M/D/art_COL_NNN.html with the body in #zoom and no meta tags (older
             JCMS templates have none, so the parser must read the visible 发布日期 line).

Encodings: GBK pages declare gb2312 as real portals do; UTF-8 pages declare utf-8; one page per
MISLABELLED declares gb2312 but is UTF-8 (real pages do this). The output is deterministic, so
rerunning the script on the same inputs reproduces the committed files byte for byte.

Usage: python scripts/build_mirror.py [--shared ../shared] [--out corpus/mirror]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Publication dates missing from meta.json, derived from the article text:
#   daqing-fai-004 "上半年全市经济运行情况分析": the first-half 2016 analysis of the Daqing statistics
#       bureau (mid-year analyses appear in July) -> 2016-07-20.
#   daqing-fai-005 "大庆市经济运行开局良好": a first-quarter report comparing with "2016年全年" and
#       the "2017年计划目标" -> published after Q1 2017 -> 2017-04-20.
#   a047 厦航与莆田市政府: signed "5月1日" on 农历三月廿三, the "妈祖诞辰1064周年" (Mazu born 960)
#       -> 2024-05-01.
DERIVED_DATES = {"daqing-fai-004": "2016-07-20", "daqing-fai-005": "2017-04-20", "a047": "2024-05-01"}

# Gold articles left out: national items outside the investment-promotion genre (a State Council
# bulletin resolution, a culture column, an epidemic notice) add nothing to a city comparison.
EXCLUDED = {"a038", "a039", "a049"}

GBK, UTF8, MISLABELLED = "gbk", "utf-8", "mislabelled"
# The one page that declares gb2312 but is sent as UTF-8 bytes.
MISLABELLED_PAGES = {"a024"}


@dataclass(frozen=True)
class Site:
    key: str  # directory under corpus/mirror and suffix of corpus/sources/demo-KEY.toml
    style: str  # "trs" | "hanweb"
    name: str  # portal name shown in titles
    column: str  # column name
    column_path: str  # TRS: column directory; Hanweb: column id
    per_page: int
    members: tuple[str, ...]  # article names (gold aNNN or series file stem)


# fmt: off
SITES = (
    Site("shenzhen", "trs", "深圳市人民政府门户网站", "经济运行", "xxgk/jjyx", 2,
         ("shenzhen-fai-001", "shenzhen-fai-002", "a024", "a021")),
    Site("daqing", "hanweb", "大庆市人民政府", "数据解析", "4101", 2,
         ("daqing-fai-003", "daqing-fai-004", "daqing-fai-005")),
    Site("guangdong", "hanweb", "广东省人民政府门户网站", "经济动态", "5203", 3,
         ("guangdong-fai-009", "a016", "a019", "a022")),
    Site("difang", "trs", "投资促进信息网", "各地招商", "tzcj/gddt", 5,
         ("china-fdi-national-006", "china-fdi-national-007", "hainan-fdi-008",
          "dongying-2024q1-zhaoshang", "a003", "a004", "a005", "a006", "a008", "a009", "a010",
          "a011", "a013", "a014", "a015", "a017", "a023", "a025", "a027", "a028", "a031", "a032",
          "a034", "a037", "a042", "a047")),
)
# fmt: on


@dataclass(frozen=True)
class Item:
    name: str
    origin: str  # "gold/articles" or "corpus/series"
    text: str
    title: str
    published: str
    city: str | None
    source: str | None

    @property
    def stamp(self) -> str:
        """A deterministic HH:MM between 08:00 and 17:59 (meta.json gives only the date)."""
        h = int(hashlib.sha256(self.name.encode()).hexdigest(), 16)
        return f"{8 + h % 10:02d}:{(h // 10) % 60:02d}"


def source_line(meta: dict) -> str | None:
    """'深圳市 (广东) — 深圳卫视深视新闻 via 新浪财经' -> '深圳卫视深视新闻'."""
    place = meta.get("source_place") or ""
    if "— " not in place:
        return None
    outlet = place.split("— ", 1)[1]
    for cut in (" via ", "/", " "):
        outlet = outlet.split(cut, 1)[0]
    return outlet.strip() or None


def load_item(shared: Path, name: str) -> Item:
    for origin in ("gold/articles", "corpus/series"):
        txt = shared / origin / f"{name}.txt"
        if txt.exists():
            meta = json.loads((shared / origin / f"{name}.meta.json").read_text(encoding="utf-8"))
            published = meta.get("published") or DERIVED_DATES[name]
            title = meta.get("title") or txt.read_text(encoding="utf-8").splitlines()[0]
            return Item(
                name,
                origin,
                txt.read_text(encoding="utf-8"),
                title.strip(),
                published,
                meta.get("city"),
                source_line(meta),
            )
    raise FileNotFoundError(f"article {name} not found under {shared}")


def encoding_for(item: Item, index: int) -> str:
    if item.name in MISLABELLED_PAGES:
        return MISLABELLED
    return GBK if index % 2 == 0 else UTF8


def encode_page(html: str, encoding: str) -> bytes:
    # gb18030 is a superset of GBK, so no character is ever lost; the page still declares gb2312.
    return html.encode("gb18030") if encoding == GBK else html.encode("utf-8")


def declared(encoding: str) -> str:
    return "utf-8" if encoding == UTF8 else "gb2312"


def paragraphs(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n".join(f'<p style="text-indent:2em;">{escape(line, quote=False)}</p>' for line in lines)


NAV = """<div class="header"><div class="logo"><a href="{home}">{portal}</a></div>
<ul class="nav"><li><a href="{home}">首页</a></li><li><a href="{home}">政务公开</a></li>
<li><a href="{home}">政务服务</a></li><li><a href="{home}">互动交流</a></li><li><a href="{home}">走进本市</a></li></ul>
<form class="search" action="/search"><input name="q" type="text" value="请输入关键字"></form></div>"""

FOOTER = """<div class="footer"><p>主办：{portal}办公室 |
<a href="{home}">网站地图</a> | <a href="{home}">联系我们</a></p>
<p>网站标识码：0000000000 ICP备案号：演示镜像</p><script type="text/javascript">var _hm = [];</script></div>"""

ZOOM = (
    '<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> '
    '<a href="javascript:doZoom(12)">小</a>'
)

SHARE = """<div class="share">分享到：<a href="javascript:void(0)" class="wx">微信</a>
<a href="javascript:void(0)" class="wb">微博</a><a href="javascript:window.print()">打印本页</a>
<a href="javascript:window.close()">关闭窗口</a></div>"""


def trs_article(site: Site, item: Item, encoding: str, home: str) -> str:
    src_meta = f'<meta name="ContentSource" content="{escape(item.source)}">\n' if item.source else ""
    src_span = f"<span>来源：{escape(item.source)}</span>" if item.source else ""
    return f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={declared(encoding)}">
<meta name="SiteName" content="{site.name}">
<meta name="ColumnName" content="{site.column}">
<meta name="ArticleTitle" content="{escape(item.title)}">
<meta name="PubDate" content="{item.published} {item.stamp}">
{src_meta}<title>{escape(item.title)}_{site.name}</title>
<link href="/{site.key}/images/style.css" rel="stylesheet" type="text/css">
<script type="text/javascript" src="/{site.key}/images/common.js"></script>
</head><body>
{NAV.format(home=home, portal=site.name)}
<div class="crumb">当前位置：<a href="{home}">首页</a> &gt; <a href="../index.html">{site.column}</a> &gt; 正文</div>
<div class="article">
<h1 class="tit">{escape(item.title)}</h1>
<div class="info"><span>发布时间：{item.published} {item.stamp}</span>{src_span}
<span>【字体：{ZOOM}】</span></div>
<div class="article-body"><div class="TRS_Editor">
{paragraphs(item.text)}
</div></div>
{SHARE}
<div class="related"><h3>相关链接</h3><ul><li><a href="../index.html">返回{site.column}列表</a></li></ul></div>
</div>
{FOOTER.format(home=home, portal=site.name)}
</body></html>
"""


def hanweb_article(site: Site, item: Item, encoding: str, home: str) -> str:
    src = f"信息来源：{escape(item.source)}" if item.source else ""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={declared(encoding)}">
<title>{site.name} {site.column} {escape(item.title)}</title>
<script language="javascript" src="/{site.key}/script/0/common.js"></script>
</head><body>
{NAV.format(home=home, portal=site.name)}
<table width="100%" class="bt_link"><tr><td>您当前的位置：<a href="{home}">首页</a> &gt;
<a href="/{site.key}/col/col{site.column_path}/index.html">{site.column}</a></td></tr></table>
<table width="100%" cellspacing="0" cellpadding="0" align="center">
<tr><td class="title" align="center">{escape(item.title)}</td></tr>
<tr><td align="center" class="bt_content">发布日期：{item.published} {item.stamp} {src}
浏览次数：<script language="javascript" src="/{site.key}/module/visitcount/articlehits.jsp"></script>
字号：[ {ZOOM} ]</td></tr>
<tr><td class="bt_content" id="zoom">
{paragraphs(item.text)}
</td></tr></table>
{SHARE}
{FOOTER.format(home=home, portal=site.name)}
</body></html>
"""


def article_path(site: Site, item: Item, serial: int) -> str:
    """Site-relative path of an article page, in the CMS family's URL scheme."""
    y, m, d = (int(p) for p in item.published.split("-"))
    if site.style == "trs":
        return f"{site.column_path}/{y}{m:02d}/t{y}{m:02d}{d:02d}_{1000000 + serial}.html"
    return f"art/{y}/{m}/{d}/art_{site.column_path}_{50000 + serial}.html"


def trs_list(site: Site, rows: list[tuple[str, Item]], page: int, pages: int, home: str) -> str:
    items = "\n".join(
        f'<li><a href="./{path[len(site.column_path) + 1 :]}" '
        f'target="_blank" title="{escape(item.title)}">{escape(item.title)}</a><span>{item.published}</span></li>'
        for path, item in rows
    )
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="ColumnName" content="{site.column}"><title>{site.column}_{site.name}</title>
<script type="text/javascript" src="/{site.key}/images/page.js"></script></head><body>
{NAV.format(home=home, portal=site.name)}
<div class="crumb">当前位置：<a href="{home}">首页</a> &gt; {site.column}</div>
<div class="list"><ul>
{items}
</ul>
<div class="page"><script type="text/javascript">
var currentPage = {page};//所在页从0开始
var countPage = {pages}//共多少页
createPageHTML(countPage, currentPage, "index", "html");
</script></div></div>
{FOOTER.format(home=home, portal=site.name)}
</body></html>
"""


def hanweb_record(site: Site, path: str, item: Item) -> str:
    href = f"/{site.key}/{path}"
    return (
        f'<record><![CDATA[<li><a href="{href}" target="_blank" title="{escape(item.title)}">'
        f"{escape(item.title)}</a><span>{item.published}</span></li>]]></record>"
    )


def dataproxy_params(site: Site) -> list[tuple[str, str]]:
    return [
        ("appid", "1"),
        ("columnid", site.column_path),
        ("permissiontype", "0"),
        ("unitid", str(int(site.column_path) + 7000)),
        ("webid", "1"),
    ]


def hanweb_files(site: Site, rows: list[tuple[str, Item]], home: str) -> dict[str, str]:
    """index.html with the first records inline plus one dataproxy.jsp file per later page."""
    from urllib.parse import urlencode

    records = [hanweb_record(site, path, item) for path, item in rows]
    base = dataproxy_params(site)
    nextgroup = f"/{site.key}/module/web/jpage/dataproxy.jsp?" + urlencode(base)
    first = "\n".join(records[: site.per_page])
    files = {}
    files[f"col/col{site.column_path}/index.html"] = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{site.name} {site.column}</title>
<script language="javascript" src="/{site.key}/module/jslib/jquery/jquery.js"></script></head><body>
{NAV.format(home=home, portal=site.name)}
<div class="bt_link">您当前的位置：<a href="{home}">首页</a> &gt; {site.column}</div>
<div id="{int(site.column_path) + 7000}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="{nextgroup}"></a>]]></nextgroup>
<recordset>
{first}
</recordset>
</datastore></script></div>
<script language="javascript" src="/{site.key}/module/web/jpage/jpage.js"></script>
<script>
var totalRecord = {len(records)}; var perpage = {site.per_page};
$(function () {{ jpage("{int(site.column_path) + 7000}", "{nextgroup}", totalRecord, perpage); }});
</script>
{FOOTER.format(home=home, portal=site.name)}
</body></html>
"""
    for start in range(1, len(records) + 1, site.per_page):
        end = start + site.per_page - 1
        params = [*base, ("endrecord", str(end)), ("perpage", str(site.per_page)), ("startrecord", str(start))]
        name = "module/web/jpage/dataproxy.jsp@" + urlencode(sorted(params))
        chunk = "\n".join(records[start - 1 : end])
        files[name] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n<totalrecord>{len(records)}'
            f"</totalrecord>\n<recordset>\n{chunk}\n</recordset>\n</datastore>\n"
        )
    return files


def build_site(site: Site, shared: Path) -> tuple[dict[str, bytes], list[dict]]:
    """All files of one site (path relative to the site directory -> bytes) and manifest rows."""
    home = f"/{site.key}/index.html"
    items = sorted(
        (load_item(shared, name) for name in site.members), key=lambda i: (i.published, i.name), reverse=True
    )  # portals list newest first
    files: dict[str, bytes] = {}
    rows: list[tuple[str, Item]] = []
    manifest = []
    for serial, item in enumerate(items):
        path = article_path(site, item, serial)
        enc = encoding_for(item, serial)
        render = trs_article if site.style == "trs" else hanweb_article
        files[path] = encode_page(render(site, item, enc, home), enc)
        rows.append((path, item))
        manifest.append(
            {
                "site": site.key,
                "path": f"{site.key}/{path}",
                "name": item.name,
                "origin": item.origin,
                "title": item.title,
                "published": item.published,
                "city": item.city,
                "source": item.source,
                "encoding": enc,
                "body_sha256": body_hash(item.text),
            }
        )
    if site.style == "trs":
        pages = max(1, -(-len(rows) // site.per_page))
        for page in range(pages):
            chunk = rows[page * site.per_page : (page + 1) * site.per_page]
            name = "index.html" if page == 0 else f"index_{page}.html"
            html = trs_list(site, chunk, page, pages, home)
            files[f"{site.column_path}/{name}"] = html.encode("utf-8")
    else:
        for name, text in hanweb_files(site, rows, home).items():
            files[name] = text.encode("utf-8")
    start = f"{site.column_path}/index.html" if site.style == "trs" else f"col/col{site.column_path}/index.html"
    files["index.html"] = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{site.name}</title></head>'
        f'<body><a href="/{site.key}/{start}">{site.column}</a></body></html>\n'
    ).encode()
    return files, manifest


def body_hash(text: str) -> str:
    """Hash of the body with all whitespace removed: what a parser must recover, modulo layout."""
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()


README = """# corpus/mirror — bundled government-portal mirror (generated; do not edit by hand)

Format: one directory per site (see corpus/sources/demo-*.toml), served by pipeline/mirror.py.
Article pages are real articles from the project's gold and series sets wrapped in TRS WCM or
Hanweb JCMS page chrome; `manifest.json` lists every article page with its origin, title, date,
city, encoding (gbk | utf-8 | mislabelled = declares gb2312 but is UTF-8) and the sha256 of
its body with whitespace removed. Files named `PATH@QUERY` answer `PATH?QUERY` requests
(parameters sorted by name, so any order works; POST form fields count as query parameters).

Hanweb list records: the column page holds the first `perpage` records in a
`<script type="text/xml"><datastore>` block, its `<nextgroup>` CDATA gives the dataproxy.jsp URL,
and `var totalRecord = N; var perpage = P;` the paging. Record page k is
`NEXTGROUP&startrecord=S&endrecord=S+P-1&perpage=P` with S = 1 + k*P; the answer is XML with
`<totalrecord>` and one `<record><![CDATA[<li><a href=…>]]></record>` per article.
TRS list pages: `index.html`, `index_1.html`, … as announced by `createPageHTML(countPage, …)`.
Regenerate with: python scripts/build_mirror.py
"""

ROBOTS = "User-agent: *\nDisallow: /search\nDisallow: /private/\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "corpus" / "mirror")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    manifest = []
    for site in SITES:
        files, rows = build_site(site, args.shared)
        manifest += rows
        for rel, data in sorted(files.items()):
            target = args.out / site.key / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    (args.out / "robots.txt").write_text(ROBOTS, encoding="utf-8")
    (args.out / "README.md").write_text(README, encoding="utf-8")
    (args.out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"wrote {len(manifest)} articles, {size / 1024:.0f} KiB to {args.out}")


if __name__ == "__main__":
    main()
