"""三会一课: the meeting records' own rules, and the 制度落实情况 they are held to."""

from __future__ import annotations

__all__ = [
    "ledger_empty_year",
    "ledger_made",
    "absent_count_differs",
    "ends_before_it_starts",
    "not_of_branch",
    "present_over_expected",
    "votes_over_present",
]


def present_over_expected(present: int, expected: int) -> str:
    return f"实到 {present} 人，比应到的 {expected} 人还多：请核对 expected（应到）和 present（实到）"


def absent_count_differs(listed: int, missing: int) -> str:
    return (f"缺席名单有 {listed} 人，但应到减实到是 {missing} 人：请在 absent 里列出每一位缺席的党员和原因，"
            "或改正应到、实到人数")


def ends_before_it_starts(end: str, start: str) -> str:
    return f"结束时间 {end} 不晚于开始时间 {start}：请写成 时:分，例如 start: 14:30、end: 16:00"


def not_of_branch(who: str, member: str, member_branch: str, branch: str) -> str:
    return (f"{who}“{member}”是{member_branch}的党员，不是这次会议所在的{branch}的：请核对 branch（支部）"
            f"或{who}")


def votes_over_present(votes: int, present: int) -> str:
    return f"赞成、反对、弃权加起来 {votes} 票，比实到的 {present} 人多：请核对表决票数"


def ledger_empty_year(year: int) -> str:
    return (f"{year} 年没有任何已发布的记录（活动、值班、刊物、建议、述职评议），台账会是空的，所以没有生成。"
            "请检查年份，或先把这一年的记录改为已发布")


def ledger_made(path: str, pages: int) -> str:
    return f"已生成 {path}（{pages} 页）。"
