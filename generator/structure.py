"""What one build makes, as data: its pages and the files they show (as MkDocs keeps `structure/` apart from the
code that makes it). Made by pages.make_pages; read by the plugin, `build --out`, `export` and the page cache."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # e.g. activities/2024/2024-03-12-tongke-yigou.md
    title: str  # plain text
    markdown: str
    source: str | None = None  # the record behind it, relative to records/, for "编辑此页"
    in_nav: bool = False


@dataclass(frozen=True, slots=True)
class Output:
    pages: list[Page]  # in navigation order
    media: list[str]  # asset paths under records/assets/ that the shown records use (photos.published_path)
    tag_slugs: dict[str, str]  # tag -> its page is tags/<slug>.md (what the theme's tag chips link to)
