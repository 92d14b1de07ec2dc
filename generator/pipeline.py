"""The records pipeline up to a linked Site: load every file, then link them."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, has_errors
from .link import BuildMode, LinkMemo, Site, link
from .load import Entry, RecordCache, load


@dataclass(slots=True)
class Checked:
    site: Site | None  # None when any error was found
    problems: list[Problem]
    files_checked: int
    entries: list[Entry]  # every file that was read, shown in this mode or not (for commands that rewrite them)

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


class _NoCycleCollection:
    """Loading keeps every object it makes (a record, its document, their positions), so the cycle collector's
    passes over the growing heap find nothing to free: at 5,000 activities they took a third of check's time.
    What loading made is then frozen (left out of later passes, still freed when no longer referenced): else the
    first pass after it walks all of it once more, for nothing. Not when only a few files were read again (a
    preview's rebuild): frozen, the build's own passing objects that hold one another would never be freed."""

    def __init__(self):
        self.freeze = True

    def __enter__(self):
        self._was = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc):
        if self._was:
            if self.freeze:
                gc.freeze()
            gc.enable()


FEW = 100  # files read again, below which what loading made is not worth freezing


def _memo(cache: RecordCache | None) -> LinkMemo | None:
    """What linking found of the cached records, kept with them."""
    if cache is None:
        return None
    if cache.links is None:
        cache.links = LinkMemo()
    return cache.links


def check_records(records_dir: Path, mode: BuildMode = BuildMode(), cache: RecordCache | None = None) -> Checked:
    with _NoCycleCollection() as collection:
        loaded = load(Path(records_dir), cache)
        site, problems = link(loaded, mode, _memo(cache))
        collection.freeze = cache is None or cache.misses >= FEW
    problems = loaded.problems + problems
    return Checked(site if not has_errors(problems) else None, problems, loaded.files_checked, loaded.entries)
