"""Resolve references between records and gather them into one Site."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .errors import Problem
from .load import Entry, Loaded


@dataclass(frozen=True, slots=True)
class BuildMode:
    """Which records a build publishes. The default is the public site."""

    drafts: bool = False
    internal: bool = False

    def shows(self, entry: Entry) -> bool:
        record = entry.record
        if getattr(record, "status", "published") == "draft" and not self.drafts:
            return False
        if getattr(record, "visibility", "public") == "internal" and not self.internal:
            return False
        return True


@dataclass(slots=True)
class Site:
    """Every record, by type and id. Rendering sees only clean, complete records."""

    site: Entry
    programs: dict[str, Entry]
    places: dict[str, Entry]
    activities: dict[str, Entry]
    members: dict[str, Entry]
    publications: dict[str, Entry]
    issues: dict[str, dict[str, Entry]]  # publication id -> issue id -> entry
    suggestions: dict[str, Entry]
    reviews: dict[str, Entry]
    mode: BuildMode = field(default_factory=BuildMode)


def _unknown(what: str, value: str, known, where: str) -> str:
    message = f"找不到{what}“{value}”"
    if where:
        message += f"（应有文件 {where.format(id=value)}）"
    hint = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    if hint:
        message += f"，是不是想写“{hint[0]}”？"
    return message


class _Linker:
    def __init__(self, loaded: Loaded, mode: BuildMode):
        self.loaded = loaded
        self.mode = mode
        self.problems: list[Problem] = []

    def ref(self, entry: Entry, loc: tuple, value: str | None, targets, what: str, where: str = "") -> Entry | None:
        """The record a reference names; None (and a problem) when there is none."""
        if value is None or targets is None:
            return None
        if value not in targets:
            self.problems.append(entry.problem(loc, _unknown(what, value, targets, where)))
            return None
        target = targets[value]
        return target if isinstance(target, Entry) else None

    def refs(self, entry: Entry, name: str, values: list[str] | None, targets, what: str, where: str = "") -> None:
        """A list of references; each must also be shown wherever the record naming it is."""
        for i, value in enumerate(values or ()):
            self.hidden_target(entry, (name, i), self.ref(entry, (name, i), value, targets, what, where), what)

    def hidden_target(self, entry: Entry, loc: tuple, target: Entry | None, what: str, *, required: bool = False) -> None:
        """The one rule of visibility: a record this build shows must not name one it hides (a draft, an
        internal record, a member without consent, who is internal until they agree). Its page would
        otherwise print the hidden record's name, and the search index and archive with it."""
        if target is None or not self.mode.shows(entry) or self.mode.shows(target):
            return
        name = f"{what}“{target.id}”"
        remove = "换一个" if required else f"从这里删去“{target.id}”"
        if getattr(target.record, "status", None) == "draft" and not self.mode.drafts:
            message = (f"{name}还是草稿（status: draft），不会发布，这里也就不能写它。"
                       f"请先发布它（删去它的 status: draft），或{remove}")
        elif target.type.name == "member":
            message = (f"{name}是内部记录（visibility: internal），公开网站上不能出现其姓名。"
                       f"请{remove}；本人同意公开后，可把其记录改为 consent: true 并删去 visibility: internal")
        else:
            message = (f"{name}是内部记录（visibility: internal），公开网站上不能出现它。"
                       f"请{remove}，或先把它改为公开")
        self.problems.append(entry.problem(loc, message))


def link(loaded: Loaded, mode: BuildMode = BuildMode()) -> tuple[Site | None, list[Problem]]:
    """Check every reference; return the Site and the problems.

    The Site is only fit to render when no problem is an error (see pipeline).
    """
    ln = _Linker(loaded, mode)
    by_type = loaded.by_type()
    site_entry = by_type["site"].get("site")
    site_record = site_entry.record if site_entry else None
    # With site.yml unreadable, branch and pillar ids cannot be checked: leave them be.
    branches = {b.id: None for b in (site_record.branches or ())} if site_record else None
    pillars = {p.id: None for p in (site_record.pillars or ())} if site_record else None
    programs, places, members = by_type["program"], by_type["place"], by_type["member"]
    activities, publications = by_type["activity"], by_type["publication"]

    for e in _present(programs):
        ln.ref(e, ("pillar",), e.record.pillar, pillars, "“四句话”编号", "site.yml 的 pillars 中")
    for e in _present(activities):
        r = e.record
        program = ln.ref(e, ("program",), r.program, programs, "特色做法", "records/programs/{id}.yml")
        ln.hidden_target(e, ("program",), program, "所属特色做法", required=True)
        ln.refs(e, "places", r.places, places, "地点", "records/places/{id}.yml")
        ln.refs(e, "branches", r.branches, branches, "支部", "site.yml 的 branches 中")
        ln.refs(e, "members", r.members, members, "党员", "records/members/{id}.yml")
    for e in _present(members):
        ln.ref(e, ("branch",), e.record.branch, branches, "支部", "site.yml 的 branches 中")
    issues: dict[str, dict[str, Entry]] = {}
    for e in loaded.entries:
        if e.type.name != "issue":
            continue
        issues.setdefault(e.ident.publication, {})[e.id] = e
        if e.ident.publication not in publications:
            ln.problems.append(e.problem((), f"刊物 publications/{e.ident.publication}/ 缺少刊物介绍 index.yml"))
        publication = publications.get(e.ident.publication)
        shown = publication is None or mode.shows(publication)  # an issue is hidden with its periodical
        for i, article in enumerate(e.record.articles or ()):
            author = ln.ref(e, ("articles", i, "member"), article.member, members, "党员", "records/members/{id}.yml")
            if shown:
                ln.hidden_target(e, ("articles", i, "member"), author, "作者对应的党员")
    for e in _present(by_type["review"]):
        for i, aid in enumerate(e.record.highlights or ()):
            activity = ln.ref(e, ("highlights", i), aid, activities, "活动", "")
            if activity is None or activity.record.date is None:
                continue
            if activity.record.date.year != e.ident.year:
                ln.problems.append(e.problem(("highlights", i), f"活动“{aid}”不是 {e.ident.year} 年的活动"))
            ln.hidden_target(e, ("highlights", i), activity, "重点活动")

    if site_entry is None:
        return None, ln.problems
    return Site(
        site=site_entry,
        programs=programs,
        places=places,
        activities=activities,
        members=members,
        publications=publications,
        issues=issues,
        suggestions=by_type["suggestion"],
        reviews=by_type["review"],
        mode=mode,
    ), ln.problems


def _present(entries: dict[str, Entry | None]):
    return (e for e in entries.values() if e is not None)
