"""党员风采: a member's story, published only with their consent."""

from __future__ import annotations

from typing import ClassVar, Iterator

from pydantic import Field

from .. import messages as say
from ..fields import AssetPath, Boolean, ListOf, Markdown, Ref, Text, Year
from ..structure import Page
from .base import Content, FileIdentity, Finding, Strict
from .files import Named
from .hooks import NewOptions, PageMaker
from .kind import Blank, Kind, Reference, by_id


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
                say.NO_CONSENT,
            )


def pages(m: PageMaker) -> list[Page]:
    pages = [m.page("members/index.md", "members.md.j2", "党员风采", in_nav=True, searchable=False)]
    for e in m.ix.members:
        branch = next((b for b in m.s.branches if b.id == e.record.branch), None)
        pages += m.record_with_activities(e, "member.md.j2", m.ix.by_member.get(e.id, []), "参加的活动", branch=branch,
                                          articles=m.ix.articles_by_member.get(e.id, []))
    return pages

def _start(o: NewOptions) -> tuple:
    name = o.need(o.name, "--name", "党员姓名")
    rid = o.ex.free("members", o.slug(name))
    return "members", rid, {"name": o.q(name), "story": "|\n  请把事迹写在这里。", "consent": "false   # "
        "本人同意公开发布后改为 true",
                            "visibility": "internal   # 本人同意、consent 改为 true 之后，删除这一行", "tags": "[]"}, {}


KIND = Kind(
    "member",
    Member,
    Named("members"),
    "members/zhang-hua.yml",
    "records/members/*.yml",
    page="members/{i.id}.md",
    references=(Reference("branch", "branch", "支部"),),
    named_by="name",
    pages=pages,
    section=("党员风采", "members/index.md", False),
    blank=Blank(
        _start,
        note="发布前必须取得本人同意。",
        examples={
            "role": "语文教师、党员示范岗",
            "joined": "2001",
            "photo": "members/{id}.jpg",
            "motto": "格言",
            "honors": "\n  - {{year: 2010, title: 荣誉名称}}",
        },
    ), order=by_id)
