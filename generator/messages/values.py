"""One value: what other YAML readers would make of it, and what a field accepts."""

from __future__ import annotations

import re

from .assets import ASSETS

__all__ = [
    "not_a_time",
    "DEEP_LIST",
    "EMPTY",
    "ID_RULE",
    "LIST_EXPECTED",
    "ONE_LINE",
    "TEXT_EXPECTED",
    "TEXT_NOT_LIST",
    "TEXT_NOT_MAPPING",
    "chinese_comma",
    "deep_brackets",
    "listing",
    "long_run",
    "no_such_date",
    "not_a_boolean",
    "not_a_choice",
    "not_a_count",
    "not_a_date",
    "not_a_year",
    "not_a_year_month",
    "not_an_id",
    "pad_month_day",
    "remote_image",
    "too_big",
    "unquoted_value",
    "unquoted_yes_no",
]


_OTHER_READERS = "别的编辑工具（VS Code、网页编辑器）"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def unquoted_value(text: str, json_type: str, shown: str) -> str:
    """`tags: [0701]`: text here, a number to a YAML 1.2 reader."""
    if json_type in ("integer", "number"):
        lost = "，开头的 0 会丢掉" if re.fullmatch(r"[-+]?0[0-9]+", text) else ""
        read = f"数字 {shown}{lost}"
    elif json_type == "boolean":
        read = f"“是/否”的{'是' if shown == 'true' else '否'}（{shown}）"
    else:
        read = "空值"
    return f"“{text}”没有加引号，{_OTHER_READERS}会把它读成{read}。这里要写文字，请给它加上英文单引号：{_quoted(text)}"


def unquoted_yes_no(text: str) -> str:
    return f"“{text}”没有加引号，有些较旧的工具会把它读成“是/否”。这里要写文字，最好给它加上英文单引号：{_quoted(text)}"


# ---------------------------------------------------------------- one value

TEXT_NOT_LIST = "应是一段文字，这里写成了列表"
TEXT_NOT_MAPPING = "应是一段文字，这里却在下面缩进写了几行“键: 值”"
TEXT_EXPECTED = "应是一段文字"
EMPTY = "不能为空"
ONE_LINE = "只能写一行，不能换行"
LIST_EXPECTED = "应是一个列表：每项一行，以“- ”开头，或写成 [甲, 乙]"


def long_run(length: int, char: str, cap: int) -> str:
    return f"连续写了 {length:,} 个“{char}”（上限 {cap} 个）：网页排版处理不了这么多，请删去多余的"


def deep_brackets(depth: int, cap: int) -> str:
    return (f"方括号“[”或圆括号“(”套了 {depth} 层（上限 {cap} 层）：网页排版处理不了。"
            "请检查有没有没配对的括号；要显示括号本身，可以在前面加“\\”")


DEEP_LIST = "列表缩进的层数太多（上限 15 层）：请减少缩进"


def remote_image(url: str) -> str:
    return (f"这里有一张来自互联网的图片（{url}）：网站和离线存档不从互联网加载任何东西，"
            f"它还会让别的网站知道谁在看这一页。请把图片保存下来放进 {ASSETS}，写在 photos 里；"
            "普通的链接 [文字](网址) 可以保留")


def chinese_comma(item: str) -> str:
    """[读书沙龙，师德] is one item to YAML: say so, and how to write two."""
    return f"“{item}”里用了中文逗号“，”，YAML 会把它当成一项。列表的各项之间请用英文逗号加空格：[{item.replace('，', ', ')}]"


ID_RULE = "只能用小写字母、数字和连字符“-”（拼音或英文），且以字母或数字开头"


def not_an_id(text: str) -> str:
    return f"“{text}”不是有效的编号：{ID_RULE}"


def pad_month_day(text: str, padded: str) -> str:
    return f"“{text}”的月和日都要写两位数，不足两位前面补 0：请写成 {padded}"


def not_a_date(text: str) -> str:
    return f"“{text}”不是日期：请写成 年-月-日，例如 2024-03-12"


def no_such_date(text: str) -> str:
    return f"日期“{text}”不存在"


def not_a_year_month(text: str) -> str:
    return f"“{text}”不是年月：请写成 年-月（如 2004-07）或 年-月-日"


def not_a_year(text: str) -> str:
    return f"“{text}”不是年份：请写四位数的年份，例如 2024"


def not_a_time(text: str) -> str:
    return f"“{text}”不是时间：请写成 时:分（英文冒号，24 小时制），例如 14:30"


def not_a_count(text: str) -> str:
    return f"“{text}”不是不小于 0 的整数"


def too_big(text: str) -> str:
    return f"“{text}”太大了"


def not_a_boolean(text: str) -> str:
    return f"“{text}”不是 true 或 false（是：true，否：false）"


def not_a_choice(text: str, listing: str) -> str:
    return f"“{text}”不是可选的值。可选：{listing}"


def listing(pairs, limit: int | None = None) -> str:
    """zhang-hua（张华）、li-ming（李明） …: ids with the names people know them by."""
    shown = [f"{ident}（{name}）" if name and name != ident else ident for ident, name in pairs]
    more = f" 等 {len(shown)} 个" if limit and len(shown) > limit else ""
    return "、".join(shown[:limit] if limit else shown) + more
