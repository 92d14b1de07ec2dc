"""No command replaces or deletes a folder it did not make (generator/outputs.py): `site`, `build --out`,
`archive --out` and `export --out` against the project, its folders, a parent, the home folder, `/`, a folder of
someone else's files and planted bookkeeping paths — refused in Chinese, nothing changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.sitebuild import ROOT

from generator.build import JOURNAL, MANIFEST, STAMP
from generator.outputs import ARCHIVE, SITE, Output, refuse_foreign

pytestmark = pytest.mark.build

CONFIG = str(ROOT / "mkdocs.yml")
COMMANDS = {
    "site": ["site", "--config", CONFIG],
    "build": ["build"],
    "archive": ["archive", "--config", CONFIG],
    "export": ["export", "--config", CONFIG],
}
ELSEWHERE = "请换一个新的目录（--out），例如 --out site。"


def run(cwd: Path, command: str, out: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *COMMANDS[command], "--out", out], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def snapshot(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None, p.stat().st_mtime_ns)
            for p in root.rglob("*")}


@pytest.fixture
def project(tree):
    """A small project: records/, a hand-written docs/ page and a .git folder, checked from its own folder."""
    (tree.root / "docs").mkdir()
    (tree.root / "docs/about.md").write_text("# 手写\n", encoding="utf-8")
    (tree.root / ".git").mkdir()
    (tree.root / ".git/config").write_text("[core]\n", encoding="utf-8")
    return tree.root


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("out", "why"), [
    (".", "{out} 是项目本身所在的目录（或包含它），不能用作输出目录：记录、代码和 .git 都会被替换或删除。"),
    ("..", "{out} 是项目本身所在的目录（或包含它），不能用作输出目录：记录、代码和 .git 都会被替换或删除。"),
    ("records", "{out} 是项目自己的目录 records/（或在它里面），不能用作输出目录：里面的文件会被替换或删除。"),
    ("records/assets", "{out} 是项目自己的目录 records/（或在它里面），不能用作输出目录：里面的文件会被替换或删除。"),
    ("docs", "{out} 是项目自己的目录 docs/（或在它里面），不能用作输出目录：里面的文件会被替换或删除。"),
    (".git", "{out} 是项目自己的目录 .git/（或在它里面），不能用作输出目录：里面的文件会被替换或删除。"),
    ("HOME", "{out} 是你的主目录（或包含它），不能用作输出目录：里面的文件会被替换或删除。"),
    ("/", "{out} 是整个磁盘的根目录，不能用作输出目录。"),
])
def test_the_project_its_folders_a_parent_home_and_root_are_refused(project, command, out, why):
    out = str(Path.home()) if out == "HOME" else out
    before = snapshot(project)  # its parent is every test's temporary folder, which other tests change
    done = run(project, command, out)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "错误：" + why.format(out=out) + ELSEWHERE + "\n"
    assert snapshot(project) == before


@pytest.mark.parametrize(("command", "made_by"), [("site", "以前生成的网站"), ("build", "以前生成页面的"),
                                                  ("archive", "以前存放存档的"), ("export", "以前导出的")])
def test_a_folder_of_someone_elses_files_is_refused(project, tmp_path, command, made_by):
    desktop = tmp_path / "Desktop"
    desktop.mkdir()
    (desktop / "教案.docx").write_bytes(b"PK\3\4")
    (desktop / "照片").mkdir()
    before = snapshot(desktop)
    done = run(project, command, str(desktop))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"错误：{desktop}/ 已经存在，但不是{made_by}目录：里面的文件不是生成器写的，不会替换或改动它。"
                           "请换一个新的目录（--out），或先移走它。\n")
    assert snapshot(desktop) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_or_a_link_is_no_output_folder(project, tmp_path, command):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "keep.txt").write_text("留着", encoding="utf-8")
    (tmp_path / "link").symlink_to(target)
    for out in (tmp_path / "link", target / "keep.txt"):
        done = run(project, command, str(out))
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == f"错误：{out} 不是一个普通的目录（是文件或链接），不会替换它。请换一个新的目录（--out）。\n"
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_what_counts_as_a_commands_own_folder(tmp_path):
    """Marked, empty or absent: the command's. An earlier site (before the mark) and a folder of archives only
    are known by what they hold; one more file of someone else's and they are not."""
    def refused(folder: Path, output: Output) -> bool:
        try:
            refuse_foreign(folder, output)
        except Exception:
            return True
        return False

    assert not refused(tmp_path / "absent", SITE)
    (tmp_path / "empty").mkdir()
    assert not refused(tmp_path / "empty", SITE)
    old_site = tmp_path / "site"
    (old_site / "search").mkdir(parents=True)
    for name in ("sitemap.xml", "search/search_index.json", "404.html"):
        (old_site / name).write_text("x", encoding="utf-8")
    assert not refused(old_site, SITE) and refused(old_site, ARCHIVE)
    archives = tmp_path / "archive"
    archives.mkdir()
    for name in ("学校-20240101.zip", "学校-20240101.zip.sha256"):
        (archives / name).write_bytes(b"x")
    assert not refused(archives, ARCHIVE) and refused(archives, SITE)
    (archives / "notes.txt").write_text("手写", encoding="utf-8")
    assert refused(archives, ARCHIVE)
    (archives / ARCHIVE.mark).write_text("", encoding="utf-8")
    assert not refused(archives, ARCHIVE)


# ---------------------------------------------------------------- build --out: its bookkeeping files


def _build(tree, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(out)], cwd=tree.root,
                          capture_output=True, text=True, encoding="utf-8")


def _planted(out: Path, name: str, entry: str) -> str:
    return (f"错误：{out}/{name} 里记着目录以外的路径“{entry}”：这不是生成器写的记录，不会按它删除或覆盖任何文件。"
            f"请删除 {out}/{name}（或整个 {out}/）后再运行。\n")


@pytest.mark.parametrize("entry", ["{victim}", "../victim.txt", "pages/../../victim.txt", "linked/victim.txt"])
def test_planted_paths_in_the_list_of_pages_delete_nothing_outside(tree, tmp_path, entry):
    victim = tmp_path / "victim.txt"
    victim.write_text("老师的文件", encoding="utf-8")
    out = tmp_path / "out"
    assert _build(tree, out).returncode == 0
    (out / "linked").symlink_to(tmp_path)
    entry = entry.format(victim=victim)
    with (out / MANIFEST).open("a", encoding="utf-8") as f:
        f.write(entry + "\n")  # a page no longer made: the next run would remove it
    (out / STAMP).unlink()
    tree.write(
        "programs/san-tong-san-yi.yml", (tree.records / "programs/san-tong-san-yi.yml").read_text("utf-8") + "since: 2019\n"
    )
    before = snapshot(out)
    done = _build(tree, out)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", _planted(out, MANIFEST, entry))
    assert victim.read_text(encoding="utf-8") == "老师的文件"
    assert snapshot(out) == before


@pytest.mark.parametrize("field", ["moves", "remove"])
def test_a_planted_journal_moves_and_deletes_nothing(tree, tmp_path, field):
    victim = tmp_path / "victim.txt"
    victim.write_text("老师的文件", encoding="utf-8")
    out = tmp_path / "out"
    assert _build(tree, out).returncode == 0
    (out / ".generator-staged-x.md").write_text("攻击者的内容", encoding="utf-8")
    journal = {"moves": [], "remove": [], "manifest": []}
    journal[field] = [[".generator-staged-x.md", str(victim)]] if field == "moves" else [str(victim)]
    (out / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    before = snapshot(out)
    done = _build(tree, out)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", _planted(out, JOURNAL, str(victim)))
    assert victim.read_text(encoding="utf-8") == "老师的文件"
    assert snapshot(out) == before


def test_a_planted_stamp_only_makes_the_run_do_its_work(tree, tmp_path):
    out = tmp_path / "out"
    assert _build(tree, out).returncode == 0
    stamp = json.loads((out / STAMP).read_text(encoding="utf-8"))
    victim = tmp_path / "victim.txt"
    victim.write_text("x", encoding="utf-8")
    st = victim.stat()
    stamp["files"] = {str(victim): [st.st_size, st.st_mtime_ns]}
    (out / STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    done = _build(tree, out)
    assert done.returncode == 0 and done.stdout.startswith("已生成 ")  # not "nothing changed": the stamp was not believed
    assert victim.read_text(encoding="utf-8") == "x"


def test_pages_records_and_photos_written_keep_the_umask(tree, tmp_path):
    """mkstemp makes files 0600; a page, a record rewritten by fmt and a photo by shrink get what any new file
    gets (or what the file had), so the web server and colleagues can read them."""
    old = os.umask(0o022)
    try:
        out = tmp_path / "out"
        assert _build(tree, out).returncode == 0
        modes = {oct(p.stat().st_mode & 0o777) for p in out.rglob("*.md")}
        assert modes == {"0o644"}
        record = tree.records / "programs/san-tong-san-yi.yml"
        record.chmod(0o664)
        record.write_text(record.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")  # not in fmt's form
        done = subprocess.run([sys.executable, "-m", "generator", "fmt"], cwd=tree.root, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout
        assert oct(record.stat().st_mode & 0o777) == "0o664"
        photo = tree.image("2024/big.jpg", size=(3000, 2000))
        photo.chmod(0o644)
        done = subprocess.run([sys.executable, "-m", "generator", "shrink"], cwd=tree.root, capture_output=True, text=True)
        assert done.returncode == 0 and "2024/big.jpg" in done.stdout, done.stdout
        assert oct(photo.stat().st_mode & 0o777) == "0o644"
    finally:
        os.umask(old)
