"""The real MkDocs + Material build, read back from the built HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from support.sitebuild import ROOT, config_for, mkdocs_build

from generator.pages import path_of, title_of
from generator.pipeline import check_records

pytestmark = pytest.mark.build


def html_path(site: Path, md_path: str) -> Path:
    stem = md_path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return site / stem[:-5] / "index.html"
    return site / stem / "index.html"


def soup(site: Path, md_path: str) -> BeautifulSoup:
    doc = BeautifulSoup(html_path(site, md_path).read_text(encoding="utf-8"), "html.parser")
    for anchor in doc.select("a.headerlink"):  # the ¶ permalinks of toc
        anchor.decompose()
    return doc


@pytest.fixture
def shipped(shipped_site) -> Path:
    return shipped_site


def test_every_shipped_record_has_its_page(shipped):
    result = check_records(ROOT / "records")
    entries = [e for group in (result.site.programs, result.site.activities, result.site.places, result.site.members,
                               result.site.publications, result.site.suggestions, result.site.reviews)
               for e in group.values()]
    entries += [i for issues in result.site.issues.values() for i in issues.values()]
    for entry in entries:
        assert soup(shipped, path_of(entry)).h1.get_text() == title_of(entry, result.site), entry.rel


def test_indexes_list_what_they_should(shipped):
    result = check_records(ROOT / "records")

    def links(md_path):
        return {a.get_text() for a in soup(shipped, md_path).select("article a")}

    assert {title_of(a, result.site) for a in result.site.activities.values()} <= links("activities/2011/index.md")
    assert {title_of(p, result.site) for p in result.site.programs.values()} <= links("work/index.md")
    assert {title_of(p, result.site) for p in result.site.places.values()} <= links("places/index.md")
    assert {"张华（示例）"} <= links("members/index.md")
    assert {"《党性日记》2011年第1期（示例）", "《红旗飘飘》2011年第1期（示例）", "《实小动态》2011年第1期（示例）"} <= links(
        "publications/index.md"
    )
    assert "希望公开党员教师社区服务站的接待时间（示例）" in links("forum/index.md")
    forum = soup(shipped, "forum/index.md")
    adopted = next(h for h in forum.find_all("h2") if h.get_text().startswith("已采纳")).find_next("ul")
    assert adopted.get_text(" ", strip=True).startswith("希望公开党员教师社区服务站的接待时间（示例）")


def test_navigation_holds_sections_and_archives_only(shipped):
    home = soup(shipped, "index.md")
    tabs = [a.get_text(strip=True) for a in home.select(".md-tabs__link")]
    assert tabs == [
        "首页",
        "党建工作",
        "党建活动",
        "党员风采",
        "刊物",
        "阵地与基地",
        "社区服务站",
        "党性论坛",
        "述职评议",
        "标签",
    ]
    nav_links = {a["href"] for a in home.select("nav.md-nav--primary a.md-nav__link[href]")}
    assert not any(re.search(r"activities/2011/2011-", h) for h in nav_links)
    assert any(h.endswith("activities/2011/") for h in nav_links)


def test_record_page_shows_where_it_belongs_and_edits_its_record(shipped):
    page = soup(shipped, "activities/2011/2011-03-16-tongke-yigou.md")
    crumbs = page.select_one(".dj-breadcrumb")
    assert [a.get_text() for a in crumbs.find_all("a")] == ["党建活动", "2011年"]
    edit = page.select_one('a.md-content__button[title="编辑此页"]')
    assert edit["href"] == "https://example.org/school/site/edit/main/records/activities/2011/2011-03-16-tongke-yigou.yml"


def test_photo_with_caption_opens_large(shipped):
    page = soup(shipped, "activities/2011/2011-03-16-tongke-yigou.md")
    figure = page.select_one("figure.dj-photo")
    assert figure.figcaption.get_text() == "示例图片（请换成活动现场照片）"
    # glightbox wraps the photo in a link to itself, which opens it large in a lightbox
    assert figure.img["src"] == "../../../media/2011/shili-huodong.jpg"
    assert figure.a["href"] == figure.img["src"] and "glightbox" in figure.a["class"]
    with Image.open(shipped / "media/2011/shili-huodong.jpg") as published:
        assert (published.format, published.size, published.getexif()) == ("JPEG", (1200, 800), {})
    with Image.open(shipped / "media/thumbs/2011/shili-huodong.jpg") as thumb:
        assert thumb.size == (480, 320)


def test_review_shows_figures_and_the_evaluation_table(shipped):
    page = soup(shipped, "reviews/2011.md")
    def rows_after(heading):
        table = next(h for h in page.find_all("h2") if h.get_text() == heading).find_next("table")
        return [[c.get_text() for c in tr.find_all(["td", "th"])] for tr in table.find_all("tr")]

    rows = rows_after("测评表")
    assert rows[0] == ["测评项目", "好", "较好", "一般", "差"]
    assert rows[1] == ["学校党建融入教育教学", "90（87.4%）", "10（9.7%）", "3（2.9%）", "0（0.0%）"]
    blank = rows_after("空白测评表")  # the same items and one for the whole, to fill in at the meeting
    assert [r[0] for r in blank] == [r[0] for r in rows] + ["总体评价"] and blank[1][1:] == ["□"] * 4
    figures = {tr.td.get_text(): tr.find_all("td")[1].get_text() for tr in page.find_all("table")[0].find_all("tr")[1:]}
    assert figures == {
        "党建活动": "5（含示例 5）",
        "刊物期数": "3（含示例 3）",
        "党性论坛建议": "1（含示例 1）",
        "已回复的建议": "1（含示例 1）",
    }


def test_search_index_is_segmented_chinese_and_keeps_terms_whole(shipped):
    index = json.loads((shipped / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    texts = "\n".join(doc["text"] for doc in index["docs"])
    for term in ("三同三异", "党员一本通", "一岗双责", "同课异构"):  # whole but for the last character (segment.py)
        assert f"\u200b{term[:-1]}\u200b{term[-1]}\u200b" in texts, term


def test_nothing_is_loaded_from_the_internet(shipped):
    for page in shipped.rglob("*.html"):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in doc.find_all(tag):
                url = el.get(attr) or ""
                assert not re.match(r"(https?:)?//", url), (page, url)


# ---------------------------------------------------------------- fixture trees


def build_tree(tree, tmp_path, **options) -> tuple[Path, object]:
    config = config_for(tree.records, tmp_path, **options)
    site = tmp_path / "site"
    return site, mkdocs_build(config, site)


def test_plain_text_is_shown_as_typed_in_page_nav_title_and_search(tree, tmp_path):
    title = "同课异构*研讨* <b>{{ x }}</b> [a](b)"
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", f"title: '{title}'\ndate: 2024-03-12\nprogram: san-tong-san-yi\n")
    tree.write("publications/dangxing-riji/index.yml", "title: 党性<i>日记</i>\n")
    site, done = build_tree(tree, tmp_path)
    assert done.returncode == 0, done.stderr
    page = soup(site, "activities/2024/2024-03-12-tongke-yigou.md")
    assert page.h1.get_text() == title
    assert page.title.get_text() == f"{title} - 中共测试小学总支部委员会"
    assert page.find("b") is None
    nav = soup(site, "publications/index.md").select("nav.md-nav--primary .md-nav__link")
    assert "《党性<i>日记</i>》" in [n.get_text(strip=True) for n in nav]
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = [BeautifulSoup(d["title"], "html.parser").get_text().replace("\u200b", "") for d in index["docs"]]
    assert title in titles


def test_public_build_leaks_no_draft_or_internal_record(tree, tmp_path):
    tree.write("activities/2024/2024-09-01-caogao.yml", "title: 草稿活动甲\ndate: 2024-09-01\nprogram: san-tong-san-yi\n"
                                                        "status: draft\n")
    tree.write("activities/2023/2023-05-01-neibu.yml", "title: 内部活动乙\ndate: 2023-05-01\nprogram: san-tong-san-yi\n"
                                                       "visibility: internal\n")
    tree.write("members/li-ming.yml", "name: 内部党员丙\nstory: 故事\nvisibility: internal\n")
    site, done = build_tree(tree, tmp_path)
    assert done.returncode == 0, done.stderr
    for f in site.rglob("*"):
        if f.is_file() and f.suffix in (".html", ".json", ".xml"):
            content = f.read_text(encoding="utf-8")
            for secret in ("草稿活动甲", "内部活动乙", "内部党员丙", "caogao", "neibu", "li-ming"):
                assert secret not in content, (f, secret)
    assert not (site / "activities/2023").exists()


def test_preview_build_shows_drafts_marked(tree, tmp_path):
    tree.write("activities/2024/2024-09-01-caogao.yml", "title: 草稿活动甲\ndate: 2024-09-01\nprogram: san-tong-san-yi\n"
                                                        "status: draft\n")
    site, done = build_tree(tree, tmp_path, drafts=True)
    assert done.returncode == 0, done.stderr
    page = soup(site, "activities/2024/2024-09-01-caogao.md")
    assert page.h1.get_text() == "草稿活动甲（草稿）"
    assert page.select_one(".admonition.warning .admonition-title").get_text() == "草稿"


def test_a_bad_record_stops_the_build_with_the_check_message(tree, tmp_path):
    tree.write("programs/san-tong-san-yi.yml", "title: 三同三异\npillar: rongru\nsumary: x\n")
    site, done = build_tree(tree, tmp_path)
    assert done.returncode == 1
    assert "记录有错误，网站没有构建：" in done.stderr
    # mkdocs runs in tmp_path, so the path is shown relative to it, as check shows it
    assert (
        "\nrecords/programs/san-tong-san-yi.yml:3:1: 错误：字段 sumary：不认识这个字段“sumary”，是不是想写“summary”？\n"
        in done.stderr
    )
    assert "Traceback" not in done.stderr
    assert not site.exists()


def test_a_handwritten_page_is_never_replaced(tree, tmp_path):
    config = config_for(tree.records, tmp_path, own_docs=True)
    docs = tmp_path / "docs"
    (docs / "tags.md").write_text("# 手写\n", encoding="utf-8")
    done = mkdocs_build(config, tmp_path / "site")
    assert done.returncode == 1
    assert "docs/tags.md 是手写页面，与记录生成的页面同名；请给手写页面换个名字。" in done.stderr
    assert (docs / "tags.md").read_text(encoding="utf-8") == "# 手写\n"


def test_internal_build_includes_internal_records(tree, tmp_path):
    tree.write("activities/2023/2023-05-01-neibu.yml", "title: 内部活动乙\ndate: 2023-05-01\nprogram: san-tong-san-yi\n"
                                                       "visibility: internal\n")
    site, done = build_tree(tree, tmp_path, visibility="internal")
    assert done.returncode == 0, done.stderr
    assert soup(site, "activities/2023/2023-05-01-neibu.md").h1.get_text() == "内部活动乙"
    assert "内部活动乙" in soup(site, "activities/2023/index.md").article.get_text()


def test_search_index_holds_record_pages_not_listings_and_is_utf8(shipped):
    raw = (shipped / "search/search_index.json").read_text(encoding="utf-8")
    assert "三同三异" in raw and "\\u4e09" not in raw  # written as UTF-8: half the size of \\uXXXX escapes
    locations = {d["location"].split("#")[0] for d in json.loads(raw)["docs"]}
    assert "activities/2011/2011-03-16-tongke-yigou/" in locations
    for listing in ("activities/", "activities/2011/", "activities/by-program/", "members/", "tags/", "forum/"):
        assert listing not in locations, listing
    program = [d for d in json.loads(raw)["docs"] if d["location"].startswith("programs/san-tong-san-yi/")]
    assert program and not any("课堂教学研讨" in d["text"] for d in program)  # its list of activities is left out


def _english_ui(page: str) -> set[str]:
    """English words a visitor reads on a page: its text and the text of titles, labels and placeholders."""
    doc = BeautifulSoup(page, "lxml")
    for hidden in doc(["script", "style", "code", "pre", "svg"]):
        hidden.decompose()
    texts = [doc.get_text(" ")]
    texts += [el[a] for el in doc.find_all(True) for a in ("title", "aria-label", "placeholder", "alt") if el.get(a)]
    return {w for t in texts for w in re.findall(r"[A-Za-z][A-Za-z'-]{2,}", t)}


def test_no_page_shows_english(shipped):
    found = {}
    for path in sorted(shipped.rglob("*.html")):
        for word in _english_ui(path.read_text(encoding="utf-8")):
            found.setdefault(word, path.relative_to(shipped).as_posix())
    assert found == {}
    # the scan sees what a visitor sees, titles and labels included
    assert _english_ui('<p title="Permanent link">段落</p><a aria-label="Back to '
                       'top">顶部</a>') == {"Permanent", "link", "Back", "top"}


def test_the_footer_and_the_404_page_are_the_schools(shipped):
    home = BeautifulSoup((shipped / "index.html").read_text(encoding="utf-8"), "lxml")
    assert home.select_one(".dj-footer").get_text(" ", strip=True) == "版权所有 © 中共姜堰市实验小学总支部委员会"
    missing = BeautifulSoup((shipped / "404.html").read_text(encoding="utf-8"), "lxml")
    assert missing.find("article").h1.get_text() == "找不到这一页"
    assert missing.title.get_text() == "中共姜堰市实验小学总支部委员会"
