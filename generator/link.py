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

    @property
    def branch_ids(self) -> list[str]:
        return [b.id for b in self.site.record.branches]

    @property
    def pillar_ids(self) -> list[str]:
        return [p.id for p in self.site.record.pillars]


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
        if value is None:
            return None
        if value not in targets:
            self.problems.append(entry.problem(loc, _unknown(what, value, targets, where)))
            return None
        target = targets[value]
        return target if isinstance(target, Entry) else None

    def refs(self, entry: Entry, name: str, values: list[str], targets, what: str, where: str = "") -> None:
        for i, value in enumerate(values):
            self.ref(entry, (name, i), value, targets, what, where)

    def hidden_target(self, entry: Entry, loc: tuple, target: Entry | None, what: str) -> None:
        """A shown record must not depend on one the same build hides."""
        if target is not None and self.mode.shows(entry) and not self.mode.shows(target):
            self.problems.append(entry.problem(loc, f"{what}“{target.id}”是草稿或内部记录，这次构建不会发布它；请先发布它，或换一个"))


def link(loaded: Loaded, mode: BuildMode = BuildMode()) -> tuple[Site | None, list[Problem]]:
    """Check every reference; return the Site (None if site.yml is unusable) and the problems."""
    sites = loaded.of("site")
    if "site" not in sites:
        return None, []
    ln = _Linker(loaded, mode)
    site_entry = sites["site"]
    issues: dict[str, dict[str, Entry]] = {}
    for e in loaded.entries:
        if e.type.name == "issue":
            issues.setdefault(e.ident.publication, {})[e.id] = e
    site = Site(
        site=site_entry,
        programs=loaded.of("program"),
        places=loaded.of("place"),
        activities=loaded.of("activity"),
        members=loaded.of("member"),
        publications=loaded.of("publication"),
        issues=issues,
        suggestions=loaded.of("suggestion"),
        reviews=loaded.of("review"),
        mode=mode,
    )
    branches = dict.fromkeys(site.branch_ids)
    pillars = dict.fromkeys(site.pillar_ids)

    for e in site.programs.values():
        ln.ref(e, ("pillar",), e.record.pillar, pillars, "“四句话”编号", "site.yml 的 pillars 中")
    for e in site.activities.values():
        r = e.record
        program = ln.ref(e, ("program",), r.program, site.programs, "特色做法", "records/programs/{id}.yml")
        ln.hidden_target(e, ("program",), program, "所属特色做法")
        ln.refs(e, "places", r.places, site.places, "地点", "records/places/{id}.yml")
        ln.refs(e, "branches", r.branches, branches, "支部", "site.yml 的 branches 中")
        ln.refs(e, "members", r.members, site.members, "党员", "records/members/{id}.yml")
    for e in site.members.values():
        ln.ref(e, ("branch",), e.record.branch, branches, "支部", "site.yml 的 branches 中")
    for pub, by_id in issues.items():
        for e in by_id.values():
            if pub not in site.publications:
                ln.problems.append(e.problem((), f"刊物 publications/{pub}/ 缺少刊物介绍 index.yml"))
            for i, article in enumerate(e.record.articles):
                ln.ref(e, ("articles", i, "member"), article.member, site.members, "党员", "records/members/{id}.yml")
    for e in site.reviews.values():
        for i, aid in enumerate(e.record.highlights):
            activity = ln.ref(e, ("highlights", i), aid, site.activities, "活动", "")
            if activity is None:
                continue
            if activity.record.date.year != e.ident.year:
                ln.problems.append(e.problem(("highlights", i), f"活动“{aid}”不是 {e.ident.year} 年的活动"))
            ln.hidden_target(e, ("highlights", i), activity, "重点活动")
    return site, ln.problems
