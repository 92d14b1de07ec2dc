"""`python -m generator new`: the right path, a pinyin id that never collides, never an overwrite, and it passes check."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
from support.sitebuild import ROOT

from generator import new
from generator.kinds import KINDS
from generator.pinyin import MAX_SLUG, slug


def run_new(tree, *args):
    return subprocess.run([sys.executable, "-m", "generator", "new", *args], cwd=tree.root,
                          capture_output=True, text=True, encoding="utf-8")


def test_new_activity_writes_a_commented_draft_that_passes_check(tree):
    done = run_new(tree, "activity", "--title", "党员教师“同课异构”"
                                                "课堂教学研讨", "--date", "2024-04-02", "--program", "san-tong-san-yi")
    assert done.returncode == 0, done.stderr
    rel = "records/activities/2024/2024-04-02-dang-yuan-jiao-shi-tong-ke-yi-gou-ke.yml"  # pinyin capped at 40
    assert done.stdout == f"已新建 {rel}。请编辑它，然后运行 make check 检查。\n"
    text = (tree.root / rel).read_text(encoding="utf-8")
    assert text.splitlines()[:4] == [
        "# 党建活动。字段说明见 records/README.md；写好后运行 make check 检查。",
        'title: "党员教师“同课异构”课堂教学研讨"   # 活动标题',
        "date: 2024-04-02   # 日期，须与文件名中的日期相同",
        "# end_date: 2024-04-02   # 结束日期（多日活动），不早于 date",
    ]
    assert "program: san-tong-san-yi   # 所属特色做法（programs/ 中的编号）" in text
    assert "# places: [dangyuan-huodongshi]   # 地点（places/ 中的编号）" in text
    assert "# body: |   # 正文（Markdown）\n#   第一段……\n" in text  # uncommented, it is valid YAML as it stands
    assert text.endswith("status: draft   # 草稿：只在预览中显示。写好、检查通过后，删除这一行即可发布\n")
    assert tree.lines() == []


@pytest.mark.parametrize(
    "args, rel",
    [
        (("member", "--name", "李明"), "members/li-ming.yml"),
        (("issue", "--pub", "dangxing-riji", "--year", "2024"), "publications/dangxing-riji/2024-02.yml"),
        (("issue", "--pub", "dangxing-riji", "--year", "2025", "--date", "2025-06-30"), "publications/dangxing-riji/2025-01.yml"),
        (
            ("suggestion", "--title", "希望增加开放日", "--from", "家长", "--date", "2024-05-02"),
            "suggestions/2024/2024-05-02-xi-wang-zeng-jia-kai-fang-ri.yml",
        ),
        (("review", "--year", "2023"), "reviews/2023.yml"),
        (
            ("program", "--title", "党员示范岗：亮牌上岗", "--pillar", "rongru"),
            "programs/dang-yuan-shi-fan-gang-liang-pai-shang.yml",
        ),
        (("place", "--title", "红色教育基地 No.2", "--kind", "red-base"), "places/hong-se-jiao-yu-ji-di-no-2.yml"),
    ],
)
def test_every_type_writes_a_record_that_passes_check(tree, args, rel):
    done = run_new(tree, *args)
    assert done.returncode == 0, done.stderr
    assert (tree.records / rel).is_file()
    assert tree.lines() == []


def test_ids_never_collide_and_files_are_never_overwritten(tree):
    first = run_new(tree, "activity", "--title", "同课异构研讨", "--date", "2024-03-12", "--program", "san-tong-san-yi")
    second = run_new(tree, "activity", "--title", "同课异构研讨", "--date", "2024-03-12", "--program", "san-tong-san-yi")
    assert "2024-03-12-tong-ke-yi-gou-yan-tao.yml" in first.stdout
    assert "2024-03-12-tong-ke-yi-gou-yan-tao-2.yml" in second.stdout
    review = tree.records / "reviews/2024.yml"
    before = review.read_bytes()
    done = run_new(tree, "review", "--year", "2024")
    assert (done.returncode, done.stderr) == (2, "错误：records/reviews/2024.yml 已经存在，不会覆盖它\n")
    assert review.read_bytes() == before
    with pytest.raises(new.NewError, match="已经存在，不会覆盖它"):
        new.write(tree.records, new.NewRecord("reviews/2024.yml", "x"))


@pytest.mark.parametrize("args, message", [
    (("activity", "--title", "研讨"), "错误：请用 --program 指定特色做法，可选：san-tong-san-yi"),
    (("activity", "--title", "研讨", "--program", "san-tong"), "错误：找不到特色做法“san-tong”，是不是想写“san-tong-san-yi”？"),
    (("activity", "--program", "san-tong-san-yi"), "错误：请用 --title 写上活动标题"),
    (("suggestion", "--title", "建议", "--from", "张三"), "错误：找不到提出者群体“张三”。可选：家长、离退休教师、媒体、社区、"
        "教师、学生、其他"),
    (("place", "--title", "基地", "--kind", "red"), "错误：找不到类别“red”，是不是想写“red-base”？"),
    (("issue", "--pub", "hongqi"), "错误：找不到刊物“hongqi”。可选：dangxing-riji"),
])
def test_bad_options_are_usage_errors_in_chinese(tree, args, message):
    done = run_new(tree, *args)
    assert (done.returncode, done.stderr.strip()) == (2, message)


def test_bad_date_is_a_usage_error(tree):
    done = run_new(tree, "activity", "--title", "x", "--program", "san-tong-san-yi", "--date", "2024-02-30")
    assert done.returncode == 2
    assert "“2024-02-30”不是日期，请写成 年-月-日，例如 2024-03-12" in done.stderr


def test_slug():
    assert slug("三同三异") == "san-tong-san-yi"
    assert slug("《党性日记》ABC 2024") == "dang-xing-ri-ji-abc-2024"
    assert slug("！！") == "jilu"
    assert len(slug("学校党建既融入教育教学又彰显自身价值学校党建既强调人人参与")) <= MAX_SLUG


def test_default_date_is_today(tree):
    record = new.make("activity", tree.records, title="研讨", program="san-tong-san-yi", today=dt.date(2026, 11, 23))
    assert record.rel == "activities/2026/2026-11-23-yan-tao.yml"


def test_the_command_lines_types_are_the_kinds_that_can_be_started():
    """`new --help` lists the registry's kinds that have a Blank, and a kind without one is refused in Chinese."""
    done = subprocess.run([sys.executable, "-m", "generator", "new", "--help"], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT)
    listed = re.findall(r"\b([a-z]+)（", done.stdout)
    assert listed == [name for name, kind in KINDS.items() if kind.blank] == new.creatable()
    done = subprocess.run([sys.executable, "-m", "generator", "new", "publication"], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT)
    assert (done.returncode, done.stderr) == (2, f"错误：不认识的类型“publication”，可选：{'、'.join(new.creatable())}\n")


def test_every_field_of_a_kind_is_in_its_skeleton_with_the_models_description(tree):
    """Field descriptions are written once, in the model: the skeleton shows them."""
    from generator.kinds import KINDS

    record = new.make("activity", tree.records, title="研讨", program="san-tong-san-yi", today=dt.date(2026, 11, 23))
    for name, info in KINDS["activity"].model.model_fields.items():
        key = info.alias or name
        if key not in ("status", "visibility", "example"):  # a new record is a real one, published when checked
            assert f"   # {info.description}" in record.text, key
