"""Pages of the last build, kept across `mkdocs serve` rebuilds and keyed by everything their Markdown is made
from, so that a save renders again only the pages it touched."""

from __future__ import annotations

import dataclasses

from pydantic import BaseModel

from .load import Entry
from .render import TEMPLATES
from .structure import Page


class PageCache:
    """Pages of the last build, by everything their Markdown is made from, so that a rebuild under
    `mkdocs serve` renders again only the pages an edit touched.

    A page is made from its template and the arguments passed to it: records compared by identity (the
    loader's RecordCache hands back the same Entry for an unchanged file), other values by value. Any page
    may also look up site.yml, programs, places, members, publications and reviews, and the templates
    themselves: a change to any of those renders every page again. A page whose template reads the whole
    index (`ix`) is always rendered.
    """

    def __init__(self):
        self._last: dict = {}
        self._now: dict = {}
        self._listed_last: dict[int, tuple] = {}
        self._listed_now: dict[int, tuple] = {}
        self.rendered: list[str] = []  # pages the last make_pages rendered rather than reused
        self._shared: _Same | None = None

    def token(self, shared: tuple) -> _Same:
        """What every page's key holds of the records all pages may read: the same object as the last build's while
        those are the same (compared once here), so each page's key is hashed and compared without walking them."""
        if self._shared is None or self._shared.obj != shared:
            self._shared = _Same(shared)
        return self._shared

    def start(self) -> None:
        self._last, self._now, self.rendered = self._now or self._last, {}, []
        self._listed_last, self._listed_now = self._listed_now or self._listed_last, {}

    def listed(self, entry: Entry) -> tuple:
        """A record as a list of records shows it: everything but its body, which only its own page
        shows. So a typo fixed in one activity's text renders again its page, not every listing of it."""
        found = self._listed_now.get(id(entry))
        if found is None:
            found = self._listed_last.get(id(entry))
            if found is None or found[0] is not entry:
                found = (entry, (entry.rel, entry.record.model_dump_json(exclude={"body"})))
            self._listed_now[id(entry)] = found
        return found[1]

    def get(self, key):
        page = self._last.get(key)
        if page is not None:
            self._now[key] = page
        return page

    def put(self, key, page: Page) -> None:
        self._now[key] = page
        self.rendered.append(page.path)


class Uncacheable(Exception):
    pass


def fingerprint(value, listed=None):
    """A hashable stand-in for a template argument: a record by identity, or in a list of records by
    `listed`; plain data by value."""
    if type(value) in _AS_IS:  # by exact type first: every page's key is made at every rebuild of a preview
        return value
    if isinstance(value, (list, tuple)):
        if not value:
            return ()
        first = type(value[0])
        if first is Entry and all(type(v) is Entry for v in value):  # the common case, and long: thousands
            return tuple(map(listed, value)) if listed else tuple(value)
        if first is str and all(type(v) is str for v in value):  # tags
            return tuple(value)
        return tuple([fingerprint(v, listed) for v in value])
    if isinstance(value, dict):
        return tuple([(k, fingerprint(v, listed)) for k, v in value.items()])
    if isinstance(value, (str, int, float, bool, Entry)):  # a subclass: Markup
        return value
    if dataclasses.is_dataclass(value):
        return (type(value).__name__, *(fingerprint(getattr(value, f.name), listed) for f in dataclasses.fields(value)))
    if isinstance(value, BaseModel):  # a branch or pillar of site.yml: the site entry in the key decides
        return _Same(value)
    raise Uncacheable(type(value))


_AS_IS = frozenset({type(None), str, int, float, bool, Entry})


class _Same:
    """Compares by identity, and holds the object so its id is never reused while the key lives."""

    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj

    def __hash__(self):
        return id(self.obj)

    def __eq__(self, other):
        return isinstance(other, _Same) and other.obj is self.obj


def templates_stamp() -> tuple:
    return tuple(sorted((p.name, st.st_mtime_ns, st.st_size) for p in TEMPLATES.iterdir() if (st := p.stat())))


READS_INDEX: dict[tuple, bool] = {}
