"""刊物期次: one issue of a periodical and its articles."""

from __future__ import annotations

from typing import ClassVar, Iterator

from pydantic import Field

from .. import messages as say
from ..fields import AssetPath, Date, ListOf, Markdown, Ref, Text
from .base import Content, FileIdentity, Finding, Strict
from .files import IssueFile
from .hooks import NewOptions, RecordEntry, Records
from .kind import Blank, Kind, Reference


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
            yield Finding(("date",), say.issue_date_not_in_year(self.date, ident.year))


def _title(entry: RecordEntry, site: Records) -> str:
    if entry.record.title:
        return entry.record.title
    i = entry.ident
    pub = site.publications.get(i.publication)
    return f"《{pub.record.title if pub else i.publication}》{i.year}年第{i.number}期"


def _start(o: NewOptions) -> tuple:
    import re

    pub = o.pick("刊物", o.pub, o.ex.publications(), "--pub")
    year = o.year or o.today.year
    folder = f"publications/{pub}"
    taken = {int(m[1]) for p in (o.records / folder).glob(f"{year}-*.yml") if (m := re.fullmatch(rf"{year}-(\d\d)", p.stem))}
    number = next((n for n in range(1, 100) if n not in taken), None)
    if number is None:
        o.fail(say.issues_full(pub, year))
    given = {"articles": "\n  - title: 请填写文章标题\n    author: 请填写作者\n"
                         "    body: |\n      请把正文写在这里。", "tags": "[]"}
    if o.date and o.date.year == year:
        given["date"] = o.date.isoformat()
    return folder, f"{year}-{number:02d}", given, {"year": year, "pub": pub, "number": number}


def issue_key(entry: RecordEntry):
    """An issue's place among a periodical's: by its date, else its year, then its number."""
    return (entry.record.date or entry.ident.year, entry.ident.year, entry.ident.number)


def _newest_issues(entries: list[RecordEntry], site: Records) -> list[RecordEntry]:
    return sorted(entries, key=issue_key, reverse=True)

KIND = Kind(
    "issue",
    Issue,
    IssueFile(),
    "publications/dangxing-riji/2024-01.yml",
    "records/publications/*/[0-9][0-9][0-9][0-9]-[0-9][0-9].yml",
    page="publications/{i.publication}/{i.id}.md",
    references=(Reference("articles[].member", "member", "党员", hidden_what="作者对应的党员"),),
    title=_title,
    referable=False,
    within="publication",  # numbered per periodical, shown with it
    blank=Blank(
        _start, examples={"title": "标题", "date": "{year}-06-30", "editor": "编者", "cover": "{year}/{pub}-{number:02d}.jpg"}
    ),
    order=_newest_issues,
)
