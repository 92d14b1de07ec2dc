"""Mistakes a beginner makes, each answered with the file, the line of the mistake and what to type instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import format_text
from generator.link import BuildMode
from generator.yamlio import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
A = "records/activities/2024/2024-03-12-tongke-yigou.yml"
FULLWIDTH = "这一行的冒号是中文冒号“：”。键和值之间要用英文冒号加一个空格，例如 title: 示例"


def read(text: str) -> list[str]:
    return [format_text(p) for p in parse_bytes(text.encode("utf-8"), "x.yml")[1]]


@pytest.mark.parametrize("text, expected", [
    ("title：示例\n", [f"x.yml:1:6: 错误：{FULLWIDTH}"]),
    ("title: 甲\ndate: 2024-03-12\nprogram: x\nplaces: [a]\nbranches: [b]\nmembers: [c]\nparticipants: 3\nsummary: 乙\n"
     "tags：[d]\n", [f"x.yml:9:5: 错误：{FULLWIDTH}"]),
], ids=["line 1", "line 9"])
def test_a_chinese_colon_is_named_at_its_line(text, expected):
    assert read(text) == expected


def test_a_name_where_an_id_belongs_is_looked_up(tree):
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 研讨\ndate: 2024-03-12\nprogram: 三同三异\n"
               "places: [党员活动室]\nmembers: [张华]\nbranches: [第一党支部]\n")
    assert tree.lines() == [
        f"{A}:3:10: 错误：字段 program：找不到特色做法“三同三异”：这里要写编号，不是名称。是不是想写 "
            f"san-tong-san-yi（三同三异）？",
        f"{A}:4:10: 错误：字段 places 第 1 个地点：找不到地点“党员活动室”：这里要写编号，不是名称。是不是想写 "
            f"dangyuan-huodongshi（党员活动室）？",
        f"{A}:5:11: 错误：字段 members 第 1 位党员：找不到党员“张华”：这里要写编号，不是名称。是不是想写 zhang-hua（张华）？",
        f"{A}:6:12: 错误：字段 branches 第 1 个支部：找不到支部“第一党支部”：这里要写编号，不是名称。是不是想写 "
            f"di-yi（第一党支部）？",
    ]


def test_an_unknown_id_that_is_no_id_gets_no_impossible_file_name(tree):
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 研讨\ndate: 2024-03-12\nprogram: san-tong-san-yi\n"
               "members: [李四]\n")
    assert tree.lines() == [f"{A}:4:11: 错误：字段 members 第 1 位党员：找不到党员“李四”：编号只能用小写字母、数字和“-”"
                            f"（拼音或英文），"
                            "是对应文件的文件名（不带 .yml）"]


def test_a_branch_that_is_not_close_to_any_lists_them_all(tree):
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 研讨\ndate: 2024-03-12\nprogram: san-tong-san-yi\n"
               "branches: [yi-zhi-bu]\n")
    assert tree.lines() == [f"{A}:4:12: 错误：字段 branches 第 1 个支部：找不到支部“yi-zhi-bu”。site.yml 里可选的有："
                            "di-yi（第一党支部）、di-er（第二党支部）"]


def test_a_month_or_day_of_one_digit_says_to_pad_it(tree):
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 研讨\ndate: 2024-3-12\nprogram: san-tong-san-yi\n")
    assert tree.lines() == [f"{A}:2:7: 错误：字段 date：“2024-3-12”的月和日都要写两位数，不足两位前面补 0：请写成 2024-03-12"]


def test_a_chinese_comma_in_a_list_is_named(tree):
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 研讨\ndate: 2024-03-12\nprogram: san-tong-san-yi\n"
               "tags: [读书沙龙，师德]\n")
    assert tree.lines() == [f"{A}:4:8: 错误：字段 tags 第 1 个标签：“读书沙龙，师德”里用了中文逗号“，”，YAML 会把它当成一项。"
                            "列表的各项之间请用英文逗号加空格：[读书沙龙, 师德]"]
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 研讨\ndate: 2024-03-12\nprogram: san-tong-san-yi\n"
               "members: [zhang-hua，li-ming]\n")
    assert tree.lines() == [f"{A}:4:11: 错误：字段 members 第 1 位党员：找不到党员“zhang-hua，li-ming”：“zhang-hua，li-ming”"
                            f"里用了中文逗号“，”，"
                            "YAML 会把它当成一项。列表的各项之间请用英文逗号加空格：[zhang-hua, li-ming]"]


def test_a_photo_name_in_another_case_is_suggested(tree):
    tree.image("2024/IMG_1.JPG")
    act = tree.records / "activities/2024/2024-03-12-tongke-yigou.yml"
    act.write_text(act.read_text(encoding="utf-8").replace("src: 2024/a.jpg", "src: 2024/img_1.jpg"), encoding="utf-8")
    assert tree.lines() == [f"{A}:8:10: 错误：字段 photos 第 1 张照片的 src：找不到文件 records/assets/2024/img_1.jpg。"
                            "是不是 2024/IMG_1.JPG？文件名的大小写要和文件完全一致"]


@pytest.mark.parametrize("name, what", [
    ("2024/同课 1.jpg", "中文“同”"), ("2024/tongke 1.jpg", "空格"), ("活动/a.jpg", "中文“活”"),
    ("2024/p'\"><svg onload=alert(14)>.jpg", "字符“'”"),
])
def test_a_photo_name_with_chinese_spaces_or_symbols_is_refused_as_contributing_says(tree, name, what):
    tree.image(name)
    act = tree.records / "activities/2024/2024-03-12-tongke-yigou.yml"
    act.write_text(act.read_text(encoding="utf-8").replace("src: 2024/a.jpg", f"src: '{name.replace(chr(39), chr(39) * 2)}'"),
                   encoding="utf-8")
    assert tree.lines() == [f"{A}:8:10: 错误：字段 photos 第 1 张照片的 src：路径“{name}”里有{what}："
                            f"文件夹和文件名只能用英文字母、"
                            "数字和“-”“_”“.”（中文请写成拼音），例如 2024/tongke-1.jpg。请把文件改名，再把这里改成新的名字"]
    assert "文件夹和文件名只能有英文字母、数字和 `-` `_` `.`，否则检查不通过" in (ROOT / "CONTRIBUTING.md").read_text(
        encoding="utf-8"
    )


def test_a_photo_named_as_a_camera_names_it_is_fine(tree):
    tree.image("2024/IMG_20240312_093011.JPG")
    act = tree.records / "activities/2024/2024-03-12-tongke-yigou.yml"
    act.write_text(act.read_text(encoding="utf-8").replace("src: 2024/a.jpg", "src: 2024/IMG_20240312_093011.JPG"),
                   encoding="utf-8")
    assert tree.lines() == []


def test_a_stray_nul_is_a_control_character_at_its_line_not_utf16():
    assert read("title: 甲\ndate: 2024-03-12\nsummary: 乙\x00丙\n") == [
        "x.yml:3:11: 错误：有一个看不见的控制字符（U+0000），可能是从别处粘贴带进来的。请删除它。"]
    # real UTF-16 is still named as such
    assert [format_text(p) for p in parse_bytes("title: 甲\n".encode("utf-16-le"), "x.yml")[1]] == [
        "x.yml:1:1: 错误：文件不是 UTF-8 编码（看起来是 UTF-16）。请用“另存为”选择 UTF-8 编码后再提交。"]


def test_a_photo_in_a_format_the_site_cannot_use_says_how_to_make_it_a_jpeg(tree):
    from PIL import Image

    Image.new("RGB", (40, 30), (200, 30, 30)).save(tree.records / "assets/2024/a.jpg", "TIFF")  # a scanner's TIFF
    assert tree.lines() == [
        f"{A}:8:10: 错误：字段 photos 第 1 张照片的 src：records/assets/2024/a.jpg 不是 JPEG、PNG、WebP 或 HEIC 照片"
        "（按文件内容判断，与扩展名无关）。请在电脑上用“画图”或“照片”打开它，另存为 JPEG 再上传"]


def test_a_heic_file_that_no_reader_can_open_is_refused_the_same_way(tree):
    (tree.records / "assets/2024/a.jpg").write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64))
    assert tree.lines() == [
        f"{A}:8:10: 错误：字段 photos 第 1 张照片的 src：records/assets/2024/a.jpg 不是 JPEG、PNG、WebP 或 HEIC 照片"
        "（按文件内容判断，与扩展名无关）。请在电脑上用“画图”或“照片”打开它，另存为 JPEG 再上传"]


def test_text_left_unindented_under_a_block_is_named_at_its_line():
    assert read("title: x\nbody: |\n  第一段\n\n  第二段\n第三段没缩进\nphotos:\n  - src: a.jpg\n") == [
        "x.yml:6:1: 错误：这一行顶格写了，但它在“body: |”的正文里：正文的每一行前面都要空两格（和上面的正文对齐）。"]


def test_a_colon_without_its_space_is_named_at_its_line():
    assert read("title: x\nsrc:2024/a.jpg\ndate: 2024-03-12\n") == [
        "x.yml:2:4: 错误：冒号后面要有一个空格：请写成“键: 值”，例如 src: 2024/a.jpg"]


def test_a_colon_without_its_space_in_a_list_item_is_named_at_its_line():
    assert read("title: x\nphotos:\n  - src:2024/a.jpg\n    caption: 说明\n") == [
        "x.yml:3:8: 错误：冒号后面要有一个空格：请写成“键: 值”，例如 src: 2024/a.jpg"]


def test_a_missing_program_lists_what_to_choose(tree):
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 研讨\ndate: 2024-03-12\n")
    assert tree.lines() == [f"{A}:1:1: 错误：字段 program：必须填写特色做法的编号，但没有写。"
                            "可选的有：san-tong-san-yi（三同三异），见 records/programs/"]


def test_a_draft_may_wait_for_its_program_and_the_preview_shows_it_without_one(tree):
    """An imported 简报 whose practice could not be guessed is a draft without one; publishing it needs one."""
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 研讨\ndate: 2024-03-12\nstatus: draft\n")
    assert tree.lines(BuildMode(drafts=True)) == []
    from generator.pages import make_pages

    page = next(p for p in make_pages(tree.check(BuildMode(drafts=True)).site).pages
                if p.path == "activities/2024/2024-03-12-tongke-yigou.md")
    assert "| 日期 | 2024年3月12日 |\n| --- | --- |\n| 特色做法 | 还没有选（草稿可以不选，发布前要选一个） |\n" in page.markdown
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 研讨\ndate: 2024-03-12\n")
    assert tree.lines(BuildMode(drafts=True))[0].startswith(f"{A}:1:1: 错误：字段 program：必须填写特色做法的编号")


def test_an_unquoted_value_other_editors_read_as_a_number_or_yes_no_is_to_be_quoted(tree):
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 0701\ndate: 2024-03-12\nprogram: san-tong-san-yi\n"
               "summary: 1e3\ntags: [0x1F, true, ~, on, 师德]\n")
    quote = "别的编辑工具（VS Code、网页编辑器）会把它读成"
    assert tree.lines() == [
        f"{A}:1:8: 错误：字段 title：“0701”没有加引号，{quote}数字 701，开头的 0 会丢掉。这里要写文字，"
            f"请给它加上英文单引号：'0701'",
        f"{A}:4:10: 错误：字段 summary：“1e3”没有加引号，{quote}数字 1000。这里要写文字，请给它加上英文单引号：'1e3'",
        f"{A}:5:8: 错误：字段 tags 第 1 个标签：“0x1F”没有加引号，{quote}数字 31。这里要写文字，请给它加上英文单引号：'0x1F'",
        f"{A}:5:14: 错误：字段 tags 第 2 个标签：“true”没有加引号，{quote}“是/否”的是（true）。这里要写文字，"
            f"请给它加上英文单引号：'true'",
        f"{A}:5:20: 错误：字段 tags 第 3 个标签：“~”没有加引号，{quote}空值。这里要写文字，请给它加上英文单引号：'~'",
        f"{A}:5:23: 警告：字段 tags 第 4 个标签：“on”没有加引号，有些较旧的工具会把它读成“是/否”。这里要写文字，"
            f"最好给它加上英文单引号：'on'",
    ]


@pytest.mark.parametrize("text, expected", [
    ("title: *重要* 通知\n", "x.yml:1:9: 错误：值不能以“*”开头：要写这段文字（例如加粗的 *重要*），请给整个值加上英文单引号，"
                           "例如 '*重要* 通知'"),
    ("title: &甲 x\n", "x.yml:1:9: 错误：值不能以“&”开头：要写这段文字，请给整个值加上英文单引号。"),
    ("title: !重要 x\n", "x.yml:1:9: 错误：值不能以“!”开头：要写这段文字，请给整个值加上英文单引号。"),
], ids=["star", "ampersand", "bang"])
def test_a_value_starting_with_a_yaml_sign_says_to_quote_it(text, expected):
    assert read(text) == [expected]
