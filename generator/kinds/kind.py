"""A record kind, stated once: its model, its files, its page, its title and its references."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterator

from .base import Record, example_title
from .hooks import AddsTo, Home, LinkRules, Pages, RecordEntry, Records, Start, Title

# The lists of site.yml that records name by id, as a Reference's target: target -> key in site.yml, and the
# field of an item that names it.
SITE_LISTS = {"branch": "branches", "pillar": "pillars"}
SITE_LIST_NAMES = {"branch": "name", "pillar": "title"}


@dataclass(frozen=True, slots=True)
class Reference:
    """A field that names other records by id, e.g. `members[]` → member, `articles[].member` → member.

    `target` is a kind's name, or "branch" / "pillar" for the lists in site.yml. A reference to a kind must
    also be shown wherever the record that makes it is (`link.hidden_target`); `required` words the fix
    as "换一个" rather than "删去" for a field that must have a value.
    """

    path: str
    target: str
    what: str  # what it names, in messages: 党员
    hidden_what: str | None = None  # how it is named when it is hidden, if not by `what`: 作者对应的党员
    required: bool = False
    # A draft may leave it empty (an imported 简报 whose practice could not be guessed): the form still asks for it,
    # and check requires it once the record is published.
    drafts_may_omit: bool = False

    def values(self, record) -> Iterator[tuple[tuple, str]]:
        """(key path, id) of every value the record holds at this path."""
        yield from _walk(record, self.path.split("."), ())


def _walk(value, steps: list[str], loc: tuple):
    if value is None:
        return
    if not steps:
        if isinstance(value, str):
            yield loc, value
        return
    step, rest = steps[0], steps[1:]
    many = step.endswith("[]")
    name = step.removesuffix("[]")
    inner = getattr(value, name, None)
    if many:
        for i, item in enumerate(inner or ()):
            yield from _walk(item, rest, loc + (name, i))
    else:
        yield from _walk(inner, rest, loc + (name,))


@dataclass(frozen=True, slots=True)
class Blank:
    """How `generator new` starts a record of this kind. `start(options)` gives the folder, the id, the fields
    it fills in (as YAML) and the values its examples may name ({year}, {date} …); every other field of the
    model is written as a commented example with the model's own description."""

    start: Start
    note: str = ""  # said after the kind's name on the first line
    examples: dict[str, str] = field(default_factory=dict)  # YAML of optional fields, shown commented
    draft: bool = True  # starts with status: draft (kinds that have a status)


Order = Callable[[list[RecordEntry], Records], list[RecordEntry]]  # a kind's shown records, in the order listed


def newest_first(entries: list[RecordEntry], site: Records) -> list[RecordEntry]:
    return sorted(entries, key=lambda e: (getattr(e.record, "date", None) or dt.date.min, e.id), reverse=True)


def by_id(entries: list[RecordEntry], site: Records) -> list[RecordEntry]:
    return sorted(entries, key=lambda e: e.id)


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # used in code, CLI and schema file names
    model: type[Record]
    files: object  # a rule of kinds/files.py
    example: str  # an example path under records/, for messages
    glob: str  # its files, for editors that validate YAML against a schema
    page: str | None = None  # its page under docs/, a format string over the file identity `i`
    references: tuple[Reference, ...] = ()
    named_by: str = "title"  # the field that names a record: in lists, the editor's, and "did you mean" hints
    title: Title | None = None  # what a reader sees as its name, if more than the field that names it
    referable: bool = True  # other records may name it by id
    within: str | None = None  # the kind of record it belongs to (by the identity's field of that name)
    order: Order = newest_first  # how its shown records are listed (indexes.Index.of_kind)
    link_rules: LinkRules | None = None  # findings about the records it names
    pages: Pages | None = None  # its section's pages: listings and one page per record
    section: tuple[str, str, bool] | None = None  # in the navigation: title, index page, whether it lists its pages
    blank: Blank | None = None  # how `generator new` starts one
    adds_to: dict[str, AddsTo] = field(default_factory=dict)  # what it adds to other kinds' record pages, by kind
    home: Home | None = None  # notices for the home page
    internal_only: bool = False  # shown by internal builds only, whatever the record says
    # How much more a search ranks this kind's record pages: the page about a practice, a place or a periodical
    # comes before the pages that mention it (Material's per-page `search.boost`).
    search_boost: float | None = None

    @property
    def label(self) -> str:
        return self.model.kind_label

    @property
    def folder(self) -> str:
        return self.files.folder

    def identify(self, parts: list[str]):
        return self.files.identify(parts, self.label, self.example)

    def page_of(self, entry: RecordEntry) -> str:
        return self.page.format(i=entry.ident)

    def name_of(self, entry: RecordEntry) -> str | None:
        """The record's own name, as its `named_by` field holds it (None in a record whose field failed)."""
        return getattr(entry.record, self.named_by, None)

    def title_of(self, entry: RecordEntry, site: Records) -> str:
        title = self.title(entry, site) if self.title else self.name_of(entry)
        return example_title(title) if entry.record.is_example else title
