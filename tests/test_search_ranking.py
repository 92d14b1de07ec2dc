"""Chinese search ranks what a visitor means first: ten queries against the shipped records, in Debian's
Chromium, through Material's own search box and worker."""

from __future__ import annotations

import pytest

# query -> the page that must come first: the page about the thing, not one that mentions it
FIRST = {
    "泰州晚报": "programs/meiti-kentanhui/",
    "一岗双责": "programs/yigang-shuangze/",
    "三同三异": "programs/san-tong-san-yi/",
    "党员一本通": "programs/dangyuan-yibentong/",
    "党性日记": "publications/dangxing-riji/",
    "红色基地": "programs/sanse-jiaoyu-jidi/",
    "家长访校周": "programs/jiazhang-fangxiaozhou/",
    "社区服务站": "places/shequ-fuwuzhan/",
    "业余党校": "places/yeyu-dangxiao/",
    "团员大练兵": "programs/tuanyuan-dalianbing/",
}


@pytest.fixture(scope="module")
def search(browser, shipped_url):
    url = shipped_url
    page = browser.new_page()
    page.goto(url)

    def first_pages(query: str) -> list[str]:
        page.locator("label.md-search__icon, .md-search__input").first.click()
        box = page.locator("input.md-search__input")
        box.fill(query)
        box.press("End")  # Material searches on keyup
        page.locator(".md-search-result__meta", has_text="个").wait_for(timeout=15_000)  # 找到 N 个符合条件的结果
        links = page.locator("li.md-search-result__item > a.md-search-result__link")
        hrefs = [a.get_attribute("href").removeprefix(url).split("?")[0] for a in links.all()]
        box.fill("")
        return list(dict.fromkeys(hrefs))  # one page may show several of its sections

    yield first_pages
    page.close()


@pytest.mark.parametrize("query", FIRST)
def test_the_page_about_a_thing_comes_first(search, query):
    found = search(query)
    assert found[:1] == [FIRST[query]], found[:4]
