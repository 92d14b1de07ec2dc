"""`python -m generator build --out DIR`: the generated Markdown written to disk.

Only files whose content changed are rewritten; files an earlier run wrote and
this one no longer makes are removed; anything else in DIR is never touched.
What this command wrote is listed in DIR/.generator-files, so it never mistakes
a hand-written file for its own.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .pages import Output

MANIFEST = ".generator-files"


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: list[str]
    unchanged: int
    removed: list[str]


class ConflictError(Exception):
    """DIR holds a file this command did not write where it wants to write one."""

    def __init__(self, paths: list[str]):
        super().__init__(paths)
        self.paths = paths


def _previous(out: Path) -> set[str]:
    try:
        return set((out / MANIFEST).read_text(encoding="utf-8").split("\n")) - {""}
    except FileNotFoundError:
        return set()


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _write_manifest(out: Path, paths: set[str]) -> None:
    _atomic_write(out / MANIFEST, ("\n".join(sorted(paths)) + "\n").encode("utf-8"))


def write_pages(output: Output, out: Path) -> WriteReport:
    previous = _previous(out)
    wanted = {p.path: p.markdown.encode("utf-8") for p in output.pages}
    conflicts = sorted(p for p in wanted if p not in previous and (out / p).exists())
    if conflicts:
        raise ConflictError(conflicts)  # checked before anything is written

    written, unchanged = [], 0
    for rel, data in wanted.items():
        path = out / rel
        try:
            if path.read_bytes() == data:
                unchanged += 1
                continue
        except FileNotFoundError:
            pass
        _atomic_write(path, data)
        written.append(rel)
    removed = sorted(previous - wanted.keys())
    if removed:
        # Listed until they are gone, so a crash midway leaves them known, not orphaned.
        _write_manifest(out, set(wanted) | set(removed))
    for rel in removed:
        (out / rel).unlink(missing_ok=True)
        parent = (out / rel).parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    if set(wanted) != previous or removed:
        _write_manifest(out, set(wanted))
    return WriteReport(written, unchanged, removed)
