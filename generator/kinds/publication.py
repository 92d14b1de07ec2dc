"""刊物: a periodical, described by publications/<id>/index.yml."""

from __future__ import annotations

from typing import ClassVar, Iterator

from pydantic import Field

from .. import messages as say
from ..fields import LongText, Text
from ..structure import Page
from .base import Content, FileIdentity, Finding
from .files import PublicationIndex
from .hooks import PageMaker
from .kind import Kind, by_id


class Publication(Content):
    kind_label: ClassVar[str] = "刊物"

    title: Text = Field(description="刊名，不加书名号，例如 党性日记")
    description: LongText | None = Field(None, description="简介（纯文字）")
    frequency: Text | None = Field(None, description="出版周期，例如 每学期一期")

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        if self.title and (self.title.startswith("《") or self.title.endswith("》")):
            yield Finding(("title",), say.TITLE_MARKS)

def pages(m: PageMaker) -> list[Page]:
    pages = [m.page("publications/index.md", "publications.md.j2", "刊物", in_nav=True, searchable=False)]
    for pub in m.ix.publications:
        issues = m.ix.issues.get(pub.id, [])
        pages.append(m.record_page(pub, "publication.md.j2", in_nav=True, issues=issues))
        for issue in issues:
            pages.append(m.record_page(issue, "issue.md.j2", publication=pub))
    return pages

KIND = Kind(
    "publication",
    Publication,
    PublicationIndex(),
    "publications/dangxing-riji/index.yml",
    "records/publications/*/index.yml",
    page="publications/{i.id}/index.md",
    search_boost=2,
    title=lambda entry, site: f"《{entry.record.title}》",
    pages=pages,
    section=("刊物", "publications/index.md", True),
    order=by_id,
)
