"""Field types: how a value read as text becomes a typed value, with Chinese errors.

The YAML reader hands every scalar over as a string, so each type here decides
for itself what it accepts (`no` stays text, `0701` stays text, a boolean is
only `true`/`false`). Each type is an `Annotated` alias so the same models give
JSON Schema with the right types and Chinese descriptions.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def fail(message: str) -> PydanticCustomError:
    # The message is final Chinese text; braces are escaped for pydantic's formatter.
    return PydanticCustomError("invalid", message.replace("{", "{{").replace("}", "}}"))


def _need_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        raise fail("应是一段文字，这里写成了列表")
    if isinstance(value, dict):
        raise fail("应是一段文字，这里写成了“键: 值”的映射")
    raise fail("应是一段文字")


def _line(value: Any) -> str:
    text = _need_text(value).strip()
    if not text:
        raise fail("不能为空")
    if "\n" in text:
        raise fail("只能写一行，不能换行")
    return text


def _multiline(value: Any) -> str:
    text = _need_text(value).strip()
    if not text:
        raise fail("不能为空")
    return text


# Python-Markdown's inline patterns take time with the square of unclosed brackets (16 KB of "[" and "](":
# 30 s), and its block parser recurses once per list level. No real text comes near these limits.
MAX_BRACKET_DEPTH = 32
MAX_RUN = 200
_BRACKETS = re.compile(r"\\.|[\[\]()]")
_RUN = re.compile(r"([\[\]()*_~`<>|#\\])\1{%d,}" % (MAX_RUN - 1))
_DEEP_LIST = re.compile(r"^[ \t>]{64,}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.M)


def _too_complex(text: str) -> str | None:
    """Why a Markdown text would make rendering slow or crash, if it would."""
    run = _RUN.search(text)
    if run:
        return f"连续写了 {len(run.group()):,} 个“{run.group(1)}”（上限 {MAX_RUN} 个）：网页排版处理不了这么多，请删去多余的"
    depth = deepest = 0
    for m in _BRACKETS.finditer(text):
        c = m.group()
        if c in "[(":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "])":
            depth = max(0, depth - 1)
    if deepest > MAX_BRACKET_DEPTH:
        return (f"方括号“[”或圆括号“(”套了 {deepest} 层（上限 {MAX_BRACKET_DEPTH} 层）：网页排版处理不了。"
                "请检查有没有没配对的括号；要显示括号本身，可以在前面加“\\”")
    if _DEEP_LIST.search(text):
        return "列表缩进的层数太多（上限 15 层）：请减少缩进"
    return None


def _markdown(value: Any) -> str:
    text = _need_text(value)
    if not text.strip():
        raise fail("不能为空")
    complex_ = _too_complex(text)
    if complex_:
        raise fail(complex_)
    if "//" in text or "\\\\" in text:  # the only way an image can come from elsewhere
        from .render import remote_images_in

        remote = remote_images_in(text)
        if remote:
            raise fail(f"这里有一张来自互联网的图片（{remote[0]}）：网站和离线存档不从互联网加载任何东西，"
                       "它还会让别的网站知道谁在看这一页。请把图片保存下来放进 records/assets/，写在 photos 里；"
                       "普通的链接 [文字](网址) 可以保留")
    return text.rstrip() + "\n"


def comma_hint(item: str) -> str:
    """[读书沙龙，师德] is one item to YAML: say so, and how to write two."""
    return f"“{item}”里用了中文逗号“，”，YAML 会把它当成一项。列表的各项之间请用英文逗号加空格：[{item.replace('，', ', ')}]"


def _tag(value: Any) -> str:
    text = _line(value)
    if "，" in text:  # a tag is a word or two; a Chinese comma in one is two tags run together
        raise fail(comma_hint(text))
    return text


def _slug(value: Any) -> str:
    text = _line(value)
    if not SLUG.fullmatch(text):
        raise fail(f"“{text}”不是有效的编号：只能用小写字母、数字和连字符“-”（拼音或英文），且以字母或数字开头")
    return text


_SHORT_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _date(value: Any) -> dt.date:
    text = _line(value)
    m = _DATE.fullmatch(text)
    if not m:
        short = _SHORT_DATE.fullmatch(text)
        if short:  # 2024-5-10: the right order, but a month or day of one digit
            padded = f"{short[1]}-{int(short[2]):02d}-{int(short[3]):02d}"
            raise fail(f"“{text}”的月和日都要写两位数，不足两位前面补 0：请写成 {padded}")
        raise fail(f"“{text}”不是日期：请写成 年-月-日，例如 2024-03-12")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise fail(f"日期“{text}”不存在") from None


def _year_month(value: Any) -> str:
    text = _line(value)
    m = _YEAR_MONTH.fullmatch(text)
    if not m:
        raise fail(f"“{text}”不是年月：请写成 年-月（如 2004-07）或 年-月-日")
    try:
        dt.date(int(m[1]), int(m[2]), int(m[3] or 1))
    except ValueError:
        raise fail(f"日期“{text}”不存在") from None
    return text


def _year(value: Any) -> int:
    text = _line(value)
    if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= 2100:
        raise fail(f"“{text}”不是年份：请写四位数的年份，例如 2024")
    return int(text)


def _count(value: Any) -> int:
    text = _line(value)
    if not re.fullmatch(r"\d+", text):
        raise fail(f"“{text}”不是不小于 0 的整数")
    if len(text) > 9:
        raise fail(f"“{text}”太大了")
    return int(text)


def _boolean(value: Any) -> bool:
    text = _line(value)
    if text == "true":
        return True
    if text == "false":
        return False
    raise fail(f"“{text}”不是 true 或 false（是：true，否：false）")


def _list(value: Any) -> list:
    if isinstance(value, list):
        return value
    raise fail("应是一个列表：每项一行，以“- ”开头，或写成 [甲, 乙]")


def choice(*options: tuple[str, str]):
    """A closed set of values; each option is (value, Chinese label)."""
    values = tuple(v for v, _ in options)
    listing = "、".join(f"{v}（{label}）" if label != v else v for v, label in options)

    def check(value: Any) -> str:
        text = _line(value)
        if text not in values:
            raise fail(f"“{text}”不是可选的值。可选：{listing}")
        return text

    return Annotated[Literal[values], BeforeValidator(check), Field(json_schema_extra={"x-labels": dict(options)})]


def labels(choice_type) -> dict[str, str]:
    """The Chinese label of each value of a choice() type, in order."""
    for meta in choice_type.__metadata__:
        extra = getattr(meta, "json_schema_extra", None)
        if extra and "x-labels" in extra:
            return dict(extra["x-labels"])
    raise TypeError(f"{choice_type!r} is not a choice type")


Text = Annotated[str, BeforeValidator(_line)]
"""Plain text on one line, shown literally."""
LongText = Annotated[str, BeforeValidator(_multiline)]
"""Plain text that may span lines, shown literally."""
Markdown = Annotated[str, BeforeValidator(_markdown)]
Slug = Annotated[str, BeforeValidator(_slug), WithJsonSchema({"type": "string", "pattern": f"^{SLUG.pattern}$"})]
Tag = Annotated[str, BeforeValidator(_tag)]
Ref = Annotated[str, BeforeValidator(_line)]
"""An id of another record; whether it exists is checked when records are linked."""
Date = Annotated[dt.date, BeforeValidator(_date)]
YearMonth = Annotated[str, BeforeValidator(_year_month), WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"})]
Year = Annotated[int, BeforeValidator(_year), WithJsonSchema({"type": "integer", "minimum": 1900, "maximum": 2100})]
Count = Annotated[int, BeforeValidator(_count), WithJsonSchema({"type": "integer", "minimum": 0})]
Boolean = Annotated[bool, BeforeValidator(_boolean)]
AssetPath = Annotated[str, BeforeValidator(_line)]
"""A path under records/assets/; checked against the files when records are loaded."""


def ListOf(item):
    return Annotated[list[item], BeforeValidator(_list)]
