"""一岗双责目标责任书, an internal-only kind: in the internal build on the member and review pages, in no public output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support.sitebuild import archive, archive_text, config_for, mkdocs_build

from generator.link import BuildMode
from generator.pages import make_pages
from generator.pipeline import check_records

R = "records/responsibilities/2024/zhang-hua.yml"
SECRET = "秘密目标甲"


def responsibility(tree, text=None):
    tree.write("responsibilities/2024/zhang-hua.yml", text or (
        f"member: zhang-hua\nyear: 2024\nsigned: 2024-02-20\nparty_targets:\n  - {SECRET}\n"
        "teaching_targets:\n  - 教学目标乙\nassessment:\n  date: 2024-12-28\n  grade: 基本合格\n"
        "follow_up:\n  - date: 2024-12-30\n    action: 跟踪督导\n"))


def pages(mode: BuildMode) -> dict[str, str]:
    result = check_records(Path("records"), mode)
    assert result.ok, result.problems
    return {p.path: p.markdown for p in make_pages(result.site).pages}


def test_its_file_names_the_member_and_the_year(tree):
    responsibility(tree, "member: li-si\nyear: 2023\nparty_targets: [甲]\n")
    assert tree.lines(BuildMode(internal=True)) == [
        f"{R}:1:9: 错误：字段 member：党员“li-si”与文件名“zhang-hua”不一致：文件名应是这位党员的编号",
        f"{R}:1:9: 错误：字段 member：找不到党员“li-si”（应有文件 records/members/li-si.yml）",
        f"{R}:2:7: 错误：字段 year：年度 2023 与文件夹 2024 不一致",
    ]


def test_the_internal_build_shows_it_on_the_member_and_the_review(tree):
    responsibility(tree)
    out = pages(BuildMode(internal=True))
    page = out["responsibilities/2024/2024-zhang-hua.md"]
    assert "# 2024年度一岗双责目标责任书（张华）" in page and f"1. {SECRET}" in page
    assert (
        "## 一岗双责 { data-search-exclude }\n\n- [2024年度一岗双责目标责任书（张华）]"
        "(../responsibilities/2024/2024-zhang-hua.md)　基本合格"
        in out["members/zhang-hua.md"]
    )
    assert ("## 一岗双责目标责任书（2024 年度，内部） { data-search-exclude }\n\n签订 1 人，已考核 1 人："
            "优秀 0 人，合格 0 人，基本合格 1 人，不合格 0 人。跟踪督导或问责 1 人。") in out["reviews/2024.md"]
    assert "responsibilities/index.md" in out


def test_no_public_page_knows_it_exists(tree):
    responsibility(tree)
    out = pages(BuildMode())
    assert [p for p, text in out.items() if "一岗双责" in text or SECRET in text or "responsibilities" in p] == []


@pytest.mark.build
def test_nothing_of_it_reaches_the_public_site_or_archive_and_the_internal_archive_has_it(tree, tmp_path):
    responsibility(tree)
    site = tmp_path / "site"
    done = mkdocs_build(config_for(tree.records, tmp_path), site, site_url="https://example.org/dj/")
    assert done.returncode == 0, done.stderr
    leaks = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml")
             and (SECRET in p.read_text(encoding="utf-8") or "一岗双责" in p.read_text(encoding="utf-8"))]
    assert leaks == [] and not (site / "responsibilities").exists()
    for flag, expected in (((), False), (("--internal",), True)):
        out = tmp_path / f"archive{flag}"
        made = archive(tree.records, out, *flag)
        assert made.returncode == 0, made.stderr
        assert (SECRET in archive_text(out)) is expected


def test_new_responsibility_passes_check(tree):
    done = subprocess.run([sys.executable, "-m", "generator", "new", "responsibility", "--member", "zhang-hua", "--year", "2024"],
                          cwd=tree.root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = (tree.records / R.removeprefix("records/")).read_text(encoding="utf-8")
    assert text.splitlines()[:3] == [
        "# 一岗双责目标责任书。只在内部版中出现，公开网站和公开存档里没有。字段说明见 records/README.md；写好后运行 make "
            "check 检查。",
        "member: zhang-hua   # 党员（members/ 中的编号），须与文件名相同",
        "year: 2024   # 年度，须与文件夹相同",
    ]
    assert tree.lines(BuildMode(internal=True)) == [] and tree.lines() == []
