"""What a kind's hooks are given, as Protocols: what `entry`, `site`, `m` and `o` offer, in one place a reader (and
an editor's "go to definition") reaches from a kind's module without reading the generic code that passes them.

The generic code's own classes provide them — load.Entry, link.Site, indexes.Index, pages.Maker, new.Options —
and tests/test_kinds.py holds each to its Protocol. The kinds import nothing above them: these Protocols are how
they speak of what is made later in a build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol, runtime_checkable

from ..structure import Page
from .base import FileIdentity, Finding, Record


@runtime_checkable
class RecordEntry(Protocol):
    """One record file, read and checked (load.Entry)."""

    ident: FileIdentity
    rel: str  # its path under records/, with "/"
    display: str  # its path as messages show it
    record: Any  # the kind's model (a Record); partial when the file had errors

    @property
    def id(self) -> str: ...


@runtime_checkable
class Records(Protocol):
    """Every record of a build, by kind and id (link.Site)."""

    site: RecordEntry  # site.yml
    organization: Any  # site.yml's record (kinds.site.Organization)
    programs: dict[str, RecordEntry]
    places: dict[str, RecordEntry]
    activities: dict[str, RecordEntry]
    members: dict[str, RecordEntry]
    publications: dict[str, RecordEntry]
    issues: dict[str, dict[str, RecordEntry]]  # publication id -> issue id -> entry
    suggestions: dict[str, RecordEntry]
    reviews: dict[str, RecordEntry]
    records: dict[str, list[RecordEntry]]  # every kind's records, by kind name


@runtime_checkable
class Shown(Protocol):
    """What one build shows and how the shown records relate (indexes.Index): lists newest first."""

    site: Records
    programs: list[RecordEntry]
    places: list[RecordEntry]
    activities: list[RecordEntry]
    members: list[RecordEntry]
    publications: list[RecordEntry]
    issues: dict[str, list[RecordEntry]]
    suggestions: list[RecordEntry]
    reviews: list[RecordEntry]
    by_year: dict[int, list[RecordEntry]]
    by_program: dict[str, list[RecordEntry]]
    by_place: dict[str, list[RecordEntry]]
    by_branch: dict[str, list[RecordEntry]]
    by_member: dict[str, list[RecordEntry]]
    articles_by_member: dict[str, list[Any]]
    of_kind: dict[str, list[RecordEntry]]  # the shown records of the kinds without a list of their own above

    def shown(self, entry: RecordEntry | None) -> bool: ...

    def figures(self, year: int) -> Any: ...


@runtime_checkable
class PageMaker(Protocol):
    """What a kind's `pages`, `home` and `adds_to` hooks are given (pages.Maker): the build's records and the
    helpers that make pages from templates."""

    LATEST: int
    GROUP_LATEST: int
    FORUM_LATEST: int
    STATES: dict[str, str]
    today: dt.date
    ix: Shown
    site: Records
    s: Any  # site.yml's record (kinds.site.SiteRecord)

    def page(self, path: str, template: str, title: str, *, source: str | None = None, in_nav: bool = False,
             tags: list[str] | None = None, searchable: bool = True, search_boost: float | None = None,
             meta: dict | None = None, **context) -> Page: ...

    def paged(self, first: str, template: str, title: str, items: list, *, in_nav: bool = False,
              **context) -> list[Page]: ...

    def record_page(self, entry: RecordEntry, template: str, *, in_nav: bool = False,
                    derived: Callable[[], dict] | None = None, **context) -> Page: ...

    def record_with_activities(self, entry: RecordEntry, template: str, activities: list[RecordEntry],
                               heading: str, **context) -> list[Page]: ...

    def fragment(self, template: str, entry: RecordEntry, **context) -> str: ...

    def title(self, entry: RecordEntry) -> str: ...

    def path_of(self, entry: RecordEntry) -> str: ...


@runtime_checkable
class ExistingRecords(Protocol):
    """The ids already in records/, read from file names, so `generator new` works on a broken tree too."""

    def stems(self, folder: str) -> list[str]: ...

    def site_ids(self, key: str) -> list[str]: ...

    def publications(self) -> list[str]: ...

    def free(self, folder: str, base: str) -> str: ...


@runtime_checkable
class NewOptions(Protocol):
    """What a kind's Blank.start is given (new.Options): the command line's options and the helpers to use them."""

    records: Path
    ex: ExistingRecords
    today: dt.date
    title: str | None
    date: dt.date | None
    program: str | None
    pillar: str | None
    kind_of_place: str | None
    name: str | None
    pub: str | None
    year: int | None
    origin: str | None
    place: str | None
    member: str | None
    branch: str | None

    def need(self, value: str | None, option: str, what: str) -> str: ...

    def pick(self, what: str, value: str | None, options: list[str], option: str) -> str: ...

    def slug(self, title: str) -> str: ...

    def q(self, value: str) -> str: ...

    def fail(self, message: str) -> Exception: ...


# The hooks themselves, as Kind and Blank declare them.
Title = Callable[[RecordEntry, Records], str]  # what a reader sees as a record's name
Lookup = Callable[[str, str], RecordEntry | None]  # (kind name, id) -> the record, if there is one
LinkRules = Callable[[RecordEntry, Lookup], Iterator[Finding]]  # findings about the records a record names
Pages = Callable[[PageMaker], list[Page]]  # a kind's section: listings and one page per record
AddsTo = Callable[[PageMaker, RecordEntry], str]  # Markdown appended to another kind's record page
Home = Callable[[PageMaker], list[dict]]  # notices for the home page: [{"title", "text", "url"}]
# (folder, id, the fields it fills in as YAML, the values its examples may name)
Start = Callable[[NewOptions], tuple[str, str, dict[str, str], dict[str, object]]]

__all__ = ["AddsTo", "ExistingRecords", "Home", "LinkRules", "Lookup", "NewOptions", "PageMaker", "Pages", "Record",
           "RecordEntry", "Records", "Shown", "Start", "Title"]
