"""Field types (generator/fields.py): bounded work per record, whatever a body holds."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support.sitebuild import ROOT

# ---------------------------------------------------------------- bounded work per record

@pytest.mark.parametrize("body, message", [
    ("[" * 8000 + "](" * 4000, "连续写了 8,000 个“[”（上限 200 个）：网页排版处理不了这么多，请删去多余的"),
    ("_" * 100000, "连续写了 100,000 个“_”（上限 200 个）：网页排版处理不了这么多，请删去多余的"),
    ("[a" * 5000, "方括号“[”或圆括号“(”套了 5000 层（上限 32 层）：网页排版处理不了。请检查有没有没配对的括号；要显示括号本身，"
                  "可以在前面加“\\”"),
    ("\n".join("  " * i + "- 条目" for i in range(100)), "列表缩进的层数太多（上限 15 层）：请减少缩进"),
], ids=["brackets", "underscores", "unclosed", "deep list"])
def test_a_body_that_would_make_rendering_slow_or_crash_is_refused(tree, body, message):
    tree.write("programs/san-tong-san-yi.yml", "title: 三同三异\npillar: rongru\nsummary: 摘要\nbody: |\n"
               + "".join(f"  {line}\n" for line in body.splitlines()))
    assert tree.lines() == [f"records/programs/san-tong-san-yi.yml:4:7: 错误：字段 body：{message}"]


def test_build_out_never_reads_a_record_check_refuses_for_its_size(tree, tmp_path):
    big = tree.records / "activities/2024/2024-05-01-da.yml"
    with open(big, "wb") as f:
        f.truncate(512 << 20)  # 512 MiB (sparse: cheap to make, not to read)
    script = ("import re, sys; from pathlib import Path; from generator.__main__ import main; "
              "code = main(['build', '--records', sys.argv[1], '--out', sys.argv[2]]); "
              "print(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text())[1]); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", script, str(tree.records), str(tmp_path / "out")], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert (
        "records/activities/2024/2024-05-01-da.yml:1:1: 错误：文件太大：536,870,912 字节，上限是 1,048,576 字节（1 MB）。"
        in done.stdout
    )
    assert int(done.stdout.splitlines()[-1]) < 200 * 1024  # KiB: far below the file
