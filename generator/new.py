"""`python -m generator new TYPE`: a new record at the right path, every field explained.

What it writes passes `check` as it is: required fields come from the options,
everything else is a commented example, and the record starts as a draft so a
half-written one never reaches the public site. An id is made from the title's
pinyin and never collides with an existing file; no file is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass, field, fields
from pathlib import Path

from . import messages as say
from .pinyin import slug
from .yamlio import read_record


class NewError(Exception):
    """A usage problem, in Chinese, for the person at the keyboard."""


@dataclass(frozen=True, slots=True)
class NewRecord:
    rel: str  # path under records/
    text: str


def q(value: str) -> str:
    """A YAML scalar that reads back as exactly this text (a JSON string is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


class _Existing:
    """The ids already in records/, read from file names (and site.yml), so a broken tree still works."""

    def __init__(self, records: Path):
        self.records = records

    def stems(self, folder: str) -> list[str]:
        return sorted(p.stem for p in (self.records / folder).glob("*.yml"))

    def site_ids(self, key: str) -> list[str]:
        doc, _ = read_record(self.records / "site.yml", "site.yml") if (self.records / "site.yml").is_file() else (None, [])
        items = doc.data.get(key, []) if doc else []
        return [i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)]

    def publications(self) -> list[str]:
        return sorted(p.parent.name for p in (self.records / "publications").glob("*/index.yml"))

    def free(self, folder: str, base: str) -> str:
        """base, or base-2, base-3 … whichever names no file yet."""
        candidate, n = base, 1
        while (self.records / folder / f"{candidate}.yml").exists():
            n += 1
            candidate = f"{base}-{n}"
        return candidate


def _pick(what: str, value: str | None, options: list[str], option: str) -> str:
    if not options:
        raise NewError(say.nothing_to_pick(what))
    if value is None:
        raise NewError(say.pick_with(option, what, options))
    if value not in options:
        hint = difflib.get_close_matches(value, options, n=1, cutoff=0.5)
        raise NewError(say.no_such_option(what, value, hint[0] if hint else None, options))
    return value


def _need(value: str | None, option: str, what: str) -> str:
    if not value or not value.strip():
        raise NewError(say.give_with(option, what))
    if "\n" in value:
        raise NewError(say.one_line_only(what))
    return value.strip()


@dataclass
class Options:
    """What the command line gave, and the helpers a kind's `start` needs (kinds/<kind>.py, Blank)."""

    records: Path
    ex: _Existing
    today: dt.date
    title: str | None = None
    date: dt.date | None = None
    program: str | None = None
    pillar: str | None = None
    kind_of_place: str | None = field(default=None, metadata={"flag": "--kind"})
    name: str | None = None
    pub: str | None = None
    year: int | None = None
    origin: str | None = field(default=None, metadata={"flag": "--from"})
    place: str | None = None
    member: str | None = None
    branch: str | None = None

    need = staticmethod(_need)
    pick = staticmethod(_pick)
    slug = staticmethod(slug)
    q = staticmethod(q)

    @staticmethod
    def fail(message: str):
        raise NewError(message)


def option_fields() -> list:
    """The fields of Options that the command line gives, each an option `--<name>` (or its metadata's flag)."""
    return [f for f in fields(Options) if f.name not in ("records", "ex", "today")]


def flag(f) -> str:
    return f.metadata.get("flag", f"--{f.name}")


def labels() -> list[tuple[str, str]]:
    """Each type `new` makes, with its Chinese name."""
    from .kinds import KINDS

    return [(name, KINDS[name].label) for name in creatable()]


def creatable() -> list[str]:
    from .kinds import KINDS

    return [name for name, kind in KINDS.items() if kind.blank]


def make(kind: str, records: Path, *, today: dt.date | None = None, **options) -> NewRecord:
    """A new record of a kind: the fields its Blank fills in, and every other field of its model as a commented
    example, each with the model's own description."""
    from .kinds import KINDS
    from .kinds.base import Content

    k = KINDS.get(kind)
    if k is None or k.blank is None:
        raise NewError(say.unknown_type(kind, creatable()))
    o = Options(records, _Existing(records), today or dt.date.today(), **options)
    folder, rid, given, context = k.blank.start(o)
    context = {"id": rid, **context}
    lines = [say.new_file_header(k.label, k.blank.note)]
    fields = k.model.model_fields
    own = [n for n in fields if n not in Content.model_fields] + [n for n in fields if n in Content.model_fields]
    for name in own:
        info = fields[name]
        key = info.alias or name
        comment = f"   # {info.description}" if info.description else ""
        if key in given:
            first, *rest = given[key].split("\n")
            lines.append(f"{key}: {first}".rstrip() + ("" if "#" in first else comment))
            lines += rest
        elif key not in ("status", "visibility") and (example := _example(k, key, o, context)) is not None:
            first, *rest = example.split("\n")
            lines.append(f"# {key}: {first}".rstrip() + comment)
            lines += [f"# {line}" for line in rest]
    if k.blank.draft:
        lines.append(say.DRAFT_LINE)
    return NewRecord(f"{folder}/{rid}.yml", "\n".join(lines) + "\n")


def _example(kind, key: str, o: Options, context: dict) -> str | None:
    """An optional field's example: the kind's own, or for a reference an id that exists."""
    from .kinds import KINDS
    from .kinds.kind import SITE_LISTS

    if key in kind.blank.examples:
        return kind.blank.examples[key].format(**context)
    for ref in kind.references:
        if ref.path.removesuffix("[]") != key:
            continue
        if ref.target in KINDS:
            ids = o.ex.stems(KINDS[ref.target].folder)
        else:
            ids = o.ex.site_ids(SITE_LISTS[ref.target])
        example = ids[0] if ids else say.AN_ID
        return f"[{example}]" if ref.path.endswith("[]") else example
    return None


def write(records: Path, new: NewRecord) -> Path:
    path = records / new.rel
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
            f.write(new.text)
    except FileExistsError:
        raise NewError(say.exists_already(new.rel)) from None
    return path
