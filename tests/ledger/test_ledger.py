"""`python -m generator ledger`: the year's 党建工作台账, read back from the PDF — poppler's pdftotext for the text
(pypdf cannot decode some embedded CJK fonts) and pypdf for the bookmarks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from conftest import Tree

MEETING_SECRET = "秘密议题丁"
LETTER_SECRET = "秘密目标戊"
DRAFT_SECRET = "草稿活动己"
BODY = "党员教师围绕同一课题分别执教，课后集体研讨，比较不同的教学思路。"


def ledger(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "ledger", *args], cwd=root, capture_output=True,
                          text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """The public and the internal book of 2024, from a tree with an activity (a photo), a meeting, a target
    letter and a draft."""
    tree = Tree(tmp_path_factory.mktemp("ledger"))
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml",
               "title: 同课异构研讨\ndate: 2024-03-12\nprogram: san-tong-san-yi\nplaces: [dangyuan-huodongshi]\n"
               f"branches: [di-yi]\nmembers: [zhang-hua]\nparticipants: 20\nbody: {BODY}\n"
               "photos:\n  - src: 2024/a.jpg\n    caption: 研讨现场\n")
    tree.image("2024/a.jpg", size=(1200, 900))
    tree.write("activities/2024/2024-04-01-caogao.yml",
               f"title: {DRAFT_SECRET}\ndate: 2024-04-01\nprogram: san-tong-san-yi\nstatus: draft\n")
    tree.write("meetings/2024/2024-03-05-di-yi-zhiweihui.yml",
               "type: zhiweihui\nbranch: di-yi\ndate: 2024-03-05\nstart: 15:30\nend: 16:30\nhost: zhang-hua\n"
               f"expected: 5\npresent: 5\ntopics: [{MEETING_SECRET}]\n")
    tree.write("responsibilities/2024/zhang-hua.yml",
               f"member: zhang-hua\nyear: 2024\nparty_targets:\n  - {LETTER_SECRET}\n")
    out = {}
    for edition, flags in (("public", ()), ("internal", ("--internal",))):
        done = ledger(tree.root, "--year", "2024", "--out", "books", *flags)
        assert done.returncode == 0, done.stdout + done.stderr
        name = "测试小学-2024-党建工作台账" + ("-内部" if flags else "") + ".pdf"
        path = tree.root / "books" / name
        assert done.stdout.startswith(f"已生成 books/{name}（")
        out[edition] = path
    out["tree"] = tree
    return out


def pages_text(pdf: Path) -> list[str]:
    n = len(pypdf.PdfReader(pdf).pages)
    return [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout for i in range(1, n + 1)]


def contents(text_pages: list[str]) -> list[tuple[str, int]]:
    """(title, page) of every line of the 目录."""
    found = []
    for page in text_pages[1:]:
        for line in page.splitlines():
            m = re.fullmatch(r"\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*", line)
            if m:
                found.append((m[1], int(m[2])))
        if found and "目" not in page.splitlines()[0]:
            break
    return found


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_the_contents_give_the_page_each_section_and_record_starts_on_and_the_bookmarks_match(books, edition):
    text = pages_text(books[edition])
    toc = contents(text)
    assert toc[0] == ("一、党建活动", toc[0][1])
    body = [i for i, p in enumerate(text) if i > 0 and "目录" not in squeeze(p.splitlines()[0])]

    def headings(i: int) -> set[str]:  # the lines of a page that hold nothing but one text: its headings among them
        return {squeeze(line) for line in text[i].splitlines()[1:]}

    for title, page in toc:
        assert squeeze(title) in headings(page - 1), (title, page)
        if [t for t, _ in toc].count(title) == 1:  # (三会一课 and 制度落实情况 both have a part per branch)
            assert all(squeeze(title) not in headings(i) for i in body if i < page - 1), (title, page)  # not before
    reader = pypdf.PdfReader(books[edition])

    def flat(outline, out):
        for item in outline:
            if isinstance(item, list):
                flat(item, out)
            else:
                out.append((item.title, reader.get_destination_page_number(item) + 1))
        return out

    assert [(squeeze(t), p) for t, p in flat(reader.outline, [])] == [(squeeze(t), p) for t, p in toc]


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_every_page_but_the_cover_has_its_header_and_footer(books, edition):
    text = pages_text(books[edition])
    assert "第 1 页" not in text[0] and "中共测试小学总支部委员会 ·" not in text[0]
    for n, page in enumerate(text[1:], 2):
        assert f"第{n}页共{len(text)}页" in squeeze(page), n
        assert page.lstrip().startswith("中共测试小学总支部委员会 · "), n
    assert all(("内部资料" in page) is (edition == "internal") for page in text)


def test_every_character_of_the_records_is_in_the_text_layer(books):
    text = squeeze("".join(pages_text(books["internal"])))
    for wanted in (BODY, "研讨现场", "同课异构研讨", "三同三异", "党员活动室", "张华", MEETING_SECRET, LETTER_SECRET,
                   "一条建议", "建议内容。", "回复内容。", "一篇文章", "述职报告。", "主持人签字：", "记录人签字："):
        missing = [ch for ch in wanted if ch not in text]
        assert missing == [], (wanted, missing)


def test_internal_records_are_only_in_the_internal_book_and_drafts_in_neither(books):
    public = squeeze("".join(pages_text(books["public"])))
    internal = squeeze("".join(pages_text(books["internal"])))
    for secret in (MEETING_SECRET, LETTER_SECRET):
        assert secret in internal and secret not in public
    assert "三会一课" not in public and "制度落实情况" not in public
    assert DRAFT_SECRET not in public and DRAFT_SECRET not in internal


def test_the_table_marks_a_month_without_a_committee_meeting_as_missing(books):
    text = pages_text(books["internal"])
    table = next(p for p in text if "八、制度落实情况" in squeeze(p) and "目录" not in squeeze(p.splitlines()[0]))
    row = next(line for line in table.splitlines() if line.strip().startswith("支委会"))
    assert row.split() == ["支委会", "缺", "缺", "✓", *["缺"] * 9]


def test_photos_are_printed_at_print_resolution_not_as_originals(books):
    reader = pypdf.PdfReader(books["public"])
    images = {img.data: img for page in reader.pages for img in page.images}  # pages share their resources
    assert len(images) == 1
    with next(iter(images.values())).image as im:
        assert im.size == (800, 600)  # the 1200-pixel original, printed ~80 mm wide at 250 dpi


def test_a_year_without_records_is_refused_and_nothing_written(books):
    tree = books["tree"]
    done = ledger(tree.root, "--year", "2019", "--out", "empty")
    assert done.returncode == 1
    assert done.stderr.strip().endswith(
        "2019 年没有任何已发布的记录（活动、值班、刊物、建议、述职评议），台账会是空的，所以没有生成。"
        "请检查年份，或先把这一年的记录改为已发布")
    assert not (tree.root / "empty").exists()


def test_it_will_not_write_into_a_folder_it_did_not_make(books):
    tree = books["tree"]
    done = ledger(tree.root, "--year", "2024", "--out", "records")
    assert done.returncode == 2 and not list((tree.records).glob("*.pdf"))
