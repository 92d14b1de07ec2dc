"""Plain text is shown as typed; record text is never a template."""

from __future__ import annotations

import yaml

from generator.render import front_matter, oneline, paragraphs, text


def test_text_turns_every_active_character_into_a_reference():
    assert text("a*b_c [x](y) <b> #1 {{ t }} & | ~") == (
        "a&#42;b&#95;c &#91;x&#93;&#40;y&#41; &#60;b&#62; &#35;1 &#123;&#123; t &#125;&#125; &#38; &#124; &#126;"
    )
    assert text("三同三异：党员一本通") == "三同三异：党员一本通"  # Chinese punctuation is not active


def test_paragraphs_keep_line_breaks_and_drop_indentation():
    assert paragraphs("第一行\n    第二行\n\n第三段 *x*") == "第一行<br>\n第二行\n\n第三段 &#42;x&#42;"


def test_oneline_runs_lines_together():
    assert oneline("甲\n  乙\n\n丙") == "甲 乙 丙"


def test_front_matter_is_dumped_not_pasted():
    fm = front_matter(title='a: "b" <script>\n---', tags=["x<y", "{{ z }}"], empty=None)
    assert fm.startswith("---\n") and fm.endswith("---\n")
    assert yaml.safe_load(fm.split("---\n")[1]) == {"title": 'a: "b" &lt;script&gt;\n---', "tags": ["x&lt;y", "{{ z }}"]}
