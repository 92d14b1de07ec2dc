"""Which pages exist: one function per page kind, each giving (path, Markdown, source record).

Paths are relative to the docs folder. Record pages stay out of the navigation
(MkDocs renders the whole navigation into every page); section and archive
pages make up the navigation and lead to them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Callable
from urllib.parse import quote

from markupsafe import Markup

from .fields import labels
from .indexes import Figure, Index, build_index, percent
from .kinds import KINDS
from .kinds.place import PlaceKind
from .kinds.review import GRADES
from .kinds.suggestion import SuggestionState
from .link import Site
from .load import Entry
from .pagecache import READS_INDEX, PageCache, Uncacheable, fingerprint, templates_stamp
from .paging import numbered, paginate
from .photos import published_path
from .render import cn_date, front_matter, reads, relative, render, text
from .structure import Output, Page

# What other kinds add to a kind's record pages (kinds' `adds_to`), by the kind added to, in registry order.
_ADDERS: dict[str, list[Callable]] = {}
for _kind in KINDS.values():
    for _target, _add in _kind.adds_to.items():
        _ADDERS.setdefault(_target, []).append(_add)

PLACE_KINDS = labels(PlaceKind)
STATES = labels(SuggestionState)
LATEST = 10  # activities on the home page and the activities overview
GROUP_LATEST = 5  # activities of each group on the archives by program and by branch
FORUM_LATEST = 10  # suggestions of each state on the forum's page


# ---------------------------------------------------------------- paths and titles


def path_of(entry: Entry) -> str:
    return entry.kind.page_of(entry)


def title_of(entry: Entry, site: Site) -> str:
    """The title a reader sees, as plain text (escape it where it is written)."""
    title = entry.kind.title_of(entry, site)
    if entry.record.is_draft:
        title += "（草稿）"
    return title


EXAMPLE_NOTE = ('!!! info "示例记录"\n\n'
                "    这是一条示范写法的示例记录，其中的日期、人数、人名等是虚构的。"
                "学校换上真实记录后，这个提示和各处的“示例”标记会自动消失。\n")


def _layout(meta: dict, body: str, in_nav: bool) -> dict:
    """Only the sidebars a page fills: no navigation column beside a page that is not in the navigation (a
    record's page: the column would stand empty), no table of contents for fewer than two sections."""
    hide = list(meta.get("hide", []))
    if not in_nav and "navigation" not in hide:
        hide.append("navigation")
    if body.count("\n## ") < 2 and "toc" not in hide:
        hide.append("toc")
    return {**meta, "hide": hide} if hide else meta


def _with_example_note(body: str) -> str:
    """The note under the page's heading (the first line that starts with "# ")."""
    at = body.find("\n# ")
    if at == -1:
        return body
    end = body.find("\n", at + 1)
    end = len(body) if end == -1 else end
    return body[:end] + "\n\n" + EXAMPLE_NOTE + body[end:]


class Links:
    """Link helpers for one page: relative paths, and nothing to a page this build lacks."""

    def __init__(self, page: str, ix: Index):
        self.page = page
        self.ix = ix

    def url(self, target: str) -> Markup:
        """A relative link, percent-encoded: a space, bracket or quote in a file name cannot end the link."""
        return Markup(quote(relative(target, self.page)))

    def title(self, entry: Entry) -> Markup:
        return text(title_of(entry, self.ix.site))

    def to(self, entry: Entry | None, fallback: str = "") -> Markup:
        """A Markdown link to the record's page."""
        if entry is None:
            return text(fallback)
        if not self.ix.shown(entry):
            # check refuses a shown record that names a hidden one (link.hidden_target): reaching this is a bug,
            # and stopping the build is better than printing a hidden name.
            raise AssertionError(f"{entry.rel} is hidden in this build but named on {self.page}")
        return Markup(f"[{self.title(entry)}]({self.url(path_of(entry))})")


# ---------------------------------------------------------------- page kinds


class Maker:
    """Makes pages: the helpers every kind's `pages` function uses, and the pages of no one kind."""

    LATEST = LATEST
    GROUP_LATEST = GROUP_LATEST
    FORUM_LATEST = FORUM_LATEST
    STATES = STATES

    def __init__(self, ix: Index, cache: PageCache | None = None, today: dt.date | None = None):
        self.today = today or dt.date.today()  # what is still to come, on the day the site is built
        self.ix = ix
        self.site = ix.site
        self.s = ix.site.organization
        self.cache = cache
        if cache is not None:
            site = self.site
            shared = (site.site, site.programs, site.places, site.members, site.publications, site.reviews)
            self._stamp = templates_stamp()
            self.shared = cache.token((site.mode, self._stamp,
                                       *(fingerprint(list(v.values()) if isinstance(v, dict) else v) for v in shared)))
            self._reads: dict[str, bool] = {}

    def _reads_index(self, template: str) -> bool:
        if template not in self._reads:
            key = (self._stamp, template)  # the templates as they are now
            if key not in READS_INDEX:
                READS_INDEX[key] = reads(template, "ix")
            self._reads[template] = READS_INDEX[key]
        return self._reads[template]

    def page(self, path: str, template: str, title: str, *, source: str | None = None, in_nav: bool = False,
             tags: list[str] | None = None, searchable: bool = True, search_boost: float | None = None,
             meta: dict | None = None, derived: Callable[[], dict] | None = None, **context) -> Page:
        """`derived`: more of the template's arguments, made from `e` (the page's record) and the records every page
        may read alone: so neither made nor compared unless the page is rendered."""
        key = None
        if self.cache is not None and not self._reads_index(template):
            try:
                key = (self.shared, path, template, title, source, in_nav, fingerprint(tags), searchable, search_boost,
                       fingerprint(meta), fingerprint(context, self.cache.listed))
            except Uncacheable:
                pass
            page = self.cache.get(key) if key else None
            if page is not None:
                return page
        appendix = context.pop("appendix", "")
        if derived is not None:
            context.update(derived())
        if "e" in context:
            context["r"] = context["e"].record
        body = self._render(template, path, page_title=title, **context)
        if "e" in context and context["e"].record.is_example:
            body = _with_example_note(body)
        # Listing pages repeat what the record pages say; kept out of the search index, which must stay
        # small enough to load from file:// (see bench/RESULTS.md).
        search = {"exclude": True} if not searchable else {"boost": search_boost} if search_boost else None
        if appendix:
            body = body.rstrip("\n") + "\n\n" + appendix.rstrip("\n") + "\n"
        matter = front_matter(title=title, tags=tags, search=search, **_layout(meta or {}, body, in_nav))
        page = Page(path, title, matter + "\n" + body, source, in_nav)
        if key:
            self.cache.put(key, page)
        return page

    def title(self, entry: Entry) -> str:
        return title_of(entry, self.site)

    def path_of(self, entry: Entry) -> str:
        return path_of(entry)

    def paged(self, first: str, template: str, title: str, items: list, *, in_nav: bool = False, **context) -> list[Page]:
        """A long list as numbered pages (generator/paging.py): the template gets its page's `items` and `paging`.
        Only the first page is in the navigation; none is searched (the records' own pages are)."""
        return [self.page(paging.path, template, numbered(title, paging.number), in_nav=in_nav and paging.number == 1,
                          searchable=False, items=chunk, paging=paging, **context)
                for paging, chunk in paginate(first, items)]

    def record_with_activities(self, entry: Entry, template: str, activities: list[Entry], heading: str,
                               **context) -> list[Page]:
        """A record's page listing its activities: the first page of the list is the record's page (its template
        gets `activities` and `paging`); the rest follow as pages of the list alone, under `heading`."""
        (first, chunk), *rest = paginate(path_of(entry), activities)
        pages = [self.record_page(entry, template, activities=chunk, paging=first, **context)]
        if rest:
            section, index, _ = entry.kind.section
            title = self.title(entry)
            crumbs = [(section, index), (title, path_of(entry))]
            pages += [self.page(paging.path, "activity_pages.md.j2", numbered(f"{title} · {heading}", paging.number),
                                searchable=False, items=chunk, paging=paging, crumbs=crumbs)
                      for paging, chunk in rest]
        return pages

    def _render(self, template: str, path: str, **context) -> str:
        """A template with what every page's template may use, its links made relative to `path`."""
        return render(template, L=Links(path, self.ix), ix=self.ix, s=self.s, site=self.site,
                      place_kinds=PLACE_KINDS, states=STATES, grades=GRADES, percent=percent, **context)

    def fragment(self, template: str, entry: Entry, **context) -> str:
        """Markdown for a part of a record's page that another kind adds (kinds' `adds_to`)."""
        return self._render(template, path_of(entry), **context)

    def record_page(self, entry: Entry, template: str, *, in_nav: bool = False,
                    derived: Callable[[], dict] | None = None, **context) -> Page:
        # What other kinds add to this record's page (a place's duty roster, say), after its own content.
        appendix = "\n\n".join(a for add in _ADDERS.get(entry.kind.name, ()) if (a := add(self, entry)))
        return self.page(
            path_of(entry), template, title_of(entry, self.site), source=entry.rel, in_nav=in_nav,
            tags=entry.record.tag_list, search_boost=entry.kind.search_boost, e=entry,
            appendix=appendix, derived=derived, **context,
        )

    # -- sections

    def home(self) -> Page:
        figures = {
            "党员": self.s.member_count,
            "支部": len(self.s.branches),
            "党建活动": Figure.of(self.ix.activities),
            "刊物期数": Figure.of(i for v in self.ix.issues.values() for i in v),
            "已回复建议": Figure.of(x for x in self.ix.suggestions if x.record.answered),
        }
        return self.page("index.md", "home.md.j2", self.s.organization, in_nav=True,
                         meta={"template": "home.html", "hide": ["navigation", "toc"],
                               "portal": self.portal(figures, self.ix.activities[:LATEST])})

    def portal(self, figures: dict, latest: list[Entry]) -> dict:
        """What the home page template (docs/overrides/home.html) shows. Links are docs paths under keys named
        `url` or `…_url`, which the plugin resolves; every string is plain text (escaped in front matter)."""
        def thumb(asset: str | None) -> str | None:
            return published_path(asset, thumb=True) if asset else None

        notices = [n for kind in KINDS.values() if kind.home for n in kind.home(self)]  # what kinds announce
        replies = [x for x in self.ix.suggestions if x.record.answered]
        replies.sort(key=lambda x: (x.record.replied or x.record.date, x.id), reverse=True)
        return {
            **({"notices": notices} if notices else {}),
            "honors": [f"{h.title}（{h.year}年）" if h.year else h.title for h in self.s.honors],
            "pillars": [{"title": p.short or p.title, "text": p.title, "url": f"work/{p.id}.md"} for p in self.s.pillars],
            "figures": [_figure(label, value) for label, value in figures.items()],
            "activities": [
                {
                    "title": title_of(a, self.site),
                    "url": path_of(a),
                    "date": cn_date(a.record.date),
                    "summary": " ".join((a.record.summary or "").split()),
                    "thumb_url": thumb(a.record.photos[0].src if a.record.photos else None),
                }
                for a in latest[:6]
            ],
            "issues": [
                {
                    "title": title_of(i, self.site),
                    "url": path_of(i),
                    "date": cn_date(i.record.date),
                    "cover_url": thumb(i.record.cover),
                }
                for i in self.ix.latest_issues
            ],
            "replies": [
                {
                    "title": title_of(x, self.site),
                    "url": path_of(x),
                    "date": cn_date(x.record.replied or x.record.date),
                    "from": x.record.from_,
                    "state": STATES[x.record.state],
                }
                for x in replies[:5]
            ],
            "more": {
                "activities_url": "activities/index.md",
                "publications_url": "publications/index.md",
                "forum_url": "forum/index.md",
            },
        }

    def tags(self, slugs: dict[str, str]) -> list[Page]:
        """The tags, each with how many records carry it, and each tag's records as a paged list."""
        tags = [(tag, f"tags/{slugs[tag]}.md", len(entries)) for tag, entries in self.ix.by_tag.items()]
        pages = [self.page("tags.md", "tags.md.j2", "标签", in_nav=True, searchable=False, tags_listed=tags)]
        for tag, first, _ in tags:
            pages += self.paged(first, "tag.md.j2", f"标签：{tag}", self.ix.by_tag[tag])
        return pages


def tag_slugs(tags) -> dict[str, str]:
    """Each tag's part of its page's address: the pinyin of its Chinese and its digits (an address that reads the
    same on every system, also from a USB stick; no other letters, so no markup ever reaches an address), made
    unique in the order of the tags."""
    from .pinyin import slug  # pypinyin only when there are tags

    out: dict[str, str] = {}
    taken: set[str] = set()
    for tag in tags:
        base = candidate = slug(re.sub(r"[^\u3400-\u9fff0-9]+", " ", tag))
        n = 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        out[tag] = candidate
    return out


def theme_tags(output: Output) -> dict[str, str]:
    """The tag chips' links for the theme (docs/overrides/partials/tags.html), by the tag as its page's front
    matter holds it: escaped."""
    return {html.escape(tag, quote=True): slug for tag, slug in output.tag_slugs.items()}


def _figure(label: str, value) -> dict:
    """A figure of the home page; one that counts example records carries a note saying how many."""
    if isinstance(value, Figure):
        note = f"含示例 {value.examples}" if value.examples else None
        return {"label": label, "value": str(value.n), **({"note": note} if note else {})}
    return {"label": label, "value": "—" if value is None else str(value)}


def footer(site: Site) -> dict:
    """What the footer of every page shows (docs/overrides/partials/copyright.html): who publishes the site, how to
    reach them, and the filing numbers a Chinese site must show. Plain strings: the template escapes them."""
    s = site.organization
    contact = s.contact
    police = s.police_filing
    return {
        "organization": s.organization,
        "address": contact.address if contact else None,
        "phone": contact.phone if contact else None,
        "email": contact.email if contact else None,
        "icp": s.icp,
        "police": police,
        "police_code": re.sub(r"\D", "", police) if police else None,
    }


def make_pages(site: Site, cache: PageCache | None = None, today: dt.date | None = None) -> Output:
    """Every page of one build, and the photos and files they show."""
    ix = build_index(site)
    if cache is not None:
        cache.start()
    m = Maker(ix, cache, today)
    slugs = tag_slugs(ix.by_tag)
    pages = [m.home(), *(p for kind in KINDS.values() if kind.pages for p in kind.pages(m)), *m.tags(slugs)]
    seen: set[str] = set()
    for p in pages:  # like Pelican's writer: one output path, one page
        if p.path in seen:
            raise AssertionError(f"two pages for {p.path}")
        seen.add(p.path)
    media = sorted({path for e in ix.shown_entries() for _, path in e.assets()})
    return Output(pages, media, slugs)


def navigation(pages: list[Page]) -> list:
    """MkDocs `nav` for the section and archive pages; titles are HTML as themes print them raw."""
    titles = {p.path: p.title for p in pages if p.in_nav}

    def item(path: str, title: str | None = None):
        return {html.escape(title or titles[path]): path}

    def section(title: str, index: str, children: list[str]):
        return {title: [index] + [item(c) for c in children]}

    def under(prefix: str, index: str) -> list[str]:
        return [p for p in titles if p.startswith(prefix) and p != index]

    sections = []
    for kind in KINDS.values():
        if kind.section and kind.section[1] in titles:  # a kind with nothing to show has no section
            title, index, listed = kind.section
            sections.append(section(title, index, under(index.split("/")[0] + "/", index)) if listed else item(index, title))
    return [item("index.md", "首页"), *sections, item("tags.md", "标签")]
