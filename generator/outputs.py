"""Output folders: which ones a command may write into, replace or delete from.

A command replaces or deletes only what it made. So before `site`, `build --out`, `archive` or `export` touches
anything, its folder must be safe to hand over: never `/`, the home folder or a folder holding it, the project
(or a folder holding it), nor one of the project's own folders or anything inside them (records/, docs/, .git/ …);
and when it already exists, it is empty or carries the command's own mark, a file the command writes into every
folder it makes. A teacher who types `--out .` or `--out ~/Desktop` gets a refusal naming the folder, and
nothing is touched.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

from . import messages as say
from .outlock import locked

T = TypeVar("T")

# The project's own folders: what a teacher, a maintainer or git keeps there is never an output.
PROJECT_FOLDERS = ("records", "docs", "generator", "tests", "scripts", "schemas", "requirements", "bench",
                   "screenshots", ".git", ".github", ".forgejo", ".ci", ".venv", "node_modules", ".cache")


class OutputRefused(Exception):
    """The folder is not one this command may write; the message says why and what to do, in Chinese."""


def _built_site(folder: Path) -> bool:
    """A site MkDocs built before `site` marked its folders."""
    return all((folder / name).is_file() for name in ("sitemap.xml", "search/search_index.json", "404.html"))


def _archives_only(folder: Path) -> bool:
    """A folder of archives made before `archive` marked its folders: nothing but zips and their checksums."""
    return all(p.is_file() and p.name.endswith((".zip", ".zip.sha256")) for p in folder.iterdir())


@dataclass(frozen=True)
class Output:
    """What one command writes: its mark (a file name inside the folder), how a refusal names the command's
    folders (say.MADE_BY), and how to know a folder an earlier version made before it was marked."""
    mark: str
    made_by: str
    mark_text: str = ""
    legacy: Callable[[Path], bool] | None = None

    def is_ours(self, folder: Path) -> bool:
        return (folder / self.mark).is_file() or (self.legacy is not None and self.legacy(folder))


SITE = Output(".dangjian-site", say.MADE_BY["site"], say.mark_text("python -m generator site"), _built_site)
EXPORT = Output(".dangjian-export", say.MADE_BY["export"], say.EXPORT_MARK_TEXT)
ARCHIVE = Output(".dangjian-archive", say.MADE_BY["archive"], say.mark_text("python -m generator archive"), _archives_only)
PAGES = Output(".generator-files", say.MADE_BY["pages"])  # build --out: its list of what it wrote is its mark
LEDGER = Output(".dangjian-ledger", say.MADE_BY["ledger"], say.mark_text("python -m generator ledger"))
SCREENSHOTS = Output(".dangjian-screenshots", say.MADE_BY["screenshots"], say.mark_text("make screenshots"))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refuse_unsafe(out: Path, *, projects: list[Path], records: Path | None = None, typed: str | None = None) -> None:
    """Refuse a folder no command may use as its output. `projects`: the folders the command works from (the
    current folder, the configuration's); `records`: the records' folder, wherever it is; `typed`: the folder
    as the user wrote it."""
    name = typed if typed is not None else str(out)
    target = Path(os.path.abspath(out)).resolve()
    if target == Path(target.anchor):
        raise OutputRefused(say.output_is_root(name))
    home = Path.home().resolve()
    if _inside(home, target):
        raise OutputRefused(say.output_holds_home(name))
    for project in projects:
        project = Path(os.path.abspath(project)).resolve()
        if _inside(project, target):
            raise OutputRefused(say.output_holds_project(name))
        for own in PROJECT_FOLDERS:
            if _inside(target, project / own):
                raise OutputRefused(say.output_in_project_folder(name, own))
    if records is not None and _inside(target, Path(os.path.abspath(records)).resolve()):
        raise OutputRefused(say.output_in_project_folder(name, records.name))


def refuse_foreign(out: Path, output: Output, *, typed: str | None = None) -> None:
    """Refuse an existing folder that is neither empty nor marked as this command's."""
    name = typed if typed is not None else str(out)
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputRefused(say.output_not_a_folder(name))
    if out.is_dir() and any(out.iterdir()) and not output.is_ours(out):
        raise OutputRefused(say.output_not_ours(name, output.made_by))


def check(out: Path, output: Output, *, projects: list[Path], records: Path | None = None) -> None:
    """Both refusals, for a folder given on the command line (named in a refusal as typed)."""
    refuse_unsafe(out, projects=projects, records=records, typed=str(out))
    refuse_foreign(out, output, typed=str(out))


def mark(folder: Path, output: Output) -> None:
    """Put the command's mark into a folder it made."""
    (folder / output.mark).write_text(output.mark_text, encoding="utf-8")


def projects_of(*paths: Path | None) -> list[Path]:
    """The folders a command works from: the current one and those given (a configuration's folder, say)."""
    return [Path.cwd(), *(p for p in paths if p is not None)]


def replace(out: Path, output: Output, what: str, make: Callable[[Path], T]) -> T:
    """Make a whole folder aside (`make(new folder)`), put the command's mark into it and swap it in for `out` only
    when complete, one run at a time: a failed, interrupted or concurrent run never leaves a folder half one and
    half another (or empty). `what` names the folder in "… 正在被另一次运行写入". Returns what `make` returns."""
    out = out.resolve()
    with locked(out.parent, what):  # the parent: the output itself is replaced
        new = out.with_name(f".{out.name}-new-{os.getpid()}")
        old = out.with_name(f".{out.name}-old-{os.getpid()}")
        for stale in [*out.parent.glob(f".{out.name}-new-*"), *out.parent.glob(f".{out.name}-old-*")]:  # a killed run's
            shutil.rmtree(stale, ignore_errors=True)
        try:
            made = make(new)
            mark(new, output)
            if out.exists():
                os.replace(out, old)
            os.replace(new, out)
        finally:
            shutil.rmtree(new, ignore_errors=True)
            shutil.rmtree(old, ignore_errors=True)
    return made
