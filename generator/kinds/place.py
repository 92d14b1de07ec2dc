"""阵地与基地: a place where party work happens."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from ..fields import LongText, Markdown, Text, choice
from ..structure import Page
from .base import Content
from .files import Named
from .hooks import NewOptions, PageMaker
from .kind import Blank, Kind, by_id

PlaceKind = choice(
    ("red-base", "红色基地"),
    ("green-base", "绿色基地"),
    ("blue-base", "蓝色基地"),
    ("position", "核心阵地"),
    ("service-station", "社区服务站"),
    ("other", "其他"),
)


class Place(Content):
    kind_label: ClassVar[str] = "阵地与基地"

    title: Text = Field(description="名称")
    kind: PlaceKind = Field(description="类别")
    audience: Text | None = Field(None, description="面向的人，例如 入党积极分子")
    address: Text | None = Field(None, description="地址")
    summary: LongText | None = Field(None, description="一段话摘要（纯文字）")
    body: Markdown | None = Field(None, description="正文（Markdown）")

def pages(m: PageMaker) -> list[Page]:
    pages = [m.page("places/index.md", "places.md.j2", "阵地与基地", in_nav=True, searchable=False)]
    for e in m.ix.places:
        pages += m.record_with_activities(e, "place.md.j2", m.ix.by_place.get(e.id, []), "在这里开展的活动")
    return pages

def _start(o: NewOptions) -> tuple:
    from ..fields import labels

    title = o.need(o.title, "--title", "名称")
    kinds = labels(PlaceKind)
    kind = o.pick("类别", o.kind_of_place, list(kinds), "--kind")
    rid = o.ex.free("places", o.slug(title))
    listing = "；".join(f"{k} {v}" for k, v in kinds.items())
    return "places", rid, {"title": o.q(title), "kind": f"{kind}   # 类别：{listing}", "tags": "[]"}, {}


KIND = Kind(
    "place",
    Place,
    Named("places"),
    "places/yeyu-dangxiao.yml",
    "records/places/*.yml",
    page="places/{i.id}.md",
    search_boost=2,
    pages=pages,
    section=("阵地与基地", "places/index.md", False),
    blank=Blank(_start, examples={"audience": "入党积极分子", "address": "地址", "summary": "一段话摘要。", "body": "|\n  ……"}),
    order=by_id,
)
