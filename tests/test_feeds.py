"""RSS and Atom feeds of activities and issues, made with feedgen, holding public records only."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from support.sitebuild import config_for, mkdocs_build

pytestmark = pytest.mark.build

ATOM = "{http://www.w3.org/2005/Atom}"


def test_feeds_list_public_published_records_newest_first(tree, tmp_path):
    tree.write("activities/2024/2024-09-01-caogao.yml", "title: 草稿活动甲\ndate: 2024-09-01\nprogram: san-tong-san-yi\n"
                                                        "status: draft\n")
    tree.write("activities/2024/2024-08-01-neibu.yml", "title: 内部活动乙\ndate: 2024-08-01\nprogram: san-tong-san-yi\n"
                                                       "visibility: internal\n")
    tree.write("activities/2024/2024-06-01-xin.yml", "title: 新<活动>\ndate: 2024-06-01\nprogram: san-tong-san-yi\nsummary: "
                                                     "摘要 & 说明\n")
    site = tmp_path / "site"
    # A preview build shows drafts on its pages; the feeds still must not carry them.
    done = mkdocs_build(config_for(tree.records, tmp_path, drafts=True), site, site_url="https://example.org/dj/")
    assert done.returncode == 0, done.stderr

    rss = ET.parse(site / "feed-activities.xml").getroot().find("channel")
    assert rss.findtext("link") == "https://example.org/dj/"
    assert rss.findtext("language") == "zh-CN"
    items = [(i.findtext("title"), i.findtext("link"), i.findtext("pubDate")) for i in rss.findall("item")]
    assert items == [
        ("新<活动>", "https://example.org/dj/activities/2024/2024-06-01-xin/", "Sat, 01 Jun 2024 00:00:00 +0800"),
        ("同课异构研讨", "https://example.org/dj/activities/2024/2024-03-12-tongke-yigou/", "Tue, 12 Mar 2024 00:00:00 +0800"),
    ]
    # A description is HTML to a reader: the plain-text summary arrives escaped, and shows as typed.
    assert rss.findall("item")[0].findtext("description") == "摘要 &amp; 说明"

    atom = ET.parse(site / "feed-activities.atom.xml").getroot()
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == ["新<活动>", "同课异构研讨"]
    content = atom.find(f"{ATOM}entry/{ATOM}content")
    assert (content.get("type"), content.text) == ("html", "摘要 &amp; 说明")

    issues = ET.parse(site / "feed-issues.xml").getroot().find("channel")
    assert [(i.findtext("title"), i.findtext("link")) for i in issues.findall("item")] == [
        ("《党性日记》2024年第1期", "https://example.org/dj/publications/dangxing-riji/2024-01/"),
    ]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/rss+xml" title="党建活动" href="feed-activities.xml">' in home


def test_a_hidden_publication_has_no_issues_in_the_feed(tree, tmp_path):
    tree.write("publications/dangxing-riji/index.yml", "title: 党性日记\nvisibility: internal\n")
    site = tmp_path / "site"
    done = mkdocs_build(config_for(tree.records, tmp_path), site, site_url="https://example.org/dj/")
    assert done.returncode == 0, done.stderr
    assert ET.parse(site / "feed-issues.xml").getroot().find("channel").findall("item") == []


def test_no_site_url_no_feeds(tree, tmp_path):
    site = tmp_path / "site"
    done = mkdocs_build(config_for(tree.records, tmp_path), site)
    assert done.returncode == 0, done.stderr
    assert not list(site.glob("feed-*"))
    assert "rel=\"alternate\"" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_preview_makes_a_feed_again_when_a_record_it_shows_changes(tree):
    from pathlib import Path

    from generator.feeds import make_feeds
    from generator.load import RecordCache
    from generator.pipeline import check_records

    cache = RecordCache()

    def titles(slug: str) -> list[str]:
        feeds = make_feeds(check_records(Path("records"), cache=cache).site, "https://example.org/")
        return [i.findtext("title") for i in ET.fromstring(feeds[f"feed-{slug}.xml"]).find("channel").findall("item")]

    assert titles("issues") == ["《党性日记》2024年第1期"]
    assert titles("activities") == ["同课异构研讨"]
    tree.write("publications/dangxing-riji/index.yml", "title: 党性随笔\n")  # the issue is titled by its periodical
    assert titles("issues") == ["《党性随笔》2024年第1期"]
    act = tree.records / "activities/2024/2024-03-12-tongke-yigou.yml"
    act.write_text(act.read_text(encoding="utf-8").replace("title: 同课异构研讨", "title: 同课异构研讨（改）"), encoding="utf-8")
    assert titles("activities") == ["同课异构研讨（改）"]
    site = (tree.records / "site.yml").read_text(encoding="utf-8")
    tree.write("site.yml", site.replace("中共测试小学总支部委员会", "测试总支"))
    feeds = make_feeds(check_records(Path("records"), cache=cache).site, "https://example.org/")
    assert ET.fromstring(feeds["feed-activities.xml"]).find("channel").findtext("title") == "测试总支 · 党建活动"
