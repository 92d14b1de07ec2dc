"""述职评议: the secretary's yearly report and the evaluation of it."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Iterator

from pydantic import Field

from .. import messages as say
from ..fields import Boolean, Count, Date, ListOf, Markdown, Ref, Text, Year
from ..structure import Page
from .base import FileIdentity, Finding, Record, Strict, example_field
from .files import Yearly
from .hooks import Lookup, NewOptions, PageMaker, RecordEntry, Records
from .kind import Blank, Kind, Reference


class Counts(Strict):
    好: Count = Field(description="评“好”的票数")
    较好: Count = Field(description="评“较好”的票数")
    一般: Count = Field(description="评“一般”的票数")
    差: Count = Field(description="评“差”的票数")

    @property
    def total(self) -> int:
        return self.好 + self.较好 + self.一般 + self.差


GRADES = ("好", "较好", "一般", "差")


class EvaluationItem(Strict):
    item: Text = Field(description="测评项目")
    counts: Counts = Field(description="各等次票数：{好: n, 较好: n, 一般: n, 差: n}")


class Evaluation(Strict):
    date: Date = Field(description="测评日期（可在次年年初）")
    voters: Count = Field(description="参加测评的人数")
    items: ListOf(EvaluationItem) = Field(min_length=1, description="测评项目")


class Review(Record):
    kind_label: ClassVar[str] = "述职评议"

    year: Year | None = Field(None, description="年份，须与文件名相同")
    title: Text | None = Field(None, description="标题，默认为 某年度抓基层党建工作述职评议")
    report: Markdown | None = Field(None, description="书记的述职报告（Markdown）")
    reporter: Text | None = Field(None, description="述职人，例如 党总支书记 张某：印在空白测评表上，不写则留空待填")
    highlights: ListOf(Ref) = Field(default_factory=list, description="当年的重点活动（activities/ 中的编号）")
    evaluation: Evaluation | None = Field(None, description="测评结果")
    example: Boolean = example_field()

    @property
    def is_example(self) -> bool:
        return bool(self.example)

    # An evaluation meeting may be held early in the next year, up to this day.
    LATEST_NEXT_YEAR: ClassVar[tuple[int, int]] = (3, 31)

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        if self.year is not None and ident.year and self.year != ident.year:
            yield Finding(("year",), say.year_not_file(self.year, ident.year))
        ev = self.evaluation
        if ev is None or not ident.year:
            return
        month, day = self.LATEST_NEXT_YEAR
        if not (dt.date(ident.year, 1, 1) <= ev.date <= dt.date(ident.year + 1, month, day)):
            yield Finding(
                ("evaluation", "date"),
                say.evaluation_date(ev.date, ident.year, month, day),
            )
        for i, item in enumerate(ev.items):
            if item.counts.total > ev.voters:
                yield Finding(
                    ("evaluation", "items", i, "counts"),
                    say.votes_over_voters(item.item, item.counts.total, ev.voters),
                )


def _same_year(entry: RecordEntry, lookup: Lookup) -> Iterator[Finding]:
    """A highlight is an activity of the review's own year."""
    for i, aid in enumerate(entry.record.highlights or ()):
        activity = lookup("activity", aid)
        if activity is not None and activity.record.date is not None and activity.record.date.year != entry.ident.year:
            yield Finding(("highlights", i), say.highlight_other_year(aid, entry.ident.year))

def pages(m: PageMaker) -> list[Page]:
    pages = [m.page("reviews/index.md", "reviews.md.j2", "述职评议", in_nav=True, searchable=False)]
    for e in m.ix.reviews:
        highlights = [m.site.activities[a] for a in e.record.highlights]
        pages.append(m.record_page(e, "review.md.j2", in_nav=True, figures=m.ix.figures(e.ident.year),
                                      highlights=highlights))
    return pages

def _start(o: NewOptions) -> tuple:
    year = o.year or o.today.year
    if (o.records / "reviews" / f"{year}.yml").exists():
        o.fail(say.exists_already(f"reviews/{year}.yml"))
    return "reviews", str(year), {"year": str(year), "highlights": f"[]   # 当年重点活动：records/activities/{year}/ 里的编号"}, \
        {"year": year}


def _by_year(entries: list[RecordEntry], site: Records) -> list[RecordEntry]:
    return sorted(entries, key=lambda e: e.ident.year, reverse=True)

KIND = Kind(
    "review",
    Review,
    Yearly("reviews"),
    "reviews/2024.yml",
    "records/reviews/*.yml",
    page="reviews/{i.year}.md",
    references=(Reference("highlights[]", "activity", "活动", hidden_what="重点活动"),),
    title=lambda entry, site: entry.record.title or f"{entry.ident.year}年度抓基层党建工作述职评议",
    link_rules=_same_year,
    pages=pages,
    section=("述职评议", "reviews/index.md", True),
    blank=Blank(
        _start,
        note="当年的各项统计由网站自动算出，不用填写。",
        draft=False,
        examples={
            "title": "{year}年度抓基层党建工作述职评议",
            "report": "|\n  ……",
            "evaluation": "\n  date: {year}-12-28   # 可在次年 3 月 31 日之前\n  voters: 100\n  items:\n    - item: 测评项目\n"
            "      counts: {{好: 80, 较好: 15, 一般: 5, 差: 0}}   # 合计不超过参加人数",
        },
    ), order=_by_year)
