"""Every message a user reads about their records is built and formatted here.

A problem is a user error (or warning) tied to a place in a record file. Bugs in
our own code are not problems: they stay exceptions with tracebacks.
"""

from __future__ import annotations

import errno
import json
from dataclasses import asdict, dataclass
from enum import Enum

from . import messages as say


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return say.ERROR if self is Severity.ERROR else say.WARNING


@dataclass(frozen=True, slots=True)
class Problem:
    file: str  # as shown to the user, e.g. records/site.yml
    line: int  # 1-based; 0 when no line applies (a whole folder)
    col: int  # 1-based
    severity: Severity
    message: str
    field: str | None = None  # key path such as photos[0].src

    @property
    def sort_key(self) -> tuple:
        return (self.file, self.line, self.col, self.severity is not Severity.ERROR, self.message)

    @property
    def text(self) -> str:
        """The message with its field, without the location."""
        if self.field:
            return say.with_field(self.field, self.message)
        return self.message


def field_path(loc: tuple) -> str:
    """('photos', 0, 'src') -> 'photos[0].src', the way MkDocs names config keys."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


# ---------------------------------------------------------------- output formats


def format_text(p: Problem) -> str:
    return f"{p.file}:{p.line}:{p.col}: {p.severity.label}：{p.text}"


def _gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_property(s: str) -> str:
    return _gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def format_github(p: Problem) -> str:
    """A GitHub Actions workflow command, so a pull request shows it on its line."""
    kind = "error" if p.severity is Severity.ERROR else "warning"
    props = f"file={_gh_escape_property(p.file)}"
    if p.line:
        props += f",line={p.line},col={p.col}"
    return f"::{kind} {props}::{_gh_escape_data(p.text)}"


def summary(problems: list[Problem], files_checked: int) -> str:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    return say.report_summary(files_checked, errors, len(problems) - errors)


def format_json(problems: list[Problem], files_checked: int) -> str:
    items = []
    for p in problems:
        d = asdict(p)
        d["severity"] = p.severity.value
        items.append(d)
    return json.dumps(
        {
            "ok": not has_errors(problems),
            "files": files_checked,
            "errors": sum(p.severity is Severity.ERROR for p in problems),
            "warnings": sum(p.severity is Severity.WARNING for p in problems),
            "problems": items,
            "summary": summary(problems, files_checked),
        },
        ensure_ascii=False,
        indent=2,
    )


def render_report(problems: list[Problem], files_checked: int, fmt: str) -> str:
    problems = sorted(problems, key=lambda p: p.sort_key)
    if fmt == "json":
        return format_json(problems, files_checked)
    line = format_github if fmt == "github" else format_text
    out = [line(p) for p in problems]
    out.append(summary(problems, files_checked))
    return "\n".join(out)


_SYSTEM = {getattr(errno, name): cause for name, cause in say.SYSTEM.items() if hasattr(errno, name)}


def system_error(e: OSError) -> str:
    """What went wrong with the machine, not the records, in Chinese: the cause and the path."""
    return say.system_cause(_SYSTEM.get(e.errno, e.strerror or str(e)), e.filename)


def is_system_error(e: BaseException) -> bool:
    """An error of the disk or the file system that the user can act on, not a bug of the generator."""
    return isinstance(e, OSError) and e.errno in _SYSTEM
