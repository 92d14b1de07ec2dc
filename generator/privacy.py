"""Finding personal numbers in record text: resident ID numbers and mobile numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

_D = "[0-9\uff10-\uff19]"  # ASCII or full-width digit
_SEP = "[ \\-\u3000\uff0d]"
_ID = re.compile(rf"(?<!{_D})[1-9\uff11-\uff19]{_D}{{16}}[0-9\uff10-\uff19Xx\uff38\uff58](?!{_D})")
_MOBILE = re.compile(
    rf"(?<!{_D})(?:(?:\+|\uff0b)?(?:86|\uff18\uff16){_SEP}?)?"
    rf"[1\uff11][3-9\uff13-\uff19]{_D}(?:{_D}{{8}}|{_SEP}{_D}{{4}}{_SEP}{_D}{{4}})(?!{_D})"
)
# Any personal number lies inside a run of 11+ digits, separators or a leading
# plus; finding such runs first is an order of magnitude faster than running the
# exact patterns (whose leading look-behind defeats the regex engine's skip)
# over every character. The runs are maximal, so the exact patterns see the
# same neighbours inside a run as in the whole text.
_CANDIDATE = re.compile("[0-9\uff10-\uff19+\uff0b][0-9\uff10-\uff19Xx\uff38\uff58 \\-\u3000\uff0d]{10,}")
_ASCII = str.maketrans("０１２３４５６７８９Ｘｘ＋－　", "0123456789XX+- ")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True, slots=True)
class Hit:
    index: int  # where in the text it starts
    kind: str  # Chinese name of what was found
    masked: str


def valid_resident_id(number: str) -> bool:
    """GB 11643: the 18th character is a check digit over the first 17."""
    number = number.translate(_ASCII).upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


def _mask(digits: str, head: int, tail: int) -> str:
    return digits[:head] + "*" * (len(digits) - head - tail) + digits[-tail:]


def scan(text: str) -> list[Hit]:
    hits = []
    for run in _CANDIDATE.finditer(text):
        start, end = run.span()
        for m in _ID.finditer(text, start, end):
            if valid_resident_id(m.group()):
                hits.append(Hit(m.start(), "身份证号码", _mask(m.group().translate(_ASCII).upper(), 3, 2)))
        for m in _MOBILE.finditer(text, start, end):
            digits = re.sub(r"\D", "", m.group().translate(_ASCII))[-11:]
            hits.append(Hit(m.start(), "手机号码", _mask(digits, 3, 4)))
    return sorted(hits, key=lambda h: h.index) if len(hits) > 1 else hits
