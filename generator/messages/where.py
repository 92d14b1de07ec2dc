"""Where in a record a message points: a field as a person names it."""

from __future__ import annotations

import re

__all__ = ["field_label"]


# How one item of each list is counted: "photos 第 2 张照片", not photos[1].
_MEASURE = {
    "photos": "张照片", "articles": "篇文章", "honors": "项荣誉", "branches": "个支部", "pillars": "句",
    "items": "个测评项目", "follow_up": "次跟踪督导", "party_targets": "项党建目标",
    "teaching_targets": "项教学目标", "members": "位党员", "places": "个地点", "tags": "个标签",
    "highlights": "项重点活动",
}
_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def field_label(path: str) -> str:
    """'photos[0].src' -> 'photos 第 1 张照片的 src': the key as typed, the item as a person counts it."""
    out, last, after_item = "", "", False
    for index, key in _PART.findall(path):
        if key:
            out += ("的 " if after_item else "." if out else "") + key
            last, after_item = key, False
        else:
            out += f" 第 {int(index) + 1} {_MEASURE.get(last, '项')}"
            after_item = True
    return out
