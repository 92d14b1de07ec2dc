"""Relative paths read from somewhere untrusted (a bookkeeping file, an editor's request): believed only when they
stay inside the folder they are relative to."""

from __future__ import annotations

from pathlib import PureWindowsPath


def inner_parts(path: object) -> list[str] | None:
    """The parts of `path` if it is a plain relative path with "/" (no "..", ".", empty part, backslash, NUL or
    drive), else None."""
    if not isinstance(path, str) or not path or "\\" in path or "\0" in path or PureWindowsPath(path).drive:
        return None
    parts = path.split("/")
    return None if any(p in ("", ".", "..") for p in parts) else parts
