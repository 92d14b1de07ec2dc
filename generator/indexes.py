"""What one build shows, and how the shown records relate: the data the pages are made from.

Everything hidden by the build mode (drafts, internal records, the issues of a
hidden publication) is dropped here, once, so no page, listing or count can
leak it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .kinds import KINDS
from .link import Site
from .load import Entry


@dataclass(frozen=True, slots=True)
class ArticleRef:
    issue: Entry
    index: int  # position in the issue's articles

    @property
    def article(self):
        return self.issue.record.articles[self.index]


@dataclass(frozen=True, slots=True)
class Figure:
    """A count of records, and how many of them are examples: a figure counting invented records says so."""

    n: int
    examples: int = 0

    @classmethod
    def of(cls, entries) -> Figure:
        entries = list(entries)
        return cls(len(entries), sum(1 for e in entries if e.record.is_example))

    def __str__(self) -> str:
        return f"{self.n}（含示例 {self.examples}）" if self.examples else str(self.n)


@dataclass(frozen=True, slots=True)
class YearFigures:
    """A year's figures, computed from the records, never typed in."""

    activities: Figure
    by_pillar: list[tuple[object, Figure]]  # in site order
    by_program: list[tuple[Entry, Figure]]  # most first
    issues: Figure
    suggestions: Figure
    answered: Figure  # replied or adopted


@dataclass(slots=True)
class Index:
    site: Site
    programs: list[Entry] = field(default_factory=list)
    places: list[Entry] = field(default_factory=list)
    activities: list[Entry] = field(default_factory=list)  # newest first
    members: list[Entry] = field(default_factory=list)
    publications: list[Entry] = field(default_factory=list)
    issues: dict[str, list[Entry]] = field(default_factory=dict)  # publication id -> newest first
    suggestions: list[Entry] = field(default_factory=list)  # newest first
    reviews: list[Entry] = field(default_factory=list)  # newest first

    by_year: dict[int, list[Entry]] = field(default_factory=dict)
    by_program: dict[str, list[Entry]] = field(default_factory=dict)
    by_place: dict[str, list[Entry]] = field(default_factory=dict)
    by_branch: dict[str, list[Entry]] = field(default_factory=dict)
    by_member: dict[str, list[Entry]] = field(default_factory=dict)
    articles_by_member: dict[str, list[ArticleRef]] = field(default_factory=dict)
    programs_by_pillar: dict[str, list[Entry]] = field(default_factory=dict)
    of_kind: dict[str, list[Entry]] = field(default_factory=dict)  # shown records of the kinds named nowhere above
    # tag -> the shown records with a page that carry it: pages about something (no date) first, by kind and
    # file, then the dated ones newest first
    by_tag: dict[str, list[Entry]] = field(default_factory=dict)
    _shown: set = field(default_factory=set, repr=False)

    def shown_entries(self) -> set[Entry]:
        return set(self._shown)

    def shown(self, entry: Entry | None) -> bool:
        """Whether this build has a page for the record (links to others are left out)."""
        return entry is not None and entry in self._shown

    @property
    def latest_issues(self) -> list[Entry]:
        """The newest issue of each publication, newest first."""
        newest = [issues[0] for issues in self.issues.values() if issues]
        return sorted(newest, key=_issue_key, reverse=True)

    def figures(self, year: int) -> YearFigures:
        acts = self.by_year.get(year, [])
        program_entries = {p.id: p for p in self.programs}
        programs: dict[str, list[Entry]] = {}
        pillars: dict[str, list[Entry]] = {}
        for a in acts:
            programs.setdefault(a.record.program, []).append(a)
            pillars.setdefault(program_entries[a.record.program].record.pillar, []).append(a)
        sugg = [s for s in self.suggestions if s.record.date.year == year]
        return YearFigures(
            activities=Figure.of(acts),
            by_pillar=[(p, Figure.of(pillars.get(p.id, ()))) for p in self.site.site.record.pillars],
            by_program=sorted(
                ((program_entries[p], Figure.of(entries)) for p, entries in programs.items()),
                key=lambda pn: (-pn[1].n, pn[0].id),
            ),
            issues=Figure.of(i for issues in self.issues.values() for i in issues if _issue_year(i) == year),
            suggestions=Figure.of(sugg),
            answered=Figure.of(s for s in sugg if s.record.answered),
        )


def _issue_year(entry: Entry) -> int:
    return entry.ident.year


def _issue_key(entry: Entry):
    return (entry.record.date or entry.ident.year, entry.ident.year, entry.ident.number)


def _newest_first(entries):
    return sorted(entries, key=lambda e: (e.record.date, e.id), reverse=True)


def build_index(site: Site) -> Index:
    mode = site.mode
    ix = Index(site)

    def keep(entries: dict[str, Entry]) -> list[Entry]:
        kept = [e for e in entries.values() if mode.shows(e)]
        ix._shown.update(kept)
        return kept

    # In the order of the report: by pillar as site.yml lists them, then 一是、二是… (`order`), then by id.
    pillar_at = {p.id: i for i, p in enumerate(site.site.record.pillars)}
    ix.programs = sorted(keep(site.programs), key=lambda e: (pillar_at.get(e.record.pillar, len(pillar_at)),
                                                             e.record.order is None, e.record.order or 0, e.id))
    ix.places = sorted(keep(site.places), key=lambda e: e.id)
    ix.members = sorted(keep(site.members), key=lambda e: e.id)
    ix.activities = _newest_first(keep(site.activities))
    ix.suggestions = _newest_first(keep(site.suggestions))
    ix.reviews = sorted(site.reviews.values(), key=lambda e: e.ident.year, reverse=True)
    ix._shown.update(ix.reviews)
    ix.publications = sorted(keep(site.publications), key=lambda e: e.id)
    shown_pubs = {p.id for p in ix.publications}
    for pub, issues in site.issues.items():
        if pub in shown_pubs:  # a hidden publication hides all its issues
            ix.issues[pub] = sorted(keep(issues), key=_issue_key, reverse=True)

    order = [p.id for p in site.site.record.pillars]
    programs_by_pillar = defaultdict(list)
    for p in ix.programs:
        programs_by_pillar[p.record.pillar].append(p)
    ix.programs_by_pillar = {pid: programs_by_pillar.get(pid, []) for pid in order}

    groups = {name: defaultdict(list) for name in ("year", "program", "place", "branch", "member")}
    for a in ix.activities:
        r = a.record
        groups["year"][r.date.year].append(a)
        groups["program"][r.program].append(a)
        for pid in r.places:
            groups["place"][pid].append(a)
        for bid in r.branches:
            groups["branch"][bid].append(a)
        for mid in r.members:
            groups["member"][mid].append(a)
    ix.by_year = dict(sorted(groups["year"].items(), reverse=True))
    ix.by_program = dict(groups["program"])
    ix.by_place = dict(groups["place"])
    ix.by_branch = dict(groups["branch"])
    ix.by_member = dict(groups["member"])

    articles = defaultdict(list)
    for issues in ix.issues.values():
        for issue in issues:
            for i, art in enumerate(issue.record.articles):
                if art.member:
                    articles[art.member].append(ArticleRef(issue, i))
    ix.articles_by_member = dict(articles)

    for kind, entries in site.records.items():  # every other kind: shown by the one rule, newest first
        if kind not in _NAMED:
            kept = [e for e in entries if mode.shows(e)]
            ix._shown.update(kept)
            ix.of_kind[kind] = sorted(kept, key=lambda e: (getattr(e.record, "date", None) or dt.date.min, e.id), reverse=True)
    tagged = defaultdict(list)
    for kind, entries in site.records.items():
        if KINDS[kind].page:
            for e in entries:
                if e in ix._shown:
                    for tag in e.record.tag_list:
                        tagged[tag].append(e)
    ix.by_tag = {tag: sorted(es, key=_tag_order) for tag, es in sorted(tagged.items())}
    return ix


def _tag_order(e: Entry):
    day = getattr(e.record, "date", None)
    return (day is not None, -(day.toordinal() if day else 0), e.kind.name, e.rel)


_NAMED = {"site", "program", "place", "activity", "member", "publication", "issue", "suggestion", "review"}


def percent(count: int, voters: int) -> str:
    """A share of the voters as the 测评表 shows it: one decimal, 0 when nobody voted."""
    return f"{count / voters * 100:.1f}%" if voters else "0.0%"

