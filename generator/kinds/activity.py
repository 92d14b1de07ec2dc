"""党建活动: one activity, its people, places and photos."""

from __future__ import annotations

from functools import partial
from typing import ClassVar, Iterator

from pydantic import Field

from .. import messages as say
from ..fields import AssetPath, Count, Date, ListOf, LongText, Markdown, Ref, Text
from ..structure import Page
from .base import Content, FileIdentity, Finding, Strict
from .files import Dated
from .hooks import NewOptions, PageMaker
from .kind import Blank, Kind, Reference


class Photo(Strict):
    src: AssetPath = Field(description="照片路径，相对于 records/assets/，例如 2024/tongke-1.jpg")
    caption: Text | None = Field(None, description="照片说明")


class Activity(Content):
    kind_label: ClassVar[str] = "党建活动"

    title: Text = Field(description="活动标题")
    date: Date = Field(description="日期，须与文件名中的日期相同")
    end_date: Date | None = Field(None, description="结束日期（多日活动），不早于 date")
    program: Ref | None = Field(None, description="所属特色做法（programs/ 中的编号）",
                                json_schema_extra={"x-form-required": True})  # drafts may wait: Reference below
    places: ListOf(Ref) = Field(default_factory=list, description="地点（places/ 中的编号）")
    branches: ListOf(Ref) = Field(default_factory=list, description="参与支部（site.yml 中 branches 的 id）")
    members: ListOf(Ref) = Field(default_factory=list, description="相关党员（members/ 中的编号）")
    participants: Count | None = Field(None, description="参加人数")
    summary: LongText | None = Field(None, description="一段话摘要，用于列表和首页（纯文字）")
    body: Markdown | None = Field(None, description="正文（Markdown）")
    photos: ListOf(Photo) = Field(default_factory=list, description="照片")

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        if self.end_date and self.date and self.end_date < self.date:
            yield Finding(("end_date",), say.ends_before_start(self.end_date, self.date))


def pages(m: PageMaker) -> list[Page]:
    ix = m.ix
    pages = [m.page("activities/index.md", "activities.md.j2", "党建活动", in_nav=True, searchable=False,
                       latest=ix.activities[:m.LATEST])]
    for year, acts in ix.by_year.items():
        pages += m.paged(f"activities/{year}/index.md", "activity_year.md.j2", f"{year}年党建活动", acts, in_nav=True)
    # The archives by group show each group's latest few; the whole list of a group is its own paged list.
    by_program = [(p, ix.by_program[p.id], m.path_of(p)) for p in ix.programs if p.id in ix.by_program]
    pages.append(m.page("activities/by-program.md", "activity_groups.md.j2", "按特色做法", in_nav=True,
                           searchable=False, groups=_latest(m, by_program)))
    by_branch = [(b, ix.by_branch[b.id], f"activities/by-branch/{b.id}.md") for b in m.s.branches if b.id in ix.by_branch]
    pages.append(m.page("activities/by-branch.md", "activity_groups.md.j2", "按支部", in_nav=True,
                           searchable=False, groups=_latest(m, by_branch)))
    crumbs = [("党建活动", "activities/index.md"), ("按支部", "activities/by-branch.md")]
    for branch, acts, first in by_branch:
        pages += m.paged(first, "activity_pages.md.j2", f"{branch.label}的党建活动", acts, crumbs=crumbs)
    for e in ix.activities:
        pages.append(m.record_page(e, "activity.md.j2", derived=partial(_named, m, e.record)))
    return pages


def _named(m: PageMaker, r: Activity) -> dict:
    """What an activity's page names, made from its record and the records every page may read."""
    return {
        "program": m.site.programs.get(r.program),
        "places": [m.site.places[p] for p in r.places],
        "branches": [b for bid in r.branches for b in m.s.branches if b.id == bid],
        "members": [m.site.members[mid] for mid in r.members],
    }


def _latest(m: PageMaker, groups: list) -> list:
    """(group, its latest activities, how many in all, the page of all of them) for an archive by group."""
    return [(group, acts[:m.GROUP_LATEST], len(acts), first) for group, acts, first in groups]


def _start(o: NewOptions) -> tuple:
    title = o.need(o.title, "--title", "活动标题")
    day = o.date or o.today
    program = o.pick("特色做法", o.program, o.ex.stems("programs"), "--program")
    folder = f"activities/{day.year}"
    rid = o.ex.free(folder, f"{day.isoformat()}-{o.slug(title)}")
    return folder, rid, {"title": o.q(title), "date": day.isoformat(), "program": program, "tags": "[]"}, \
        {"date": day.isoformat(), "year": day.year}


KIND = Kind(
    "activity", Activity, Dated("activities"), "activities/2024/2024-03-12-tongke-yigou.yml", "records/activities/*/*.yml",
    page="activities/{i.year}/{i.id}.md",
    references=(
        Reference("program", "program", "特色做法", hidden_what="所属特色做法", required=True,
                  drafts_may_omit=True),
        Reference("places[]", "place", "地点"),
        Reference("branches[]", "branch", "支部"),
        Reference("members[]", "member", "党员"),
    ), pages=pages, section=("党建活动", "activities/index.md", True), blank=Blank(_start, examples={
    "end_date": "{date}", "participants": "30", "summary": "……", "body": "|\n  第一段……",
    "photos": "\n  - src: {year}/huodong-1.jpg   # 照片先放到 records/assets/ 下\n    caption: 照片说明"}))
