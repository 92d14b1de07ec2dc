"""三会一课: the formal meetings a branch must hold and record under the 支部工作条例 — 支部党员大会, 支委会, 党小组会,
党课, 主题党日, 组织生活会, 民主评议党员 — each as its 会议记录 has it, and the 制度落实情况 they add up to. Internal by
nature: no public build, feed, search index or public book shows any of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, Iterator

from pydantic import Field

from .. import messages as say
from ..fields import Count, Date, ListOf, Markdown, Ref, Text, TimeOfDay, choice, labels
from ..structure import Page
from .activity import Photo
from .base import Content, FileIdentity, Finding, Strict
from .files import Dated
from .hooks import Lookup, NewOptions, PageMaker, RecordEntry, Records
from .kind import Blank, Kind, Reference

MeetingType = choice(
    ("dangyuan-dahui", "支部党员大会"), ("zhiweihui", "支委会"), ("dangxiaozu", "党小组会"), ("dangke", "党课"),
    ("zhuti-dangri", "主题党日"), ("zuzhi-shenghuohui", "组织生活会"), ("minzhu-pingyi", "民主评议党员"),
)
TYPES: dict[str, str] = labels(MeetingType)


class Absent(Strict):
    member: Ref = Field(description="缺席的党员（members/ 中的编号）")
    reason: Text = Field(description="缺席原因，例如 外出培训、病假")


class Resolution(Strict):
    text: Text = Field(description="决议内容，一句话")
    agree: Count | None = Field(None, description="赞成票数（表决了才写）")
    against: Count | None = Field(None, description="反对票数")
    abstain: Count | None = Field(None, description="弃权票数")

    @property
    def voted(self) -> bool:
        return any(n is not None for n in (self.agree, self.against, self.abstain))


class Meeting(Content):
    kind_label: ClassVar[str] = "三会一课记录"

    type: MeetingType = Field(description="会议类型：支部党员大会、支委会、党小组会、党课、主题党日、组织生活会、民主评议党员")
    branch: Ref = Field(description="支部（site.yml 中 branches 的 id）")
    date: Date = Field(description="日期，须与文件名中的日期相同")
    start: TimeOfDay | None = Field(None, description="开始时间，例如 14:30")
    end: TimeOfDay | None = Field(None, description="结束时间，例如 16:00")
    place: Text | None = Field(None, description="地点，例如 党员活动室")
    host: Ref | None = Field(None, description="主持人（members/ 中的编号）")
    recorder: Ref | None = Field(None, description="记录人（members/ 中的编号）")
    expected: Count | None = Field(None, description="应到人数")
    present: Count | None = Field(None, description="实到人数")
    absent: ListOf(Absent) = Field(default_factory=list, description="缺席的党员和原因")
    guests: ListOf(Text) = Field(default_factory=list, description="列席人员，每人一行，例如 入党积极分子 王明")
    topics: ListOf(Text) = Field(min_length=1, description="议题，每项一行")
    content: Markdown | None = Field(None, description="会议内容（Markdown）：发言要点、讨论情况")
    resolutions: ListOf(Resolution) = Field(default_factory=list, description="决议，表决过的写上票数")
    photos: ListOf(Photo) = Field(default_factory=list, description="照片")

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        if self.expected is not None and self.present is not None:
            if self.present > self.expected:
                yield Finding(("present",), say.present_over_expected(self.present, self.expected))
            elif self.absent is not None and len(self.absent) != self.expected - self.present:
                yield Finding(("absent",), say.absent_count_differs(len(self.absent), self.expected - self.present))
        if self.start and self.end and self.end <= self.start:
            yield Finding(("end",), say.ends_before_it_starts(self.end, self.start))
        for i, r in enumerate(self.resolutions or ()):
            votes = sum(n or 0 for n in (r.agree, r.against, r.abstain))
            if self.present is not None and votes > self.present:
                yield Finding(("resolutions", i), say.votes_over_present(votes, self.present))


_WHO = {"host": "主持人", "recorder": "记录人"}


def _of_branch(entry: RecordEntry, lookup: Lookup) -> Iterator[Finding]:
    """The host, the recorder and those absent are members of the meeting's branch."""
    r = entry.record
    site = lookup("site", "site")
    names = {b.id: b.name for b in site.record.branches} if site and site.record.branches else {}
    if not r.branch or r.branch not in names:
        return  # an unknown branch is the reference's own error
    people = [((key,), _WHO[key], getattr(r, key)) for key in _WHO]
    people += [(("absent", i, "member"), "缺席的党员", a.member) for i, a in enumerate(r.absent or ())]
    for loc, who, member_id in people:
        member = lookup("member", member_id) if member_id else None
        theirs = getattr(member.record, "branch", None) if member else None
        if theirs and theirs != r.branch:
            yield Finding(loc, say.not_of_branch(who, member_id, names.get(theirs, theirs), names[r.branch]))


# ---------------------------------------------------------------- 制度落实情况


@dataclass(frozen=True, slots=True)
class Rule:
    type: str
    period: str  # month, quarter, term, year
    at_least: int = 1

    @property
    def label(self) -> str:
        return TYPES[self.type]

    @property
    def wording(self) -> str:
        how = {"month": "每月", "quarter": "每季度", "term": "每学期", "year": "每年"}[self.period]
        return f"{how}{'至少 ' + str(self.at_least) + ' 次' if self.at_least > 1 else '一次'}"


# 支委会、党小组会、主题党日 monthly; 党员大会 quarterly; 党课 at least twice a term; 组织生活会 and 民主评议 yearly.
RULES = (Rule("zhiweihui", "month"), Rule("dangxiaozu", "month"), Rule("zhuti-dangri", "month"),
         Rule("dangyuan-dahui", "quarter"), Rule("dangke", "term", 2), Rule("zuzhi-shenghuohui", "year"),
         Rule("minzhu-pingyi", "year"))


@dataclass(frozen=True, slots=True)
class Period:
    label: str  # 3月, 第一季度, 春季学期, 全年
    first: dt.date
    last: dt.date


def periods(kind: str, year: int) -> list[Period]:
    """A year's periods of a kind. The school's terms: 春季学期 February to July, 秋季学期 September to January."""
    def month_end(y: int, m: int) -> dt.date:
        return dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)

    if kind == "month":
        return [Period(f"{m}月", dt.date(year, m, 1), month_end(year, m)) for m in range(1, 13)]
    if kind == "quarter":
        names = "一二三四"
        return [Period(f"第{names[q]}季度", dt.date(year, 3 * q + 1, 1), month_end(year, 3 * q + 3)) for q in range(4)]
    if kind == "term":
        return [Period("春季学期（2—7月）", dt.date(year, 2, 1), month_end(year, 7)),
                Period(f"秋季学期（9月—{year + 1}年1月）", dt.date(year, 9, 1), month_end(year + 1, 1))]
    return [Period("全年", dt.date(year, 1, 1), dt.date(year, 12, 31))]


@dataclass(frozen=True, slots=True)
class Cell:
    count: int
    state: str  # done, missing, open (the period has not ended)

    @property
    def mark(self) -> str:
        if self.state == "done":
            return f"✓ {self.count}" if self.count > 1 else "✓"
        if self.state == "missing":
            return f"缺（{self.count}）" if self.count else "缺"
        return f"{self.count}（未到期）" if self.count else "未到期"


@dataclass(frozen=True, slots=True)
class Row:
    rule: Rule
    cells: list[tuple[Period, Cell]]

    @property
    def missing(self) -> int:
        return sum(1 for _, c in self.cells if c.state == "missing")


def compliance(meetings: list[RecordEntry], branch: str, year: int, today: dt.date) -> list[Row]:
    """Which of the required meetings a branch recorded in each period of a year (drafts do not count)."""
    dates: dict[str, list[dt.date]] = {}
    for e in meetings:
        if e.record.branch == branch and not e.record.is_draft:
            dates.setdefault(e.record.type, []).append(e.record.date)
    rows = []
    for rule in RULES:
        cells = []
        for p in periods(rule.period, year):
            n = sum(1 for d in dates.get(rule.type, ()) if p.first <= d <= p.last)
            state = "done" if n >= rule.at_least else "missing" if p.last < today else "open"
            cells.append((p, Cell(n, state)))
        rows.append(Row(rule, cells))
    return rows


def years_of(meetings: list[RecordEntry]) -> list[int]:
    return sorted({e.record.date.year for e in meetings}, reverse=True)


# ---------------------------------------------------------------- pages


def pages(m: PageMaker) -> list[Page]:
    shown = m.ix.of_kind.get("meeting", [])
    if not shown:  # a public build: not even an empty section
        return []
    branches = [b for b in m.s.branches if any(e.record.branch == b.id for e in shown)]
    by_branch = {b.id: _by_month(e for e in shown if e.record.branch == b.id) for b in branches}
    years = years_of(shown)
    out = [m.page("meetings/index.md", "meetings.md.j2", "三会一课", in_nav=True, searchable=False,
                  branches=branches, by_branch=by_branch, types=TYPES),
           m.page("meetings/compliance.md", "compliance.md.j2", "制度落实情况", in_nav=True, searchable=False,
                  tables=[(y, [(b, compliance(shown, b.id, y, m.today)) for b in m.s.branches]) for y in years],
                  rules=RULES)]
    for e in shown:
        out.append(m.record_page(e, "meeting.md.j2", type_label=TYPES.get(e.record.type, e.record.type),
                                 branch=next((b for b in m.s.branches if b.id == e.record.branch), None),
                                 host=m.site.members.get(e.record.host) if e.record.host else None,
                                 recorder=m.site.members.get(e.record.recorder) if e.record.recorder else None,
                                 absent=[(m.site.members.get(a.member), a) for a in e.record.absent]))
    return out


def _by_month(entries) -> list[tuple[str, list[RecordEntry]]]:
    months: dict[str, list[RecordEntry]] = {}
    for e in sorted(entries, key=lambda e: (e.record.date, e.record.start or "", e.id), reverse=True):
        months.setdefault(f"{e.record.date.year}年{e.record.date.month}月", []).append(e)
    return list(months.items())


def _title(entry: RecordEntry, site: Records) -> str:
    r = entry.record
    branch = next((b.name for b in site.organization.branches if b.id == r.branch), r.branch) if site else r.branch
    return f"{branch}{TYPES.get(r.type, r.type or '')}（{r.date.year}年{r.date.month}月{r.date.day}日）" if r.date \
        else f"{branch}{TYPES.get(r.type, r.type or '')}"


def _start(o: NewOptions) -> tuple:
    day = o.date or o.today
    kind = o.pick("会议类型", o.kind_of_place, list(TYPES), "--kind")
    branch = o.pick("支部", o.branch, o.ex.site_ids("branches"), "--branch")
    folder = f"meetings/{day.year}"
    rid = o.ex.free(folder, f"{day.isoformat()}-{branch}-{kind}")
    return folder, rid, {"type": kind, "branch": branch, "date": day.isoformat(),
                         "topics": "\n  - 请写一项议题"}, {"date": day.isoformat(), "year": day.year}


KIND = Kind(
    "meeting", Meeting, Dated("meetings"), "meetings/2024/2024-03-05-di-yi-zhiweihui.yml", "records/meetings/*/*.yml",
    page="meetings/{i.year}/{i.id}.md",
    references=(
        Reference("branch", "branch", "支部", required=True),
        Reference("host", "member", "党员", hidden_what="主持人"),
        Reference("recorder", "member", "党员", hidden_what="记录人"),
        Reference("absent[].member", "member", "党员", hidden_what="缺席的党员"),
    ),
    named_by="type", title=_title, link_rules=_of_branch, pages=pages,
    section=("三会一课", "meetings/index.md", False), internal_only=True,
    blank=Blank(_start, note="只在内部版中出现，公开网站和公开存档里没有。", examples={
        "start": "14:30", "end": "16:00", "place": "党员活动室", "expected": "12", "present": "11",
        "absent": "\n  - member: 党员编号\n    reason: 外出培训", "content": "|\n  会议内容……",
        "resolutions": "\n  - text: 决议内容\n    agree: 11\n    against: 0\n    abstain: 0"}),
)
