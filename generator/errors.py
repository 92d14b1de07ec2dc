"""Every message a user reads about their records is built and formatted here.

A problem is a user error (or warning) tied to a place in a record file. Bugs in
our own code are not problems: they stay exceptions with tracebacks.
"""

from __future__ import annotations

import errno
import json
from dataclasses import asdict, dataclass
from enum import Enum

from .messages import field_label


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "警告"


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
            return f"字段 {field_label(self.field)}：{self.message}"
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
    warnings = len(problems) - errors
    if not problems:
        return f"检查通过：{files_checked} 个文件，没有发现问题。"
    verdict = "检查未通过" if errors else "检查通过"
    return f"{verdict}：{files_checked} 个文件中有 {errors} 个错误、{warnings} 个警告。"


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


_SYSTEM = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出了磁盘配额",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "磁盘是只读的",
    errno.ENAMETOOLONG: "路径或文件名太长",
    errno.ELOOP: "符号链接绕成了圈",
    errno.ENOENT: "找不到",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.ENOTDIR: "路径中的某一段不是文件夹",
    errno.EIO: "读写磁盘时出错（磁盘可能有故障）",
}


def system_error(e: OSError) -> str:
    """What went wrong with the machine, not the records, in Chinese: the cause and the path."""
    cause = _SYSTEM.get(e.errno, e.strerror or str(e))
    return f"{cause}：{e.filename}" if e.filename else cause


def is_system_error(e: BaseException) -> bool:
    """An error of the disk or the file system that the user can act on, not a bug of the generator."""
    return isinstance(e, OSError) and e.errno in _SYSTEM


def serve_error_page(problems: list[Problem], files_checked: int) -> str:
    """What the preview shows, at every address, while a record has an error: the same list `check` prints."""
    from .render import html_page  # the one HTML environment, which escapes everything

    errors = sorted((p for p in problems if p.severity is Severity.ERROR), key=lambda p: p.sort_key)
    return html_page(
        "serve_errors.html.j2",
        heading="记录有错误，预览没有更新",
        lead="请按下面的提示改正。改好并保存后，这一页会自动换回网站。",
        problems=[{"where": f"{p.file}:{p.line}:{p.col}", "label": p.severity.label, "message": p.text} for p in errors],
        total=summary(problems, files_checked),
    )


BUG_BANNER = (
    "内部错误：这是生成器程序的缺陷，不是记录写错了。"
    "请把下面的全部信息发给网站维护者。"
)
