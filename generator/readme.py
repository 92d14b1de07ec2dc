"""The part of records/README.md that is made from the message catalogue: 常见错误, so the guide shows the very
words `check` prints."""

from __future__ import annotations

from pathlib import Path

from . import messages as say


def with_common_mistakes(text: str) -> str:
    """The README with its 常见错误 section current (added at the end if it has none)."""
    start, end = text.find(say.COMMON_MISTAKES_START), text.find(say.COMMON_MISTAKES_END)
    section = say.common_mistakes_markdown()
    if start == -1 or end < start:
        return text.rstrip("\n") + "\n\n" + section
    return text[:start] + section + text[end + len(say.COMMON_MISTAKES_END) + 1:]


def write_common_mistakes(readme: Path) -> bool:
    """Refresh the section; True if the file changed."""
    text = readme.read_text(encoding="utf-8")
    new = with_common_mistakes(text)
    if new == text:
        return False
    readme.write_text(new, encoding="utf-8")
    return True
