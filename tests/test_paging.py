"""Long lists as numbered pages: where the pages are, what each holds, and that an edit renders again only the
pages that show the record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.load import RecordCache
from generator.pagecache import PageCache
from generator.pages import make_pages
from generator.paging import PER_PAGE, Pager, page_path, paginate
from generator.pipeline import check_records

N = 2 * PER_PAGE + 5  # three pages: 30, 30, 5


def test_page_paths_keep_the_first_pages_address():
    assert page_path("activities/2024/index.md", 1) == "activities/2024/index.md"
    assert page_path("activities/2024/index.md", 3) == "activities/2024/page/3.md"
    assert page_path("places/x.md", 2) == "places/x/page/2.md"
    assert page_path("tags.md", 2) == "tags/page/2.md"


@pytest.mark.parametrize("number, shown", [
    (1, [1, 2, 3, None, 20]),
    (2, [1, 2, 3, 4, None, 20]),
    (5, [1, 2, 3, 4, 5, 6, 7, None, 20]),  # a gap of one page shows that page
    (10, [1, None, 8, 9, 10, 11, 12, None, 20]),
    (20, [1, None, 18, 19, 20]),
])
def test_the_pager_shows_the_first_the_last_and_two_either_side(number, shown):
    assert Pager("a.md", number, 20, 600).numbers() == shown


def test_paginate_cuts_in_order_and_an_empty_list_has_one_page():
    pages = paginate("a.md", list(range(N)))
    assert [(p.number, p.count, p.total, items[0], len(items)) for p, items in pages] == [
        (1, 3, N, 0, PER_PAGE), (2, 3, N, PER_PAGE, PER_PAGE), (3, 3, N, 2 * PER_PAGE, 5)]
    assert [(p.previous, p.next) for p, _ in pages] == [(None, "a/page/2.md"), ("a.md", "a/page/3.md"), ("a/page/2.md", None)]
    assert [(p.number, p.count, items) for p, items in paginate("a.md", [])] == [(1, 1, [])]


def _activity(day: dt.date, n: int, title: str | None = None) -> str:
    return (f"title: {title or f'第{n}次活动'}\ndate: {day}\nprogram: san-tong-san-yi\nplaces: [dangyuan-huodongshi]\n"
            f"branches: [di-yi]\nmembers: [zhang-hua]\ntags: [课堂教学]\n")


@pytest.fixture
def many(tree):
    """N activities in 2024, one a day from January 1st, all of the same practice, place, branch, member and tag;
    and N answered suggestions."""
    for n in range(1, N + 1):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=n - 1)
        tree.write(f"activities/2024/{day}-a{n}.yml", _activity(day, n))
        tree.write(f"suggestions/2024/{day}-s{n}.yml", f"title: 第{n}条建议\ndate: {day}\nfrom: 家长\ncontent: 内容。\n"
                   f"state: replied\nreply: 回复。\nreplied: {day}\n")
    tree.remove("activities/2024/2024-03-12-tongke-yigou.yml")  # the fixture's own; not one of the N
    tree.remove("suggestions/2024/2024-05-20-jianyi.yml")
    review = tree.records / "reviews/2024.yml"
    review.write_text(
        review.read_text(encoding="utf-8").replace("[2024-03-12-tongke-yigou]", "[2024-01-01-a1]"), encoding="utf-8"
    )
    return tree


def _pages(cache=None, records=None):
    result = check_records(Path("records"), cache=records)
    assert result.ok, result.problems
    return {p.path: p for p in make_pages(result.site, cache).pages}


def _listed(markdown: str) -> list[str]:
    """The titles of the activities (or suggestions) a page lists, in order."""
    return [line.split("[", 1)[1].split("]")[0] for line in markdown.splitlines()
            if line.startswith("- ") and ("次活动](" in line or "条建议](" in line)]


def _titles(numbers) -> list[str]:
    return [f"第{n}次活动" for n in numbers]


LISTS = {  # the first page of each list of the N activities -> its other pages
    "activities/2024/index.md": "activities/2024/page/{}.md",
    "programs/san-tong-san-yi.md": "programs/san-tong-san-yi/page/{}.md",
    "places/dangyuan-huodongshi.md": "places/dangyuan-huodongshi/page/{}.md",
    "members/zhang-hua.md": "members/zhang-hua/page/{}.md",
    "activities/by-branch/di-yi.md": "activities/by-branch/di-yi/page/{}.md",
    "tags/ke-tang-jiao-xue.md": "tags/ke-tang-jiao-xue/page/{}.md",
}


@pytest.mark.parametrize("first", sorted(LISTS))
def test_every_archive_is_paged_newest_first(many, first):
    pages = _pages()
    paths = [first, LISTS[first].format(2), LISTS[first].format(3)]
    assert LISTS[first].format(4) not in pages
    listed = [_listed(pages[p].markdown) for p in paths]
    assert listed == [_titles(range(N, N - PER_PAGE, -1)), _titles(range(N - PER_PAGE, 5, -1)), _titles(range(5, 0, -1))]


def test_the_pages_of_a_year_say_where_they_are_and_link_each_other(many):
    pages = _pages()
    second = pages["activities/2024/page/2.md"]
    assert second.title == "2024年党建活动（第 2 页）" and not second.in_nav and pages["activities/2024/index.md"].in_nav
    assert "search:\n  exclude: true\n" in second.markdown
    assert "# 2024年党建活动（第 2 页）\n\n第 2 / 3 页，共 65 次活动。\n" in second.markdown
    assert ('<nav class="dj-pager" aria-label="分页" markdown="1">\n'
            "[‹ 上一页](../index.md) [1](../index.md) <strong aria-current=\"page\">2</strong> [3](3.md) "
            "[下一页 ›](3.md)\n</nav>\n") in second.markdown
    first = pages["activities/2024/index.md"].markdown
    assert "[1](index.md)" not in first and "[2](page/2.md) [3](page/3.md) [下一页 ›](page/2.md)" in first
    assert first.count("## ") == 2 and "## 3月\n" in first and "## 2月\n" in first  # this page's months, newest first


def test_a_records_page_is_the_first_page_of_its_activities(many):
    pages = _pages()
    place = pages["places/dangyuan-huodongshi.md"]
    assert place.source == "places/dangyuan-huodongshi.yml" and "[2](dangyuan-huodongshi/page/2.md)" in place.markdown
    second = pages["places/dangyuan-huodongshi/page/2.md"]
    assert second.title == "党员活动室 · 在这里开展的活动（第 2 页）" and second.source is None
    assert "[阵地与基地](../../index.md) › [党员活动室](../../dangyuan-huodongshi.md)\n{: .dj-breadcrumb }" in second.markdown
    assert pages["members/zhang-hua/page/3.md"].title == "张华 · 参加的活动（第 3 页）"


def test_the_archives_by_group_and_the_forum_show_the_latest_and_link_the_whole_list(many):
    pages = _pages()
    by_branch = pages["activities/by-branch.md"].markdown
    assert _listed(by_branch) == _titles(range(N, N - 5, -1))
    assert f"[全部 {N} 次活动 ›](by-branch/di-yi.md)" in by_branch
    assert f"[全部 {N} 次活动 ›](../programs/san-tong-san-yi.md)" in pages["activities/by-program.md"].markdown
    forum = pages["forum/index.md"].markdown
    assert _listed(forum) == [f"第{n}条建议" for n in range(N, N - 10, -1)]
    assert f"## 已回复（{N}）" in forum and f"[全部 {N} 条已回复的建议 ›](replied.md)" in forum
    assert _listed(pages["forum/replied/page/3.md"].markdown) == [f"第{n}条建议" for n in range(5, 0, -1)]
    assert "暂无。" in pages["forum/open.md"].markdown and "forum/open/page/2.md" not in pages
    assert f"- [课堂教学](tags/ke-tang-jiao-xue.md)（{N}）" in pages["tags.md"].markdown


def test_a_title_edit_renders_again_only_the_pages_that_show_it(many):
    records, cache = RecordCache(), PageCache()
    _pages(cache=cache, records=records)
    day = dt.date(2024, 1, 1) + dt.timedelta(days=19)  # the 20th: on the second page of every list (newest first)
    many.write(f"activities/2024/{day}-a20.yml", _activity(day, 20, "改过的标题"))
    pages = _pages(cache=cache, records=records)
    assert sorted(cache.rendered) == sorted([
        "activities/2024/2024-01-20-a20.md", "activities/2024/page/2.md", "programs/san-tong-san-yi/page/2.md",
        "places/dangyuan-huodongshi/page/2.md", "members/zhang-hua/page/2.md", "activities/by-branch/di-yi/page/2.md",
        "tags/ke-tang-jiao-xue/page/2.md"])
    assert "改过的标题" in pages["activities/2024/page/2.md"].markdown
    assert pages == _pages()  # the same as a build from nothing


@pytest.mark.build
def test_a_visitor_pages_through_a_year_in_chromium(many, browser):
    """The real build (strict: every pager link must resolve), a visitor clicking through the pages, and axe-core
    on a page with the pager, at a phone's width too."""
    from support.sitebuild import config_for, http_server, mkdocs_build
    from test_accessibility import _violations

    site = many.root / "site"
    done = mkdocs_build(config_for(many.records, many.root), site)
    assert done.returncode == 0, done.stderr
    with http_server(site) as url:
        page = browser.new_page()
        try:
            page.goto(url + "activities/2024/")
            assert page.locator(".dj-timeline li").count() == PER_PAGE
            page.get_by_role("navigation", name="分页").get_by_role("link", name="下一页 ›").click()
            page.wait_for_url(url + "activities/2024/page/2/")
            assert page.locator("h1").inner_text().rstrip("¶") == "2024年党建活动（第 2 页）"
            assert page.locator("[aria-current=page]").inner_text() == "2"
            page.get_by_role("navigation", name="分页").get_by_role("link", name="3", exact=True).click()
            page.wait_for_url(url + "activities/2024/page/3/")
            assert page.locator(".dj-timeline li a").all_inner_texts() == _titles(range(5, 0, -1))
            page.get_by_role("navigation", name="分页").get_by_role("link", name="1", exact=True).click()
            page.wait_for_url(url + "activities/2024/")
            for width in (1280, 390):
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(url + "activities/2024/page/2/")
                assert _violations(page) == []
        finally:
            page.close()
