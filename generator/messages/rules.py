"""The rules of one kind of record (the kinds' findings)."""

from __future__ import annotations

__all__ = [
    "DUTY_DATE",
    "NO_CONSENT",
    "REPLIED_MISSING",
    "REPLY_WITHOUT_TEXT",
    "START_DATE",
    "STATE_STILL_OPEN",
    "TITLE_MARKS",
    "date_not_file_date",
    "editor_forgejo_needs",
    "editor_url_not_https",
    "ends_before_start",
    "evaluation_date",
    "highlight_other_year",
    "issue_date_not_in_year",
    "member_not_file",
    "replied_before_asked",
    "reply_missing",
    "unsafe_file_name",
    "votes_over_voters",
    "year_not_file",
    "year_not_folder",
]


def date_not_file_date(date, file_date) -> str:
    return f"日期 {date} 与文件名中的日期 {file_date} 不一致"


START_DATE = "开始日期"
DUTY_DATE = "值班日期"


def ends_before_start(end, start, start_what: str = START_DATE) -> str:
    return f"结束日期 {end} 早于{start_what} {start}"


def issue_date_not_in_year(date, year: int) -> str:
    return f"出版日期 {date} 不在文件名的年份 {year} 年内"


NO_CONSENT = "公开的党员风采必须经本人同意：确认后写上 consent: true；未同意时请设为 visibility: internal"
TITLE_MARKS = "刊名不用加书名号《》，网站会自动加上"


def member_not_file(member: str, stem: str) -> str:
    return f"党员“{member}”与文件名“{stem}”不一致：文件名应是这位党员的编号"


def year_not_folder(year: int, folder: int) -> str:
    return f"年度 {year} 与文件夹 {folder} 不一致"


def year_not_file(year: int, file_year: int) -> str:
    return f"年份 {year} 与文件名中的年份 {file_year} 不一致"


def evaluation_date(date, year: int, month: int, day: int) -> str:
    return f"测评日期 {date} 应在 {year} 年内，或次年 {month} 月 {day} 日之前"


def votes_over_voters(item: str, total: int, voters: int) -> str:
    return f"“{item}”的票数合计 {total}，超过了参加测评的人数 {voters}"


def highlight_other_year(activity: str, year: int) -> str:
    return f"活动“{activity}”不是 {year} 年的活动"


def editor_url_not_https(value: str) -> str:
    return f"“{value}”不是 https:// 开头的网址：网页编辑器要通过加密连接登录，请写完整的 https:// 网址"


def editor_forgejo_needs(key: str) -> str:
    what = {"base_url": "base_url（平台的网址，例如 https://git.example.edu.cn）",
            "app_id": "app_id（在 Forgejo 里为网页编辑器建的 OAuth 应用的客户端 ID）"}[key]
    return f"用 Forgejo 时必须写 {what}"


def unsafe_file_name(chars: list[str]) -> str:
    return (f"这个名称会用作存档的文件名，不能含有 {'、'.join(dict.fromkeys(chars))}。"
            "文件名里不能有 / \\ : * ? \" < > |，也不能以“.”开头或含有“..”。请去掉它们")


def reply_missing(state: str) -> str:
    return f"state 是 {state}，必须写回复 reply"


REPLIED_MISSING = "有回复时必须写回复日期：请在回复的后面加一行 replied: 年-月-日，例如 replied: 2024-05-27"
REPLY_WITHOUT_TEXT = "写了回复日期 replied，却没有回复 reply"


def replied_before_asked(replied, date) -> str:
    return f"回复日期 {replied} 早于提出日期 {date}"


STATE_STILL_OPEN = "已经有回复，state 应改为 replied（已回复）或 adopted（已采纳）"
