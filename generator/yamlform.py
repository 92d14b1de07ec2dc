"""A record's YAML in the one form the project writes: what `generator fmt` writes and what the web editor writes
(docs/admin/format.js, with the `yaml` package's options there), byte for byte, so that a record opened and saved in
the editor without changes stays as it was.

The form: keys in the form's order, lists of one-line values on one line ([甲, 乙]), text that spans lines as a
literal block (`|`), nothing folded, single quotes where quotes are needed, and nothing that means "not filled in"
(empty text, empty lists, false, null) written at all. The quoting rules are those of the `yaml` package (2.x)
with `singleQuote: true, lineWidth: 0`; tests/node/format.mjs holds the two to the same text."""

from __future__ import annotations

import json
import re

from .yaml12 import is_yaml11_bool, reading

# yaml's plainString: what may not start, end or appear in an unquoted value (JS regex, no multiline flag).
_NOT_PLAIN = re.compile(r"^[\n\t ,\[\]{}#&*!|>'\"%@`]|^[?-]\Z|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]\Z")
_FLOW_SPECIAL = re.compile(r"[\[\]{},]")
_FORCE_DOUBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_DOUBLE_ESCAPES = {"0000": "\\0", "0007": "\\a", "000b": "\\v", "001b": "\\e", "0085": "\\N", "00a0": "\\_",
                   "2028": "\\L", "2029": "\\P"}
_BLOCK_END_NEWLINES = re.compile(r"(^|(?<!\n))\n+(?!\n|\Z)")
_STEP = "  "


# What is trimmed from a text's ends, the same characters in format.js: Python's str.strip and JavaScript's trim
# disagree (U+FEFF, U+001C–U+001F, U+0085), which made the editor and `fmt` rewrite each other's records.
STRIPPED = ("\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
            "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")
# What text pasted from Word, a web page or a phone carries, made plain by one rule (format.js: the same): every
# kind of line break a LF (CRLF, CR, Word's manual line break U+000B, page break U+000C, U+2028/2029); soft hyphens,
# zero-width spaces, word joiners, byte-order marks and text-direction controls gone; and a paragraph's indent
# made of tabs, no-break or full-width spaces (首行缩进) dropped. An indent of plain spaces stays: in Markdown it
# nests a list.
_BREAKS = re.compile("\r\n?|[\x0b\x0c\u2028\u2029]")
_GONE = re.compile("[\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_INDENT = re.compile("^[ \t\u00a0\u3000]*[\t\u00a0\u3000][ \t\u00a0\u3000]*", re.M)


def canonical_text(text: str) -> str:
    """Pasted text made plain (above); one-line text trimmed (a tab is a space); text over several lines ends in
    exactly one newline."""
    trimmed = _INDENT.sub("", _GONE.sub("", _BREAKS.sub("\n", text))).rstrip(STRIPPED)
    return trimmed + "\n" if "\n" in trimmed else trimmed.lstrip(STRIPPED).replace("\t", " ")


def clean(value):
    """The value as the form writes it: text canonical, and nothing that means "not filled in"."""
    if isinstance(value, str):
        return canonical_text(value) or None
    if isinstance(value, list):
        items = [v for v in (clean(item) for item in value) if v is not None]
        return items or None
    if isinstance(value, dict):
        out = {k: v for k, v in ((k, clean(item)) for k, item in value.items()) if v is not None}
        return out or None
    return None if value is False else value


def dump(data: dict, order: list[str] = ()) -> str:
    """The YAML text of a record's data (already clean), its top-level keys in `order` (others keep their place)."""
    rank = {key: i for i, key in enumerate(order)}
    keys = list(data)
    # Decap's comparator treats a key the form does not know as equal to every other; with a stable sort over
    # a list in which every key is known, that is the order given.
    if all(k in rank for k in keys):
        keys.sort(key=rank.__getitem__)
    return "".join(_mapping({k: data[k] for k in keys}, ""))


def _mapping(data: dict, indent: str) -> list[str]:
    lines = []
    for key, value in data.items():
        lines.append(f"{indent}{_key(key)}:{_after_key(value, indent)}")
    return lines


def _after_key(value, indent: str) -> str:
    inner = indent + _STEP
    if isinstance(value, dict):
        return "\n" + "".join(_mapping(value, inner))
    if isinstance(value, list):
        if _flows(value):
            return " [" + ", ".join(_scalar(v, inner, flow=True) for v in value) + "]\n"
        return "\n" + "".join(_sequence(value, inner))
    return " " + _scalar(value, inner) + "\n"


def _flows(items: list) -> bool:
    return all(not isinstance(v, (dict, list)) and not (isinstance(v, str) and "\n" in v) for v in items)


def _sequence(items: list, indent: str) -> list[str]:
    lines = []
    inner = indent + _STEP
    for item in items:
        if isinstance(item, dict):
            body = _mapping(item, inner)
            lines.append(f"{indent}- {body[0][len(inner):]}")
            lines.extend(body[1:])
        elif isinstance(item, list):
            raise ValueError("a list inside a list is not a record field")
        else:
            lines.append(f"{indent}- {_scalar(item, inner)}\n")
    return lines


def _key(key: str) -> str:
    if "\n" in key or _NOT_PLAIN.search(key) or reading(key) is not None:
        return _quoted(key, "", implicit_key=True)
    return key


def _scalar(value, indent: str, flow: bool = False) -> str:
    if value is True:
        return "true"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"no YAML form for {value!r}")
    if _FORCE_DOUBLE.search(value):  # control characters: only double quotes can hold them
        return _double(value, indent)
    if is_yaml11_bool(value):  # format.js quotes these itself; yaml's own rules would leave them plain
        return _single(value, indent)
    if flow and value.startswith(("?", ":")):  # format.js too: in [ ], PyYAML and libyaml read a key or a value
        return _single(value, indent)
    if not flow and "\n" in value and value.startswith("\t"):  # format.js too: libyaml refuses such a block
        return _double(value, indent)
    if flow and _FLOW_SPECIAL.search(value):
        return _quoted(value, indent)
    if _NOT_PLAIN.search(value):
        return _quoted(value, indent) if flow or "\n" not in value else _block(value, indent)
    if not flow and "\n" in value:
        return _block(value, indent)
    if reading(value) is not None:
        return _quoted(value, indent)
    return value


def _quoted(value: str, indent: str, implicit_key: bool = False) -> str:
    double, single = '"' in value, "'" in value
    if single and not double:
        return _double(value, indent, implicit_key)
    return _single(value, indent, implicit_key)


def _single(value: str, indent: str, implicit_key: bool = False) -> str:
    if (implicit_key and "\n" in value) or re.search(r"[ \t]\n|\n[ \t]", value):
        return _double(value, indent, implicit_key)
    text = value.replace("'", "''")
    return "'" + re.sub(r"\n+", lambda m: m.group() + "\n" + indent, text) + "'"


def _double(value: str, indent: str, implicit_key: bool = False, min_multiline: int = 40) -> str:
    js = json.dumps(value, ensure_ascii=False)
    out, start, i = [], 0, 0
    while i < len(js):
        ch = js[i]
        if ch == " " and js[i + 1:i + 3] == "\\n":
            out.append(js[start:i] + "\\ ")
            i += 1
            start = i
            ch = "\\"
        if ch == "\\":
            nxt = js[i + 1] if i + 1 < len(js) else ""
            if nxt == "u":
                out.append(js[start:i])
                code = js[i + 2:i + 6]
                out.append(_DOUBLE_ESCAPES.get(code, "\\x" + code[2:] if code[:2] == "00" else js[i:i + 6]))
                i += 5
                start = i + 1
            elif nxt == "n":
                if implicit_key or js[i + 2:i + 3] == '"' or len(js) < min_multiline:
                    i += 1
                else:
                    out.append(js[start:i] + "\n\n")
                    while js[i + 2:i + 4] == "\\n" and js[i + 4:i + 5] != '"':
                        out.append("\n")
                        i += 2
                    out.append(indent)
                    if js[i + 2:i + 3] == " ":
                        out.append("\\")
                    i += 1
                    start = i + 1
            else:
                i += 1
        i += 1
    return "".join(out) + js[start:] if start else js


def _block(value: str, indent: str) -> str:
    if re.search(r"\n[\t ]+\Z", value):
        return _quoted(value, indent)
    end_start = len(value)
    while end_start > 0 and value[end_start - 1] in "\n\t ":
        end_start -= 1
    end = value[end_start:]
    if "\n" not in end:
        chomp = "-"
    elif value == end or end.index("\n") != len(end) - 1:
        chomp = "+"
    else:
        chomp = ""
    if end:
        value = value[:-len(end)]
        if end.endswith("\n"):
            end = end[:-1]
        end = _BLOCK_END_NEWLINES.sub(lambda m: m.group() + indent, end)
    starts_with_space, start_nl, start_end = False, -1, 0
    while start_end < len(value):
        ch = value[start_end]
        if ch == " ":
            starts_with_space = True
        elif ch == "\n":
            start_nl = start_end
        else:
            break
        start_end += 1
    start = value[:start_nl + 1 if start_nl < start_end else start_end]
    if start:
        value = value[len(start):]
        start = re.sub(r"\n+", lambda m: m.group() + indent, start)
    header = ("2" if starts_with_space else "") + chomp
    value = re.sub(r"\n+", lambda m: m.group() + indent, value)
    return f"|{header}\n{indent}{start}{value}{end}"
