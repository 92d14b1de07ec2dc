"""三会一课 records, an internal-only kind: the 会议记录's own rules at their lines, the internal build's section and
制度落实情况 table, and nothing of them in any public output."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from support.sitebuild import archive, archive_text, config_for, mkdocs_build

from generator.kinds.meeting import compliance
from generator.link import BuildMode
from generator.pages import make_pages
from generator.pipeline import check_records

M = "records/meetings/2024/2024-03-05-di-yi-zhiweihui.yml"
SECRET = "秘密议题丙"
INTERNAL = BuildMode(internal=True)


def meeting(tree, text: str | None = None, rel: str = "meetings/2024/2024-03-05-di-yi-zhiweihui.yml"):
    tree.write(rel, text or (
        "type: zhiweihui\nbranch: di-yi\ndate: 2024-03-05\nstart: 15:30\nend: 16:30\nplace: 党员活动室\n"
        f"host: zhang-hua\nrecorder: zhang-hua\nexpected: 5\npresent: 4\nabsent:\n  - member: zhang-hua\n    reason: 病假\n"
        f"guests: [入党积极分子 王明]\ntopics: [{SECRET}, 议题二]\ncontent: 讨论了发展党员工作。\n"
        "resolutions:\n  - text: 同意接收王明为预备党员\n    agree: 4\n    against: 0\n    abstain: 0\n"))


def pages(mode: BuildMode, today=dt.date(2025, 1, 10)) -> dict[str, str]:
    result = check_records(Path("records"), mode)
    assert result.ok, result.problems
    return {p.path: p.markdown for p in make_pages(result.site, today=today).pages}


def test_a_meeting_that_adds_up_passes(tree):
    meeting(tree)
    assert tree.lines(INTERNAL) == []


def test_its_numbers_times_and_people_must_agree(tree):
    tree.write("members/li-si.yml", "name: 李四\nbranch: di-er\nstory: 故事。\nconsent: true\n")
    meeting(tree, "type: zhiweihui\nbranch: di-yi\ndate: 2024-03-05\nstart: 16:30\nend: 15:30\n"
                  "host: li-si\nexpected: 5\npresent: 6\ntopics: [甲]\n"
                  "resolutions:\n  - text: 决议\n    agree: 7\n")
    assert tree.lines(INTERNAL) == [
        f"{M}:5:6: 错误：字段 end：结束时间 15:30 不晚于开始时间 16:30：请写成 时:分，例如 start: 14:30、end: 16:00",
        f"{M}:6:7: 错误：字段 host：主持人“li-si”是第二党支部的党员，不是这次会议所在的第一党支部的："
        "请核对 branch（支部）或主持人",
        f"{M}:8:10: 错误：字段 present：实到 6 人，比应到的 5 人还多：请核对 expected（应到）和 present（实到）",
        f"{M}:11:5: 错误：字段 resolutions 第 1 项：赞成、反对、弃权加起来 7 票，比实到的 6 人多：请核对表决票数",
    ]


def test_those_absent_are_as_many_as_are_missing(tree):
    meeting(tree, "type: dangke\nbranch: di-yi\ndate: 2024-03-05\nexpected: 5\npresent: 3\n"
                  "absent:\n  - member: zhang-hua\n    reason: 外出培训\ntopics: [甲]\n",
            rel="meetings/2024/2024-03-05-di-yi-zhiweihui.yml")
    assert tree.lines(INTERNAL) == [
        f"{M}:7:3: 错误：字段 absent：缺席名单有 1 人，但应到减实到是 2 人：请在 absent 里列出每一位缺席的党员和原因，"
        "或改正应到、实到人数"]


def test_a_time_is_hours_and_minutes(tree):
    meeting(tree, "type: dangke\nbranch: di-yi\ndate: 2024-03-05\nstart: 下午三点\ntopics: [甲]\n")
    assert tree.lines(INTERNAL) == [
        f"{M}:4:8: 错误：字段 start：“下午三点”不是时间：请写成 时:分（英文冒号，24 小时制），例如 14:30"]


def test_the_internal_build_has_its_section_its_page_and_the_table(tree):
    meeting(tree)
    out = pages(INTERNAL)
    page = out["meetings/2024/2024-03-05-di-yi-zhiweihui.md"]
    assert "# 第一党支部支委会（2024年3月5日）" in page
    assert "| 时间 | 2024年3月5日 15&#58;30—16&#58;30 |" in page
    assert "| 应到 / 实到 | 5 人 / 4 人 |" in page
    assert "| 缺席 | [张华](../../members/zhang-hua.md)（病假） |" in page
    assert f"1. {SECRET}\n" in page
    assert "1. 同意接收王明为预备党员（赞成 4 票，反对 0 票，弃权 0 票）" in page
    assert "### 2024年3月\n\n- 2024年3月5日 15&#58;30　[第一党支部支委会（2024年3月5日）](2024/2024-03-05-di-yi-zhiweihui.md)" \
        in out["meetings/index.md"]


def test_the_table_marks_a_month_without_a_committee_meeting_as_missing(tree):
    meeting(tree)  # March only
    table = pages(INTERNAL)["meetings/compliance.md"]
    assert "## 2024 年\n\n### 第一党支部\n\n| 每月 | 1月 | 2月 | 3月 | 4月 |" in table
    assert "| 支委会 | 缺 | 缺 | ✓ | 缺 | 缺 | 缺 | 缺 | 缺 | 缺 | 缺 | 缺 | 缺 |" in table
    assert "| 党课（至少 2 次） | 缺 | 未到期 |" in table  # the autumn term ends in January 2025


def test_compliance_counts_per_period_and_leaves_what_is_not_due(tree):
    meeting(tree)
    meeting(tree, "type: dangke\nbranch: di-yi\ndate: 2024-03-12\ntopics: [甲]\n", rel="meetings/2024/2024-03-12-a.yml")
    meeting(tree, "type: dangke\nbranch: di-yi\ndate: 2024-05-12\ntopics: [乙]\n", rel="meetings/2024/2024-05-12-a.yml")
    meeting(tree, "type: dangke\nbranch: di-yi\ndate: 2024-06-12\ntopics: [丙]\nstatus: draft\n",
            rel="meetings/2024/2024-06-12-a.yml")
    shown = check_records(Path("records"), BuildMode(internal=True, drafts=True)).site.records["meeting"]
    rows = {r.rule.type: r for r in compliance(shown, "di-yi", 2024, dt.date(2024, 4, 15))}
    assert [c.mark for _, c in rows["zhiweihui"].cells] == ["缺", "缺", "✓", "未到期"] + ["未到期"] * 8
    assert [c.mark for _, c in rows["dangke"].cells] == ["✓ 2", "未到期"]  # the draft would make it 3
    assert [c.mark for _, c in rows["dangyuan-dahui"].cells] == ["缺", "未到期", "未到期", "未到期"]


def test_no_public_page_knows_it_exists(tree):
    meeting(tree)
    out = pages(BuildMode())
    assert [p for p, text in out.items() if "三会一课" in text or SECRET in text or p.startswith("meetings")] == []


@pytest.mark.build
def test_nothing_of_it_reaches_the_public_site_or_archive_and_the_internal_archive_has_it(tree, tmp_path):
    meeting(tree)
    site = tmp_path / "site"
    done = mkdocs_build(config_for(tree.records, tmp_path), site, site_url="https://example.org/dj/")
    assert done.returncode == 0, done.stderr
    leaks = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml")
             and (SECRET in p.read_text(encoding="utf-8") or "三会一课" in p.read_text(encoding="utf-8"))]
    assert leaks == [] and not (site / "meetings").exists()
    for flag, expected in (((), False), (("--internal",), True)):
        out = tmp_path / f"archive{flag}"
        made = archive(tree.records, out, *flag)
        assert made.returncode == 0, made.stderr
        assert (SECRET in archive_text(out)) is expected


def test_new_meeting_passes_check(tree):
    done = subprocess.run([sys.executable, "-m", "generator", "new", "meeting", "--kind", "zhiweihui", "--branch", "di-yi",
                           "--date", "2024-03-05"], cwd=tree.root, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"已新建 {M}。请编辑它，然后运行 make check 检查。\n"
    assert tree.lines(BuildMode(internal=True, drafts=True)) == []
