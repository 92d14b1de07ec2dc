import subprocess
import sys

import pytest

from generator import messages as say
from generator.privacy import mask, scan, valid_resident_id


def test_check_digit():
    assert valid_resident_id("11010519491231002X")
    assert valid_resident_id("110105194912310021") is False
    assert valid_resident_id("１１０１０５１９４９１２３１００２Ｘ")


def test_mobile_number_forms():
    text = "甲13812345678 乙+86 138-1234-5678 丙138 1234 5678 丁１３８１２３４５６７８ 戊+8613812345678"
    assert [(h.kind, h.masked) for h in scan(text)] == [("mobile", "138****5678")] * 5


def test_not_personal_numbers():
    # dates, short numbers, a longer digit run, a landline, an ID with a wrong check digit
    text = "2024-03-12 共103名 138123456789 0523-88888888 110105194912310021 12812345678"
    assert scan(text) == []


def test_id_inside_student_number_and_masked():
    hits = scan("学籍号G11010519491231002X")
    assert [(h.index, h.kind, h.masked) for h in hits] == [(4, "id", "110*************2X")]


def test_mask_keeps_everything_but_the_numbers():
    text = "甲13812345678 乙+86 138-1234-5678 丙 G11010519491231002X 丁 2024-03-12 共103名"
    assert mask(text) == "甲138****5678 乙138****5678 丙 G110*************2X 丁 2024-03-12 共103名"
    assert mask("138<!-- -->12345678") == "138****5678"
    assert mask("没有号码") == "没有号码"


def test_every_message_that_echoes_a_value_masks_it():
    """One rule in the catalogue: each of its functions masks the values it is given, in lists too."""
    assert say.unquoted_value("13800138000", "integer", "13800138000") == (
        "“138****8000”没有加引号，别的编辑工具（VS Code、网页编辑器）会把它读成数字 138****8000。"
        "这里要写文字，请给它加上英文单引号：'138****8000'")
    assert say.edit_git_dirty(["records/members/13800138000.yml"]).endswith("records/members/138****8000.yml")
    functions = [name for name, f in vars(say).items() if callable(f) and getattr(f, "__wrapped__", None)]
    assert len(functions) > 150 and "unquoted_value" in functions and "field_label" in functions


def test_check_never_prints_a_number_in_full(tree):
    """The unquoted-number rule and the personal-number rule on one line: both masked, in every output format."""
    tree.write("members/zhang-hua.yml", (tree.records / "members/zhang-hua.yml").read_text("utf-8") + "motto: 13800138000\n")
    for fmt in ("text", "github", "json"):
        done = subprocess.run([sys.executable, "-m", "generator", "check", "--format", fmt], cwd=tree.root,
                              capture_output=True, text=True, encoding="utf-8")
        assert done.returncode == 1
        assert "13800138000" not in done.stdout + done.stderr
        assert "“138****8000”没有加引号" in done.stdout and "有疑似手机号码 138****8000" in done.stdout, done.stdout


# ---------------------------------------------------------------- personal numbers, as a reader sees them

MOBILE = ("mobile", "138****5678")
ID = ("id", "110*************2X")

HIDDEN_NUMBERS = [
    ("entities", "电话&#49;&#51;&#56;&#49;&#50;&#51;&#52;&#53;&#54;&#55;&#56;", MOBILE),
    ("hex entities", "电话&#x31;&#x33;&#x38;12345678", MOBILE),
    ("comment", "电话138<!-- -->12345678", MOBILE),
    ("emphasis", "电话138**1234**5678", MOBILE),
    ("tag", "电话<span>138</span>12345678", MOBILE),
    ("markdown link", "电话[138](https://example.org)12345678", MOBILE),
    ("space 3-8", "电话138 12345678", MOBILE),
    ("spaces 4-3-4", "电话1381 234 5678", MOBILE),
    ("dots", "电话138.1234.5678", MOBILE),
    ("brackets", "电话(138)12345678", MOBILE),
    ("full-width brackets", "电话（138）1234-5678", MOBILE),
    ("en dash", "电话138–1234–5678", MOBILE),
    ("no-break space", "电话138\u00a01234\u00a05678", MOBILE),
    ("zero-width", "电话138\u200b1234\u200c5678", MOBILE),
    ("word joiner", "电话1\u20603812345678", MOBILE),
    ("spaced dash", "电话 138 - 1234 - 5678", MOBILE),
    ("country code", "电话 (+86) 138 1234 5678", MOBILE),
    ("full-width", "电话１３８１２３４５６７８", MOBILE),
    ("file name", "src: 2024/138_1234_5678.jpg", MOBILE),
    ("ID with spaces", "身份证 110105 19491231 002X", ID),
    ("ID with dashes", "身份证 110105-19491231-002x", ("id", "110*************2X")),
    ("ID in entities", "身份证 &#49;10105194912310&#48;2X", ID),
]


@pytest.mark.parametrize("text, found", [(t, f) for _, t, f in HIDDEN_NUMBERS], ids=[n for n, _, _ in HIDDEN_NUMBERS])
def test_a_hidden_personal_number_is_found(text, found):
    assert [(h.kind, h.masked) for h in scan(text)] == [found]


LEGAL = [
    ("dates", "2024-03-12、2024.03.12、2024年3月12日、2011-2012学年"),
    ("years and counts", "2011年 共103名党员 参加 1380 人次 36 个班 1,234,567 元"),
    ("room numbers", "302室 1201 会议室 教学楼 3-201"),
    ("landline", "电话 0523-88888888、(0523) 8812 3456"),
    ("a long run", "编号 138123456789012"),
    ("date and time", "2024-05-20 13:45 至 2024-05-21 14:30"),
    ("issue numbers", "第 13 期 2012 年 第 1 期"),
    ("an ID with a wrong check digit", "110105 19491231 0021"),
    ("not a mobile prefix", "128 1234 5678"),
]


@pytest.mark.parametrize("text", [t for _, t in LEGAL], ids=[n for n, _ in LEGAL])
def test_ordinary_numbers_stay_legal(text):
    assert scan(text) == []


def test_a_hidden_number_is_reported_at_its_line(tree):
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", """
        title: 同课异构研讨
        date: 2024-03-12
        program: san-tong-san-yi
        body: |
          第一段。

          联系人：&#49;&#51;&#56;**1234**<!-- x -->5678
        photos:
          - src: 2024/a.jpg
            caption: "\\u0031\\u0033\\u0038 1234 5678"
        """)
    assert tree.lines() == [
        "records/activities/2024/2024-03-12-tongke-yigou.yml:7:7: 错误：字段 body：有疑似手机号码 138****5678："
        "公开（或将来可能公开）的记录不能含有个人号码。请删除它；确需保留时，请把记录设为 visibility: internal",
        "records/activities/2024/2024-03-12-tongke-yigou.yml:10:14: 错误：字段 photos 第 1 张照片的 caption：有疑似手机号码 "
            "138****5678："
        "公开（或将来可能公开）的记录不能含有个人号码。请删除它；确需保留时，请把记录设为 visibility: internal",
    ]


@pytest.mark.parametrize("summary", [
    "summary: >\n  联系 138\n  12345678\n",  # folded: the two lines are read as one, "138 12345678"
    "summary: 联系 138\n  12345678\n",  # a plain value over two lines: the same
    'summary: "联系 138\\\n  12345678"\n',  # an escaped line break in double quotes: no space at all
])
def test_a_number_only_yaml_puts_together_is_found(tree, summary):
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml",
               "title: 同课异构研讨\ndate: 2024-03-12\nprogram: san-tong-san-yi\n" + summary)
    assert [line.split("：")[1] for line in tree.lines()] == ["字段 summary"]
    assert "138****5678" in tree.lines()[0]
