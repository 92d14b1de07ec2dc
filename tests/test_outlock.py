"""One writer at a time for an output (generator/outlock.py): a second run waits, and both leave whole output."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support.sitebuild import ROOT

pytestmark = pytest.mark.build

# ---------------------------------------------------------------- one build at a time

def _generator(*args, cwd=ROOT):
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_site_builds_at_once_leave_one_whole_site(tmp_path):
    out = tmp_path / "site"
    first, second = (_generator("site", "--out", str(out), "--config", str(ROOT / "mkdocs.yml")) for _ in range(2))
    results = [p.communicate(timeout=600) + (p.returncode,) for p in (first, second)]
    assert [r[2] for r in results] == [0, 0], results
    assert any("正在被另一次运行写入，等它完成" in r[1] for r in results)  # the second said why it waited
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert "index.html" in pages and "activities/2011/2011-03-16-tongke-yigou/index.html" in pages and len(pages) > 50
    assert (out / ".dangjian-site").is_file()  # its mark: the next `site` may replace it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging folder left beside it


def test_two_builds_to_one_folder_at_once_both_finish(tmp_path):
    out = tmp_path / "out"
    runs = [_generator("build", "--out", str(out)) for _ in range(2)]
    results = [p.communicate(timeout=600) + (p.returncode,) for p in runs]
    assert [r[2] for r in results] == [0, 0], results
    again = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--out", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert again.stdout == "记录和生成器都没有变化，页面都是最新的：没有写入任何文件。\n"  # the output is whole
