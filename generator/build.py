"""`python -m generator build --out DIR`: the generated Markdown written to disk.

Only files whose content changed are rewritten; files an earlier run wrote and
this one no longer makes are removed; anything else in DIR is never touched.
What this command wrote is listed in DIR/.generator-files, so it never mistakes
a hand-written file for its own.

DIR/.generator-stamp holds a digest of everything the pages are made from (the
records' bytes, the photos' sizes and times, the generator's own code and
templates, the build mode) and the size and time of each page written. When
both still hold, nothing can have changed and the run stops there, before
reading a record: a run with nothing to do writes nothing and takes well under
a second at 5,000 activities (bench/RESULTS.md).

A run is all or nothing. Every changed page is first staged beside its target
under a temporary name; only when all are staged is a journal written, and then
the staged files are renamed into place. Killed before the journal, DIR holds
the previous output whole (the next run sweeps the staged files); killed after
it, the next run finishes the journal first.

The manifest, the journal and the stamp are believed only for relative paths
that stay inside DIR (no "..", no absolute path, no link to a folder on the
way): a folder that came in a pull request or sits on a shared drive may hold
planted ones, and this command must not delete or overwrite anything outside.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import atomic
from . import messages as say
from .relpaths import inner_parts
from .structure import Output  # a leaf: the check for "nothing changed" imports no more of the generator
from .yamlio import MAX_BYTES

MANIFEST = ".generator-files"
JOURNAL = ".generator-journal"
STAMP = ".generator-stamp"
GENERATOR = Path(__file__).parent
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


class BookkeepingError(Exception):
    """A bookkeeping file in DIR names a path outside it; nothing was done. The message says what to do."""


def _inside(out: Path, rel: object, source: str) -> Path:
    """out/rel, if rel is a relative path that stays inside out; else BookkeepingError naming the file."""
    parts = inner_parts(rel)
    if parts is None:
        raise BookkeepingError(say.bookkeeping_outside(str(out), source, str(rel)))
    folder = out
    for part in parts[:-1]:
        folder = folder / part
        if folder.is_symlink():  # a link to a folder elsewhere: what lies "inside" it is not
            raise BookkeepingError(say.bookkeeping_outside(str(out), source, str(rel)))
    return out / rel


def _atomic_write(path: Path, data: bytes) -> None:
    # Journal and manifest: synced, and staged under our prefix so a kill mid-write is swept too.
    atomic.write(path, data, prefix=STAGED, sync=True)


def _read_manifest(out: Path) -> set[str]:
    try:
        paths = set((out / MANIFEST).read_text(encoding="utf-8").split("\n")) - {""}
    except FileNotFoundError:
        return set()
    for rel in paths:
        _inside(out, rel, MANIFEST)
    return paths


def _manifest_bytes(paths) -> bytes:
    return ("\n".join(sorted(paths)) + "\n").encode("utf-8")


def _read_journal(out: Path) -> dict:
    """The journal, every path in it checked (_inside) before any is acted on."""
    try:
        journal = json.loads((out / JOURNAL).read_text(encoding="utf-8"))
        moves, remove, manifest = journal["moves"], journal["remove"], journal["manifest"]
        pairs = [(staged, rel) for staged, rel in moves]
    except (ValueError, KeyError, TypeError) as e:
        raise BookkeepingError(say.bookkeeping_outside(str(out), JOURNAL, str(e))) from None
    for staged, rel in pairs:
        _inside(out, staged, JOURNAL)
        _inside(out, rel, JOURNAL)
        if not Path(staged).name.startswith(STAGED):
            raise BookkeepingError(say.bookkeeping_outside(str(out), JOURNAL, str(staged)))
    for rel in [*remove, *manifest]:
        _inside(out, rel, JOURNAL)
    return journal


def _commit(out: Path, journal: dict) -> None:
    """Carry out a journal (its paths relative to out): staged files into place, stale files away, the new
    manifest. Safe to repeat."""
    for staged, rel in journal["moves"]:
        if os.path.exists(out / staged):
            os.replace(out / staged, out / rel)
    for rel in journal["remove"]:
        (out / rel).unlink(missing_ok=True)
        parent = (out / rel).parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    _atomic_write(out / MANIFEST, _manifest_bytes(journal["manifest"]))
    (out / JOURNAL).unlink()


def _unstage(out: Path, staged: list[str], changed: list[str], existed: bool) -> None:
    """Take back what a failed run staged, and the folders it made for it (those now empty)."""
    for path in staged:
        Path(path).unlink(missing_ok=True)
    for rel in changed:
        parent = (out / rel).parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    if not existed and out.is_dir() and not any(out.iterdir()):
        out.rmdir()


def recover(out: Path) -> None:
    """Finish what a killed run committed to, and sweep what it only staged."""
    if (out / JOURNAL).exists():
        _commit(out, _read_journal(out))
    for dirpath, _, files in os.walk(out):
        for name in files:
            if name.startswith(STAGED):
                os.unlink(os.path.join(dirpath, name))


def inputs_digest(records: Path, mode: str) -> str:
    """A digest of everything `build` reads: record files by content, assets by size and time, our code."""
    h = hashlib.blake2b(mode.encode(), digest_size=20)
    for root, prefix in ((GENERATOR, "generator"), (Path(records), "records")):
        for dirpath, dirnames, files in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            rel_dir = os.path.relpath(dirpath, root)
            is_asset = rel_dir.split(os.sep)[0] == "assets"
            for name in sorted(files):
                path = os.path.join(dirpath, name)
                st = os.lstat(path)
                h.update(f"\0{prefix}/{rel_dir}/{name}\0{stat.S_IFMT(st.st_mode)}\0".encode())
                if (is_asset and prefix == "records") or st.st_size > MAX_BYTES:
                    # An asset, or a file too large to be a record (check refuses it unread): never read here either.
                    h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
                elif stat.S_ISREG(st.st_mode):  # not a pipe or device: opening one could wait for ever
                    with open(path, "rb") as f:
                        h.update(f.read())
    return h.hexdigest()


def up_to_date(out: Path, digest: str) -> bool:
    """Whether the last run made DIR from exactly these inputs and every page it wrote is still as it left it."""
    try:
        saved = json.loads((out / STAMP).read_text(encoding="utf-8"))
        if saved["inputs"] != digest or (out / JOURNAL).exists():
            return False
        for rel, (size, mtime) in saved["files"].items():
            st = os.stat(_inside(out, rel, STAMP))
            if (st.st_size, st.st_mtime_ns) != (size, mtime):
                return False
    except (OSError, ValueError, KeyError, TypeError, BookkeepingError):
        return False
    return True


def _write_stamp(out: Path, digest: str | None, pages) -> None:
    if digest is None:
        (out / STAMP).unlink(missing_ok=True)
        return
    files = {}
    for rel in sorted(pages):
        st = os.stat(out / rel)
        files[rel] = [st.st_size, st.st_mtime_ns]
    data = json.dumps({"inputs": digest, "files": files}, ensure_ascii=False).encode("utf-8")
    try:
        if (out / STAMP).read_bytes() == data:
            return
    except FileNotFoundError:
        pass
    _atomic_write(out / STAMP, data)


def write_pages(output: Output, out: Path, digest: str | None = None) -> WriteReport:
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
        _write_stamp(out, digest, wanted)  # pages as they were; the stamp only if the inputs' digest moved
        return WriteReport([], unchanged, [])  # nothing changed: no page is written, not even the manifest

    existed = out.exists()
    moves: list[tuple[str, str]] = []
    try:
        for rel in changed:
            staged = atomic.stage(out / rel, wanted[rel], prefix=STAGED)
            moves.append(((PurePosixPath(rel).parent / staged.name).as_posix(), rel))  # beside its target
        journal = {"moves": moves, "remove": removed, "manifest": sorted(wanted)}
        _atomic_write(out / JOURNAL, json.dumps(journal, ensure_ascii=False).encode("utf-8"))
    except BaseException:
        _unstage(out, [out / s for s, _ in moves], changed, existed)  # a full disk, say: the previous output as it was
        raise
    _commit(out, journal)
    _write_stamp(out, digest, wanted)
    return WriteReport(changed, unchanged, removed)
