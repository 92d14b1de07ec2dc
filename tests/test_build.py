"""`python -m generator build --out DIR`: only changes are written, stale files go, nothing else is touched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import MANIFEST, STAMP

pytestmark = pytest.mark.build

UP_TO_DATE = "记录和生成器都没有变化，页面都是最新的：没有写入任何文件。\n"


def build(tree, out="out", *extra):
    return subprocess.run([sys.executable, "-m", "generator", "build", "--out", out, *extra],
                          cwd=tree.root, capture_output=True, text=True, encoding="utf-8")


def snapshot(root):
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


def test_writes_every_page_then_nothing_when_nothing_changed(tree):
    done = build(tree)
    assert done.returncode == 0, done.stdout
    out = tree.root / "out"
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert "activities/2024/2024-03-12-tongke-yigou.md" in pages and "index.md" in pages
    assert done.stdout == f"已生成 {len(pages)} 个页面：写入 {len(pages)} 个，未变 0 个，删除过时的 0 个。\n"
    assert (out / MANIFEST).read_text(encoding="utf-8").split() == pages

    before = snapshot(out)
    again = build(tree)
    assert again.stdout == UP_TO_DATE
    assert snapshot(out) == before  # not one file rewritten, mtimes included


def test_only_changed_pages_are_rewritten_and_stale_ones_removed(tree):
    build(tree)
    out = tree.root / "out"
    (out / "notes.md").write_text("手写", encoding="utf-8")  # not ours: never touched
    before = snapshot(out)
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 改过的标题\ndate: 2024-03-12\nprogram: san-tong-san-yi\n")
    tree.remove("suggestions/2024/2024-05-20-jianyi.yml")
    done = build(tree)
    assert done.returncode == 0, done.stdout
    after = snapshot(out)
    changed = sorted(p for p in after if p in before and after[p] != before[p])
    assert "activities/2024/2024-03-12-tongke-yigou.md" in changed
    assert "forum/2024/2024-05-20-jianyi.md" not in after
    assert not (out / "forum/2024").exists()
    assert after["notes.md"] == before["notes.md"]
    # exactly the pages that show the activity's title or count the suggestions
    assert changed == [
        MANIFEST,  # the removed page is no longer listed
        STAMP,
        "activities/2024/2024-03-12-tongke-yigou.md",
        "activities/2024/index.md",
        "activities/by-branch.md",
        "activities/by-program.md",
        "activities/index.md",
        "forum/index.md",
        "forum/replied.md",
        "index.md",
        "members/zhang-hua.md",
        "places/dangyuan-huodongshi.md",
        "programs/san-tong-san-yi.md",
        "reviews/2024.md",
    ]


def test_a_page_changed_or_removed_in_the_folder_is_made_again(tree):
    build(tree)
    out = tree.root / "out"
    (out / "index.md").write_text("改坏了", encoding="utf-8")
    (out / "tags.md").unlink()
    done = build(tree)
    pages = len((out / MANIFEST).read_text(encoding="utf-8").split())
    assert done.stdout == f"已生成 {pages} 个页面：写入 2 个，未变 {pages - 2} 个，删除过时的 0 个。\n"
    assert (out / "index.md").read_text(encoding="utf-8").startswith("---\ntitle: 中共测试小学总支部委员会\n")
    assert build(tree).stdout == UP_TO_DATE


def test_an_edit_that_changes_no_page_renews_only_the_stamp(tree):
    build(tree)
    out = tree.root / "out"
    before = snapshot(out)
    path = tree.records / "members/zhang-hua.yml"
    path.write_text("# 只加一行注释\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    done = build(tree)
    assert "写入 0 个" in done.stdout
    after = snapshot(out)
    assert sorted(p for p in after if after[p] != before[p]) == [STAMP]
    assert build(tree).stdout == UP_TO_DATE
    assert "写入 0 个" in build(tree, "out", "--drafts").stdout  # another mode: checked again, not taken on trust


def test_a_failed_run_leaves_the_folder_as_it_was(tree):
    build(tree)
    out = tree.root / "out"
    before = snapshot(out)
    tree.write("programs/san-tong-san-yi.yml", "title: x\n")
    done = build(tree)
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "有错误，没有写入任何文件。"
    assert snapshot(out) == before


def test_a_folder_of_someone_elses_files_is_refused(tree):
    out = tree.root / "out"
    out.mkdir()
    (out / "index.md").write_text("# 手写首页\n", encoding="utf-8")
    done = build(tree)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("错误：out/ 已经存在，但不是以前生成页面的目录：里面的文件不是生成器写的，不会替换或改动它。"
                           "请换一个新的目录（--out），或先移走它。\n")
    assert [p.name for p in out.iterdir()] == ["index.md"]
    assert (out / "index.md").read_text(encoding="utf-8") == "# 手写首页\n"


def test_a_file_it_did_not_write_is_never_overwritten(tree):
    build(tree)
    out = tree.root / "out"
    tree.write("programs/dushu.yml", "title: 读书\npillar: rongru\nsummary: 读书。\n")
    (out / "programs/dushu.md").write_text("# 手写\n", encoding="utf-8")  # where the new record's page goes
    before = snapshot(out)
    done = build(tree)
    assert done.returncode == 1
    assert done.stdout.splitlines() == ["out/programs/dushu.md: 错误：这个文件不是生成器写的，不会覆盖它。请换一个输出目录，"
                                        "或先移走它。",
                                        "没有写入任何文件。"]
    assert snapshot(out) == before


def test_sigkill_midway_leaves_the_previous_output_whole(tmp_path):
    import os
    import signal
    import time

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from make_tree import make_tree

    records = make_tree(tmp_path / "records", 1500)
    out = tmp_path / "out"
    first = subprocess.run([sys.executable, "-m", "generator", "build", "--records", str(records), "--out", str(out)],
                           capture_output=True, text=True)
    assert first.returncode == 0, first.stdout
    before = snapshot(out)

    # Change every activity's title, so the next run rewrites thousands of pages; kill it while it writes.
    for f in (records / "activities").rglob("*.yml"):
        f.write_text(f.read_text(encoding="utf-8").replace("课堂教学研讨", "课堂教学交流"), encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "generator", "build", "--records", str(records), "--out", str(out)],
                           stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    staged = []
    while time.monotonic() < deadline and not staged and run.poll() is None:
        staged = [p for p in out.rglob(".generator-staged-*")]
        time.sleep(0.005)
    assert staged, "the run finished before it could be killed midway"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()

    after = {k: v for k, v in snapshot(out).items() if ".generator-staged-" not in k}
    assert ".generator-journal" not in after  # killed while staging, long before the commit
    assert after == before  # every page as it was, not one half-written or new one among them

    done = subprocess.run([sys.executable, "-m", "generator", "build", "--records", str(records), "--out", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert not list(out.rglob(".generator-staged-*"))
    assert "课堂教学交流" in next(out.glob("activities/*/2*.md")).read_text(encoding="utf-8")
