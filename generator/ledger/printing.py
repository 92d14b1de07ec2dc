"""The book as HTML (the generator's own template, every value escaped unless marked safe) and then as one PDF by
WeasyPrint, which implements CSS paged media: the contents' page numbers (target-counter), running headers
(string-set), 第 N 页 共 M 页 (counter(pages)) and bookmarks from the headings."""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
import markdown
from markupsafe import Markup, escape

from .. import sanitize
from ..fields import labels
from ..kinds.review import GRADES
from ..kinds.suggestion import SuggestionFrom, SuggestionState
from ..link import Site
from ..pages import title_of
from ..render import cn_date
from .book import Book

HERE = Path(__file__).resolve().parent.parent / "templates" / "ledger"
INTERNAL_MARK = '@page { @top-right { content: "内部资料"; font-size: 9pt; font-weight: bold; color: #a00; } }'


def _markdown(text: str) -> Markup:
    """A record's Markdown as sanitised HTML, as on the site."""
    return Markup(sanitize.clean(markdown.markdown(text, extensions=sanitize.MARKDOWN_EXTENSIONS)))


def _environment(site: Site, photos: dict[str, Path]) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    records = {name: site.by_id(name) for name in ("program", "place", "member")}
    branch_names = {b.id: b.name for b in site.site.record.branches}

    def name(kind: str, rid: str | None) -> str:
        entry = records[kind].get(rid) if rid else None
        return title_of(entry, site) if entry else (rid or "")

    def photo_rows(items) -> Markup:
        figures = []
        for p in items or ():
            path = photos.get(p.src)
            if path is None:
                continue
            caption = f"<figcaption>{escape(p.caption)}</figcaption>" if p.caption else ""
            figures.append(f'<figure><img src="{escape(path.as_uri())}" alt="{escape(p.caption or "")}">{caption}'
                           "</figure>")
        return Markup(f'<div class="photos">{"".join(figures)}</div>') if figures else Markup("")

    env.filters.update(md=_markdown, cn_date=cn_date)
    env.globals.update(
        name=name, names=lambda kind, ids: "、".join(name(kind, i) for i in ids or ()),
        branches=lambda ids: "、".join(branch_names.get(i, i) for i in ids or ()),
        title=lambda entry: title_of(entry, site), photo_rows=photo_rows, grades=GRADES,
        froms=labels(SuggestionFrom), states=labels(SuggestionState))
    return env


def book_html(book: Book, site: Site, photos: dict[str, Path]) -> str:
    css = (HERE / "book.css").read_text(encoding="utf-8") + ("\n" + INTERNAL_MARK if book.internal else "")
    return _environment(site, photos).get_template("book.html.j2").render(book=book, css=Markup(css))


def write_pdf(html: str, target: Path) -> int:
    """The PDF, and how many pages it has."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its notes on CSS it ignores are not the reader's
    # The photos come at print size (print_photos.py): embedded as they are, not decoded again.
    document = HTML(string=html, base_url=str(HERE)).render()
    document.write_pdf(target)
    return len(document.pages)
