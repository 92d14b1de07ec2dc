"""One typed class per record type, and the rules that need only that record.

Rules that look at other records (references, highlights) live in link.py.
Each model's `findings()` yields (key path, message) pairs; the loader turns them
into located problems, so a rule never needs to know about lines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar, Iterator

from pydantic import BaseModel, ConfigDict, Field

from .fields import (
    AssetPath,
    Boolean,
    Count,
    Date,
    ListOf,
    LongText,
    Markdown,
    Ref,
    Slug,
    Text,
    Year,
    YearMonth,
    choice,
)


@dataclass(frozen=True, slots=True)
class FileIdentity:
    """What a record's path says about it: its id and the dates or numbers in its name."""

    id: str
    date: dt.date | None = None  # activities/…/<date>-<slug>.yml, suggestions likewise
    year: int | None = None  # year folder, review year, issue year
    number: int | None = None  # publication issue number NN
    publication: str | None = None  # publications/<pub>/


@dataclass(frozen=True, slots=True)
class Finding:
    loc: tuple
    message: str
    warning: bool = False


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


Status = choice(("published", "已发布"), ("draft", "草稿"))
Visibility = choice(("public", "公开"), ("internal", "内部"))


class Record(Strict):
    """Base of every record type.

    `findings()` and `assets()` also run on partial records (built from the
    fields that validated, the rest None), so they test each field before use.
    """

    kind_label: ClassVar[str]

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        return iter(())

    def assets(self) -> Iterator[tuple[tuple, str]]:
        """(key path, asset path) of every file this record points to."""
        return iter(())


class Content(Record):
    """Fields common to content records: status, visibility, tags."""

    status: Status = Field("published", description="published 已发布；draft 草稿（只在预览中出现）")
    visibility: Visibility = Field("public", description="public 公开；internal 内部（不会出现在公开网站上）")
    tags: ListOf(Text) = Field(default_factory=list, description="标签，例如 [课堂教学, 师德师风]")

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"


def _duplicates(items, loc: tuple, attr: str, what: str) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items or ()):
        value = getattr(item, attr)
        if value in seen:
            yield Finding(loc + (i, attr), f"{what}“{value}”重复：第 {seen[value] + 1} 项已经用了它")
        else:
            seen[value] = i


# ---------------------------------------------------------------- site.yml


class Honor(Strict):
    title: Text = Field(description="荣誉名称")
    year: Year | None = Field(None, description="获得年份（知道时才写）")


class Branch(Strict):
    id: Slug = Field(description="支部编号（拼音），例如 di-yi")
    name: Text = Field(description="支部名称，例如 第一党支部")


class Pillar(Strict):
    id: Slug = Field(description="编号（拼音），例如 rongru")
    title: Text = Field(description="这句话的全文")
    short: Text | None = Field(None, description="简称，用于导航和卡片")
    summary: LongText | None = Field(None, description="一段说明（纯文字）")


# What a file name on a USB stick (FAT, exFAT, NTFS) or any other disk cannot hold, or would make a path of.
FILE_NAME_UNSAFE = re.compile(r'\.\.|[/\\:*?"<>|\x00-\x1f]|^\.')


class Site(Record):
    kind_label: ClassVar[str] = "组织概况"

    school: Text = Field(description="学校名称")
    organization: Text = Field(description="党组织全称，作为网站标题")
    short_name: Text | None = Field(None, description="简称，用于存档文件名等")
    founded: YearMonth | None = Field(None, description="成立时间：年-月 或 年-月-日")
    member_count: Count | None = Field(None, description="党员人数")
    honors: ListOf(Honor) = Field(default_factory=list, description="荣誉")
    intro: Markdown | None = Field(None, description="首页开头的介绍（Markdown）")
    branches: ListOf(Branch) = Field(min_length=1, description="下设支部")
    pillars: ListOf(Pillar) = Field(min_length=1, description="“四句话”：工作的几条主线")

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        yield from _duplicates(self.branches, ("branches",), "id", "支部编号")
        yield from _duplicates(self.pillars, ("pillars",), "id", "编号")
        for key in ("short_name", "school"):  # the archive's file name is made of the first one written
            value = getattr(self, key)
            if value and (bad := FILE_NAME_UNSAFE.findall(value)):
                shown = "、".join(dict.fromkeys(bad))
                yield Finding((key,), f"这个名称会用作存档的文件名，不能含有 {shown}。"
                                      "文件名里不能有 / \\ : * ? \" < > |，也不能以“.”开头或含有“..”。请去掉它们")
                break
            if value:
                break


# ---------------------------------------------------------------- programs, places


class Program(Content):
    kind_label: ClassVar[str] = "特色做法"

    title: Text = Field(description="名称，例如 “三同三异”展示教学风采")
    pillar: Ref = Field(description="所属“四句话”的编号（site.yml 中 pillars 的 id）")
    since: Year | None = Field(None, description="开始年份")
    summary: LongText = Field(description="一段话摘要（纯文字）")
    body: Markdown | None = Field(None, description="正文（Markdown）")


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


# ---------------------------------------------------------------- activities


class Photo(Strict):
    src: AssetPath = Field(description="照片路径，相对于 records/assets/，例如 2024/tongke-1.jpg")
    caption: Text | None = Field(None, description="照片说明")


class Activity(Content):
    kind_label: ClassVar[str] = "党建活动"

    title: Text = Field(description="活动标题")
    date: Date = Field(description="日期，须与文件名中的日期相同")
    end_date: Date | None = Field(None, description="结束日期（多日活动），不早于 date")
    program: Ref = Field(description="所属特色做法（programs/ 中的编号）")
    places: ListOf(Ref) = Field(default_factory=list, description="地点（places/ 中的编号）")
    branches: ListOf(Ref) = Field(default_factory=list, description="参与支部（site.yml 中 branches 的 id）")
    members: ListOf(Ref) = Field(default_factory=list, description="相关党员（members/ 中的编号）")
    participants: Count | None = Field(None, description="参加人数")
    summary: LongText | None = Field(None, description="一段话摘要，用于列表和首页（纯文字）")
    body: Markdown | None = Field(None, description="正文（Markdown）")
    photos: ListOf(Photo) = Field(default_factory=list, description="照片")

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        if ident.date and self.date and self.date != ident.date:
            yield Finding(("date",), f"日期 {self.date} 与文件名中的日期 {ident.date} 不一致")
        if self.end_date and self.date and self.end_date < self.date:
            yield Finding(("end_date",), f"结束日期 {self.end_date} 早于开始日期 {self.date}")

    def assets(self):
        for i, photo in enumerate(self.photos or ()):
            yield ("photos", i, "src"), photo.src


# ---------------------------------------------------------------- members


class MemberHonor(Strict):
    year: Year | None = Field(None, description="年份")
    title: Text = Field(description="荣誉名称")


class Member(Content):
    kind_label: ClassVar[str] = "党员风采"

    name: Text = Field(description="姓名")
    branch: Ref | None = Field(None, description="所在支部（site.yml 中 branches 的 id）")
    role: Text | None = Field(None, description="岗位，例如 语文教师、党员示范岗")
    joined: Year | None = Field(None, description="入党年份")
    photo: AssetPath | None = Field(None, description="照片，相对于 records/assets/")
    motto: Text | None = Field(None, description="格言")
    honors: ListOf(MemberHonor) = Field(default_factory=list, description="荣誉")
    story: Markdown = Field(description="事迹（Markdown）")
    consent: Boolean = Field(False, description="本人已同意公开发布：true 或 false")

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        if self.is_public and self.consent is False:
            yield Finding(
                ("consent",),
                "公开的党员风采必须经本人同意：确认后写上 consent: true；未同意时请设为 visibility: internal",
            )

    def assets(self):
        if self.photo:
            yield ("photo",), self.photo


# ---------------------------------------------------------------- publications


class Publication(Content):
    kind_label: ClassVar[str] = "刊物"

    title: Text = Field(description="刊名，不加书名号，例如 党性日记")
    description: LongText | None = Field(None, description="简介（纯文字）")
    frequency: Text | None = Field(None, description="出版周期，例如 每学期一期")

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        if self.title and (self.title.startswith("《") or self.title.endswith("》")):
            yield Finding(("title",), "刊名不用加书名号《》，网站会自动加上")


class Article(Strict):
    title: Text = Field(description="文章标题")
    author: Text = Field(description="作者")
    member: Ref | None = Field(None, description="作者对应的党员（members/ 中的编号）")
    body: Markdown = Field(description="正文（Markdown）")


class Issue(Content):
    kind_label: ClassVar[str] = "刊物期次"

    title: Text | None = Field(None, description="标题，默认为 《刊名》某年第几期")
    date: Date | None = Field(None, description="出版日期，须在文件名的年份内")
    editor: Text | None = Field(None, description="编者")
    cover: AssetPath | None = Field(None, description="封面图片，相对于 records/assets/")
    articles: ListOf(Article) = Field(min_length=1, description="文章，至少一篇")

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        if self.date and ident.year and self.date.year != ident.year:
            yield Finding(("date",), f"出版日期 {self.date} 不在文件名的年份 {ident.year} 年内")

    def assets(self):
        if self.cover:
            yield ("cover",), self.cover


# ---------------------------------------------------------------- suggestions

SuggestionFrom = choice(
    ("家长", "家长"), ("离退休教师", "离退休教师"), ("媒体", "媒体"), ("社区", "社区"),
    ("教师", "教师"), ("学生", "学生"), ("其他", "其他"),
)
SuggestionState = choice(("open", "待回复"), ("replied", "已回复"), ("adopted", "已采纳"))


class Suggestion(Content):
    kind_label: ClassVar[str] = "党性论坛"

    title: Text = Field(description="标题")
    date: Date = Field(description="提出日期，须与文件名中的日期相同")
    from_: SuggestionFrom = Field(alias="from", description="提出者所属群体（不写个人姓名）")
    channel: Text | None = Field(None, description="渠道，例如 家长访校周、媒体恳谈会")
    content: LongText = Field(description="建议内容（纯文字）")
    state: SuggestionState = Field("open", description="open 待回复；replied 已回复；adopted 已采纳")
    reply: Markdown | None = Field(None, description="回复（Markdown）；state 不是 open 时必填")
    replied: Date | None = Field(None, description="回复日期，有回复时必填，不早于 date")

    @property
    def answered(self) -> bool:
        """Replied or adopted: what the figures count as 已回复."""
        return self.state != "open"

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        if ident.date and self.date and self.date != ident.date:
            yield Finding(("date",), f"日期 {self.date} 与文件名中的日期 {ident.date} 不一致")
        if self.state in ("replied", "adopted") and not self.reply:
            yield Finding(("reply",), f"state 是 {self.state}，必须写回复 reply")
        if self.reply and not self.replied:
            yield Finding(("replied",), "有回复时必须写回复日期 replied")
        if self.replied and not self.reply:
            yield Finding(("reply",), "写了回复日期 replied，却没有回复 reply")
        if self.replied and self.date and self.replied < self.date:
            yield Finding(("replied",), f"回复日期 {self.replied} 早于提出日期 {self.date}")
        if self.reply and self.state == "open":
            yield Finding(("state",), "已经有回复，state 应改为 replied（已回复）或 adopted（已采纳）", warning=True)


# ---------------------------------------------------------------- reviews


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
    highlights: ListOf(Ref) = Field(default_factory=list, description="当年的重点活动（activities/ 中的编号）")
    evaluation: Evaluation | None = Field(None, description="测评结果")

    # An evaluation meeting may be held early in the next year, up to this day.
    LATEST_NEXT_YEAR: ClassVar[tuple[int, int]] = (3, 31)

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        if self.year is not None and ident.year and self.year != ident.year:
            yield Finding(("year",), f"年份 {self.year} 与文件名中的年份 {ident.year} 不一致")
        ev = self.evaluation
        if ev is None or not ident.year:
            return
        month, day = self.LATEST_NEXT_YEAR
        if not (dt.date(ident.year, 1, 1) <= ev.date <= dt.date(ident.year + 1, month, day)):
            yield Finding(
                ("evaluation", "date"),
                f"测评日期 {ev.date} 应在 {ident.year} 年内，或次年 {month} 月 {day} 日之前",
            )
        for i, item in enumerate(ev.items):
            if item.counts.total > ev.voters:
                yield Finding(
                    ("evaluation", "items", i, "counts"),
                    f"“{item.item}”的票数合计 {item.counts.total}，超过了参加测评的人数 {ev.voters}",
                )


# ---------------------------------------------------------------- registry


@dataclass(frozen=True, slots=True)
class RecordType:
    name: str  # used in code, CLI and schema file names
    model: type[Record]
    folder: str  # where its files live, for messages
    example: str  # an example path, for messages
    glob: str  # its files, for editors that validate YAML against a schema

    @property
    def label(self) -> str:
        return self.model.kind_label


RECORD_TYPES: dict[str, RecordType] = {
    t.name: t
    for t in (
        RecordType("site", Site, "", "site.yml", "records/site.yml"),
        RecordType("program", Program, "programs", "programs/san-tong-san-yi.yml", "records/programs/*.yml"),
        RecordType("place", Place, "places", "places/yeyu-dangxiao.yml", "records/places/*.yml"),
        RecordType("activity", Activity, "activities", "activities/2024/2024-03-12-tongke-yigou.yml", "records/activities/*/*.yml"),
        RecordType("member", Member, "members", "members/zhang-hua.yml", "records/members/*.yml"),
        RecordType("publication", Publication, "publications", "publications/dangxing-riji/index.yml", "records/publications/*/index.yml"),
        RecordType("issue", Issue, "publications", "publications/dangxing-riji/2024-01.yml",
                   "records/publications/*/[0-9][0-9][0-9][0-9]-[0-9][0-9].yml"),
        RecordType("suggestion", Suggestion, "suggestions", "suggestions/2024/2024-05-20-jiazhang-jianyi.yml", "records/suggestions/*/*.yml"),
        RecordType("review", Review, "reviews", "reviews/2024.yml", "records/reviews/*.yml"),
    )
}
