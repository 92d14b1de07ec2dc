"""`python -m generator new`."""

from __future__ import annotations

__all__ = [
    "AN_ID",
    "DRAFT_LINE",
    "created",
    "exists_already",
    "give_with",
    "issues_full",
    "new_file_header",
    "no_such_option",
    "nothing_to_pick",
    "one_line_only",
    "pick_with",
    "unknown_type",
]


def nothing_to_pick(what: str) -> str:
    return f"还没有任何{what}，请先新建一个"


def pick_with(option: str, what: str, options: list[str]) -> str:
    return f"请用 {option} 指定{what}，可选：{'、'.join(options)}"


def no_such_option(what: str, value: str, close: str | None, options: list[str]) -> str:
    if close:
        return f"找不到{what}“{value}”，是不是想写“{close}”？"
    return f"找不到{what}“{value}”。可选：{'、'.join(options)}"


def give_with(option: str, what: str) -> str:
    return f"请用 {option} 写上{what}"


def one_line_only(what: str) -> str:
    return f"{what}只能写一行"


def unknown_type(kind: str, kinds: list[str]) -> str:
    return f"不认识的类型“{kind}”，可选：{'、'.join(kinds)}"


def new_file_header(label: str, note: str) -> str:
    return f"# {label}。{note}字段说明见 records/README.md；写好后运行 make check 检查。"


DRAFT_LINE = "status: draft   # 草稿：只在预览中显示。写好、检查通过后，删除这一行即可发布"
AN_ID = "编号"


def exists_already(rel: str) -> str:
    return f"records/{rel} 已经存在，不会覆盖它"


def issues_full(pub: str, year: int) -> str:
    return f"{pub} 在 {year} 年已经有 99 期了"


def created(path: str) -> str:
    return f"已新建 {path}。请编辑它，然后运行 make check 检查。"
