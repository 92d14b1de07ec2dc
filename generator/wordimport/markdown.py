"""The body's blocks as Markdown, by markdownify (from the sanitised HTML): paragraphs, bold, lists, tables; a
heading one level down (the page's own title is the only 一级标题); a line break inside a paragraph a new paragraph
(in Word it starts one; in Markdown a single line break would only be a space)."""

from __future__ import annotations

import re

from .reading import Block

_HEADING = re.compile(r"<(/?)h([1-6])\b")
_BLANK_LINES = re.compile(r"\n{3,}")


def _down(m: re.Match) -> str:
    return f"<{m[1]}h{min(int(m[2]) + 1, 6)}"


def to_markdown(blocks: list[Block]) -> str:
    from markdownify import markdownify

    parts = []
    for b in blocks:
        html = _HEADING.sub(_down, b.html)
        text = markdownify(html, heading_style="ATX", bullets="-", strong_em_symbol="*", newline_style="backslash")
        parts.append(text.replace("\\\n", "\n\n").strip("\n"))
    return _BLANK_LINES.sub("\n\n", "\n\n".join(p for p in parts if p.strip()))
