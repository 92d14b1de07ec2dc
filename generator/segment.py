"""Chinese word segmentation for the search index, with jieba-rs (rjieba).

Material's search plugin segments with jieba, pure Python: at 5,000 activities
that was 14% of the build (bench/RESULTS.md). Without jieba installed Material
leaves the text as it is, and the plugin segments each entry as Material would
have: every run of Han characters becomes its words joined by zero-width spaces
(a separator in mkdocs.yml's search config), with a zero-width space on either
side.
"""

from __future__ import annotations

import json
from pathlib import Path

import rjieba
from backrefs import bre

ZWSP = "\u200b"
_HAN = bre.compile(r"\p{script: Han}+", bre.UNICODE)  # the same runs Material segments


def _findable(word: str) -> str:
    """A word of three or more characters is indexed as its head and its last character (党员一本 + 通).

    Material's search worker splits a Chinese query into words by looking them up in the index, but its loop
    never tries a word that ends where the query ends: 党员一本通 would be searched as 党员* and 一*, which
    finds every page with 党员 and any word starting with 一. With the head indexed as a word it is searched as
    党员一本*, which finds the pages that name 党员一本通 and ranks them first (tests/test_search_ranking.py).
    The zero-width space between head and tail is invisible on the page and in the results."""
    return word[:-1] + ZWSP + word[-1] if len(word) >= 3 and _HAN.fullmatch(word) else word


class Segmenter:
    def __init__(self, user_dict: Path | None = None):
        self._jieba = rjieba.Jieba()
        self._seen: dict[str, str] = {}  # text -> segmented; serve rebuilds re-segment only what changed
        if user_dict:
            for line in user_dict.read_text(encoding="utf-8").splitlines():  # "word [freq [tag]]", as jieba's
                word, *rest = line.split() or ["#"]
                if not word.startswith("#"):
                    freq = int(rest[0]) if rest and rest[0].isdigit() else None
                    self._jieba.add_word(word, freq, rest[1] if len(rest) > 1 else None)

    def _run(self, match) -> str:
        return ZWSP + ZWSP.join(_findable(w) for w in self._jieba.cut(match.group(0))) + ZWSP

    def segment(self, text: str) -> str:
        done = self._seen.get(text)
        if done is None:
            done = self._seen[text] = _HAN.sub(self._run, text).strip(ZWSP)
        return done

    def segment_entry(self, entry: dict) -> None:
        """One entry of Material's search index (a page section), its title and text segmented."""
        for key in ("title", "text"):
            if isinstance(entry.get(key), str):
                entry[key] = self.segment(entry[key])


# ---------------------------------------------------------------- as an MkDocs hook

# `python -m generator export` copies this file into the exported project (hooks/segment.py, beside the
# words as jieba-user-dict.txt), so that MkDocs and ProperDocs segment its search index the way the project's
# plugin does, without the plugin: after the search plugin has written the index, every entry is segmented
# and the index written again, as UTF-8. (Hooks run after every plugin.)


def rewrite_index(index: Path, entry=None) -> None:
    """Material's search index written again as UTF-8, each entry passed through `entry` first if given. Material
    writes \\uXXXX escapes, six bytes for every Chinese character and every zero-width space between words: as
    UTF-8 it is about half the size, which decides whether a large archive's search loads from file://."""
    data = json.loads(index.read_text(encoding="utf-8"))
    if entry is not None:
        for e in data.get("docs", []):
            entry(e)
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def on_post_build(config) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        words = Path(__file__).with_name("jieba-user-dict.txt")
        rewrite_index(index, Segmenter(words if words.is_file() else None).segment_entry)
