"""特色做法: a practice of the branch, under one of the four pillars."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from ..fields import Count, ListOf, LongText, Markdown, Ref, Text, Year
from ..structure import Page
from .base import Content
from .files import Named
from .hooks import NewOptions, PageMaker, RecordEntry, Records
from .kind import Blank, Kind, Reference


class Program(Content):
    kind_label: ClassVar[str] = "特色做法"

    title: Text = Field(description="名称，例如 “三同三异”展示教学风采")
    pillar: Ref = Field(description="所属“四句话”的编号（site.yml 中 pillars 的 id）")
    since: Year | None = Field(None, description="开始年份")
    order: Count | None = Field(None, description="在所属“四句话”里的次序：报告里的“一是”写 1，“二是”写 2……；不写的排在后面")
    summary: LongText = Field(description="一段话摘要（纯文字）")
    body: Markdown | None = Field(None, description="正文（Markdown）")
    keywords: ListOf(Text) = Field(default_factory=list, description=(
        "关键词：导入 Word 简报时，标题或正文里有这些词，就归入这项做法，例如 重阳节、离退休教师"))

def pages(m: PageMaker) -> list[Page]:
    pages = [m.page("work/index.md", "work.md.j2", "党建工作", in_nav=True, searchable=False)]
    for pillar in m.s.pillars:
        pages.append(m.page(f"work/{pillar.id}.md", "pillar.md.j2", pillar.title, in_nav=True, pillar=pillar))
    for e in m.ix.programs:
        pillar = next((p for p in m.s.pillars if p.id == e.record.pillar), None)
        pages += m.record_with_activities(e, "program.md.j2", m.ix.by_program.get(e.id, []), "历年活动", pillar=pillar)
    return pages

def _start(o: NewOptions) -> tuple:
    title = o.need(o.title, "--title", "做法名称")
    pillar = o.pick("“四句话”编号", o.pillar, o.ex.site_ids("pillars"), "--pillar")
    rid = o.ex.free("programs", o.slug(title))
    return "programs", rid, {"title": o.q(title), "pillar": pillar, "summary": "请用一段话概括这项做法。", "tags": "[]"}, \
        {"year": o.today.year}


def _report_order(entries: list[RecordEntry], site: Records) -> list[RecordEntry]:
    """In the order of the report: by pillar as site.yml lists them, then 一是、二是… (`order`), then by id."""
    pillar_at = {p.id: i for i, p in enumerate(site.organization.pillars)}
    return sorted(entries, key=lambda e: (pillar_at.get(e.record.pillar, len(pillar_at)), e.record.order is None,
                                         e.record.order or 0, e.id))

KIND = Kind(
    "program",
    Program,
    Named("programs"),
    "programs/san-tong-san-yi.yml",
    "records/programs/*.yml",
    page="programs/{i.id}.md",
    search_boost=2,
    references=(Reference("pillar", "pillar", "“四句话”编号"),),
    pages=pages,
    section=("党建工作", "work/index.md", True),
    blank=Blank(_start, examples={"since": "{year}", "body": "|\n  ……"}), order=_report_order)
