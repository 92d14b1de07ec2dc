"""A 简报 taken apart: its masthead (刊名, 第X期, 编印单位, date) and foot (报/送/发, 共印X份) left out, its headline,
its date, its body as Markdown, and its photos each with the paragraph under it as caption."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import dates
from .reading import Block, Document

# A masthead line: 第5期 / 2024年第5期 / 总第120期; the issuing unit (编印, 主办 …); the periodical's name.
_ISSUE_NUMBER = re.compile(r"第\s*[0-9０-９〇零一二三四五六七八九十百]+\s*期")
_ISSUER = re.compile(r"编印|主办|编发|印发|编辑部|主编|承办|[会部室处组委]编(?!写|排|辑)")
_MASTHEAD_NAME = re.compile(r"(简报|动态|快报|通讯|专刊|工作信息|党建信息)\s*$")
_RULE = re.compile(r"^[\s━─—–\-_=＝*·•.。]*$")  # a line of dashes: the masthead's red rule, or nothing
# The foot: who it goes to (报/送/发/抄送), how many were printed, who edited and signed it.
_FOOT = re.compile(r"^[（(【\[]?\s*(主?报|主?送|分?发|抄送|抄报|印发|分送|共印|印数|责任编辑|编辑|审核|审稿|签发|校对|打印)"
                   r"\s*[：:]?|共印\s*\S{1,6}\s*份|^[（(]?\s*共\s*\S{1,4}\s*份")
_SENTENCE_END = re.compile(r"[。！？；]$")
_SUBTITLE = re.compile(r"^\s*[—─－-]{1,2}")
_TITLE_MAX = 60
_CAPTION_MAX = 80
_MASTHEAD_MAX = 8  # a masthead is a handful of lines at the top


@dataclass
class Photo:
    picture: int
    caption: str | None


@dataclass
class Briefing:
    title: str | None
    title_from_name: bool
    date: dates.Found | None
    date_from: str  # "body", "masthead", "name"
    year_from: str | None  # where a month-and-day date's year came from: "masthead", "name"
    body: list[Block]
    photos: list[Photo]
    masthead: list[str] = field(default_factory=list)
    foot: list[str] = field(default_factory=list)
    left_out_pictures: list[int] = field(default_factory=list)  # in the masthead: a logo, not a photo


def _masthead_end(blocks: list[Block]) -> int:
    """How many blocks at the top are the masthead (0 when there is none: a plain document)."""
    end, seen = 0, False
    for i, b in enumerate(blocks[:_MASTHEAD_MAX]):
        text = b.text
        strong = bool(_ISSUE_NUMBER.search(text) or (_ISSUER.search(text) and len(text) <= 40)
                      or (_MASTHEAD_NAME.search(text) and len(text) <= 24))
        date_line = len(text) <= 24 and dates.first_date(text, None, 9999) is not None and len(
            _strip_dates(text)) <= 4
        if strong or date_line or _RULE.match(text):
            end, seen = i + 1, seen or strong or date_line
        elif b.pictures and not text:  # a logo or banner among the masthead lines
            continue
        else:
            break
    return end if seen else 0


def _strip_dates(text: str) -> str:
    found = dates.first_date(text, None, 9999)
    return re.sub(r"\s", "", text.replace(found.text, "")) if found else text


def _foot_start(blocks: list[Block], start: int) -> int:
    i = len(blocks)
    while i > start and (_FOOT.search(blocks[i - 1].text) or _RULE.match(blocks[i - 1].text)) \
            and not blocks[i - 1].pictures:
        i -= 1
    return i


def read_briefing(doc: Document, stem: str, latest: int) -> Briefing:
    blocks = [b for b in doc.blocks if b.text or b.pictures]
    top = _masthead_end(blocks)
    masthead = blocks[:top]
    logos = [p for b in masthead for p in b.pictures]
    foot_at = _foot_start(blocks, top)
    foot = blocks[foot_at:]
    rest = blocks[top:foot_at]

    title, from_name = None, False
    first = next((i for i, b in enumerate(rest) if b.text), None)
    if first is not None and (rest[first].tag.startswith("h") or len(rest[first].text) <= _TITLE_MAX) \
            and not rest[first].pictures and rest[first].tag not in ("ul", "ol", "table"):
        title = rest[first].text
        logos += [p for b in rest[:first] for p in b.pictures]
        rest = rest[first + 1:]
        if rest and _SUBTITLE.match(rest[0].text) and len(rest[0].text) <= _TITLE_MAX and not rest[0].pictures:
            title, rest = f"{title}{rest[0].text.strip()}", rest[1:]
    if title is None:
        title, from_name = _title_from_name(stem), True
    title = re.sub(r"\s+", " ", title).strip()

    masthead_text = "\n".join(b.text for b in masthead)
    masthead_year = dates.year_in(masthead_text, latest)
    in_name = dates.in_file_name(stem, latest)
    body_text = "\n".join([title, *(b.text for b in rest)])
    year, year_from = (masthead_year, "masthead") if masthead_year else \
        ((in_name.date.year, "name") if in_name else (None, None))
    found, date_from = dates.first_date(body_text, year, latest), "body"
    if found is None and (found := dates.first_date(masthead_text, None, latest)):
        date_from = "masthead"
    if found is None and in_name:
        found, date_from = in_name, "name"

    body, photos = _photos(rest)
    return Briefing(title, from_name, found, date_from, None if found is None or found.whole else year_from,
                    body, photos, _lines(masthead), _lines(foot), logos)


def _lines(blocks: list[Block]) -> list[str]:
    """The text of blocks left out, for the summary: one line each, the tabs that placed them on the page gone."""
    return [re.sub(r"\s+", " ", b.text) for b in blocks if b.text and not _RULE.match(b.text)]


def _photos(blocks: list[Block]) -> tuple[list[Block], list[Photo]]:
    """The body without its pictures and their captions, and the photos: a picture's caption is the text beside it
    in its paragraph, or else the short paragraph right under it."""
    body, photos = [], []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if not b.pictures:
            body.append(b)
            i += 1
            continue
        caption = b.text if b.text and len(b.text) <= _CAPTION_MAX else None
        if b.text and caption is None:
            body.append(b)  # a long paragraph with a picture in it: the text stays in the body
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if caption is None and nxt is not None and not nxt.pictures and nxt.tag == "p" and nxt.text \
                and len(nxt.text) <= _CAPTION_MAX and not (_SENTENCE_END.search(nxt.text) and len(nxt.text) > 40):
            caption = nxt.text
            i += 1
        photos += [Photo(p, caption) for p in b.pictures]
        i += 1
    return body, photos


def _title_from_name(stem: str) -> str:
    """A title from a file name: without its date and the separators around it."""
    found = dates.in_file_name(stem, 9999)
    name = stem.replace(found.text, " ") if found else stem
    return re.sub(r"^[\s_\-.、]+|[\s_\-.、]+$", "", re.sub(r"[_]+", " ", name)) or stem
