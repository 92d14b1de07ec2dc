"""Field types: how a value read as text becomes a typed value, with Chinese errors.

The YAML reader hands every scalar over as a string, so each type here decides
for itself what it accepts (`no` stays text, a boolean is only `true`/`false`;
where other readers would type an unquoted value differently, yaml12 says so). Each type is an `Annotated`
alias so the same models give JSON Schema with the right types and Chinese descriptions.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from . import messages as say

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
        raise fail(say.TEXT_NOT_LIST)
    if isinstance(value, dict):
        raise fail(say.TEXT_NOT_MAPPING)
    raise fail(say.TEXT_EXPECTED)


def _line(value: Any) -> str:
    text = _need_text(value).strip()
    if not text:
        raise fail(say.EMPTY)
    if "\n" in text:
        raise fail(say.ONE_LINE)
    # A tab inside one line is a space to every reader (HTML, <title>, search); Markdown would widen it.
    return text.replace("\t", " ")


def _multiline(value: Any) -> str:
    text = _need_text(value).strip()
    if not text:
        raise fail(say.EMPTY)
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
        return say.long_run(len(run.group()), run.group(1), MAX_RUN)
    depth = deepest = 0
    openers = text.count("[") + text.count("(")  # no deeper than there are brackets: most texts end here
    for m in _BRACKETS.finditer(text) if openers > MAX_BRACKET_DEPTH else ():
        c = m.group()
        if c in "[(":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "])":
            depth = max(0, depth - 1)
    if deepest > MAX_BRACKET_DEPTH:
        return say.deep_brackets(deepest, MAX_BRACKET_DEPTH)
    if _DEEP_LIST.search(text):
        return say.DEEP_LIST
    return None


def _markdown(value: Any) -> str:
    text = _need_text(value)
    if not text.strip():
        raise fail(say.EMPTY)
    complex_ = _too_complex(text)
    if complex_:
        raise fail(complex_)
    if "//" in text or "\\\\" in text:  # the only way an image can come from elsewhere
        from .sanitize import remote_images_in  # Python-Markdown and nh3 only for text that may hold one

        remote = remote_images_in(text)
        if remote:
            raise fail(say.remote_image(remote[0]))
    return text.rstrip() + "\n"


def _tag(value: Any) -> str:
    text = _line(value)
    if "，" in text:  # a tag is a word or two; a Chinese comma in one is two tags run together
        raise fail(say.chinese_comma(text))
    return text


def _slug(value: Any) -> str:
    text = _line(value)
    if not SLUG.fullmatch(text):
        raise fail(say.not_an_id(text))
    return text


_SHORT_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _date(value: Any) -> dt.date:
    text = _line(value)
    m = _DATE.fullmatch(text)
    if not m:
        short = _SHORT_DATE.fullmatch(text)
        if short:  # 2024-5-10: the right order, but a month or day of one digit
            padded = f"{short[1]}-{int(short[2]):02d}-{int(short[3]):02d}"
            raise fail(say.pad_month_day(text, padded))
        raise fail(say.not_a_date(text))
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise fail(say.no_such_date(text)) from None


def _year_month(value: Any) -> str:
    text = _line(value)
    m = _YEAR_MONTH.fullmatch(text)
    if not m:
        raise fail(say.not_a_year_month(text))
    try:
        dt.date(int(m[1]), int(m[2]), int(m[3] or 1))
    except ValueError:
        raise fail(say.no_such_date(text)) from None
    return text


def _year(value: Any) -> int:
    text = _line(value)
    if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= 2100:
        raise fail(say.not_a_year(text))
    return int(text)


def _time(value: Any) -> str:
    text = _line(value)
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise fail(say.not_a_time(text))
    return f"{int(m[1]):02d}:{m[2]}"


def _count(value: Any) -> int:
    text = _line(value)
    if not re.fullmatch(r"\d+", text):
        raise fail(say.not_a_count(text))
    if len(text) > 9:
        raise fail(say.too_big(text))
    return int(text)


def _boolean(value: Any) -> bool:
    text = _line(value)
    if text == "true":
        return True
    if text == "false":
        return False
    raise fail(say.not_a_boolean(text))


def _list(value: Any) -> list:
    if isinstance(value, list):
        return value
    raise fail(say.LIST_EXPECTED)


def choice(*options: tuple[str, str]):
    """A closed set of values; each option is (value, Chinese label)."""
    values = tuple(v for v, _ in options)
    listing = say.listing(options)

    def check(value: Any) -> str:
        text = _line(value)
        if text not in values:
            raise fail(say.not_a_choice(text, listing))
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
TimeOfDay = Annotated[str, BeforeValidator(_time), WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}$"})]
Boolean = Annotated[bool, BeforeValidator(_boolean)]
def _asset(value: Any) -> str:
    return _line(value)


AssetPath = Annotated[str, BeforeValidator(_asset)]
"""A path under records/assets/; checked against the files when records are loaded. The field type says so once:
what a record's photos are (Record.assets), the web editor's image widget (cms.py)."""


def reader_of(annotation, metadata=()) -> object | None:
    """The function that reads a field's text (_line, _date, _asset …), also inside an optional or a list."""
    for meta in (*metadata, *getattr(annotation, "__metadata__", ())):
        if isinstance(meta, BeforeValidator) and meta.func is not _list:
            return meta.func
    for arg in typing.get_args(annotation):
        if (found := reader_of(arg)) is not None:
            return found
    return None


def asset_fields(model: type[BaseModel]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(attribute, key) of a model's photo fields, and of its fields that hold models (a photo's caption and src)."""
    own, nested = [], []
    for name, info in model.model_fields.items():
        key = info.alias or name
        if model_in(info.annotation) is not None:
            nested.append((name, key))
        elif reader_of(info.annotation, info.metadata) is _asset:
            own.append((name, key))
    return own, nested


def model_in(annotation) -> type[BaseModel] | None:
    """The model a field holds, also inside a list or an optional: Honor in ListOf(Honor) | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if found := model_in(arg):
            return found
    return None


def ListOf(item):
    return Annotated[list[item], BeforeValidator(_list)]
