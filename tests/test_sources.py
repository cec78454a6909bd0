"""Site definitions: the shipped files load, presets fill the gaps, every mistake names file and key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.sources import SourceError, build_source, load_source, load_sources

SOURCES = Path(__file__).resolve().parents[1] / "corpus" / "sources"
MINIMAL = {
    "name": "dongying-news",
    "city": "东营市",
    "level": "city",
    "preset": "hanweb",
    "start_urls": ["http://www.dongying.gov.cn/col/col38338/index.html"],
    "verified": "mirror",
}


def test_shipped_definitions_load():
    live = load_sources()
    assert len(live) >= 5 and all(not s.name.startswith("demo-") for s in live)
    assert {s.level for s in live} >= {"city", "county"} and {s.preset for s in live} >= {"trs", "hanweb"}
    assert all(s.verified == "mirror" for s in live)  # nothing here was checked against the live site


def test_mirror_definitions_need_a_mirror_and_get_its_address():
    demo = [s for s in load_sources(mirror="http://127.0.0.1:8123") if s.name.startswith("demo-")]
    assert len(demo) >= 2
    for source in demo:
        assert all(u.startswith("http://127.0.0.1:8123/") for u in source.start_urls)
        assert source.allowed_hosts == {"127.0.0.1:8123"}
        assert source.allows("http://127.0.0.1:8123/x.html") and not source.allows("http://127.0.0.1:9999/x.html")


def test_a_preset_makes_a_city_just_a_url():
    source = build_source(Path("dongying-news.toml"), MINIMAL)
    assert source.title == "dongying-news" and source.allowed_hosts == {"www.dongying.gov.cn"}
    assert source.is_article("http://www.dongying.gov.cn/art/2024/4/15/art_38338_10312345.html")
    assert not source.is_article("http://www.dongying.gov.cn/col/col38338/index.html")
    assert not source.is_article("http://evil.example.com/art/2024/4/15/art_38338_10312345.html")
    assert source.delay == 1.0 and source.pagination.per_page == 15


def test_site_keys_override_the_preset():
    source = build_source(Path("x.toml"), {**MINIMAL, "preset": "trs", "delay": 3, "pagination": {"max_pages": 2}})
    assert source.delay == 3.0 and source.pagination.max_pages == 2 and source.pagination.pattern == "index_{n}.html"


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"colour": "red"}, "colour"),
        ({"level": "village"}, "level"),
        ({"preset": "wordpress"}, "preset"),
        ({"verified": "yes"}, "verified"),
        ({"name": "Dong Ying"}, "name"),
        ({"start_urls": []}, "start_urls"),
        ({"start_urls": ["www.dongying.gov.cn/index.html"]}, "start_urls"),
        ({"start_urls": "http://www.dongying.gov.cn/"}, "start_urls"),
        ({"allowed_hosts": ["other.gov.cn"]}, "allowed_hosts"),
        ({"article_pattern": "art_(\\d+"}, "article_pattern"),
        ({"preset": "generic"}, "article_pattern"),  # generic has no default link pattern
        ({"delay": -1}, "delay"),
        ({"delay": True}, "delay"),
        ({"pagination": {"pattern": "index.html"}}, "pagination.pattern"),
        ({"pagination": {"max_pages": 0}}, "pagination.max_pages"),
        ({"pagination": {"every": 2}}, "pagination.every"),
        ({"selectors": {"author": ".a"}}, "selectors.author"),
        ({"selectors": {"body": ""}}, "selectors.body"),
        ({"city": None}, "city"),
    ],
)
def test_mistakes_name_the_file_and_the_key(change, key):
    data = {k: v for k, v in {**MINIMAL, **change}.items() if v is not None}
    with pytest.raises(SourceError) as caught:
        build_source(Path("corpus/sources/bad.toml"), data)
    assert "bad.toml" in str(caught.value) and repr(key) in str(caught.value)


def test_unreadable_toml_and_duplicate_names(tmp_path):
    (tmp_path / "broken.toml").write_text('name = "x\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"broken\.toml: not valid TOML"):
        load_source(tmp_path / "broken.toml")
    (tmp_path / "broken.toml").unlink()
    body = "\n".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in MINIMAL.items())  # JSON is TOML here
    for name in ("a.toml", "b.toml"):
        (tmp_path / name).write_text(body, encoding="utf-8")
    with pytest.raises(SourceError, match=r"b.toml: key 'name': 'dongying-news' is also used by"):
        load_sources(tmp_path)
    (tmp_path / "b.toml").unlink()
    assert [s.name for s in load_sources(tmp_path)] == ["dongying-news"]
