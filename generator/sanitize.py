"""An allowlist for the HTML of generated pages, where record Markdown becomes HTML.

Anyone who can open a pull request can write a record, so what their Markdown
(and its raw HTML, and attr_list attributes) turns into is cut down to what
Material and our Markdown extensions produce. nh3 (ammonia) parses like a
browser, so entity-encoded or mixed-case schemes are judged after decoding.
Hand-written pages in docs/ are not passed through here.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3

# Python-Markdown's extensions for record Markdown (render.py), as MkDocs' markdown_extensions has them.
MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "footnotes", "toc"]

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "nav", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "data-search-exclude"},  # the last keeps listings out of the search index
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan"},
    "details": {"open"},
    "nav": {"aria-label"},  # the numbered pages of a long list (generator/paging.py)
    "strong": {"aria-current"},  # the page a visitor is on, among them
}
URL_SCHEMES = {"http", "https", "mailto"}  # and relative URLs, which ammonia keeps


# An image from another site is a request to it from every reader (a tracking pixel on the public site, a
# call to the internet from the offline archive). Images are the site's own, by relative address.
_REMOTE = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|[/\\]{2})")  # any scheme, or another host
_NETWORK = re.compile(r"^\s*(?:(?:https?|ftps?):|[/\\]{2})", re.I)  # what a browser would fetch
_IMG_SRC = re.compile(r"<img\b[^>]*?\ssrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)


def is_remote(url: str) -> bool:
    return bool(_REMOTE.match(url))


def remote_images(rendered: str) -> list[str]:
    """The addresses of images in rendered HTML that a browser would fetch from another site. (Other schemes,
    javascript: and the like, are no request: the sanitiser drops them without troubling the editor.)"""
    found = (html.unescape(next(g for g in m.groups() if g is not None)) for m in _IMG_SRC.finditer(rendered))
    return [url.strip() for url in found if _NETWORK.match(url)]


def _attribute(element: str, attribute: str, value: str) -> str | None:
    # Ids starting with "__" could shadow the theme's own elements (its config is <script id="__config">).
    if attribute == "id" and value.startswith("__"):
        return None
    if element == "img" and attribute == "src" and is_remote(value):
        return None
    return value


# Made once: nh3.clean with options builds ammonia's cleaner again for every page (a fifth of sanitising's time).
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
    filter_style_properties={"text-align"},  # table column alignment; nothing else of style survives
    attribute_filter=_attribute,
)


def clean(html: str) -> str:
    return _CLEANER.clean(html)


def remote_images_in(value: str) -> list[str]:
    """Images of a Markdown field that would load from another site, as Python-Markdown renders it."""
    return remote_images(markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).convert(value))
