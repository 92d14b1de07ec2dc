"""一岗双责目标责任书: a member's party-building and teaching targets for a year, the year-end assessment against
them, and the follow-up where targets were missed. Internal by nature: no public build shows any of it."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar, Iterator

from pydantic import Field

from .. import messages as say
from ..fields import Boolean, Date, ListOf, LongText, Ref, Text, Year, choice
from ..structure import Page
from .base import FileIdentity, Finding, Record, Strict, example_field
from .files import PerMemberYear
from .hooks import NewOptions, PageMaker, RecordEntry, Records
from .kind import Blank, Kind, Reference

Grade = choice(("优秀", "优秀"), ("合格", "合格"), ("基本合格", "基本合格"), ("不合格", "不合格"))
GRADES = ("优秀", "合格", "基本合格", "不合格")


class Assessment(Strict):
    date: Date = Field(description="考核日期")
    grade: Grade = Field(description="考核结果：优秀、合格、基本合格、不合格")
    comment: LongText | None = Field(None, description="考核意见（纯文字）")


class FollowUp(Strict):
    date: Date = Field(description="日期")
    action: Text = Field(description="措施，例如 约谈提醒、跟踪督导、问责")
    note: LongText | None = Field(None, description="情况说明（纯文字）")


class Responsibility(Record):
    kind_label: ClassVar[str] = "一岗双责目标责任书"

    member: Ref = Field(description="党员（members/ 中的编号），须与文件名相同")
    year: Year = Field(description="年度，须与文件夹相同")
    signed: Date | None = Field(None, description="签订日期")
    party_targets: ListOf(Text) = Field(min_length=1, description="党建工作目标，每项一行")
    teaching_targets: ListOf(Text) = Field(default_factory=list, description="教育教学目标，每项一行")
    assessment: Assessment | None = Field(None, description="年终考核（考核之后填写）")
    follow_up: ListOf(FollowUp) = Field(default_factory=list, description="未达标时的跟踪督导、问责")
    example: Boolean = example_field()

    @property
    def is_example(self) -> bool:
        return bool(self.example)

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        stem = ident.id.split("-", 1)[1]
        if self.member and self.member != stem:
            yield Finding(("member",), say.member_not_file(self.member, stem))
        if self.year and ident.year and self.year != ident.year:
            yield Finding(("year",), say.year_not_folder(self.year, ident.year))


def pages(m: PageMaker) -> list[Page]:
    shown = m.ix.of_kind.get("responsibility", [])
    if not shown:  # a public build: not even an empty section
        return []
    by_year: dict[int, list] = {}
    for r in sorted(shown, key=lambda e: (-e.ident.year, e.record.member)):
        by_year.setdefault(r.ident.year, []).append(r)
    out = [m.page("responsibilities/index.md", "responsibilities.md.j2", "一岗双责", in_nav=True, searchable=False,
                  by_year=by_year)]
    for r in shown:
        out.append(m.record_page(r, "responsibility.md.j2", member=m.site.members.get(r.record.member)))
    return out


def on_member(m: PageMaker, member: RecordEntry) -> str:
    theirs = [r for r in m.ix.of_kind.get("responsibility", []) if r.record.member == member.id]
    return m.fragment("responsibility_list.md.j2", member, items=sorted(theirs, key=lambda e: -e.ident.year)) if theirs else ""


def on_review(m: PageMaker, review: RecordEntry) -> str:
    year = [r for r in m.ix.of_kind.get("responsibility", []) if r.ident.year == review.ident.year]
    if not year:
        return ""
    assessed = [r for r in year if r.record.assessment]
    grades = Counter(r.record.assessment.grade for r in assessed)
    return m.fragment("responsibility_figures.md.j2", review, year=review.ident.year, signed=len(year),
                      assessed=len(assessed), by_grade=[(g, grades.get(g, 0)) for g in GRADES],
                      followed=sum(1 for r in year if r.record.follow_up))


def _start(o: NewOptions) -> tuple:
    members = o.ex.stems("members")
    member = o.pick("党员", o.member, members, "--member")
    year = o.year or o.today.year
    folder = f"responsibilities/{year}"
    if (o.records / folder / f"{member}.yml").exists():
        o.fail(say.exists_already(f"{folder}/{member}.yml"))
    return folder, member, {"member": member, "year": str(year),
                            "party_targets": "\n  - 请写一项党建工作目标"}, {"year": year}


KIND = Kind(
    "responsibility", Responsibility, PerMemberYear("responsibilities"), "responsibilities/2024/zhang-hua.yml",
    "records/responsibilities/*/*.yml", page="responsibilities/{i.year}/{i.id}.md",
    references=(Reference("member", "member", "党员", required=True),),
    named_by="member", title=lambda entry, site: f"{entry.ident.year}年度一岗双责目标责任书（{_name(entry, site)}）",
    pages=pages, section=("一岗双责", "responsibilities/index.md", False), internal_only=True,
    blank=Blank(_start, note="只在内部版中出现，公开网站和公开存档里没有。", draft=False, examples={
        "signed": "{year}-02-20", "teaching_targets": "\n  - 请写一项教育教学目标",
        "assessment": "\n  date: {year}-12-28\n  grade: 合格\n  comment: 考核意见",
        "follow_up": "\n  - date: {year}-12-30\n    action: 跟踪督导\n    note: 情况说明"}),
    adds_to={"member": on_member, "review": on_review},
)


def _name(entry: RecordEntry, site: Records) -> str:
    member = site.members.get(entry.record.member) if site else None
    return member.kind.title_of(member, site) if member else entry.record.member
