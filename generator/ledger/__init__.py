"""`python -m generator ledger --year YYYY [--internal] --out DIR`: the year's 党建工作台账 as one PDF."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from .. import messages as say
from .. import outputs
from ..link import BuildMode
from ..photos import PhotoPublisher
from ..pipeline import check_records
from .book import file_name, make_book
from .print_photos import print_copies
from .printing import book_html, write_pdf


class LedgerError(Exception):
    """Why no book was made, in Chinese."""


def make_ledger(records: Path, out: Path, year: int, *, internal: bool, today: dt.date | None = None):
    """The book, written into `out` (a folder this command made, or a new or empty one) in one step: a failed run
    leaves the last book as it was. Returns the result of check (problems: nothing written) or the PDF's path and
    its number of pages."""
    result = check_records(records, BuildMode(drafts=False, internal=internal))
    if not result.ok:
        return result
    book = make_book(result.site, year, today or dt.date.today())
    if all(b.level == 1 for b in book.blocks):
        raise LedgerError(say.ledger_empty_year(year))
    shown = [b.entry for b in book.blocks if b.entry is not None]
    media = sorted({path for e in shown for _, path in e.assets()})
    project = records.resolve().parent
    published = PhotoPublisher(records / "assets", project / ".cache/photos").publish_all(media)
    printed = print_copies({rel: p.large for rel, p in published.items()}, project / ".cache/print")
    html = book_html(book, result.site, printed)
    out.mkdir(parents=True, exist_ok=True)
    if not outputs.LEDGER.is_ours(out):
        outputs.mark(out, outputs.LEDGER)
    target = out / file_name(book.short_name, year, internal)
    fd, tmp = tempfile.mkstemp(dir=out, prefix=".tmp-", suffix=".pdf")
    os.close(fd)
    try:
        pages = write_pdf(html, Path(tmp))
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target, pages
