"""What a `mkdocs serve` keeps of the theme from one rebuild to the next. MkDocs makes the theme's template
environment anew for every rebuild: its templates compiled again and its folders listed again, for nothing."""

from __future__ import annotations

import os

import jinja2
import jinja2.bccache


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per `mkdocs serve`: compiling the theme's 40-odd templates took a third of
    a second at every save. Jinja checks each template's source against what was compiled, so an edited override is
    compiled anew."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class ThemeListing:
    """The theme's file list, made again only when a theme folder changed (a file added, removed or renamed changes
    its folder's time). MkDocs lists the theme's folders at every rebuild to find its static files: Material's
    14,000 icons among them, each matched against a dozen patterns (a twelfth of a save's rebuild at 5,000
    activities)."""

    def __init__(self):
        self._lists: dict[tuple[str, ...], tuple[list[str], tuple, list[str]]] = {}

    def install(self, theme) -> None:
        """This build's theme gives environments whose loader lists the folders through this listing."""
        get_env, lists = theme.get_env, self._lists

        def env() -> jinja2.Environment:
            environment = get_env()
            environment.loader = _ListedLoader(theme.dirs, lists)
            return environment

        theme.get_env = env


class _ListedLoader(jinja2.FileSystemLoader):
    def __init__(self, dirs: list[str], lists: dict):
        super().__init__(dirs)
        self._lists = lists

    def list_templates(self) -> list[str]:
        """The theme's files but those in a hidden folder or hidden themselves: MkDocs, the one caller, leaves
        those out (its patterns `.*` and `*/.*`); Material's icons are all in `.icons/`. A template can still
        include one: loading is not listing."""
        key = tuple(self.searchpath)
        known = self._lists.get(key)
        if known is not None and _stamp(known[0]) == known[1]:  # (folders, their times, names)
            return list(known[2])
        folders = [path for base in self.searchpath for path, _, _ in os.walk(base, followlinks=self.followlinks)]
        stamp = _stamp(folders)
        names = [n for n in super().list_templates() if not any(part.startswith(".") for part in n.split("/"))]
        self._lists[key] = (folders, stamp, names)
        return list(names)


def _stamp(folders: list[str]) -> tuple:
    stamp = []
    for folder in folders:
        try:
            stamp.append(os.stat(folder).st_mtime_ns)
        except OSError:
            stamp.append(None)
    return tuple(stamp)
