"""What every record kind shares: the file identity, findings, and the base models.

Rules that look at other records (references, highlights) are stated as data by each kind and run by
link.py. Each model's `findings()` yields (key path, message) pairs; the loader turns them into located
problems, so a rule never needs to know about lines.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import ClassVar, Iterator

from pydantic import BaseModel, ConfigDict, Field

from .. import messages as say
from ..fields import Boolean, ListOf, Tag, asset_fields, choice


@dataclass(frozen=True, slots=True)
class FileIdentity:
    """What a record's path says about it: its id and the dates or numbers in its name."""

    id: str
    date: dt.date | None = None  # activities/…/<date>-<slug>.yml, suggestions likewise
    year: int | None = None  # year folder, review year, issue year
    number: int | None = None  # publication issue number NN
    publication: str | None = None  # publications/<pub>/


@dataclass(frozen=True, slots=True)
class Finding:
    loc: tuple
    message: str
    warning: bool = False


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


Status = choice(("published", "已发布"), ("draft", "草稿"))
Visibility = choice(("public", "公开"), ("internal", "内部"))


class Record(Strict):
    """Base of every record type.

    `findings()` and `assets()` also run on partial records (built from the
    fields that validated, the rest None), so they test each field before use.
    """

    kind_label: ClassVar[str]

    # What every build asks of a record, whatever its kind. A kind without these fields (site.yml, a review) is
    # published, public and has no tags; Content and the kinds with an `example` field answer from their fields.
    @property
    def is_draft(self) -> bool:
        return False

    @property
    def is_internal(self) -> bool:
        return False

    @property
    def is_example(self) -> bool:
        return False

    @property
    def tag_list(self) -> list[str]:
        return []

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        return iter(())

    def assets(self) -> Iterator[tuple[tuple, str]]:
        """(key path, asset path) of every file this record points to: each field typed AssetPath, at any depth
        (an activity's photos[i].src, a member's photo, an issue's cover)."""
        return _assets_in(self, ())


@functools.cache
def _asset_fields(model: type) -> tuple[list, list]:
    return asset_fields(model)


def _assets_in(model: BaseModel, loc: tuple) -> Iterator[tuple[tuple, str]]:
    own, nested = _asset_fields(type(model))
    for name, key in own:
        if value := getattr(model, name, None):
            yield loc + (key,), value
    for name, key in nested:
        value = getattr(model, name, None)
        if isinstance(value, BaseModel):
            yield from _assets_in(value, loc + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _assets_in(item, loc + (key, i))


def example_field():
    return Field(False, description="true：这是示范写法的示例记录，内容是虚构的；网站会在标题、统计数字等处标上“示例”")


def example_title(title: str) -> str:
    """An invented title or name, marked so wherever it is shown (once, if the editor wrote it already)."""
    return title if "示例" in title else f"{title}（示例）"


class Content(Record):
    """Fields common to content records: status, visibility, tags."""

    status: Status = Field("published", description="published 已发布；draft 草稿（只在预览中出现）")
    visibility: Visibility = Field("public", description="public 公开；internal 内部（不会出现在公开网站上）")
    tags: ListOf(Tag) = Field(default_factory=list, description="标签，例如 [课堂教学, 师德师风]")
    example: Boolean = example_field()

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def is_internal(self) -> bool:
        return self.visibility == "internal"

    @property
    def is_example(self) -> bool:
        return bool(self.example)

    @property
    def tag_list(self) -> list[str]:
        return list(self.tags or ())

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"


def _duplicates(items, loc: tuple, attr: str, what: str) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items or ()):
        value = getattr(item, attr)
        if value in seen:
            yield Finding(loc + (i, attr), say.repeated_id(what, value, seen[value] + 1))
        else:
            seen[value] = i
