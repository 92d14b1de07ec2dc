"""Plain text is shown as typed; record text is never a template."""

from __future__ import annotations

import yaml
from markupsafe import Markup

from generator.render import environment, front_matter, oneline, paragraphs, text


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
    assert yaml.safe_load(fm.split("---\n")[1]) == {"title": "a: &quot;b&quot; &lt;script&gt;\n---",
                                                    "tags": ["x&lt;y", "{{ z }}"]}


def test_front_matter_escapes_strings_at_every_depth():
    fm = front_matter(portal={"activities": [{"title": "<img src=x onerror=alert(1)>", "url": "a.md"}],
                              "honors": ["'\"><b>"]})
    assert yaml.safe_load(fm.split("---\n")[1]) == {"portal": {
        "activities": [{"title": "&lt;img src=x onerror=alert(1)&gt;", "url": "a.md"}],
        "honors": ["&#x27;&quot;&gt;&lt;b&gt;"],
    }}


def test_every_printed_value_is_escaped_unless_marked_safe():
    """The policy, not a filter: a value printed without any filter comes out as text."""
    env = environment()
    page = env.from_string(
        "{{ title }}|{{ title | text }}|{{ n }}|{{ body | md }}|{{ safe }}|{{ ('[a](' ~ title ~ ')') }}"
    ).render(title="<img src=x onerror=alert(1)>", n=3, body="**b**", safe=Markup("[x](y.md)"))
    assert page == ("&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;|&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;"
                    "|3|**b**|[x](y.md)|&#91;a&#93;&#40;&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;&#41;")


def test_every_template_prints_through_the_policy():
    env = environment()
    assert env.autoescape is True and env.finalize is not None
    for name in env.list_templates():
        assert "|safe" not in env.loader.get_source(env, name)[0].replace(" ", ""), name
