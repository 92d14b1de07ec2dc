"""The generated Markdown: golden files pin one page of each kind; listings list what they should.

To accept a deliberate change of the output: UPDATE_GOLDEN=1 pytest tests/test_pages.py, then read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.link import BuildMode
from generator.load import RecordCache
from generator.pagecache import PageCache
from generator.pages import make_pages
from generator.pipeline import check_records

GOLDEN = Path(__file__).parent / "golden"

TRICKY_ACTIVITY = """\
title: 同课异构*研讨* <b>{{ x }}</b>
date: 2024-03-12
program: san-tong-san-yi
places: [dangyuan-huodongshi]
branches: [di-yi]
members: [zhang-hua]
participants: 36
summary: |
  第一行 [链接](http://x)
  第二行 {% raw %}
body: |
  正文 **加粗**，`{{ 不求值 }}`。
photos:
  - src: 2024/a.jpg
    caption: 现场 <i>照片</i>
tags: [课堂教学, "a<b"]
"""


def pages_of(tree, mode: BuildMode = BuildMode()):
    result = tree.check(mode)
    assert result.ok, result.problems
    return make_pages(result.site)


@pytest.fixture
def output(tree):
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", TRICKY_ACTIVITY)
    tree.write("activities/2024/2024-09-01-draft.yml", "title: 草稿活动\ndate: 2024-09-01\nprogram: san-tong-san-yi\n"
                                                       "status: draft\n")
    tree.write("activities/2023/2023-05-01-internal.yml", "title: 内部活动\ndate: 2023-05-01\nprogram: san-tong-san-yi\n"
                                                          "visibility: internal\n")
    return pages_of(tree)


GOLDEN_PAGES = {
    "home": "index.md",
    "work": "work/index.md",
    "pillar": "work/rongru.md",
    "program": "programs/san-tong-san-yi.md",
    "places": "places/index.md",
    "place": "places/dangyuan-huodongshi.md",
    "activities": "activities/index.md",
    "activity_year": "activities/2024/index.md",
    "activities_by_program": "activities/by-program.md",
    "activities_by_branch": "activities/by-branch.md",
    "activity": "activities/2024/2024-03-12-tongke-yigou.md",
    "members": "members/index.md",
    "member": "members/zhang-hua.md",
    "publications": "publications/index.md",
    "publication": "publications/dangxing-riji/index.md",
    "issue": "publications/dangxing-riji/2024-01.md",
    "forum": "forum/index.md",
    "suggestion": "forum/2024/2024-05-20-jianyi.md",
    "reviews": "reviews/index.md",
    "review": "reviews/2024.md",
    "tags": "tags.md",
}


@pytest.mark.parametrize("name", sorted(GOLDEN_PAGES))
def test_golden(output, name):
    page = {p.path: p for p in output.pages}[GOLDEN_PAGES[name]]
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(page.markdown, encoding="utf-8")
    assert page.markdown == golden.read_text(encoding="utf-8")


def test_every_shown_record_has_its_page_with_its_source(output):
    sources = {p.source: p.path for p in output.pages if p.source}
    assert sources == {
        "programs/san-tong-san-yi.yml": "programs/san-tong-san-yi.md",
        "places/dangyuan-huodongshi.yml": "places/dangyuan-huodongshi.md",
        "members/zhang-hua.yml": "members/zhang-hua.md",
        "activities/2024/2024-03-12-tongke-yigou.yml": "activities/2024/2024-03-12-tongke-yigou.md",
        "publications/dangxing-riji/index.yml": "publications/dangxing-riji/index.md",
        "publications/dangxing-riji/2024-01.yml": "publications/dangxing-riji/2024-01.md",
        "suggestions/2024/2024-05-20-jianyi.yml": "forum/2024/2024-05-20-jianyi.md",
        "reviews/2024.yml": "reviews/2024.md",
    }
    assert output.media == ["2024/a.jpg"]


def test_drafts_and_internal_records_appear_nowhere_in_a_public_build(output):
    everything = "\n".join(p.markdown for p in output.pages)
    assert "草稿活动" not in everything and "内部活动" not in everything
    assert "2023" not in {p.path.split("/")[1] for p in output.pages if p.path.startswith("activities/")}
    assert "共 1 次活动记录。" in {p.path: p for p in output.pages}["activities/index.md"].markdown


def test_a_preview_build_shows_drafts_marked(tree):
    tree.write("activities/2024/2024-09-01-draft.yml", "title: 草稿活动\ndate: 2024-09-01\nprogram: san-tong-san-yi\n"
                                                       "status: draft\n")
    pages = {p.path: p for p in pages_of(tree, BuildMode(drafts=True)).pages}
    draft = pages["activities/2024/2024-09-01-draft.md"]
    assert draft.title == "草稿活动（草稿）"
    assert '!!! warning "草稿"' in draft.markdown
    assert "[草稿活动（草稿）](2024-09-01-draft.md)" in pages["activities/2024/index.md"].markdown


def test_a_hidden_publication_hides_its_issues(tree):
    tree.write("publications/dangxing-riji/index.yml", "title: 党性日记\nvisibility: internal\n")
    tree.write("publications/dangxing-riji/2024-02.yml", "articles:\n  - {title: 文, author: 甲, body: 正文}\n")
    paths = {p.path for p in pages_of(tree).pages}
    assert not any(p.startswith("publications/dangxing-riji/") for p in paths)


# ---------------------------------------------------------------- rendering only what changed (mkdocs serve)

EDITS = {
    "activity title": ("activities/2024/2024-03-12-tongke-yigou.yml", "title: 同课异构研讨", "title: 同课异构研讨（改）"),
    "member name": ("members/zhang-hua.yml", "name: 张华", "name: 张华华"),
    "place title": ("places/dangyuan-huodongshi.yml", "title: 党员活动室", "title: 党员之家"),
    "program title": ("programs/san-tong-san-yi.yml", "title: 三同三异", "title: 三同三异（改）"),
    "publication title": ("publications/dangxing-riji/index.yml", "title: 党性日记", "title: 党性日记（改）"),
    "site organization": ("site.yml", "organization: 中共测试小学总支部委员会", "organization: 中共测试小学总支部"),
    "branch name": ("site.yml", "name: 第一党支部", "name: 第一支部"),
    "suggestion reply": ("suggestions/2024/2024-05-20-jianyi.yml", "reply: 回复内容。", "reply: 新的回复。"),
    "review report": ("reviews/2024.yml", "report: 述职报告。", "report: 新的报告。"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_cached_rendering_after_an_edit_equals_a_fresh_one(tree, edit):
    rel, old, new = EDITS[edit]
    records, cache = RecordCache(), PageCache()
    for mode in (BuildMode(), BuildMode(drafts=True)):
        make_pages(check_records(Path("records"), mode, records).site, cache)
        path = tree.records / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        cached = make_pages(check_records(Path("records"), mode, records).site, cache)
        assert cached == make_pages(check_records(Path("records"), mode).site)
        assert any(new.split(": ")[1] in p.markdown for p in cached.pages)
        path.write_text(path.read_text(encoding="utf-8").replace(new, old), encoding="utf-8")


def test_an_activity_edit_renders_again_only_the_pages_that_show_it(tree):
    tree.write("activities/2024/2024-04-01-other.yml", "title: 另一次活动\ndate: 2024-04-01\nprogram: san-tong-san-yi\n")
    records, cache = RecordCache(), PageCache()
    first = make_pages(check_records(Path("records"), cache=records).site, cache)
    # Every page is rendered the first time; those whose template reads the whole index, every time.
    always = ["activities/index.md", "members/index.md", "places/index.md", "publications/index.md", "reviews/index.md",
              "work/index.md", "work/rongru.md"]
    assert sorted(cache.rendered) == sorted(set(p.path for p in first.pages) - set(always))
    make_pages(check_records(Path("records"), cache=records).site, cache)
    assert cache.rendered == []
    tree.write("activities/2024/2024-04-01-other.yml", "title: 另一次活动（改）\ndate: 2024-04-01\nprogram: san-tong-san-yi\n")
    make_pages(check_records(Path("records"), cache=records).site, cache)
    # It has no branch, place or member: the by-branch archive and those pages are not rendered again.
    assert sorted(cache.rendered) == ["activities/2024/2024-04-01-other.md", "activities/2024/index.md",
                                      "activities/by-program.md", "index.md", "programs/san-tong-san-yi.md"]


def test_a_body_edit_renders_again_only_the_records_own_page(tree):
    rel = "activities/2024/2024-03-12-tongke-yigou.yml"
    text = (tree.records / rel).read_text(encoding="utf-8")
    tree.write(rel, text + "body: 第一稿。\n")
    records, cache = RecordCache(), PageCache()
    make_pages(check_records(Path("records"), cache=records).site, cache)
    tree.write(rel, text + "body: 第二稿，改了错字。\n")
    cached = make_pages(check_records(Path("records"), cache=records).site, cache)
    assert cache.rendered == ["activities/2024/2024-03-12-tongke-yigou.md"]
    assert cached == make_pages(check_records(Path("records")).site)
    assert "第二稿，改了错字。" in {p.path: p for p in cached.pages}[cache.rendered[0]].markdown


def test_the_forum_says_how_to_send_a_suggestion(tree):
    site = tree.records / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "contact:\n  address: 江苏省某市某路 1 号\n  email: dangjian@example.org\n"
                    "  suggestion_box: 学校大门东侧\n", encoding="utf-8")
    forum = next(p for p in pages_of(tree).pages if p.path == "forum/index.md").markdown
    assert ("## 怎样提建议\n\n- 投进意见箱：学校大门东侧\n- 发电子邮件：dangjian@example&#46;org\n"  # text() writes "." as &#46;
            "- 写信寄到：江苏省某市某路 1 号（请注明“党性论坛”）\n\n学校收到的建议和回复会公布在这里") in forum
    site.write_text(site.read_text(encoding="utf-8").split("contact:")[0], encoding="utf-8")
    tree.write("suggestions/2024/2024-05-20-jianyi.yml", "title: 一条建议\ndate: 2024-05-20\nfrom: 家长\ncontent: 内容。\n"
               "channel: 家长访校周\n")
    forum = next(p for p in pages_of(tree).pages if p.path == "forum/index.md").markdown
    assert "## 怎样提建议\n\n- 在家长访校周上当面提出\n\n" in forum
    tree.write("suggestions/2024/2024-05-20-jianyi.yml", "title: 一条建议\ndate: 2024-05-20\nfrom: 家长\ncontent: 内容。\n")
    assert "怎样提建议" not in next(p for p in pages_of(tree).pages if p.path == "forum/index.md").markdown


def test_an_example_record_says_so_wherever_it_shows_and_the_marks_go_with_it(tree):
    from generator.pages import EXAMPLE_NOTE

    activity = tree.records / "activities/2024/2024-03-12-tongke-yigou.yml"
    real = activity.read_text(encoding="utf-8")
    activity.write_text(real + "example: true\n", encoding="utf-8")
    site = tree.records / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("{id: di-yi, "
                                                             "name: 第一党支部}", "{id: di-yi, name: 第一党支部, example: true}"),
                    encoding="utf-8")
    pages = {p.path: p.markdown for p in pages_of(tree).pages}
    own = pages["activities/2024/2024-03-12-tongke-yigou.md"]
    assert "\n# 同课异构研讨（示例）\n\n" + EXAMPLE_NOTE in own
    assert "| 支部 | 第一党支部（示例） |" in own
    assert "[同课异构研讨（示例）](2024-03-12-tongke-yigou.md)" in pages["activities/2024/index.md"]
    assert "  - title: 同课异构研讨（示例）\n" in pages["index.md"]
    assert "  - label: 党建活动\n    value: '1'\n    note: 含示例 1\n" in pages["index.md"]
    assert "| 党建活动 | 1（含示例 1） |" in pages["reviews/2024.md"]
    assert "## 第一党支部（示例）" in pages["activities/by-branch.md"]

    activity.write_text(real, encoding="utf-8")
    site.write_text(site.read_text(encoding="utf-8").replace(", example: true}", "}"), encoding="utf-8")
    assert not [path for path, markdown in ((p.path, p.markdown) for p in pages_of(tree).pages) if "示例" in markdown]


def test_practices_are_listed_in_the_reports_order_and_their_page_says_the_summary_once(tree):
    tree.write("programs/a-first-by-id.yml", "title: 乙做法\npillar: rongru\norder: 2\nsummary: 乙的摘要。\n")
    tree.write("programs/z-last-by-id.yml", "title: 甲做法\npillar: rongru\norder: 1\nsummary: 甲的摘要。\nbody: 甲的正文。\n")
    pages = {p.path: p.markdown for p in pages_of(tree).pages}
    listed = [
        line.split("](")[0].removeprefix("### [") for line in pages["work/rongru.md"].splitlines() if line.startswith("### [")
    ]
    assert listed == ["甲做法", "乙做法", "三同三异"]  # 一是, 二是, then those without an order
    assert "甲的正文" in pages["programs/z-last-by-id.md"] and "甲的摘要" not in pages["programs/z-last-by-id.md"]
    assert "乙的摘要" in pages["programs/a-first-by-id.md"]
