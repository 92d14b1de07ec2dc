"""Finding personal numbers — resident ID numbers and mobile numbers — as a reader would see them.

A number hides from a plain search in many ways that the published page undoes: HTML entities
(`&#49;&#51;&#56;`), comments and tags (`138<!-- -->12345678`), Markdown emphasis (`138**1234**5678`),
invisible characters, full-width digits; or it is written as people write numbers, with spaces, dashes,
dots, no-break spaces or brackets (`(138) 1234-5678`, `1381 234 5678`, `110105 19491231 002X`), or as a
file name (`138_1234_5678.jpg`). The text is first reduced to what a reader sees — keeping, for every
character, where it stood — and the patterns then allow the separators people use.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from dataclasses import dataclass

# What was found, as Hit.kind (the message catalogue names them in Chinese: messages.PERSONAL_NUMBERS).
ID_NUMBER, MOBILE_NUMBER = "id", "mobile"

# What markup hides: comments, tags, character references, a Markdown link's target, emphasis and escape
# characters, and the invisible characters (soft hyphen, zero-width spaces and joiners, word joiner, BOM).
_HIDDEN = re.compile(
    r"<!--.*?(?:-->|$)|<[A-Za-z/!?][^<>]*>|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]{1,31});?"
    r"|\]\([^()\s]*\)|[*_~`\\\[\]\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]",
    re.S,
)
_ASCII = str.maketrans("０１２３４５６７８９Ｘｘ＋－（）　．", "0123456789XX+-() .")
_DIGIT = re.compile("[0-9\uff10-\uff19]")
_CJK_OR_BREAK = re.compile("[\n\u3400-\u9fff\uf900-\ufaff]")

# Between groups of digits: what people type (space, no-break and ideographic space, hyphens and dashes,
# minus, dots, middle dots), one to three of them ("138 - 1234 - 5678").
_S = "[ \u00a0\u2000-\u200a\u202f\u205f\u3000\\-\u2010-\u2015\u2212.\u00b7\u30fb]{1,3}"
_O = f"(?:{_S})?"  # or none
_MOBILE = re.compile(
    rf"(?<![0-9])(?:(?:\+|00)?86{_O}|\(\+?86\){_O})?"
    rf"(?:\(1[3-9][0-9]\){_O}[0-9]{{4}}{_O}[0-9]{{4}}"  # (138)1234 5678
    rf"|1[3-9][0-9]{_O}[0-9]{{4}}{_O}[0-9]{{4}}"  # 13812345678, 138 1234 5678, 138 12345678
    rf"|1[3-9][0-9]{{2}}{_S}[0-9]{{3}}{_S}[0-9]{{4}})"  # 1381 234 5678
    rf"(?![0-9])"
)
_ID = re.compile(rf"(?<![0-9])[1-9][0-9]{{5}}{_O}[0-9]{{8}}{_O}[0-9]{{3}}[0-9Xx](?![0-9])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_GAP = 12  # markup between two digits of one number ("<!-- -->" is 8, "&#56;" 5): at most this many characters


@dataclass(frozen=True, slots=True)
class Hit:
    index: int  # where in the text it starts
    kind: str  # ID_NUMBER or MOBILE_NUMBER
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


# Eleven digits or more, each at most _GAP characters (and no Chinese or line break) from the next. The gap
# class excludes digits, so the engine never backtracks: linear.
_CLUSTER = re.compile(
    "[0-9\uff10-\uff19](?:[^\n\u3400-\u9fff\uf900-\ufaff0-9\uff10-\uff19]{0,%d}[0-9\uff10-\uff19]){10,}" % _GAP)


def _joined(text: str, a: int, b: int) -> bool:
    """Whether the digits at a and b may belong to one number: little between them, or only markup."""
    gap = b - a - 1
    if gap <= _GAP:
        return not _CJK_OR_BREAK.search(text, a, b)
    return gap <= 300 and len(_HIDDEN.sub("", text[a + 1:b])) <= 3 and not _CJK_OR_BREAK.search(text, a, b)


_ELEVEN = re.compile("(?:[0-9\uff10-\uff19][^0-9\uff10-\uff19]*){10}[0-9\uff10-\uff19]")  # linear: the classes are disjoint


def _candidates(text: str):
    """Spans of the text where eleven or more digits stand with little but markup between them: the only
    places a number can hide. Prose has few digits, so this is where nearly every text stops."""
    if not _ELEVEN.search(text):
        return
    if "<" not in text and "](" not in text:  # no markup that can be long: short gaps only, found by the regex engine
        for m in _CLUSTER.finditer(text):
            yield m.span()
        return
    digits = [m.start() for m in _DIGIT.finditer(text)]
    start = prev = digits[0]
    count = 1
    for i in digits[1:]:
        if _joined(text, prev, i):
            count += 1
        else:
            if count >= 11:
                yield start, prev + 1
            start, count = i, 1
        prev = i
    if count >= 11:
        yield start, prev + 1


def seen_text(text: str) -> tuple[str, list[int], list[int]]:
    """The text as a reader sees it, and where its pieces came from: piece k starts at seen[k] in the result
    and at source[k] in `text`."""
    out: list[str] = []
    seen: list[int] = []
    source: list[int] = []
    length = 0
    pos = 0
    for m in _HIDDEN.finditer(text):
        if m.start() > pos:
            seen.append(length)
            source.append(pos)
            piece = text[pos:m.start()].translate(_ASCII)
            out.append(piece)
            length += len(piece)
        token = m.group()
        if token.startswith("&"):
            decoded = html.unescape(token).translate(_ASCII)
            if decoded != token:
                seen.append(length)
                source.append(m.start())
                out.append(decoded)
                length += len(decoded)
        pos = m.end()
    if pos < len(text):
        seen.append(length)
        source.append(pos)
        out.append(text[pos:].translate(_ASCII))
    return "".join(out), seen, source


def _source_index(offset: int, at_seen: list[int], at_source: list[int], i: int) -> int:
    """Where character i of the seen text came from in the source."""
    k = bisect.bisect_right(at_seen, i) - 1
    return offset + at_source[k] + (i - at_seen[k])


def _found(text: str):
    """(start, end, kind, masked) of every personal number in the text, as spans of the text itself."""
    for start, end in _candidates(text):
        # Widen by a little: a leading "+86" or "(" and separators belong to the number.
        lo, hi = max(0, start - 8), min(len(text), end + 2)
        seen, at_seen, at_source = seen_text(text[lo:hi])
        where = functools.partial(_source_index, lo, at_seen, at_source)
        for m in _ID.finditer(seen):
            number = re.sub(r"[^0-9Xx]", "", m.group())
            if valid_resident_id(number):
                yield where(m.start()), where(m.end() - 1) + 1, ID_NUMBER, _mask(number.upper(), 3, 2)
        for m in _MOBILE.finditer(seen):
            digits = re.sub(r"[^0-9]", "", m.group())[-11:]
            yield where(m.start()), where(m.end() - 1) + 1, MOBILE_NUMBER, _mask(digits, 3, 4)


def scan(text: str) -> list[Hit]:
    unique = {(start, masked): Hit(start, kind, masked) for start, _, kind, masked in _found(text)}
    return sorted(unique.values(), key=lambda h: h.index)


def mask(text: str) -> str:
    """The text with every personal number in it masked (138****5678), for a message that shows a value: a check's
    output lands in a pull request's public log."""
    out, pos = [], 0
    for start, end, _, masked in sorted(_found(text)):
        if start >= pos:  # one number found by two patterns (an ID's digits hold no mobile, but be sure)
            out += [text[pos:start], masked]
            pos = end
    return "".join(out) + text[pos:] if out else text
