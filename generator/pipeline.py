"""The records pipeline up to a linked Site: load every file, then link them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, has_errors
from .link import BuildMode, Site, link
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


def check_records(records_dir: Path, mode: BuildMode = BuildMode(), cache: RecordCache | None = None) -> Checked:
    loaded = load(Path(records_dir), cache)
    site, problems = link(loaded, mode)
    problems = loaded.problems + problems
    return Checked(site if not has_errors(problems) else None, problems, loaded.files_checked, loaded.entries)
