"""The pages a secretary prints, printed by Debian's Chromium to A4 and read back: every page says whose it is
and which it is, the 述职评议's blank 测评表 is a sheet of its own with what the meeting needs, and an activity
prints without a blank last page."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.build

ORG = "中共姜堰市实验小学总支部委员会"
# Characters the PDF's CJK font names by a radical that Unicode does not decompose (NFKC handles the others).
RADICALS = str.maketrans({"⻚": "页", "⻓": "长", "⻅": "见"})


def plain(text: str) -> str:
    """Text as the check compares it: NFKC (so ⼩ is 小, ： is :), radicals read as their characters, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).translate(RADICALS).split())


@pytest.fixture(scope="module")
def printed(browser, shipped_url):
    url = shipped_url
    page = browser.new_page()

    def pdf(path: str) -> list[str]:
        page.goto(url + path, wait_until="networkidle")
        page.emulate_media(media="print")
        reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
        assert all(abs(float(p.mediabox.width) - 595.3) < 1 for p in reader.pages)  # A4: 210 mm is 595.3 pt
        return [plain(p.extract_text()) for p in reader.pages]

    yield pdf
    page.close()


def test_every_printed_page_names_the_organisation_and_its_number(printed):
    pages = printed("reviews/2011/")
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert ORG in text, number
        assert f"第{number}页共{len(pages)}页" in text, number


def test_the_blank_form_is_a_sheet_of_its_own_for_the_year_of_the_report(printed):
    form = printed("reviews/2011/")[-1]
    assert "2011年度抓基层党建工作述职评议测评表" in form and "2012年度" not in form
    for part in (
        f"被评议单位：{ORG}",
        "述职人：",
        "测评日期：",
        "学校党建融入教育教学",
        "总体评价",
        "意见和建议：",
        "本表不记名",
    ):
        assert plain(part) in form, part
    assert "述职报告" not in form  # the report itself is on the pages before


def test_an_activity_prints_without_a_blank_page(printed):
    pages = printed("activities/2011/2011-03-16-tongke-yigou/")
    footer = f"第{len(pages)}页共{len(pages)}页"
    assert [p for p in pages if p.replace(ORG, "").replace(footer, "").strip() == ""] == []
