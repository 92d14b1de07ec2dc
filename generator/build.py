"""`python -m generator build --out DIR`: the generated Markdown written to disk.

Only files whose content changed are rewritten; files an earlier run wrote and
this one no longer makes are removed; anything else in DIR is never touched.
What this command wrote is listed in DIR/.generator-files, so it never mistakes
a hand-written file for its own.

A run is all or nothing. Every changed page is first staged beside its target
under a temporary name; only when all are staged is a journal written, and then
the staged files are renamed into place. Killed before the journal, DIR holds
the previous output whole (the next run sweeps the staged files); killed after
it, the next run finishes the journal first.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from . import atomic
from .pages import Output

MANIFEST = ".generator-files"
JOURNAL = ".generator-journal"
STAGED = ".generator-staged-"  # prefix of staged files; no other file is named so


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


def _atomic_write(path: Path, data: bytes) -> None:
    # Journal and manifest: synced, and staged under our prefix so a kill mid-write is swept too.
    atomic.write(path, data, prefix=STAGED, sync=True)


def _read_manifest(out: Path) -> set[str]:
    try:
        return set((out / MANIFEST).read_text(encoding="utf-8").split("\n")) - {""}
    except FileNotFoundError:
        return set()


def _manifest_bytes(paths) -> bytes:
    return ("\n".join(sorted(paths)) + "\n").encode("utf-8")


def _commit(out: Path, journal: dict) -> None:
    """Carry out a journal: staged files into place, stale files away, the new manifest. Safe to repeat."""
    for staged, rel in journal["moves"]:
        if os.path.exists(staged):
            os.replace(staged, out / rel)
    for rel in journal["remove"]:
        (out / rel).unlink(missing_ok=True)
        parent = (out / rel).parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    _atomic_write(out / MANIFEST, _manifest_bytes(journal["manifest"]))
    (out / JOURNAL).unlink()


def recover(out: Path) -> None:
    """Finish what a killed run committed to, and sweep what it only staged."""
    journal = out / JOURNAL
    if journal.exists():
        _commit(out, json.loads(journal.read_text(encoding="utf-8")))
    for dirpath, _, files in os.walk(out):
        for name in files:
            if name.startswith(STAGED):
                os.unlink(os.path.join(dirpath, name))


def write_pages(output: Output, out: Path) -> WriteReport:
    if out.exists():
        recover(out)
    previous = _read_manifest(out)
    wanted = {p.path: p.markdown.encode("utf-8") for p in output.pages}
    conflicts = sorted(p for p in wanted if p not in previous and (out / p).exists())
    if conflicts:
        raise ConflictError(conflicts)  # found before anything is written

    changed, unchanged = [], 0
    for rel, data in wanted.items():
        try:
            if (out / rel).read_bytes() == data:
                unchanged += 1
                continue
        except FileNotFoundError:
            pass
        changed.append(rel)
    removed = sorted(previous - wanted.keys())
    if not changed and not removed and set(wanted) == previous:
        return WriteReport([], unchanged, [])  # nothing changed: nothing is written, not even the manifest

    moves = [(str(atomic.stage(out / rel, wanted[rel], prefix=STAGED)), rel) for rel in changed]
    journal = {"moves": moves, "remove": removed, "manifest": sorted(wanted)}
    _atomic_write(out / JOURNAL, json.dumps(journal, ensure_ascii=False).encode("utf-8"))
    _commit(out, journal)
    return WriteReport(changed, unchanged, removed)
