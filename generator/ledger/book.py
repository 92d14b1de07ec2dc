"""What the year's 党建工作台账 holds, in the report's order, as a flat list of headed blocks: the body prints them
in turn and the contents lists the very same headings, so the two cannot disagree. Drafts are never in it; the
internal edition adds the 三会一课 records, the 一岗双责 letters and the 制度落实情况 table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..indexes import build_index
from ..kinds.meeting import TYPES, compliance
from ..link import Site
from ..load import Entry
from ..pages import title_of

NUMERALS = "一二三四五六七八九十"


@dataclass
class Block:
    level: int  # 1 section, 2 group, 3 record
    title: str
    kind: str  # what the body prints under the heading: a record's kind, or a section's own part
    entry: Entry | None = None
    data: dict = field(default_factory=dict)
    anchor: str = ""


@dataclass
class Book:
    organization: str
    short_name: str
    year: int
    internal: bool
    made: dt.date
    has_examples: bool
    blocks: list[Block]


def file_name(short_name: str, year: int, internal: bool) -> str:
    return f"{short_name}-{year}-党建工作台账{'-内部' if internal else ''}.pdf"


def _in_year(entry: Entry, year: int) -> bool:
    day = getattr(entry.record, "date", None)
    return day is not None and day.year == year


def make_book(site: Site, year: int, today: dt.date) -> Book:
    ix = build_index(site)
    organization = site.site.record
    sections: list[tuple[str, list[Block]]] = []

    activities = sorted((a for a in ix.activities if _in_year(a, year)), key=lambda a: (a.record.date, a.id))
    part = []
    for pillar in organization.pillars:
        for program in ix.programs_by_pillar.get(pillar.id, []):
            theirs = [a for a in activities if a.record.program == program.id]
            if theirs:
                part.append(Block(2, f"{pillar.short or pillar.title} · {title_of(program, site)}", "group"))
                part += [Block(3, title_of(a, site), "activity", a) for a in theirs]
    sections.append(("党建活动", part))

    duties = sorted((d for d in ix.of_kind.get("duty", []) if _in_year(d, year)), key=lambda d: (d.record.date, d.id))
    part = []
    for month in range(1, 13):
        theirs = [d for d in duties if d.record.date.month == month]
        if theirs:
            part.append(Block(2, f"{year}年{month}月", "duties", data={"duties": theirs}))
    sections.append(("社区服务站值班", part))

    part = []
    for publication in ix.publications:
        issues = [i for i in ix.issues.get(publication.id, []) if i.ident.year == year]
        if issues:
            part.append(Block(2, title_of(publication, site), "group"))
            part += [Block(3, title_of(i, site), "issue", i) for i in sorted(issues, key=lambda i: i.id)]
    sections.append(("刊物", part))

    suggestions = sorted((s for s in ix.suggestions if _in_year(s, year)), key=lambda s: (s.record.date, s.id))
    sections.append(("党性论坛：建议与回复", [Block(2, title_of(s, site), "suggestion", s) for s in suggestions]))

    reviews = [r for r in ix.reviews if r.ident.year == year]
    sections.append(("述职评议", [Block(2, title_of(r, site), "review", r) for r in reviews]))

    internal = site.mode.internal
    if internal:
        meetings = sorted((m for m in ix.of_kind.get("meeting", []) if _in_year(m, year)),
                          key=lambda m: (m.record.date, m.record.start or "", m.id))
        part = []
        for branch in organization.branches:
            theirs = [m for m in meetings if m.record.branch == branch.id]
            if theirs:
                part.append(Block(2, branch.name, "group"))
                part += [Block(3, title_of(m, site), "meeting", m, {"type": TYPES.get(m.record.type, m.record.type)})
                         for m in theirs]
        sections.append(("三会一课", part))
        letters = sorted((r for r in ix.of_kind.get("responsibility", []) if r.ident.year == year),
                         key=lambda r: r.record.member)
        sections.append(("一岗双责目标责任书", [Block(2, title_of(r, site), "responsibility", r) for r in letters]))
        shown = ix.of_kind.get("meeting", [])
        sections.append(("制度落实情况", [Block(2, b.name, "compliance", data={"rows": compliance(shown, b.id, year, today)})
                                     for b in organization.branches]))

    blocks = []
    for n, (title, part) in enumerate(sections):
        blocks.append(Block(1, f"{NUMERALS[n]}、{title}", "section", data={"empty": not part}))
        blocks += part
    for i, b in enumerate(blocks, 1):
        b.anchor = f"b{i}"
    examples = any(b.entry is not None and b.entry.record.is_example for b in blocks)
    return Book(organization.organization, organization.short_name or organization.school, year, internal, today,
                examples, blocks)
