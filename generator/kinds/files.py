"""Where a kind's files live and what their names say: one rule object per layout, shared by the kinds.

A rule answers for a path under records/ (split at "/", ".yml" already checked): None when the path is not
its kind's, a Chinese reason when it is but is named wrongly, or the record's FileIdentity.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator

from .. import messages as say
from ..fields import SLUG
from .base import FileIdentity, Finding

_DATED = re.compile(r"(\d{4})-(\d{2})-(\d{2})-([a-z0-9][a-z0-9-]*)")
_YEAR = re.compile(r"\d{4}")
_ISSUE = re.compile(r"(\d{4})-(\d{2})")

Answer = FileIdentity | str | None


class FileRule:
    """What every rule answers besides `identify`: what the record must agree with in its file's name."""

    def findings(self, record, ident: FileIdentity) -> Iterator[Finding]:
        return iter(())


@dataclass(frozen=True)
class Single(FileRule):
    """One file of a fixed name at the top: site.yml."""

    name: str
    folder: str = ""

    def identify(self, parts: list[str], label: str, example: str) -> Answer:
        return FileIdentity(self.name.removesuffix(".yml")) if parts == [self.name] else None


@dataclass(frozen=True)
class Named(FileRule):
    """<folder>/<id>.yml, the id in pinyin: programs, places, members."""

    folder: str

    def identify(self, parts: list[str], label: str, example: str) -> Answer:
        if parts[0] != self.folder:
            return None
        if len(parts) != 2:
            return say.named_rule(label, self.folder, example)
        stem = parts[1][:-4]
        return FileIdentity(stem) if SLUG.fullmatch(stem) else say.bad_file_id(parts[1], example)


@dataclass(frozen=True)
class Dated(FileRule):
    """<folder>/<year>/<year-month-day>-<id>.yml: activities, suggestions."""

    folder: str

    def identify(self, parts: list[str], label: str, example: str) -> Answer:
        if parts[0] != self.folder:
            return None
        if len(parts) != 3 or not _YEAR.fullmatch(parts[1]):
            return say.dated_rule(label, self.folder, example)
        m = _DATED.fullmatch(parts[2][:-4])
        if not m:
            return say.bad_dated_name(parts[2], say.dated_rule(label, self.folder, example))
        try:
            date = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return say.no_such_file_date(f"{m[1]}-{m[2]}-{m[3]}")
        if m[1] != parts[1]:
            return say.file_in_other_year(m[1], parts[1])
        return FileIdentity(parts[2][:-4], date=date, year=date.year)

    def findings(self, record, ident: FileIdentity) -> Iterator[Finding]:
        """The date in the file's name is the record's `date` (every dated kind has one)."""
        if ident.date and record.date and record.date != ident.date:
            yield Finding(("date",), say.date_not_file_date(record.date, ident.date))


@dataclass(frozen=True)
class Yearly(FileRule):
    """<folder>/<year>.yml: reviews."""

    folder: str

    def identify(self, parts: list[str], label: str, example: str) -> Answer:
        if parts[0] != self.folder:
            return None
        stem = parts[-1][:-4]
        if len(parts) != 2 or not _YEAR.fullmatch(stem):
            return say.yearly_rule(label, self.folder, example)
        return FileIdentity(stem, year=int(stem))


@dataclass(frozen=True)
class PerMemberYear(FileRule):
    """<folder>/<year>/<member id>.yml: one record per member and year."""

    folder: str

    def identify(self, parts: list[str], label: str, example: str) -> Answer:
        if parts[0] != self.folder:
            return None
        rule = say.member_year_rule(label, self.folder, example)
        if len(parts) != 3 or not _YEAR.fullmatch(parts[1]):
            return rule
        stem = parts[2][:-4]
        if not SLUG.fullmatch(stem):
            return say.bad_file_id(parts[2], example)
        return FileIdentity(f"{parts[1]}-{stem}", year=int(parts[1]))


def _publication_folder(parts: list[str]) -> str | None:
    """Why the folder of a periodical's file is wrong, if it is."""
    if len(parts) != 3:
        return say.PUBLICATION_RULE
    if not SLUG.fullmatch(parts[1]):
        return say.bad_publication_folder(parts[1])
    return None


@dataclass(frozen=True)
class PublicationIndex(FileRule):
    """publications/<id>/index.yml: the periodical itself."""

    folder: str = "publications"

    def identify(self, parts: list[str], label: str, example: str) -> Answer:
        if parts[0] != self.folder or parts[-1] != "index.yml":
            return None
        return _publication_folder(parts) or FileIdentity(parts[1])


@dataclass(frozen=True)
class IssueFile(FileRule):
    """publications/<periodical>/<year>-<number>.yml: one issue (every other file under publications/)."""

    folder: str = "publications"

    def identify(self, parts: list[str], label: str, example: str) -> Answer:
        if parts[0] != self.folder:
            return None
        if wrong := _publication_folder(parts):
            return wrong
        m = _ISSUE.fullmatch(parts[2][:-4])
        if not m:
            return say.bad_issue_name(parts[2])
        if not 1 <= int(m[2]) <= 99:
            return say.bad_issue_number(m[2])
        return FileIdentity(parts[2][:-4], year=int(m[1]), number=int(m[2]), publication=parts[1])
