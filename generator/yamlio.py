"""Strict reading of one record file.

Editors are not YAML experts, so YAML's surprises are closed off: every value is
read as text (typing is the field's job), and anchors, aliases, merge keys, tags
and second documents are refused. The file is read as a stream of parser events
and the tree is built here without recursion, so neither libyaml's recursive
composer (which crashes on deep nesting) nor Python's recursion limit is ever
reached; depth and size are capped before anything can blow up.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import messages as say
from .errors import Problem, Severity, system_error

MAX_BYTES = 1_048_576
MAX_DEPTH = 20

_Loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader

# Control characters (newline, tab and the CR of CRLF aside), bidi overrides
# and the invisible Unicode line breaks that would shift YAML's line count.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)
_TAB_INDENT = re.compile(r"^ *(\t)[ \t]*[^ \t\r\n]", re.M)

Mark = tuple[int, int]  # (line, col), both 1-based
Path_ = tuple  # key path inside the document, e.g. ("photos", 0, "src")


@dataclass(slots=True)
class Document:
    """A record file read as plain data (dicts, lists, str) plus where each part stands."""

    data: dict
    text: str
    value_at: dict[Path_, Mark] = field(default_factory=dict)  # every node, root is ()
    key_at: dict[Path_, Mark] = field(default_factory=dict)  # every mapping key
    empty: set[Path_] = field(default_factory=set)  # keys written with no value
    spans: list[tuple[Mark, Mark, Path_]] = field(default_factory=list)  # scalar extents
    plain: set[Path_] = field(default_factory=set)  # values written without quotes (other readers may type them)

    def mark(self, loc: Path_) -> Mark:
        """Where a value stands; for a key that is absent, where its mapping starts."""
        loc = tuple(loc)
        while loc not in self.value_at and loc not in self.key_at and loc:
            loc = loc[:-1]
        return self.value_at.get(loc) or self.key_at.get(loc) or (1, 1)

    def key_mark(self, loc: Path_) -> Mark:
        return self.key_at.get(tuple(loc)) or self.mark(loc)

    def path_at(self, line: int, col: int) -> Path_ | None:
        """The key path of the scalar that covers a position, if any."""
        for start, end, loc in self.spans:
            if start <= (line, col) < end:
                return loc
        return None


class _Reader:
    def __init__(self, display: str):
        self.display = display
        self.problems: list[Problem] = []
        self.blocking = False  # a problem that makes the data unfit to check further

    def error(self, line: int, col: int, message: str, *, blocking: bool = True):
        self.problems.append(Problem(self.display, line, col, Severity.ERROR, message))
        if blocking:
            self.blocking = True


def read_record(path: str | Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Read one record file. Returns the document (None if unusable) and every problem found."""
    raw, problems = read_bytes(path, display)
    if raw is None:
        return None, problems
    return parse_bytes(raw, display)


def read_bytes(path: str | Path, display: str) -> tuple[bytes | None, list[Problem]]:
    """A record file's bytes (None if it cannot be read or is too large), and the problem if so."""
    reader = _Reader(display)
    try:
        # Non-blocking, and only a regular file is read: a pipe put in place of a record must not hang us.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
        with open(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                reader.error(1, 1, say.NOT_REGULAR)
                return None, reader.problems
            raw = f.read(MAX_BYTES + 1)  # never more: a huge file is refused unread
            size = os.fstat(f.fileno()).st_size if len(raw) > MAX_BYTES else len(raw)
    except OSError as e:
        reader.error(1, 1, say.cannot_read(system_error(e)))
        return None, reader.problems
    if len(raw) > MAX_BYTES:
        reader.error(1, 1, say.file_too_large(max(size, len(raw)), MAX_BYTES))
        return None, reader.problems
    return raw, []


def parse_bytes(raw: bytes, display: str) -> tuple[Document | None, list[Problem]]:
    reader = _Reader(display)
    text = _decode(raw, reader)
    if text is None:
        return None, reader.problems
    text = _replace_bad_chars(text, reader)
    doc = _build(text, reader)
    if reader.blocking:
        return None, reader.problems
    return doc, reader.problems


# ---------------------------------------------------------------- bytes to text


def _decode(raw: bytes, reader: _Reader) -> str | None:
    head = raw[:4096]
    # UTF-16 puts a zero byte beside every ASCII character; one stray NUL is a control character, reported
    # at its line like the others.
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (head and head.count(0) * 4 >= len(head)):
        reader.error(1, 1, say.UTF16)
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line_start = raw.rfind(b"\n", 0, e.start) + 1
        line = raw.count(b"\n", 0, e.start) + 1
        col = len(raw[line_start : e.start].decode("utf-8", "replace")) + 1
        try:
            raw.decode("gb18030")
            gbk = True
        except UnicodeDecodeError:
            gbk = False
        reader.error(line, col, say.not_utf8(line, col, raw[e.start], gbk))
        return None


def line_col(text: str, index: int) -> Mark:
    """The 1-based line and column of a position in the text."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _replace_bad_chars(text: str, reader: _Reader) -> str:
    """Report every invisible troublemaker, then blank it so the rest can still be read."""
    if not _BAD_CHARS.search(text):
        return text
    for m in _BAD_CHARS.finditer(text):
        line, col = line_col(text, m.start())
        reader.error(line, col, say.invisible_char(m.group()), blocking=False)
    return _BAD_CHARS.sub(" ", text)


def _escaped_bad_chars(ev, reader: _Reader, line: int, col: int) -> str:
    """A scalar's value, with what a double-quoted escape (\\x03, \\u202e …) made of an invisible
    character reported and blanked, as _replace_bad_chars does for those typed in the text."""
    value = ev.value
    if ev.style != '"' or not _BAD_CHARS.search(value):
        return value
    for m in _BAD_CHARS.finditer(value):
        reader.error(line, col, say.escaped_invisible_char(m.group()), blocking=False)
    return _BAD_CHARS.sub(" ", value)


# ---------------------------------------------------------------- text to tree




# libyaml 0.2.5 (in PyYAML 6.0.4's wheels) has a depth limit of its own, 1000, which it can reach while looking
# ahead through "[[[[…" before the events reach MAX_DEPTH; older releases have none. Its message, in any version.
_LIBYAML_DEPTH = ("nesting depth", "nesting level", "too deep")


_FULLWIDTH_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*(：)", re.M)


def _fullwidth_colon(text: str, lines: range) -> Mark | None:
    """Where a key is followed by a Chinese colon (title：示例) on one of these lines, if it is: the usual
    reason YAML finds no key, reported where the editor can fix it."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for line in lines:
        if 1 <= line <= len(starts):
            end = starts[line] - 1 if line < len(starts) else len(text)
            m = _FULLWIDTH_KEY.match(text, starts[line - 1], end)
            if m:
                return line_col(text, m.start(1))
    return None


_BLOCK_START = re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_]*):[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")
_NO_SPACE = re.compile(r"^[ \t]*(?:-[ \t]+)?[A-Za-z_][A-Za-z0-9_]*(:)(?=[^ \t\n])")


def _open_block(text: str, line: int) -> str | None:
    """The key of the block scalar (body: |) whose text this line follows without indentation, if it does."""
    lines = text.splitlines()
    for back in range(line - 2, -1, -1):
        previous = lines[back]
        if not previous.strip():
            continue
        m = _BLOCK_START.match(previous)
        if m:
            return m[1]
        if not previous.startswith((" ", "\t")):
            return None  # a line of its own at the top level: no block is open
    return None


def _parser_message(problem: str) -> str:
    for needle, message in say.PARSER_HINTS:
        if needle in problem:
            return message
    return say.YAML_OTHER


def _build(text: str, reader: _Reader, loader_class=_Loader) -> Document | None:
    found_before = len(reader.problems)
    tab_lines = [line_col(text, m.start(1)) for m in _TAB_INDENT.finditer(text)] if "\t" in text else []
    block_lines: list[tuple[int, int]] = []  # (first, last) content lines of block scalars
    doc = Document(data={}, text=text)
    loader = loader_class(text)
    try:
        root = _walk_events(loader, doc, reader, block_lines if tab_lines else None)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        earlier_tabs = [t for t in tab_lines if t[0] <= line]
        colon = _fullwidth_colon(text, range(line - 1, line + 1))
        if colon:
            reader.error(*colon, say.FULLWIDTH_COLON)
            return None
        simple_key = "simple key" in (e.context or "") and e.context_mark is not None
        if simple_key:
            # The line without its colon, not the one after it where the scanner gave up.
            line, col = e.context_mark.line + 1, e.context_mark.column + 1
            block = _open_block(text, line)
            if block:
                reader.error(line, col, say.unindented_block_text(block))
                return None
        lines = text.splitlines()
        # "src:2024/a.jpg": YAML reads one word, and stumbles on that line or the next.
        for candidate in (line,) if simple_key else (line - 1, line):
            no_space = _NO_SPACE.match(lines[candidate - 1]) if 1 <= candidate <= len(lines) else None
            if no_space:
                reader.error(candidate, no_space.start(1) + 1, say.NO_SPACE_AFTER_COLON)
                return None
        if any(needle in (e.problem or "") for needle in _LIBYAML_DEPTH) and loader_class is not yaml.SafeLoader:
            # Read again by PyYAML's own parser, which has no such limit and looks ahead at most 1024
            # characters: the events then stop at MAX_DEPTH, where the project's rule says.
            del reader.problems[found_before:]
            reader.blocking = False
            return _build(text, reader, yaml.SafeLoader)
        if earlier_tabs:
            for tl, tc in earlier_tabs:
                reader.error(tl, tc, say.TAB_INDENT)
        else:
            reader.error(line, col, _parser_message(f"{e.context or ''} {e.problem or ''}"))
        return None
    except yaml.YAMLError as e:  # reader-level errors carry no mark in every version
        reader.error(1, 1, _parser_message(str(e)))
        return None
    finally:
        loader.dispose()
    for tl, tc in tab_lines:
        if not any(first <= tl <= last for first, last in block_lines):
            reader.error(tl, tc, say.TAB_INDENT)
    if root is None:
        return None
    doc.data = root
    return doc


class _Stop(Exception):
    """The rest of the file cannot be read meaningfully."""


def _walk_events(loader, doc: Document, reader: _Reader, block_lines: list | None) -> dict | None:
    """Build plain data from the parser's events, recording marks; iterative, depth-capped."""
    # Each frame: [container, path, pending_key, key_mark]
    stack: list[list] = []
    root = None
    documents = 0
    E = yaml.events
    try:
        while True:
            ev = loader.get_event()
            kind = type(ev)
            if kind is E.StreamEndEvent:
                break
            if kind is E.StreamStartEvent or kind is E.DocumentEndEvent:
                continue
            if kind is E.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    m = ev.start_mark
                    reader.error(m.line + 1, m.column + 1, say.SECOND_DOCUMENT)
                    raise _Stop
                continue
            m = ev.start_mark
            line, col = m.line + 1, m.column + 1
            if kind is E.MappingEndEvent or kind is E.SequenceEndEvent:
                stack.pop()
                continue
            if kind is E.AliasEvent:
                reader.error(line, col, say.alias(ev.anchor))
                value = ""
            else:
                if ev.anchor is not None:
                    reader.error(line, col, say.anchor(ev.anchor))
                if ev.tag is not None:
                    tag = ev.tag.replace("tag:yaml.org,2002:", "!!")
                    reader.error(line, col, say.tag(tag))

            # Where does this node go?
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                # It is a mapping key.
                frame = stack[-1]
                if kind is not E.ScalarEvent:
                    reader.error(line, col, say.COMPLEX_KEY)
                    raise _Stop
                key = _escaped_bad_chars(ev, reader, line, col)
                if key == "<<" and not ev.style:
                    reader.error(line, col, say.MERGE_KEY)
                path = frame[1] + (key,)
                if key in frame[0] or path in doc.key_at:
                    first = doc.key_at[path][0]
                    reader.error(line, col, say.duplicate_key(key, first, line))
                    frame[2] = _DUPLICATE
                else:
                    doc.key_at[path] = (line, col)
                    frame[2] = key
                continue

            if stack:
                frame = stack[-1]
                if isinstance(frame[0], dict):
                    key = frame[2]
                    frame[2] = None
                    path = frame[1] + (key,) if key is not _DUPLICATE else None
                else:
                    path = frame[1] + (len(frame[0]),)
            else:
                path = ()

            if kind is E.ScalarEvent or kind is E.AliasEvent:
                value = _escaped_bad_chars(ev, reader, line, col) if kind is E.ScalarEvent else ""
                if kind is E.ScalarEvent and block_lines is not None and ev.style in ("|", ">"):
                    block_lines.append((line + 1, ev.end_mark.line + 1))
                if path is None:
                    continue
                if not stack:
                    colon = _fullwidth_colon(doc.text, range(line, ev.end_mark.line + 2))
                    if colon:
                        reader.error(*colon, say.FULLWIDTH_COLON)
                    else:
                        reader.error(line, col, say.TEXT_NOT_KEYS)
                    raise _Stop
                end = ev.end_mark
                doc.value_at[path] = (line, col)
                doc.spans.append(((line, col), (end.line + 1, end.column + 1), path))
                if kind is E.ScalarEvent and not ev.style and value:  # plain: None from PyYAML, "" from libyaml
                    doc.plain.add(path)
                container = stack[-1][0]
                if isinstance(container, dict):
                    if value == "":
                        doc.empty.add(path)  # an empty value counts as missing
                    else:
                        container[path[-1]] = value
                else:
                    container.append(value)
                continue

            # A mapping or a sequence starts.
            if len(stack) >= MAX_DEPTH:
                reader.error(line, col, say.too_deep(MAX_DEPTH))
                raise _Stop
            container = {} if kind is E.MappingStartEvent else []
            if not stack:
                if kind is not E.MappingStartEvent:
                    reader.error(line, col, say.LIST_NOT_KEYS)
                    raise _Stop
                root = container
            elif path is not None:
                parent = stack[-1][0]
                if isinstance(parent, dict):
                    parent[path[-1]] = container
                else:
                    parent.append(container)
            if path is not None:
                doc.value_at[path] = (line, col)
            stack.append([container, path if path is not None else ("\0dup",), None])
    except _Stop:
        return None
    if documents == 0 or root is None:
        reader.error(1, 1, say.EMPTY_FILE)
        return None
    return root


_DUPLICATE = object()  # placeholder key: the value of a repeated key is read and dropped
