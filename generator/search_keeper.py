"""Material's search index, kept Chinese and whole: each page's entries segmented as it is indexed, and in a dirty
preview every page's entries kept, since a save renders only the pages it changed."""

from __future__ import annotations

import json
from pathlib import Path

from material.plugins.search import plugin as search
from mkdocs.exceptions import PluginError

from . import messages as say
from .segment import Segmenter, rewrite_index


def _material_segments() -> bool:
    """Whether Material's search plugin segments Chinese itself (it does when jieba is installed)."""
    return getattr(search, "jieba", None) is not None


class SearchKeeper:
    def __init__(self):
        self._search = None  # Material's search plugin
        self._segmenter: Segmenter | None = None
        self._indexed: tuple[list, int] = ([], 0)  # the search plugin's entries, and how many are segmented
        self._page_json: dict[str, str] = {}  # a dirty preview: each page's search entries when last rendered, as JSON

    def configure(self, config, words: Path | None, shown: str | None) -> None:
        """At each build's start: the search plugin of this config, and (once) the segmenter with its word list
        `words` (`shown`: how the plugin's option names it)."""
        if self._segmenter is None and not _material_segments():
            if words is not None and not words.is_file():
                raise PluginError(say.no_search_words(shown))
            self._segmenter = Segmenter(words)
        self._search = next((p for p in config.plugins.values() if isinstance(p, search.SearchPlugin)), None)

    def _enabled(self) -> bool:
        return self._search is not None and self._search.config.enabled

    def page_indexed(self, src_uri: str, *, keep: bool) -> None:
        """The entries of the page just indexed: segmented in memory, before the index is written (a rebuild under
        `mkdocs serve --dirty` then never reads the whole index back); with `keep` (a dirty preview), kept."""
        if not self._enabled():
            return
        entries = self._search.search_index.entries  # Material's SearchIndex; a new one for every build
        done_list, done = self._indexed
        if done_list is not entries:
            done = 0
        if self._segmenter is not None:
            for entry in entries[done:]:
                self._segmenter.segment_entry(entry)
        if keep:  # encoded now, once: the index of every later save is these texts joined, not encoded again
            self._page_json[src_uri] = ",".join(json.dumps(e, ensure_ascii=False, separators=_COMPACT, default=str)
                                                for e in entries[done:])
        self._indexed = (entries, len(entries))

    def complete(self, pages: list[str]) -> None:
        """A dirty preview, before the index is written: the pages not rendered this time are added with their
        entries as last rendered, so the preview's search still finds every page. (Material's own merge assumes
        one changed page, and drops every other page's entries when the home page is among them.) The index is
        written from each page's entries as encoded when it was rendered, as UTF-8 like a built site's (`rewrite`):
        encoding all of them again, in escapes, took a sixth of a save's rebuild at 5,000 activities."""
        if not self._enabled():
            return
        self._page_json = {uri: self._page_json[uri] for uri in pages if uri in self._page_json}
        index = self._search.search_index
        self._search.search_index = _Joined(",".join(text for text in self._page_json.values() if text), index.config)
        self._search.search_index_prev = None
    @staticmethod
    def rewrite(site_dir: str) -> None:
        """The written index as UTF-8 (segment.rewrite_index)."""
        index = Path(site_dir) / "search" / "search_index.json"
        if index.is_file():
            rewrite_index(index)


_COMPACT = (",", ":")  # as Material writes its index


class _Joined(search.SearchIndex):
    """Material's index, its entries already encoded: Material's own JSON of the index without entries, with them
    put in. Material's index is one object whose last member is the list of entries (`"docs":[]`)."""

    def __init__(self, docs: str, config: dict):
        super().__init__(**config)
        self._docs = docs

    def generate_search_index(self, prev):
        empty = super().generate_search_index(None)
        if not empty.endswith(_EMPTY_DOCS):
            raise AssertionError("Material's search index is no longer {…,\"docs\":[]}")
        return empty[: -len(_EMPTY_DOCS)] + '"docs":[' + self._docs + "]}"


_EMPTY_DOCS = '"docs":[]}'
