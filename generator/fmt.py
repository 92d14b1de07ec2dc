"""`generator fmt`: rewrite records in the form the web editor writes (yamlform), so that opening and saving one
there changes nothing. Built on the strict reader: every record is read and checked first, and a record is written
only when reading the new text gives the very same record; otherwise nothing is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import atomic
from .cms import form_order
from .link import BuildMode
from .load import Entry, _read
from .pipeline import check_records
from .yamlform import clean, dump


def formatted(entry: Entry) -> str:
    """The record's file in the editor's form: what was written in it, in the form's order, nothing empty."""
    data = entry.record.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return dump(clean(data) or {}, form_order(entry.kind))


def _same_record(entry: Entry, text: str) -> bool:
    again, problems = _read(entry.kind, entry.ident, entry.rel, entry.display, text.encode("utf-8"))
    return again is not None and again.record == entry.record and \
        not [p for p in problems if p.severity.name == "ERROR"]


@dataclass(slots=True)
class Result:
    problems: list  # the records' own problems: nothing was written
    changed: list[str]  # files not in the form (rewritten unless only checking)
    files_checked: int


def fmt(records_dir: Path, write: bool) -> Result:
    checked = check_records(Path(records_dir), BuildMode(drafts=True, internal=True))
    if not checked.ok:
        return Result(checked.problems, [], checked.files_checked)
    pending = []
    for entry in checked.entries:
        path = Path(records_dir) / entry.rel
        text = formatted(entry)
        if path.read_bytes() == text.encode("utf-8"):
            continue
        if not _same_record(entry, text):
            raise AssertionError(f"{entry.display}: the formatted text reads as another record")
        pending.append((path, entry.display, text))
    if write:
        for path, _, text in pending:
            atomic.write(path, text.encode("utf-8"))
    return Result([], [display for _, display, _ in pending], checked.files_checked)
