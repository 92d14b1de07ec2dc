"""Chinese word segmentation of the search index (jieba-rs), as Material's search plugin would do it."""

from __future__ import annotations

from pathlib import Path

from generator.segment import Segmenter

ROOT = Path(__file__).resolve().parent.parent
WORDS = ROOT / "docs/search/jieba-user-dict.txt"
Z = "\u200b"
SENTENCE = "全体党员写党性日记，参加“三同三异”活动（2024年）。PDF版 abc"


def test_han_runs_become_words_between_zero_width_spaces_the_rest_is_kept():
    assert Segmenter().segment(SENTENCE) == Z.join(
        ["全体", "党员", "写", "党性", "日记", "，", "参加", "“", "三同",
         "三异", "”", "活动", "（2024", "年", "）。PDF", "版", " abc"])


def test_the_projects_words_stay_whole_but_for_their_last_character():
    # 党性日 + 记: Material's query splitter then finds 党性日*, which only the whole word matches (segment.py)
    assert Segmenter(WORDS).segment(SENTENCE) == Z.join(
        ["全体", "党员", "写", "党性日", "记", "，", "参加", "“", "三同三",
         "异", "”", "活动", "（2024", "年", "）。PDF", "版", " abc"])


def test_text_without_han_is_unchanged_and_ends_carry_no_separator():
    s = Segmenter()
    assert s.segment("Hello, world 2024") == "Hello, world 2024"
    assert s.segment("党员") == "党员"


def test_an_index_entry_has_its_title_and_text_segmented_and_nothing_else():
    entry = {"location": "a/", "title": "党性日记", "text": "<p>党员教师</p>", "tags": ["党性日记"]}
    Segmenter(WORDS).segment_entry(entry)
    assert entry == {"location": "a/", "title": f"党性日{Z}记", "text": f"<p>{Z}党员{Z}教师{Z}</p>", "tags": ["党性日记"]}
