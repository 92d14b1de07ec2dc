"""Unquoted values that other YAML readers would not read as text.

`check` reads every value as text and lets the field decide, but VS Code's YAML
language server and the web editor read YAML 1.2, where an unquoted 0701 is the
number 701 and true is a boolean: they flag the record against the JSON Schema,
or write the value back changed. Where the schema (made from the same model)
does not accept what YAML 1.2 makes of a plain value, `check` says to quote it,
so the two never disagree. YAML 1.1's yes/no/on/off, still read as booleans by
older tools, get a warning.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .kinds import KINDS, Kind
from .schema import schema_for
from .yamlio import Document, Path_

# YAML 1.2.2, 10.3.2 (the core schema's tag resolution)
_NULL = re.compile(r"~|null|Null|NULL")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_BOOL_11 = re.compile(r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N")


def reading(text: str) -> tuple[str, str] | None:
    """How YAML 1.2 types an unquoted value, as (JSON type, the value shown as it would be read); None for text."""
    if _NULL.fullmatch(text):
        return "null", "null"
    if _BOOL.fullmatch(text):
        return "boolean", text.lower()
    if _INT.fullmatch(text):
        base = 16 if text.startswith("0x") else 8 if text.startswith("0o") else 10
        return "integer", str(int(text[2:] if base != 10 else text, base))
    if _FLOAT.fullmatch(text):
        number = float(text.lower().replace(".", "") if text.lower().lstrip("+-") in (".inf", ".nan") else text)
        return "number", format(number, "g")
    return None


def is_yaml11_bool(text: str) -> bool:
    return bool(_BOOL_11.fullmatch(text))


@functools.cache
def _schema(name: str) -> dict:
    return schema_for(KINDS[name])


def _deref(node: dict, defs: dict) -> dict:
    """The node a `$ref` names (pydantic puts nested models in $defs), or the node itself."""
    return defs[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node


def _types(node: dict, defs: dict) -> set[str] | None:
    """The JSON types a schema node accepts; None when it says nothing about types."""
    node = _deref(node, defs)
    if "anyOf" in node:
        found: set[str] = set()
        for option in node["anyOf"]:
            types = _types(option, defs)
            if types is None:
                return None
            found |= types
        return found
    kind = node.get("type")
    if kind is None:
        return None
    return {kind} if isinstance(kind, str) else set(kind)


def _node_at(schema: dict, path: Path_) -> dict | None:
    defs = schema.get("$defs", {})
    node = schema
    for part in path:
        node = _deref(node, defs)
        for option in node.get("anyOf", [node]):
            option = _deref(option, defs)
            if isinstance(part, int) and "items" in option:
                node = option["items"]
                break
            if isinstance(part, str) and part in option.get("properties", {}):
                node = option["properties"][part]
                break
            if isinstance(part, str) and isinstance(option.get("additionalProperties"), dict):
                node = option["additionalProperties"]
                break
        else:
            return None
    return node


def accepts(schema: dict, path: Path_, json_type: str) -> bool:
    node = _node_at(schema, path)
    if node is None:
        return True  # a key the model does not know: `check` says so itself
    types = _types(node, schema.get("$defs", {}))
    return types is None or json_type in types or (json_type == "integer" and "number" in types)


@functools.cache
def _kind_accepts(kind: str, shape: Path_, json_type: str) -> bool:
    """accepts() for a kind's schema, at a path whose list positions are all 0 (every item has one schema)."""
    return accepts(_schema(kind), shape, json_type)


def misread(kind: Kind, doc: Document) -> Iterator[tuple[Path_, str, tuple[str, str] | None]]:
    """Each plain value the schema would reject as YAML 1.2 reads it, with that reading; and (reading None)
    each plain yes/no/on/off where the schema wants text."""
    for path in sorted(doc.plain, key=lambda p: doc.value_at.get(p, (0, 0))):  # only those that may be typed
        text = _value(doc.data, path)
        if text is None:
            continue
        shape = tuple(0 if isinstance(part, int) else part for part in path)
        read = reading(text)
        if read is not None:
            if not _kind_accepts(kind.name, shape, read[0]):
                yield path, text, read
        elif is_yaml11_bool(text) and not _kind_accepts(kind.name, shape, "boolean"):
            yield path, text, None


def _value(data, path: Path_) -> str | None:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data if isinstance(data, str) else None
