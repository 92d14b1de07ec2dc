"""Linking records (generator/link.py): visibility follows references, so nothing hidden reaches a public page."""

from __future__ import annotations

import textwrap

import pytest
from conftest import VALID
from support.sitebuild import archive, archive_text, config_for, mkdocs_build

from generator.errors import format_text
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


# ---------------------------------------------------------------- linking again under a preview (LinkMemo)

VALID_SITE = textwrap.dedent(VALID["site.yml"]).lstrip("\n")
MEETING = """
    type: zhiweihui
    branch: di-yi
    date: 2024-04-02
    host: zhang-hua
    expected: 5
    present: 5
    topics: [议题]
    """

# Each step edits the tree as it is after the steps before it.
RELINK_STEPS = [
    ("nothing changed", []),
    ("a meeting whose host is of its branch", [("meetings/2024/2024-04-02-di-yi-zhiweihui.yml", MEETING)]),
    ("the member named everywhere becomes internal", [("members/zhang-hua.yml", "name: 张华\nbranch: di-yi\n"
                                                      "story: 她的故事。\nvisibility: internal\n")]),
    ("and public again, of another branch", [("members/zhang-hua.yml", "name: 张华\nbranch: di-er\nstory: 她的故事。\n"
                                              "consent: true\n")]),
    ("the place named is deleted", [("places/dangyuan-huodongshi.yml", None)]),
    ("and comes back", [("places/dangyuan-huodongshi.yml", "title: 党员活动室\nkind: position\n")]),
    ("a branch leaves site.yml", [("site.yml", VALID_SITE.replace("  - {id: di-yi, name: 第一党支部}\n", ""))]),
    ("site.yml as it was", [("site.yml", VALID_SITE)]),
    ("the program becomes a draft", [("programs/san-tong-san-yi.yml", "title: 三同三异\npillar: rongru\nstatus: draft\n")]),
    ("the highlighted activity moves to another year", [
        ("programs/san-tong-san-yi.yml", "title: 三同三异\npillar: rongru\n"),
        ("activities/2024/2024-03-12-tongke-yigou.yml", None),
        ("activities/2023/2023-03-12-tongke-yigou.yml", "title: 同课异构研讨\ndate: 2023-03-12\nprogram: san-tong-san-yi\n")]),
    ("the periodical becomes internal", [("publications/dangxing-riji/index.yml", "title: 党性日记\nvisibility: internal\n")]),
]


def test_linking_again_finds_what_a_fresh_check_finds(tree):
    """A preview links again only the records that changed or whose targets did: after every edit, in every
    mode, what it finds is what a check of the tree as it is finds."""
    from generator.load import RecordCache
    from generator.pipeline import check_records

    modes = [BuildMode(), BuildMode(drafts=True, internal=True)]
    caches = {mode: RecordCache() for mode in modes}
    seen = set()
    for step, edits in RELINK_STEPS:
        for rel, text in edits:
            if text is None:
                tree.remove(rel)
            else:
                tree.write(rel, text)
        for mode in modes + modes[::-1]:  # each mode twice: once after the edit, once with nothing changed since
            fresh = tree.lines(mode)
            cached = check_records(tree.records.relative_to(tree.root), mode, caches[mode])
            assert [format_text(p) for p in sorted(cached.problems, key=lambda p: p.sort_key)] == fresh, step
            seen.add(bool(fresh))
    assert seen == {True, False}  # steps with problems and steps without
