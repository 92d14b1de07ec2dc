"""The dates a 简报 writes: 2024年5月10日, 二〇二四年五月十日, 2024.5.10, 2024-05-10, 5月10日 (its year from elsewhere),
and the date in a file name (2024-05-10 重阳节.docx, 20240510.docx)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

# Full-width digits and separators become ASCII first (２０２４年), so the patterns need only ASCII ones. The Chinese
# numerals (〇 一 … 十) are read by unicodedata, which knows each one's value.
_WIDE = str.maketrans("０１２３４５６７８９．／－", "0123456789./-")
_FULL = re.compile(r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
                   r"(?P<d>\d{1,2}|[〇一二三四五六七八九十]{1,3})\s*[日号]")
_DOTTED = re.compile(r"(?<![\d.])(?P<y>\d{4})\s*(?P<sep>[./-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?![\d.])")
_MONTH_DAY = re.compile(r"(?<![\d年〇零一二三四五六七八九十])(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
                        r"(?P<d>\d{1,2}|[〇一二三四五六七八九十]{1,3})\s*[日号]")
_YEAR_ONLY = re.compile(r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年|(?<!\d)(?P<y2>(?:19|20)\d{2})(?!\d)")
_IN_NAME = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})"
                      r"(?:(?P<m>\d{2})(?P<d>\d{2})|[-_. 年](?P<m2>\d{1,2})[-_. 月](?P<d2>\d{1,2}))(?!\d)")
_TEN = re.compile(r"十")


@dataclass(frozen=True, slots=True)
class Found:
    date: dt.date
    text: str  # as written: 5月10日
    whole: bool  # with its own year (else the year came from elsewhere)


def _number(text: str) -> int:
    """12, 十二, 二十三, 二〇二四 as a number."""
    if text.isdigit() and text.isascii():
        return int(text)
    if _TEN.search(text):  # 十, 十二, 二十, 二十三
        tens, _, ones = text.partition(_TEN.pattern)
        return (int(unicodedata.numeric(tens)) if tens else 1) * 10 + (int(unicodedata.numeric(ones)) if ones else 0)
    return int("".join(str(int(unicodedata.numeric(c))) for c in text))


def _date(year: int, month: str, day: str, latest: int) -> dt.date | None:
    try:
        found = dt.date(year, _number(month), _number(day))
    except (ValueError, TypeError):
        return None
    return found if 1950 <= found.year <= latest else None


def first_date(text: str, year: int | None, latest: int) -> Found | None:
    """The first date the text writes: a whole one, or a month and day in `year` (None: those are not dates)."""
    text = text.translate(_WIDE)
    found: list[tuple[int, Found]] = []
    spans = []
    for pattern in (_FULL, _DOTTED):
        for m in pattern.finditer(text):
            spans.append(m.span())
            if (d := _date(_number(m["y"]), m["m"], m["d"], latest)) is not None:
                found.append((m.start(), Found(d, m[0], True)))
    if year is not None:
        for m in _MONTH_DAY.finditer(text):
            if any(a <= m.start() < b for a, b in spans):
                continue
            if (d := _date(year, m["m"], m["d"], latest)) is not None:
                found.append((m.start(), Found(d, m[0], False)))
    return min(found, key=lambda f: f[0])[1] if found else None


def year_in(text: str, latest: int) -> int | None:
    """The year a masthead gives (2024年第5期, 二〇二四年, 2024): its date's, or the first year it names."""
    if (whole := first_date(text, None, latest)) is not None:
        return whole.date.year
    for m in _YEAR_ONLY.finditer(text.translate(_WIDE)):
        year = _number(m["y"] or m["y2"])
        if 1950 <= year <= latest:
            return year
    return None


def in_file_name(stem: str, latest: int) -> Found | None:
    """The date a file's name gives: 2024-05-10, 2024.5.10, 20240510, 2024年5月10日."""
    if (found := first_date(stem, None, latest)) is not None:
        return found
    for m in _IN_NAME.finditer(stem.translate(_WIDE)):
        if (d := _date(int(m["y"]), m["m"] or m["m2"], m["d"] or m["d2"], latest)) is not None:
            return Found(d, m[0], True)
    return None
