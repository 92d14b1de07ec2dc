"""Debian's Chromium over the built site: pages render, Chinese search works, nothing leaves the machine."""

from __future__ import annotations

import pytest
from support.chromium import watched_page
from support.shown import PAGES
from support.sitebuild import ROOT, http_server, mkdocs_build

TABS = ["首页", "党建工作", "党建活动", "党员风采", "刊物", "阵地与基地", "社区服务站", "党性论坛", "述职评议", "标签"]


@pytest.fixture
def page(browser, server):
    """A page that records every request and lets none leave the local server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []

    def route(r):
        requests.append(r.request.url)
        return r.continue_() if r.request.url.startswith(server) else r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.requests, pg.errors = requests, errors
    yield pg
    context.close()


def test_every_kind_of_page_renders_with_heading_and_navigation(page, server):
    for path, heading in PAGES.items():
        page.goto(server + path)
        assert page.locator("article h1").inner_text().rstrip("¶").strip() == heading, path
        assert page.locator(".md-tabs__link").all_inner_texts() == TABS, path
    assert page.errors == []
    assert len(page.requests) > len(PAGES) * 3  # pages, scripts, styles: the recording works
    outside = [u for u in page.requests if not u.startswith(server)]
    assert outside == []


def test_photo_and_record_links_work(page, server):
    page.goto(server + "activities/2011/2011-03-16-tongke-yigou/")
    img = page.locator("figure.dj-photo img")
    img.scroll_into_view_if_needed()  # loading=lazy: it loads when in view, in its own time
    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img.element_handle(), timeout=10_000)
    assert img.evaluate("i => i.naturalWidth") == 1200
    assert page.locator("figure.dj-photo figcaption").inner_text() == "示例图片（请换成活动现场照片）"
    page.locator("figure.dj-photo a").click()
    large = page.locator(".glightbox-container .gslide-image img")
    large.wait_for(timeout=10_000)  # opened large in the lightbox
    assert large.get_attribute("src").endswith("media/2011/shili-huodong.jpg")
    assert large.evaluate("i => i.naturalWidth") == 1200
    page.goto(server + "activities/2011/2011-03-16-tongke-yigou/")
    page.get_by_role("link", name="党员活动室").click()
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == "党员活动室"
    assert page.get_by_role("link", name="党员教师“同课异构”课堂教学研讨（示例）").count() == 1


def test_chinese_search_finds_an_activity_by_a_word_of_its_body(page, server):
    page.goto(server)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill("教学思路")
    box.press("End")  # Material searches on keyup
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15_000)
    hrefs = [a.get_attribute("href") for a in results.all()]
    assert any("activities/2011/2011-03-16-tongke-yigou/" in h for h in hrefs), hrefs
    assert [u for u in page.requests if not u.startswith(server)] == []


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The shipped records built as the publishing workflow builds them: with SITE_URL (so with feeds and
    their `link rel=alternate`, and a sitemap), served at that very address."""
    site = tmp_path_factory.mktemp("published") / "site"
    site.mkdir()
    with http_server(site) as url:
        done = mkdocs_build(ROOT / "mkdocs.yml", site, site_url=url)
        assert done.returncode == 0, done.stderr
        yield site, url


def test_no_page_logs_anything_to_the_console(browser, published):
    """Every page of every kind, the 404 page and a search: no error, no warning, no failed request."""
    site, url = published
    paths = sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))
    with watched_page(browser, url) as (pg, watch):
        for path in paths:
            pg.goto(url + path, wait_until="load")
            pg.wait_for_load_state("networkidle")  # Material fetches the sitemap (and more) after load
        pg.goto(url)
        pg.locator("label.md-search__icon, .md-search__input").first.click()
        pg.locator("input.md-search__input").fill("党性")
        pg.locator("input.md-search__input").press("End")  # Material searches on keyup
        pg.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert len(paths) > 50 and set(PAGES) <= set(paths) and "404.html" in paths
    assert "sitemap.xml" in watch.requested  # Material looked for the feeds' sitemap, and found it
    assert (watch.console, watch.failed, watch.outside, watch.dialogs) == ([], [], [], [])


def test_the_look_is_a_solemn_chinese_one(browser, server):
    """Titles in full weight, no italic Chinese, a Chinese system font first, the short name on a phone, the
    organisation's name once in the home page's title, photos side by side."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "activities/2011/2011-03-16-tongke-yigou/")
    style = page.evaluate("""() => {
        const s = el => getComputedStyle(document.querySelector(el));
        return [s("article h1").fontWeight, s("figcaption").fontStyle, s("body").fontFamily.split(",")[0],
                s(".dj-photos").display, s(".md-sidebar--primary").display]
    }""")
    assert style == ["700", "normal", '"PingFang SC"', "grid", "none"]
    page.goto(server)
    assert page.title() == "中共姜堰市实验小学总支部委员会"
    page.set_viewport_size({"width": 390, "height": 800})
    shown = page.evaluate(
        """() => getComputedStyle(document.querySelector(".md-header__topic .md-ellipsis"), "::after").content"""
    )
    assert shown == '"实小党总支"'
    page.close()
