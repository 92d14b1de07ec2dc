"""RSS and Atom feeds of activities and of periodical issues: public, published records only."""

from __future__ import annotations

import datetime as dt
import heapq
import html

from feedgen.feed import FeedGenerator

from .link import BuildMode
from .load import Entry
from .pages import path_of, title_of

CHINA = dt.timezone(dt.timedelta(hours=8))
LATEST = 50


def page_url(site_url: str, md_path: str) -> str:
    """The address MkDocs gives a page (directory URLs)."""
    stem = md_path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return site_url + stem[: -len("index")]
    return f"{site_url}{stem}/"


_public = BuildMode().shows  # the public build's rule, whatever build the feeds are made in


def feed_path(slug: str, atom: bool = False) -> str:
    """At the site root: Material fetches sitemap.xml next to every `link rel=alternate`, which only exists there."""
    return f"feed-{slug}.atom.xml" if atom else f"feed-{slug}.xml"


# The last feed made of each kind, by what it was made from: a preview's rebuild makes them again only when one of
# the latest records, site.yml or a periodical (an issue's title may be its periodical's) changed. Records are
# never changed after loading, so identity tells.
_MADE: dict[str, tuple[tuple, dict[str, bytes]]] = {}


def _feed(site, site_url: str, slug: str, title: str, entries: list[tuple[Entry, dt.date, str]]) -> dict[str, bytes]:
    key = (site.site, tuple(site.publications.values()), site_url, title, tuple(entries[:LATEST]))
    made = _MADE.get(slug)
    if made is not None and made[0] == key:
        return made[1]
    feeds = _made(site, site_url, slug, title, entries)
    _MADE[slug] = (key, feeds)
    return feeds


def _made(site, site_url: str, slug: str, title: str, entries: list[tuple[Entry, dt.date, str]]) -> dict[str, bytes]:
    fg = FeedGenerator()
    fg.id(site_url + feed_path(slug))
    fg.title(f"{site.organization.organization} · {title}")
    fg.link(href=site_url + feed_path(slug), rel="self")
    fg.link(href=site_url, rel="alternate")  # last: RSS takes its channel <link> from the last one given
    fg.description(html.escape(f"{site.organization.school}党建工作：{title}"))  # HTML to a reader, like an item's
    fg.language("zh-CN")
    for entry, day, summary in entries[:LATEST]:
        url = page_url(site_url, path_of(entry))
        when = dt.datetime.combine(day, dt.time(0, 0), CHINA)
        fe = fg.add_entry(order="append")
        fe.id(url)
        fe.title(title_of(entry, site))
        fe.link(href=url)
        fe.published(when)
        fe.updated(when)
        # Readers show an RSS description, and Atom content of type html, as HTML: the record's plain text
        # is escaped once more to stay text there.
        shown = html.escape(summary or title_of(entry, site))
        fe.description(shown)
        fe.content(shown, type="html")
    return {feed_path(slug): fg.rss_str(pretty=True), feed_path(slug, atom=True): fg.atom_str(pretty=True)}


def make_feeds(site, site_url: str) -> dict[str, bytes]:
    """Path under the site -> feed document. Drafts and internal records never appear, whatever the build."""
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    # The latest only: a feed holds LATEST of them, and a preview makes its feeds at every save.
    activities = heapq.nlargest(LATEST, (a for a in site.activities.values() if _public(a)),
                                key=lambda a: (a.record.date, a.id))
    issues = [
        (i, i.record.date or dt.date(i.ident.year, 1, 1), "、".join(a.title for a in i.record.articles))
        for pub_id, by_id in site.issues.items() if pub_id in site.publications and _public(site.publications[pub_id])
        for i in by_id.values() if _public(i)
    ]
    issues.sort(key=lambda t: (t[1], t[0].ident.year, t[0].ident.number), reverse=True)
    return {
        **_feed(site, site_url, "activities", "党建活动", [(a, a.record.date, a.record.summary or "") for a in activities]),
        **_feed(site, site_url, "issues", "刊物", issues),
    }
