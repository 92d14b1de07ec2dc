"""`python -m generator fmt`: records rewritten in the web editor's form, their content unchanged; nothing written
when any record has an error."""

from __future__ import annotations

import subprocess
import sys

from generator.link import BuildMode
from generator.pipeline import check_records


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "fmt", *args], capture_output=True, text=True,
                          encoding="utf-8")


HAND_WRITTEN = """\
# 我的笔记：这一行会被删去
members:
- zhang-hua
title: "同课异构研讨"
date: 2024-03-12
program: san-tong-san-yi
status: published
example: false
tags: []
summary: >
  党员教师
  同课异构。
photos: [{caption: 现场, src: 2024/a.jpg}]
"""

FORMATTED = """\
title: 同课异构研讨
date: 2024-03-12
program: san-tong-san-yi
members: [zhang-hua]
summary: 党员教师 同课异构。
photos:
  - src: 2024/a.jpg
    caption: 现场
status: published
"""


def test_a_hand_written_record_is_rewritten_in_the_form_with_the_same_content(tree):
    assert run().returncode == 0  # the test tree's other records, written by hand too
    path = tree.write("activities/2024/2024-03-12-tongke-yigou.yml", HAND_WRITTEN)
    before = check_records(tree.records, BuildMode()).site
    done = run("--check")
    assert (done.returncode, done.stdout) == (1, "1 个文件不是网页编辑器的写法（运行 make fmt 改写，内容不变）：\n"
                                                 "  records/activities/2024/2024-03-12-tongke-yigou.yml\n")
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    done = run()
    assert (done.returncode, done.stdout) == (0, "已改写 1 个文件（内容不变）：\n"
                                                 "  records/activities/2024/2024-03-12-tongke-yigou.yml\n")
    assert path.read_text(encoding="utf-8") == FORMATTED
    after = check_records(tree.records, BuildMode()).site
    assert after.activities["2024-03-12-tongke-yigou"].record == before.activities["2024-03-12-tongke-yigou"].record
    assert run().stdout == "全部记录已是网页编辑器的写法，没有改动。\n"


def test_with_an_error_anywhere_nothing_is_rewritten(tree):
    path = tree.write("activities/2024/2024-03-12-tongke-yigou.yml", HAND_WRITTEN)
    tree.write("places/dangyuan-huodongshi.yml", "title: 党员活动室\nkind: 教室\n")
    done = run()
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "有错误，没有写入任何文件。"
    assert "records/places/dangyuan-huodongshi.yml:2:7" in done.stdout
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
