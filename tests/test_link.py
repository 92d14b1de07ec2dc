"""Linking records (generator/link.py): visibility follows references, so nothing hidden reaches a public page."""

from __future__ import annotations

import pytest
from support.sitebuild import archive, archive_text, config_for, mkdocs_build

from generator.link import BuildMode

# ---------------------------------------------------------------- visibility follows references

ACT = "records/activities/2024/2024-03-12-tongke-yigou.yml"
ISSUE = "records/publications/dangxing-riji/2024-01.yml"
SECRETS = ("保密党员乙", "mimi-dangyuan", "保密地点丙", "mimi-didian")


def hide(tree) -> None:
    """An internal member (no consent yet) and a draft place, with names found nowhere else."""
    tree.write("members/mimi-dangyuan.yml", "name: 保密党员乙\nstory: 事迹。\nconsent: false\nvisibility: internal\n")
    tree.write("places/mimi-didian.yml", "title: 保密地点丙\nkind: red-base\nstatus: draft\n")


def test_a_public_record_that_names_a_hidden_one_is_an_error_at_the_reference(tree):
    hide(tree)
    act = tree.records / ACT.removeprefix("records/")
    act.write_text(act.read_text(encoding="utf-8")
                   .replace("places: [dangyuan-huodongshi]", "places: [dangyuan-huodongshi, mimi-didian]")
                   .replace("members: [zhang-hua]", "members: [zhang-hua, mimi-dangyuan]"), encoding="utf-8")
    issue = tree.records / ISSUE.removeprefix("records/")
    issue.write_text(issue.read_text(encoding="utf-8").replace("member: zhang-hua", "member: mimi-dangyuan"), encoding="utf-8")
    member = ("党员“mimi-dangyuan”是内部记录（visibility: internal），公开网站上不能出现其姓名。请从这里删去“mimi-dangyuan”；"
              "本人同意公开后，可把其记录改为 consent: true 并删去 visibility: internal")
    assert tree.lines() == [
        f"{ACT}:4:31: 错误：字段 places 第 2 个地点：地点“mimi-didian”还是草稿（status: draft），不会发布，这里也就不能写它。"
        "请先发布它（删去它的 status: draft），或从这里删去“mimi-didian”",
        f"{ACT}:6:22: 错误：字段 members 第 2 位党员：{member}",
        f"{ISSUE}:5:13: 错误：字段 articles 第 1 篇文章的 member：作者对应的{member}",
    ]
    assert tree.lines(BuildMode(drafts=True, internal=True)) == []  # the internal preview shows them all


@pytest.mark.build
def test_nothing_of_a_hidden_record_reaches_any_public_output(tree, tmp_path):
    """Hidden records no public record names: not on any page, in the search index, feeds, sitemap, tags
    page or public archive; the internal archive has them (so this test would see them)."""
    hide(tree)
    site = tmp_path / "site"
    done = mkdocs_build(config_for(tree.records, tmp_path), site, site_url="https://example.org/dj/")
    assert done.returncode == 0, done.stderr
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml", ".js")]
    assert {"sitemap.xml", "search_index.json", "feed-activities.xml", "index.html"} <= {p.name for p in files}
    leaks = [(p.relative_to(site).as_posix(), s) for p in files for s in SECRETS if s in p.read_text(encoding="utf-8")]
    assert leaks == []

    for flag, expected in (((), []), (("--internal",), ["保密党员乙"])):
        out = tmp_path / f"archive{flag}"
        made = archive(tree.records, out, *flag)
        assert made.returncode == 0, made.stderr
        assert [s for s in ("保密党员乙",) if s in archive_text(out)] == expected
