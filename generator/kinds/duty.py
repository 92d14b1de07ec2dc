"""社区服务站值班: party teachers receive parents at a fixed place on weekends — the roster, and afterwards what
happened, counted (never a parent's name or number)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Iterator

from pydantic import Field

from .. import messages as say
from ..fields import Count, Date, ListOf, LongText, Ref, Text
from ..structure import Page
from .base import Content, FileIdentity, Finding, Strict
from .files import Dated
from .hooks import NewOptions, PageMaker, RecordEntry
from .kind import Blank, Kind, Reference

WEEKDAYS = "一二三四五六日"


class Reception(Strict):
    """接待记录, written after the duty."""

    summary: LongText = Field(description="接待情况（纯文字；不写家长的姓名、电话）")
    visitors: Count | None = Field(None, description="接待家长人次")
    questions: Count | None = Field(None, description="解答的问题数")


class Duty(Content):
    kind_label: ClassVar[str] = "社区服务站值班"

    topic: Text = Field(description="值班主题，例如 家庭教育咨询")
    date: Date = Field(description="值班日期，须与文件名中的日期相同")
    end_date: Date | None = Field(None, description="结束日期（连续几天值班时），不早于 date")
    time: Text | None = Field(None, description="时间，例如 8:30-11:30")
    place: Ref = Field(description="地点（places/ 中的编号），通常是社区服务站")
    members: ListOf(Ref) = Field(default_factory=list, description="值班党员（members/ 中的编号）")
    reception: Reception | None = Field(None, description="接待记录（值班之后填写）")

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        if self.date and self.end_date and self.end_date < self.date:
            yield Finding(("end_date",), say.ends_before_start(self.end_date, self.date, say.DUTY_DATE))


def when(duty, today: dt.date) -> str:
    """本周六, 下周六 or 5月18日（周六）: how a notice names the day, from the day the site was built."""
    day = duty.record.date
    weekday = f"周{WEEKDAYS[day.weekday()]}"
    delta, rest_of_week = (day - today).days, 6 - today.weekday()
    if 0 <= delta <= rest_of_week:
        return f"本{weekday}"
    if rest_of_week < delta <= rest_of_week + 7:
        return f"下{weekday}"
    return f"{day.month}月{day.day}日（{weekday}）"


def _split(m: PageMaker) -> tuple[list, list]:
    """Shown duties: to come (soonest first) and past (newest first), as of the build's day."""
    duties = m.ix.of_kind.get("duty", [])
    upcoming = sorted((d for d in duties if (d.record.end_date or d.record.date) >= m.today), key=lambda d: (d.record.date, d.id))
    past = [d for d in duties if (d.record.end_date or d.record.date) < m.today]
    return upcoming, past


def pages(m: PageMaker) -> list[Page]:
    upcoming, past = _split(m)
    out = [m.page("duties/index.md", "duties.md.j2", "社区服务站值班", in_nav=True, searchable=False,
                  upcoming=upcoming, past=past)]
    for d in upcoming + past:
        out.append(m.record_page(d, "duty.md.j2", place=m.site.places.get(d.record.place),
                                 members=[m.site.members[i] for i in d.record.members]))
    return out


def _roster(m: PageMaker, entry: RecordEntry, duties: list, heading: str) -> str:
    if not duties:
        return ""
    return m.fragment("duty_list.md.j2", entry, heading=heading, duties=duties)


def on_place(m: PageMaker, place: RecordEntry) -> str:
    upcoming, past = _split(m)
    at = [d for d in upcoming if d.record.place == place.id]
    done = [d for d in past if d.record.place == place.id]
    return "\n\n".join(x.rstrip("\n") for x in (_roster(m, place, at, "值班安排"), _roster(m, place, done, "往期接待")) if x)


def on_member(m: PageMaker, member: RecordEntry) -> str:
    upcoming, past = _split(m)
    theirs = [d for d in upcoming + past if member.id in d.record.members]
    return _roster(m, member, theirs, "社区服务站值班")


def on_home(m: PageMaker) -> list[dict]:
    upcoming, _ = _split(m)
    notices = []
    for d in upcoming[:3]:
        place = m.site.places.get(d.record.place)
        names = "、".join(m.title(m.site.members[i]) for i in d.record.members if m.ix.shown(m.site.members.get(i)))
        notices.append(
            {
                "title": f"{when(d, m.today)} {place.record.title if place else ''} 值班",
                "text": f"{d.record.topic}"
                + (f" · {d.record.time}" if d.record.time else "")
                + (f" · 值班：{names}" if names else ""),
                "url": m.path_of(d),
            }
        )
    return notices


def _start(o: NewOptions) -> tuple:
    topic = o.need(o.title, "--title", "值班主题")
    day = o.date or o.today
    places = o.ex.stems("places")
    place = o.pick("地点", o.place or ("shequ-fuwuzhan" if "shequ-fuwuzhan" in places else None), places, "--place")
    folder = f"duties/{day.year}"
    rid = o.ex.free(folder, f"{day.isoformat()}-{o.slug(topic)}")
    return folder, rid, {"topic": o.q(topic), "date": day.isoformat(), "place": place, "tags": "[]"}, {"date": day.isoformat()}


KIND = Kind(
    "duty",
    Duty,
    Dated("duties"),
    "duties/2024/2024-05-18-jiating-jiaoyu.yml",
    "records/duties/*/*.yml",
    page="duties/{i.year}/{i.id}.md",
    references=(
        Reference("place", "place", "地点", hidden_what="值班地点", required=True),
        Reference("members[]", "member", "党员"),
    ),
    named_by="topic",
    title=lambda entry, site: f"{entry.record.topic}（{entry.record.date.month}月{entry.record.date.day}日）",
    pages=pages,
    section=("社区服务站", "duties/index.md", False),
    blank=Blank(
        _start,
        note="党员教师在社区服务站值班、接待家长。",
        examples={
            "time": "8:30-11:30",
            "members": "[zhang-hua]",
            "reception": "\n  summary: 接待情况（不写家长的姓名、电话）\n  visitors: 12\n  questions: 5",
        },
    ),
    adds_to={"place": on_place, "member": on_member},
    home=on_home,
)
