"""Chinese word segmentation for the search index, with jieba-rs (rjieba).

Material's search plugin segments with jieba, pure Python: at 5,000 activities
that was 14% of the build (bench/RESULTS.md). Without jieba installed Material
leaves the text as it is, and the plugin segments each entry as Material would
have: every run of Han characters becomes its words joined by zero-width spaces
(a separator in mkdocs.yml's search config), with a zero-width space on either
side.
"""

from __future__ import annotations

from pathlib import Path

import rjieba
from backrefs import bre

ZWSP = "\u200b"
_HAN = bre.compile(r"\p{script: Han}+", bre.UNICODE)  # the same runs Material segments


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
        return ZWSP + ZWSP.join(self._jieba.cut(match.group(0))) + ZWSP

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
