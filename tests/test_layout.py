"""The showcase in Debian's Chromium at desktop and phone widths: fits, loads, links, and tells the truth."""

from __future__ import annotations

import pytest
from support.shown import PAGES
from support.sitebuild import ROOT

from generator.indexes import build_index
from generator.pipeline import check_records

WIDTHS = [1280, 390]


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def sized_page(request, browser, server):  # noqa: F811
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    # A request cut short because the test moved on to the next page is not a failure.
    page.on("requestfailed", lambda r: problems.append(f"failed: "
                                                       f"{r.url} {r.failure}") if r.failure != "net::ERR_ABORTED" else None)
    page.problems = problems
    yield page
    context.close()


def test_no_sideways_scrolling_no_broken_image_no_console_error(sized_page, server):  # noqa: F811
    page = sized_page
    for path in PAGES:
        page.goto(server + path, wait_until="load")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # let lazy images load
        page.wait_for_load_state("networkidle")
        broken = page.evaluate("[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
        assert broken == [], (path, broken)
    assert page.problems == []


def test_every_card_link_on_the_home_page_works(sized_page, server):  # noqa: F811
    page = sized_page
    page.goto(server)
    hrefs = page.eval_on_selector_all("a.dj-card", "links => links.map(a => a.href)")
    assert len(hrefs) == 4 + 5 + 3 + 1  # pillars, latest activities, newest issue of each periodical, replies
    for href in hrefs:
        response = page.goto(href)
        assert response.ok, href
        assert page.locator("article h1").inner_text().rstrip("¶").strip() != ""
    assert page.problems == []


def test_home_figures_equal_the_records(sized_page, server):  # noqa: F811
    checked = check_records(ROOT / "records")
    ix = build_index(checked.site)
    expected = {
        "党员": str(checked.site.organization.member_count),
        "支部": str(len(checked.site.organization.branches)),
        "党建活动": str(len(ix.activities)),
        "刊物期数": str(sum(len(v) for v in ix.issues.values())),
        "已回复建议": str(sum(1 for s in ix.suggestions if s.record.state != "open")),
    }
    sized_page.goto(server)
    shown = dict(zip(sized_page.locator(".dj-figure span").all_inner_texts(),
                     sized_page.locator(".dj-figure strong").all_inner_texts(), strict=True))
    assert shown == expected == {"党员": "103", "支部": "3", "党建活动": "5", "刊物期数": "3", "已回复建议": "1"}
