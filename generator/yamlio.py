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
    # Values written without quotes that another reader may not read as text (yaml12.py says which it would not).
    plain: set[Path_] = field(default_factory=set)
    # Whether a value reads otherwise than it is typed (an escape in double quotes, lines folded into one): only
    # then must the privacy scan look at the values besides the text.
    reshaped: bool = False

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
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                reader.error(1, 1, say.NOT_REGULAR)
                return None, reader.problems
            chunks, got = [], 0  # os.read, not a buffered file: a third of the time for a small record
            while got <= MAX_BYTES and (chunk := os.read(fd, MAX_BYTES + 1 - got)):
                chunks.append(chunk)
                got += len(chunk)
            raw = b"".join(chunks)  # never more than MAX_BYTES + 1: a huge file is refused unread
            size = max(info.st_size, len(raw))
        finally:
            os.close(fd)
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
        root = _Builder(doc, reader, block_lines if tab_lines else None).build(loader)
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


# What every typed reading of YAML 1.2's core schema starts with (a digit, a sign, a dot, ~) or is (a short word
# of letters: true, null, and YAML 1.1's yes/no/on/off): a plain value that does not match is text to every reader.
# Most values, Chinese ones all, are passed over on this alone.
_MAYBE_NOT_TEXT = re.compile(r"[-+.0-9~]|[A-Za-z]{1,5}\Z")


class _Stop(Exception):
    """The rest of the file cannot be read meaningfully."""


_DUPLICATE = object()  # placeholder key: the value of a repeated key is read and dropped


@dataclass(slots=True)
class _Frame:
    """A mapping or list still open: what it holds so far, where it is, and (a mapping) the key whose value comes
    next — None while a key is awaited, _DUPLICATE for a repeated key's value, which is read and dropped."""

    container: dict | list
    path: Path_
    key: object = None
    mapping: bool = False

    def add(self, path: Path_, value) -> None:
        if self.mapping:
            self.container[path[-1]] = value
        else:
            self.container.append(value)


class _Builder:
    """Plain data from the parser's events, with the marks of every key and value; iterative, depth-capped.
    Each refusal (an alias, a tag, a second document …) is reported at its line; `_Stop` ends a file that
    cannot be read on."""

    def __init__(self, doc: Document, reader: _Reader, block_lines: list | None):
        self.doc, self.reader, self.block_lines = doc, reader, block_lines
        self.stack: list[_Frame] = []
        self.root: dict | None = None
        self.documents = 0

    def build(self, loader) -> dict | None:
        try:
            self._events(loader.get_event)
        except _Stop:
            return None
        if self.documents == 0 or self.root is None:
            self.reader.error(1, 1, say.EMPTY_FILE)
            return None
        return self.root

    def _events(self, get_event) -> None:
        """The event loop, the reader's hot path (a quarter of a million events at 5,000 activities): a scalar in a
        mapping, as key or value, is handled here; the rest (containers, refusals, duplicates) by the methods."""
        stack, doc, reader = self.stack, self.doc, self.reader
        key_at, value_at, spans, plain = doc.key_at, doc.value_at, doc.spans, doc.plain
        Scalar, Alias, StreamEnd = yaml.ScalarEvent, yaml.AliasEvent, yaml.StreamEndEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        while (kind := type(ev := get_event())) is not StreamEnd:
            if kind in ends:
                stack.pop()
                continue
            if kind is yaml.StreamStartEvent or kind is yaml.DocumentEndEvent:
                continue
            mark = ev.start_mark
            line, col = mark.line + 1, mark.column + 1
            if kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self._stop(line, col, say.SECOND_DOCUMENT)
                continue
            if kind is Alias or ev.anchor is not None or ev.tag is not None:
                self._refuse_yaml_features(ev, line, col)
            frame = stack[-1] if stack else None
            if frame is not None and frame.mapping and frame.key is None:  # a key
                if kind is not Scalar:
                    self._stop(line, col, say.COMPLEX_KEY)
                key = ev.value if ev.style != '"' else _escaped_bad_chars(ev, reader, line, col)
                path = frame.path + (key,)
                if key in frame.container or path in key_at or (key == "<<" and not ev.style):
                    self._key(ev, key, path, line, col)
                else:
                    key_at[path] = (line, col)
                    frame.key = key
                continue
            if frame is None:
                path = ()
            elif frame.mapping:
                key, frame.key = frame.key, None
                path = None if key is _DUPLICATE else frame.path + (key,)
            else:
                path = frame.path + (len(frame.container),)
            if kind is not Scalar or path is None or frame is None or ev.style in ("|", ">") \
                    or (ev.style == '"' and _BAD_CHARS.search(ev.value)):
                if kind is Scalar or kind is Alias:
                    self._scalar(ev, path, line, col)
                else:
                    self._open(ev, path, line, col)
                continue
            # A plain or quoted one-line value in a mapping or list: _scalar, inlined.
            value, style, end = ev.value, ev.style, ev.end_mark
            value_at[path] = (line, col)
            spans.append(((line, col), (end.line + 1, end.column + 1), path))
            if not style:
                if value and _MAYBE_NOT_TEXT.match(value):
                    plain.add(path)
            elif style == '"' or (style == "'" and "'" in value):
                doc.reshaped = True
            if end.line != mark.line:
                doc.reshaped = True
            if value == "" and frame.mapping:
                doc.empty.add(path)  # an empty value counts as missing
            elif frame.mapping:
                frame.container[path[-1]] = value
            else:
                frame.container.append(value)

    def _stop(self, line: int, col: int, message: str):
        self.reader.error(line, col, message)
        raise _Stop

    def _refuse_yaml_features(self, ev, line: int, col: int) -> None:
        """Aliases, anchors and tags: nothing in a record refers to another part or names a type."""
        if type(ev) is yaml.AliasEvent:
            self.reader.error(line, col, say.alias(ev.anchor))
            return
        if ev.anchor is not None:
            self.reader.error(line, col, say.anchor(ev.anchor))
        if ev.tag is not None:
            self.reader.error(line, col, say.tag(ev.tag.replace("tag:yaml.org,2002:", "!!")))

    def _key(self, ev, key: str, path: Path_, line: int, col: int) -> None:
        """A key that is a merge key or already there (the common case is handled in _events)."""
        frame = self.stack[-1]
        if key == "<<" and not ev.style:
            self.reader.error(line, col, say.MERGE_KEY)
        if key in frame.container or path in self.doc.key_at:
            self.reader.error(line, col, say.duplicate_key(key, self.doc.key_at[path][0], line))
            frame.key = _DUPLICATE
        else:
            self.doc.key_at[path] = (line, col)
            frame.key = key

    def _scalar(self, ev, path: Path_ | None, line: int, col: int) -> None:
        scalar = type(ev) is yaml.ScalarEvent
        value = _escaped_bad_chars(ev, self.reader, line, col) if scalar else ""
        if scalar and self.block_lines is not None and ev.style in ("|", ">"):
            self.block_lines.append((line + 1, ev.end_mark.line + 1))
        if path is None:
            return
        if not self.stack:  # a file of one text, not of keys
            colon = _fullwidth_colon(self.doc.text, range(line, ev.end_mark.line + 2))
            if colon:
                self._stop(*colon, say.FULLWIDTH_COLON)
            self._stop(line, col, say.TEXT_NOT_KEYS)
        end = ev.end_mark
        self.doc.value_at[path] = (line, col)
        self.doc.spans.append(((line, col), (end.line + 1, end.column + 1), path))
        if scalar and not ev.style and value and _MAYBE_NOT_TEXT.match(value):  # plain: None (PyYAML), "" (libyaml)
            self.doc.plain.add(path)
        if scalar and (ev.style == '"' or ev.style == ">" or (ev.style == "'" and "'" in value)
                       or (end.line != ev.start_mark.line and ev.style != "|")):
            self.doc.reshaped = True
        if value == "" and isinstance(self.stack[-1].container, dict):
            self.doc.empty.add(path)  # an empty value counts as missing
        else:
            self.stack[-1].add(path, value)

    def _open(self, ev, path: Path_ | None, line: int, col: int) -> None:
        """A mapping or a list starts."""
        if len(self.stack) >= MAX_DEPTH:
            self._stop(line, col, say.too_deep(MAX_DEPTH))
        mapping = type(ev) is yaml.MappingStartEvent
        container = {} if mapping else []
        if not self.stack:
            if not mapping:
                self._stop(line, col, say.LIST_NOT_KEYS)
            self.root = container
        elif path is not None:
            self.stack[-1].add(path, container)
        if path is not None:
            self.doc.value_at[path] = (line, col)
        self.stack.append(_Frame(container, path if path is not None else ("\0dup",), mapping=mapping))


