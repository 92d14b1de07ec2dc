"""常见错误: the common mistakes records/README.md shows, each with the message check prints."""

from __future__ import annotations

from dataclasses import dataclass

from .assets import asset_missing, asset_name
from .reading import FULLWIDTH_COLON, NO_SPACE_AFTER_COLON, PARSER_HINTS, unindented_block_text
from .references import name_for_id
from .rules import REPLIED_MISSING
from .values import chinese_comma, pad_month_day, unquoted_value

__all__ = ["COMMON_MISTAKES", "COMMON_MISTAKES_END", "COMMON_MISTAKES_START", "Mistake", "common_mistakes_markdown"]


@dataclass(frozen=True)
class Mistake:
    """A beginner's mistake in a whole record, the record put right, and what `check` says at the mistake.
    records/README.md shows the lines that differ; test_messages checks each against `check` itself."""

    title: str
    file: str  # under records/
    wrong: str
    right: str
    message: str


_ACTIVITY = "activities/2024/2024-03-12-tongke-yigou.yml"
_HEAD = "title: 同课异构研讨\ndate: 2024-03-12\nprogram: san-tong-san-yi\n"
_PHOTO = _HEAD + "photos:\n  - src: {}\n    caption: 现场\n"
_REPLY = ("title: 一条建议\ndate: 2024-05-20\nfrom: 家长\ncontent: 建议内容。\nstate: replied\nreply: 已经安排。\n")

COMMON_MISTAKES = (
    Mistake("冒号写成了中文冒号", _ACTIVITY, _HEAD.replace("title: ", "title：", 1), _HEAD, FULLWIDTH_COLON),
    Mistake("冒号后面没有空格", _ACTIVITY, _PHOTO.format("2024/a.jpg").replace("src: ", "src:"),
            _PHOTO.format("2024/a.jpg"), NO_SPACE_AFTER_COLON),
    Mistake("写了名字，没写编号", _ACTIVITY, _HEAD + "members: [张华]\n", _HEAD + "members: [zhang-hua]\n",
            name_for_id("党员", "张华", "zhang-hua", "张华")),
    Mistake("日期的月、日只写了一位", _ACTIVITY, _HEAD.replace("2024-03-12", "2024-3-12"), _HEAD,
            pad_month_day("2024-3-12", "2024-03-12")),
    Mistake("列表里用了中文逗号", _ACTIVITY, _HEAD + "tags: [读书沙龙，师德]\n", _HEAD + "tags: [读书沙龙, 师德]\n",
            chinese_comma("读书沙龙，师德")),
    Mistake("像数字的文字没加引号", _ACTIVITY, _HEAD + "tags: [0701]\n", _HEAD + "tags: ['0701']\n",
            unquoted_value("0701", "integer", "701")),
    Mistake("值以 * 开头", _ACTIVITY, _HEAD.replace("同课异构研讨", "*重要* 同课异构研讨"),
            _HEAD.replace("同课异构研讨", "'*重要* 同课异构研讨'"), dict(PARSER_HINTS)["scanning an alias"]),
    Mistake("正文有一行没有缩进", _ACTIVITY, _HEAD + "body: |\n  第一段。\n\n第二段。\n",
            _HEAD + "body: |\n  第一段。\n\n  第二段。\n", unindented_block_text("body")),
    Mistake("照片文件名的大小写不一致", _ACTIVITY, _PHOTO.format("2024/A.JPG"), _PHOTO.format("2024/a.jpg"),
            asset_missing("2024/A.JPG", "2024/a.jpg")),
    Mistake("照片文件名里有中文或空格", _ACTIVITY, _PHOTO.format("2024/同课 1.jpg"), _PHOTO.format("2024/a.jpg"),
            asset_name("2024/同课 1.jpg", "同")),
    Mistake("有回复，没写回复日期", "suggestions/2024/2024-05-20-jianyi.yml", _REPLY,
            _REPLY + "replied: 2024-05-27\n", REPLIED_MISSING),
)


def _lines(a: str, b: str) -> tuple[list[str], list[str]]:
    """The lines of a that b changes, and those of b that replace them."""
    import difflib

    old, new = a.splitlines(), b.splitlines()
    gone, came = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "insert" and i1:  # a line left out: shown after the line it belongs under
            gone.append(old[i1 - 1])
            came.append(old[i1 - 1])
        if tag != "equal":
            gone += old[i1:i2]
            came += new[j1:j2]
    return gone, came


def _yaml_block(lines: list[str]) -> str:
    return "```yaml\n" + "\n".join(lines) + "\n```"


COMMON_MISTAKES_START = "<!-- 常见错误：由 generator/messages/ 生成（make schema），请不要手改 -->"
COMMON_MISTAKES_END = "<!-- 常见错误：完 -->"


def common_mistakes_markdown() -> str:
    """The 常见错误 section of records/README.md: each mistake, what `check` says, what to write instead."""
    parts = [COMMON_MISTAKES_START, "## 常见错误", "",
             "检查发现问题时，会写出文件、行号、字段和改法。下面是最常见的几种：先是写错的样子，再是改好的样子。"]
    for m in COMMON_MISTAKES:
        wrong, right = _lines(m.wrong, m.right)
        parts += ["", f"### {m.title}", "", f"检查会说：{m.message}", "", "写成了：", "", _yaml_block(wrong),
                  "", "改成：", "", _yaml_block(right)]
    return "\n".join(parts + [COMMON_MISTAKES_END]) + "\n"
