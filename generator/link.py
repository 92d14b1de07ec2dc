"""Resolve references between records and gather them into one Site."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from . import messages as say
from .errors import Problem
from .fields import SLUG
from .kinds import KINDS
from .kinds.files import Named
from .kinds.kind import SITE_LISTS
from .load import Entry, Loaded


@dataclass(frozen=True, slots=True)
class BuildMode:
    """Which records a build publishes. The default is the public site."""

    drafts: bool = False
    internal: bool = False

    def shows(self, entry: Entry) -> bool:
        if entry.kind.internal_only and not self.internal:
            return False
        record = entry.record
        if record.is_draft and not self.drafts:
            return False
        if record.is_internal and not self.internal:
            return False
        return True


@dataclass(slots=True)
class Site:
    """Every record of a build, by kind: one store (`records`), every other view derived from it. Rendering sees
    only clean, complete records."""

    site: Entry  # site.yml
    records: dict[str, list[Entry]]  # every kind's records, in file order (ids may repeat: issues)
    mode: BuildMode = field(default_factory=BuildMode)
    _by_id: dict[str, dict[str, Entry]] = field(default_factory=dict, repr=False)
    _within: dict[str, dict[str, dict[str, Entry]]] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for name, entries in self.records.items():
            owner = KINDS[name].within
            if owner is None:
                self._by_id[name] = {e.id: e for e in entries}
            else:  # numbered within another kind (issues within a periodical): owner id -> id -> record
                grouped = self._within[name] = {}
                for e in entries:
                    grouped.setdefault(getattr(e.ident, owner), {})[e.id] = e

    def by_id(self, kind: str) -> dict[str, Entry]:
        """A kind's records by id; for a kind numbered within another, `within`."""
        return self._by_id[kind]

    def within(self, kind: str) -> dict[str, dict[str, Entry]]:
        return self._within[kind]

    @property
    def organization(self):
        """site.yml's record: the school, the organisation, its branches and pillars (the `site` entry's record)."""
        return self.site.record

    # Named views of the store, as the templates and the kinds read them.
    programs = property(lambda self: self._by_id["program"])
    places = property(lambda self: self._by_id["place"])
    activities = property(lambda self: self._by_id["activity"])
    members = property(lambda self: self._by_id["member"])
    publications = property(lambda self: self._by_id["publication"])
    issues = property(lambda self: self._within["issue"])
    suggestions = property(lambda self: self._by_id["suggestion"])
    reviews = property(lambda self: self._by_id["review"])


def _name_of(target) -> str | None:
    """What a reader calls a record or a site.yml item: a member's name, a title, a branch's name."""
    if target is None or isinstance(target, str):  # a file that could not be read; a site.yml item's name
        return target
    return target.kind.name_of(target)


def _unknown(what: str, value: str, known: dict, file: str, site_list: bool) -> str:
    if "，" in value:
        return say.unknown_with_comma(what, value)
    names = {ident: _name_of(target) for ident, target in known.items()}
    by_name = [ident for ident, name in names.items() if name and name.strip("《》") == value.strip("《》")]
    if by_name:  # the name written where the id belongs: 张华 for zhang-hua
        return say.name_for_id(what, value, by_name[0], names[by_name[0]])
    hint = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    if site_list:  # a short list: a close id with its name, or the whole list
        return say.unknown_site_item(what, value, (hint[0], names[hint[0]]) if hint else None, names.items())
    return say.unknown_record(what, value, file.format(id=value) if file else None, bool(SLUG.fullmatch(value)),
                              hint[0] if hint else None)


def _missing(ref, targets: dict, file: str) -> str:
    return say.missing_ref(ref.what, [(i, _name_of(t)) for i, t in targets.items()], file.split("{")[0] or None)


class _Linker:
    def __init__(self, loaded: Loaded, mode: BuildMode):
        self.loaded = loaded
        self.mode = mode
        self.problems: list[Problem] = []

    def ref(self, entry: Entry, loc: tuple, value: str | None, targets, what: str, file: str = "",
            site_list: bool = False) -> Entry | None:
        """The record a reference names; None (and a problem) when there is none."""
        if value is None or targets is None:
            return None
        if value not in targets:
            self.problems.append(entry.problem(loc, _unknown(what, value, targets, file, site_list)))
            return None
        target = targets[value]
        return target if isinstance(target, Entry) else None

    def hidden_target(self, entry: Entry, loc: tuple, target: Entry | None, what: str, *, required: bool = False) -> None:
        """The one rule of visibility: a record this build shows must not name one it hides (a draft, an
        internal record, a member without consent, who is internal until they agree). Its page would
        otherwise print the hidden record's name, and the search index and archive with it."""
        if target is None or not self.mode.shows(entry) or self.mode.shows(target):
            return
        if target.record.is_draft and not self.mode.drafts:
            say_it = say.hidden_draft
        elif target.kind.name == "member":
            say_it = say.hidden_member
        else:
            say_it = say.hidden_internal
        self.problems.append(entry.problem(loc, say_it(what, target.id, required)))


_ABSENT = object()  # no file of that kind and id (a file that could not be read is there, as None)


class LinkMemo:
    """Which records linked without a problem last time, and everything each looked up: a preview's rebuild links
    again only the records that changed or whose targets did (a save links one record, not 5,000). A record
    with a problem is linked again every time: its messages may name any record."""

    def __init__(self):
        self._clean: dict[int, tuple[Entry, list[tuple]]] = {}
        self._context: tuple = (None, None)

    def start(self, mode: BuildMode, site_record) -> dict[int, tuple[Entry, list[tuple]]]:
        """What was clean last time, if it was linked in the same mode against the same site.yml."""
        last, self._clean = self._clean, {}
        same = self._context[0] == mode and self._context[1] is site_record
        self._context = (mode, site_record)
        return last if same else {}

    def keep(self, e: Entry, looked_up: list[tuple]) -> None:
        self._clean[id(e)] = (e, looked_up)


def _still_clean(e: Entry, found: tuple | None, by_kind: dict) -> bool:
    return found is not None and found[0] is e and all(
        by_kind[kind].get(ident, _ABSENT) is target for kind, ident, target in found[1])


def link(loaded: Loaded, mode: BuildMode = BuildMode(), memo: LinkMemo | None = None) -> tuple[Site | None, list[Problem]]:
    """Check every reference every kind states; return the Site and the problems.

    The Site is only fit to render when no problem is an error (see pipeline).
    """
    ln = _Linker(loaded, mode)
    by_kind = loaded.by_kind()
    site_entry = by_kind["site"].get("site")
    site_record = site_entry.record if site_entry else None
    # The lists of site.yml that records name by id; with site.yml unreadable they cannot be checked.
    names = {"branch": lambda b: b.name, "pillar": lambda p: p.short or p.title}
    lists = {
        target: {i.id: names[target](i) for i in (getattr(site_record, key) or ())} if site_record else None
        for target, key in SITE_LISTS.items()
    }

    looked_up: list[tuple] = []  # (kind, id, what was found) by the record being linked

    def lookup(kind: str, ident: str) -> Entry | None:
        found = by_kind[kind].get(ident, _ABSENT)
        looked_up.append((kind, ident, found))
        return None if found is _ABSENT else found

    last = memo.start(mode, site_record) if memo is not None else {}
    of_kind: dict[str, list[Entry]] = {name: [] for name in KINDS}
    for e in loaded.entries:  # not by id: issues of different periodicals share ids ("2024-01")
        of_kind[e.kind.name].append(e)
    for kind in KINDS.values():
        files = {ref.target: f"records/{KINDS[ref.target].folder}/{{id}}.yml"
                 if ref.target in KINDS and isinstance(KINDS[ref.target].files, Named) else "" for ref in kind.references}
        for e in of_kind[kind.name]:
            found = last.get(id(e))
            if _still_clean(e, found, by_kind):
                memo.keep(e, found[1])
                continue
            looked_up = []
            before = len(ln.problems)
            shown = True
            if kind.within:  # shown with what it belongs to, and only if that exists
                owner_kind = KINDS[kind.within]
                owner_id = getattr(e.ident, kind.within)
                owner = lookup(kind.within, owner_id)
                if owner_id not in by_kind[kind.within]:
                    ln.problems.append(e.problem((), say.missing_owner(owner_kind.label, owner_kind.folder, owner_id,
                                                                       owner_kind.example.rsplit("/", 1)[-1])))
                shown = owner is None or mode.shows(owner)
            for ref in kind.references:
                file = files[ref.target]
                if ref.target in KINDS:
                    targets = by_kind[ref.target]
                else:  # a list of site.yml: the memo holds site.yml's record
                    targets = lists[ref.target]
                needed = ref.required and not (ref.drafts_may_omit and e.record.is_draft)
                if needed and (ref.path,) not in e.doc.empty and ref.path not in e.doc.data and targets is not None:
                    ln.problems.append(e.problem((ref.path,), _missing(ref, targets, file)))
                for loc, value in ref.values(e.record):
                    if ref.target in KINDS and value is not None:
                        looked_up.append((ref.target, value, targets.get(value, _ABSENT)))
                    target = ln.ref(e, loc, value, targets, ref.what, file, site_list=ref.target in SITE_LISTS)
                    if shown and ref.target in KINDS:
                        ln.hidden_target(e, loc, target, ref.hidden_what or ref.what, required=ref.required)
            if kind.link_rules:
                ln.problems.extend(e.problem(f.loc, f.message, warning=f.warning) for f in kind.link_rules(e, lookup))
            if memo is not None and len(ln.problems) == before:
                memo.keep(e, looked_up)

    if site_entry is None:
        return None, ln.problems
    return Site(site=site_entry, records=of_kind, mode=mode), ln.problems
