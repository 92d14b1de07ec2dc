"""Accessibility as a test (GB/T 37668-2019 二级, which follows WCAG 2.1 AA): axe-core, from npm, in Debian's
Chromium, on every kind of page at a desktop and a phone width: no serious or critical violation; the page's
language; a skip link on every page; a wide table reachable by keyboard on a phone."""

from __future__ import annotations

import pytest
from support.shown import PAGES
from support.sitebuild import ROOT

AXE = ROOT / "node_modules/axe-core/axe.min.js"
WIDTHS = (1280, 390)
# axe's own findings: only these two impacts fail a page (moderate and minor ones are advice)
BLOCKING = ("serious", "critical")


@pytest.fixture
def site_url(shipped_url):
    assert AXE.is_file(), "axe-core is missing: make test runs npm ci"
    return shipped_url


def _violations(page) -> list[str]:
    # Evaluated, not added as a <script>: the page's Content-Security-Policy rightly refuses a script it did not
    # name (the browser's own evaluation is not subject to it).
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
        .map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", ")])""")
    return [f"{rule} ({impact}): {where}" for rule, impact, where in found if impact in BLOCKING]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_has_a_serious_accessibility_violation(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    found = {}
    for path in [*PAGES, "404.html"]:
        page.goto(site_url + path)
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        assert page.locator("a.md-skip").count() == 1, path  # the skip link
        if problems := _violations(page):
            found[path] = problems
    context.close()
    assert found == {}


def test_a_wide_table_on_a_phone_can_be_reached_and_says_it_scrolls(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(site_url + "reviews/2011/")
    wide = page.locator(".md-typeset__scrollwrap.dj-scrolls")
    assert wide.count() >= 1
    assert wide.first.get_attribute("tabindex") == "0" and wide.first.get_attribute("aria-label") == "表格，可左右滚动"
    hint = page.evaluate("el => getComputedStyle(el, '::before').content", wide.first.element_handle())
    assert hint == '"← 表格可左右滑动 →"'
    context.close()


def test_the_check_finds_what_it_should(browser, site_url):
    """The same run on a page made to fail: low contrast and an unnamed dialog are found."""
    page = browser.new_page()
    page.set_content('<html lang="zh-CN"><body><main><p style="color:#999;background:#aaa">浅色的字</p>'
                     '<div role="dialog">没有名字的对话框</div></main></body></html>')
    found = _violations(page)
    assert any(f.startswith("color-contrast (serious)") for f in found), found
    assert any(f.startswith("aria-dialog-name (serious)") for f in found), found
    page.close()
