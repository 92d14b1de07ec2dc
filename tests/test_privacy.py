import subprocess
import sys

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
