"""党性论坛: a suggestion from the public and the branch's reply."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar, Iterator

from pydantic import Field

from .. import messages as say
from ..fields import Date, LongText, Markdown, Text, choice
from ..structure import Page
from .base import Content, FileIdentity, Finding
from .files import Dated
from .hooks import NewOptions, PageMaker
from .kind import Blank, Kind

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
        if self.state in ("replied", "adopted") and not self.reply:
            yield Finding(("reply",), say.reply_missing(self.state))
        if self.reply and not self.replied:
            # At the reply: the line that is there (replied, being absent, has none).
            yield Finding(("reply",), say.REPLIED_MISSING)
        if self.replied and not self.reply:
            yield Finding(("reply",), say.REPLY_WITHOUT_TEXT)
        if self.replied and self.date and self.replied < self.date:
            yield Finding(("replied",), say.replied_before_asked(self.replied, self.date))
        if self.reply and self.state == "open":
            yield Finding(("state",), say.STATE_STILL_OPEN, warning=True)

def pages(m: PageMaker) -> list[Page]:
    by_state = {state: [x for x in m.ix.suggestions if x.record.state == state] for state in m.STATES}
    # Where people have raised suggestions before, most used first: where a visitor can raise one too.
    used = Counter(x.record.channel for x in m.ix.suggestions if x.record.channel)
    channels = sorted(used, key=lambda c: (-used[c], c))
    latest = {state: (xs[:m.FORUM_LATEST], len(xs), f"forum/{state}.md") for state, xs in by_state.items()}
    pages = [m.page("forum/index.md", "forum.md.j2", "党性论坛", in_nav=True, searchable=False, by_state=latest,
                    channels=channels)]
    for state, xs in by_state.items():  # each state's whole list, paged
        pages += m.paged(f"forum/{state}.md", "forum_state.md.j2", f"{m.STATES[state]}的建议", xs)
    for e in m.ix.suggestions:
        pages.append(m.record_page(e, "suggestion.md.j2"))
    return pages

def _start(o: NewOptions) -> tuple:
    from ..fields import labels

    title = o.need(o.title, "--title", "建议标题")
    day = o.date or o.today
    origin = o.pick("提出者群体", o.origin, list(labels(SuggestionFrom)), "--from")
    folder = f"suggestions/{day.year}"
    rid = o.ex.free(folder, f"{day.isoformat()}-{o.slug(title)}")
    return folder, rid, {"title": o.q(title), "date": day.isoformat(), "from": origin,
                         "content": "请把建议的内容写在这里。", "state": "open", "tags": "[]"}, {"date": day.isoformat()}


KIND = Kind(
    "suggestion",
    Suggestion,
    Dated("suggestions"),
    "suggestions/2024/2024-05-20-jiazhang-jianyi.yml",
    "records/suggestions/*/*.yml",
    page="forum/{i.year}/{i.id}.md",
    pages=pages,
    section=("党性论坛", "forum/index.md", False),
    blank=Blank(
        _start, note="一条建议和回复。", examples={"channel": "家长访校周", "reply": "|\n  感谢您的建议……", "replied": "{date}"}
    ),
)
