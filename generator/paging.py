"""Long lists cut into numbered pages, as blog engines do (Material's blog: `pagination_per_page`; Hugo:
`paginate`): the first page keeps the list's own address, the others follow at `<address>/page/N`.

Twenty years of activities put thousands of records on one list; a page of PER_PAGE stays readable on a
phone, builds quickly, and an edit renders again only the page that shows the record.
"""

from __future__ import annotations

from dataclasses import dataclass

PER_PAGE = 30
WINDOW = 2  # page numbers shown either side of the current one; the first and last are always shown


def page_path(first: str, number: int) -> str:
    """`activities/2024/index.md`, 3 → `activities/2024/page/3.md`; `places/x.md`, 2 → `places/x/page/2.md`."""
    if number == 1:
        return first
    return f"{first.removesuffix('.md').removesuffix('/index')}/page/{number}.md"


@dataclass(frozen=True, slots=True)
class Pager:
    """Where one page of a list stands among the others."""

    first: str  # the path of page 1
    number: int
    count: int  # how many pages
    total: int  # how many items in the whole list

    @property
    def path(self) -> str:
        return self.link(self.number)

    @property
    def previous(self) -> str | None:
        return self.link(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.link(self.number + 1) if self.number < self.count else None

    def numbers(self) -> list[int | None]:
        """The page numbers to link, None where a run of them is left out: 1 … 4 5 [6] 7 8 … 20."""
        near = range(max(1, self.number - WINDOW), min(self.count, self.number + WINDOW) + 1)
        shown = sorted({1, self.count, *near})
        out: list[int | None] = []
        for n in shown:
            if out and n - out[-1] > 1:
                out.append(n - 1 if n - out[-1] == 2 else None)  # a gap of one page shows that page
            out.append(n)
        return out

    def link(self, number: int) -> str:
        """The path of another page of the list."""
        return page_path(self.first, number)


def numbered(title: str, number: int) -> str:
    """A page's title: the list's own on the first page, with its number on the others."""
    return title if number == 1 else f"{title}（第 {number} 页）"


def paginate(first: str, items: list, per_page: int = PER_PAGE) -> list[tuple[Pager, list]]:
    """The pages of a list: (pager, its items). An empty list still has its first page."""
    count = max(1, -(-len(items) // per_page))
    return [(Pager(first, n, count, len(items)), items[(n - 1) * per_page:n * per_page]) for n in range(1, count + 1)]
