"""What one build shows, and how the shown records relate: the data the pages are made from.

Everything hidden by the build mode (drafts, internal records, the issues of a
hidden publication) is dropped here, once, so no page, listing or count can
leak it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .kinds import KINDS
from .kinds.issue import issue_key
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
    # Every kind's shown records, each kind in its own order (Kind.order): the one store of what a build shows.
    of_kind: dict[str, list[Entry]] = field(default_factory=dict)
    # A kind numbered within another (issues within a periodical): owner id -> its shown records, in order.
    within: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)

    by_year: dict[int, list[Entry]] = field(default_factory=dict)
    by_program: dict[str, list[Entry]] = field(default_factory=dict)
    by_place: dict[str, list[Entry]] = field(default_factory=dict)
    by_branch: dict[str, list[Entry]] = field(default_factory=dict)
    by_member: dict[str, list[Entry]] = field(default_factory=dict)
    articles_by_member: dict[str, list[ArticleRef]] = field(default_factory=dict)
    programs_by_pillar: dict[str, list[Entry]] = field(default_factory=dict)
    # tag -> the shown records with a page that carry it: pages about something (no date) first, by kind and
    # file, then the dated ones newest first
    by_tag: dict[str, list[Entry]] = field(default_factory=dict)
    _shown: set = field(default_factory=set, repr=False)

    # Named views of the store, as the templates and the kinds read them.
    programs = property(lambda self: self.of_kind["program"])
    places = property(lambda self: self.of_kind["place"])
    activities = property(lambda self: self.of_kind["activity"])  # newest first
    members = property(lambda self: self.of_kind["member"])
    publications = property(lambda self: self.of_kind["publication"])
    issues = property(lambda self: self.within["issue"])  # publication id -> newest first
    suggestions = property(lambda self: self.of_kind["suggestion"])  # newest first
    reviews = property(lambda self: self.of_kind["review"])  # newest first

    def shown_entries(self) -> set[Entry]:
        return set(self._shown)

    def shown(self, entry: Entry | None) -> bool:
        """Whether this build has a page for the record (links to others are left out)."""
        return entry is not None and entry in self._shown

    @property
    def latest_issues(self) -> list[Entry]:
        """The newest issue of each publication, newest first."""
        newest = [issues[0] for issues in self.issues.values() if issues]
        return sorted(newest, key=issue_key, reverse=True)

    def figures(self, year: int) -> YearFigures:
        acts = self.by_year.get(year, [])
        program_entries = {p.id: p for p in self.programs}
        programs: dict[str, list[Entry]] = {}
        pillars: dict[str, list[Entry]] = {}
        for a in acts:
            if not a.record.program:  # a draft may not have one yet
                continue
            programs.setdefault(a.record.program, []).append(a)
            pillars.setdefault(program_entries[a.record.program].record.pillar, []).append(a)
        sugg = [s for s in self.suggestions if s.record.date.year == year]
        return YearFigures(
            activities=Figure.of(acts),
            by_pillar=[(p, Figure.of(pillars.get(p.id, ()))) for p in self.site.organization.pillars],
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


def build_index(site: Site) -> Index:
    mode = site.mode
    ix = Index(site)
    for kind in KINDS.values():  # in the registry's order: what a record belongs to comes before it
        entries = [e for e in site.records[kind.name] if mode.shows(e)]
        if kind.within:  # shown with what it belongs to: a hidden periodical hides all its issues
            owners = site.by_id(kind.within)
            entries = [e for e in entries if owners.get(getattr(e.ident, kind.within)) in ix._shown]
        ix._shown.update(entries)
        ix.of_kind[kind.name] = kind.order(entries, site)
        if kind.within:
            grouped: dict[str, list[Entry]] = {owner.id: [] for owner in ix.of_kind[kind.within]}
            for e in ix.of_kind[kind.name]:
                grouped[getattr(e.ident, kind.within)].append(e)
            ix.within[kind.name] = grouped

    order = [p.id for p in site.organization.pillars]
    programs_by_pillar = defaultdict(list)
    for p in ix.programs:
        programs_by_pillar[p.record.pillar].append(p)
    ix.programs_by_pillar = {pid: programs_by_pillar.get(pid, []) for pid in order}

    groups = {name: defaultdict(list) for name in ("year", "program", "place", "branch", "member")}
    for a in ix.activities:
        r = a.record
        groups["year"][r.date.year].append(a)
        if r.program:  # a draft may not have one yet
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


def percent(count: int, voters: int) -> str:
    """A share of the voters as the 测评表 shows it: one decimal, 0 when nobody voted."""
    return f"{count / voters * 100:.1f}%" if voters else "0.0%"

