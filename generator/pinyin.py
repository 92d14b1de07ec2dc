"""Ids from Chinese text: the pinyin of a title (`generator new`'s record ids, the tag pages' addresses)."""

from __future__ import annotations

import re

MAX_SLUG = 40


def slug(title: str) -> str:
    """The pinyin of a title as an id part: lower-case syllables joined by '-', at most MAX_SLUG long."""
    from pypinyin import lazy_pinyin  # a quarter of a second to import: only when asked

    words = [w for syllable in lazy_pinyin(title) for w in re.findall(r"[a-z0-9]+", syllable.lower())]
    out = ""
    for w in words:
        candidate = f"{out}-{w}" if out else w
        if len(candidate) > MAX_SLUG:
            break
        out = candidate
    return out or "jilu"
