"""社区服务站值班, the kind added through the registry: its records, its pages, and what it adds elsewhere."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from generator.kinds.duty import when
from generator.link import BuildMode
from generator.pages import make_pages
from generator.pipeline import check_records

D = "records/duties/2024/2024-05-18-jiating-jiaoyu.yml"
TODAY = dt.date(2024, 5, 15)  # a Wednesday


def duties(tree):
    tree.write("places/shequ-fuwuzhan.yml", "title: 党员教师社区服务站\nkind: service-station\n")
    tree.write("duties/2024/2024-05-18-jiating-jiaoyu.yml",
               "topic: 家庭教育咨询\ndate: 2024-05-18\ntime: 8:30-11:30\nplace: shequ-fuwuzhan\nmembers: [zhang-hua]\n")
    tree.write("duties/2024/2024-04-13-xuexi-fangfa.yml",
               "topic: 学习方法指导\ndate: 2024-04-13\nplace: shequ-fuwuzhan\nmembers: [zhang-hua]\n"
               "reception:\n  summary: 接待家长，解答问题。\n  visitors: 12\n  questions: 5\n")


def pages(tree, today=TODAY):
    result = check_records(Path("records"), BuildMode())
    assert result.ok, result.problems
    return {p.path: p.markdown for p in make_pages(result.site, today=today).pages}


def test_a_duty_is_checked_like_any_record(tree):
    duties(tree)
    tree.write("duties/2024/2024-05-18-jiating-jiaoyu.yml", "topic: 家庭教育咨询\ndate: 2024-05-19\nplace: 社区服务站\n"
               "members: [张华]\nend_date: 2024-05-01\n")
    assert tree.lines() == [
        f"{D}:2:7: 错误：字段 date：日期 2024-05-19 与文件名中的日期 2024-05-18 不一致",
        f"{D}:3:8: 错误：字段 place：找不到地点“社区服务站”：编号只能用小写字母、数字和“-”（拼音或英文），"
            f"是对应文件的文件名（不带 .yml）",
        f"{D}:4:11: 错误：字段 members 第 1 位党员：找不到党员“张华”：这里要写编号，不是名称。是不是想写 zhang-hua（张华）？",
        f"{D}:5:11: 错误：字段 end_date：结束日期 2024-05-01 早于值班日期 2024-05-19",
    ]


def test_its_section_lists_what_is_to_come_and_what_was(tree):
    duties(tree)
    out = pages(tree)
    index = out["duties/index.md"]
    # The time is plain text, escaped like all record text (it shows as 8:30-11:30).
    assert ("## 值班安排（1）\n\n- 2024年5月18日 8&#58;30&#45;11&#58;30　[家庭教育咨询（5月18日）"
            "](2024/2024-05-18-jiating-jiaoyu.md)"
            "　<span class=\"dj-muted\">值班：[张华](../members/zhang-hua.md)</span>") in index
    assert "## 往期接待（1）\n\n- 2024年4月13日　[学习方法指导（4月13日）](2024/2024-04-13-xuexi-fangfa.md)　" \
           "<span class=\"dj-muted\">接待 12 人次</span>" in index
    page = out["duties/2024/2024-04-13-xuexi-fangfa.md"]
    assert "## 接待记录\n\n接待家长 12 人次。解答问题 5 个。\n\n接待家长，解答问题。" in page


def test_the_place_and_the_member_show_their_duties_and_the_home_page_the_next(tree):
    duties(tree)
    out = pages(tree)
    place = out["places/shequ-fuwuzhan.md"]
    assert place.endswith("## 值班安排 { data-search-exclude }\n\n- 2024年5月18日 8&#58;30&#45;11&#58;30　"
                          "[家庭教育咨询（5月18日）](../duties/2024/2024-05-18-jiating-jiaoyu.md)\n\n"
                          "## 往期接待 { data-search-exclude }\n\n- 2024年4月13日　"
                          "[学习方法指导（4月13日）](../duties/2024/2024-04-13-xuexi-fangfa.md)\n")
    assert "## 社区服务站值班 { data-search-exclude }" in out["members/zhang-hua.md"]
    home = out["index.md"]
    assert "notices:\n  - title: 本周六 党员教师社区服务站 值班\n    text: 家庭教育咨询 · 8:30-11:30 · 值班：张华\n" \
           "    url: duties/2024/2024-05-18-jiating-jiaoyu.md\n" in home.replace("  portal:", "portal:")


def test_how_a_notice_names_the_day():
    class D:
        def __init__(self, day):
            self.record = type("R", (), {"date": day})

    assert [when(D(dt.date(2024, 5, d)), TODAY) for d in (15, 18, 19, 25, 26, 27)] == [
        "本周三", "本周六", "本周日", "下周六", "下周日", "5月27日（周一）"]


def test_an_internal_duty_is_in_no_public_page(tree):
    duties(tree)
    tree.write("duties/2024/2024-05-18-jiating-jiaoyu.yml", "topic: 内部值班甲\ndate: 2024-05-18\nplace: shequ-fuwuzhan\n"
               "visibility: internal\n")
    out = pages(tree)
    assert not [p for p, text in out.items() if "内部值班甲" in text]


def test_new_duty_passes_check(tree):
    tree.write("places/shequ-fuwuzhan.yml", "title: 党员教师社区服务站\nkind: service-station\n")
    done = subprocess.run([sys.executable, "-m", "generator", "new", "duty", "--title", "家庭教育咨询", "--date", "2024-05-18"],
                          cwd=tree.root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = (tree.records / "duties/2024/2024-05-18-jia-ting-jiao-yu-zi-xun.yml").read_text(encoding="utf-8")
    assert "place: shequ-fuwuzhan   # 地点（places/ 中的编号），通常是社区服务站" in text
    assert "# reception:   # 接待记录（值班之后填写）" in text
    assert tree.lines() == []
