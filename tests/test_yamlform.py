"""The records' YAML form: generator/yamlform.py (Python, `generator fmt`) and docs/admin/format.js (the web
editor, on the `yaml` package) write the same bytes, and every shipped record is already in that form."""

from __future__ import annotations

import pytest
from support.sitebuild import ROOT
from support.yaml12 import written_by_the_editor

from generator.cms import form_order
from generator.fmt import fmt, formatted
from generator.load import load
from generator.yamlform import clean, dump
from generator.yamlio import parse_bytes

TEXTS = [
    "0701", "1e3", "0x1F", "0o17", "true", "True", "FALSE", "~", "null", "NULL", "yes", "No", "on", "OFF", "y", "n",
    "- x", "-x", "-", "? x", "?", "a: b", "a:b", "x:", "a #b", "a#b", "#x", "&x", "*重要*", "!x", "|x", ">x", "'x",
    '"x', "%x", "@x", "`x", "[x", "x]", "{x", ",x", "a, b", "it's", 'say "hi"', "it's \"both\"", "--- x", "...",
    "x ", " x", "\tx", "2024-05-10", "2024-3-12", "2004-07", "12:30", "1:20", ".5", "+1", "-1", "1_000", ".inf",
    "-.inf", ".NaN", "中文：冒号", "中文: 冒号", "tab\there", "《党性日记》", "“同课异构”", "a\u00a0b", "第 1 期",
    "a\nb", "  indented\ncode", "a\n\n\nb", "line  \nnext", "- item\n- item2", "> quote\n\ntext", "#\nx",
    "text\n\n\n", "\n\nleading blank\n", "x\n  y  ", "a: b\nc", "'q'\nline", '"q"\nline', "end with colon:\nx:",
    # From Word, Windows and the red-team round (issue 26): each once written so that check refused it, read it
    # as something else, or the two writers disagreed.
    "?x", ":x", "?\u00a0x", ":\u00a0x", "? x", "?it's", "\tfirst\nsecond", " \tfirst\nsecond", "\t\tindented\nfrom Word",
    "first\n\tsecond", "a\r\nb", "a\rb", "a\r\n \r\nb", "a\r\n \nb", "x\r \ry",
    "第一行的内容比较长一些超过四十个字符的时候会折行写出来的吧吧吧\r\n \ny", "x\ufeff", "\ufeffx", "x\x1c", "a\nb\x1f",
    "x\x85", "x\u3000", "\u3000\u3000首行缩进", "x\u2028", "x\u00a0",
    # Pasted from Word (issue 29): paragraph indents, manual line breaks, soft hyphens, zero-width characters.
    "\u3000\u3000第一段\r\n\u3000\u3000第二段", "\t第一段\n\t第二段\n", "\u00a0\u00a0缩进\n正文", " \u3000混合\n x",
    "  - 列表\n    - 嵌套", "a\u00adb", "a\u200bb", "\u200b", "\ufeff\u200b", "x\u2029y", "a\x0bb", "a\x0cb",
    "a\u202eb\u202c", "\u2066x\u2069", "a\u200db",
]


def _cases():
    yield {"title": "示例", "tags": ["a", "b, c", "[x]", "yes", "1", "中文"], "participants": 30, "zero": 0,
           "consent": True, "example": False, "empty": "", "none": None, "nothing": [], "blank": {}}
    yield {"photos": [{"src": "2024/a.jpg", "caption": "说明: 冒号"}, {"src": "2024/b.jpg"}],
           "evaluation": {"date": "2012-01-10", "voters": 103,
                          "items": [{"item": "测评", "counts": {"好": 90, "较好": 10, "一般": 0}}]},
           "pillars": [{"id": "x", "summary": "第一行\n第二行\n"}, {"id": "y", "summary": "  缩进\n的正文"}],
           "mixed": ["一行", "两\n行"]}
    for text in TEXTS:
        yield {"value": text, "list": [text, "x"], "nested": [{"key": text}]}


CASES = list(_cases())


def test_python_and_the_editor_write_the_same_text():
    order = ["title", "value"]
    editor = written_by_the_editor([{"data": data, "order": order} for data in CASES])
    ours = [dump(clean(data) or {}, order) for data in CASES]
    assert [(data, a) for data, a, b in zip(CASES, ours, editor, strict=True) if a != b] == []


def test_what_the_form_writes_check_reads_back_as_it_was():
    """Every crafted text, written in the form, is read by the strict reader (check, libyaml) as the same text."""
    wrong = []
    for data in CASES[2:]:  # the texts (the reader reads every value as text, so numbers are left out)
        tidy = clean(data) or {}
        text = dump(tidy, ["title", "value"])
        doc, problems = parse_bytes(text.encode("utf-8"), "x.yml")
        if problems or doc is None or doc.data != tidy:
            wrong.append((data, text, [p.message for p in problems]))
    assert wrong == []


def test_text_pasted_from_word_is_made_plain_by_one_rule():
    pasted = "\u3000\u3000第一段，有软\u00ad连字符和零\u200b宽空格。\r\n\t第二段\x0b手动换行\u2029\u00a0第三段\u3000\r\n"
    assert clean({"body": pasted}) == {"body": "第一段，有软连字符和零宽空格。\n第二段\n手动换行\n第三段\n"}
    assert clean({"title": "\ufeff\u3000标题\u200b\t（示例）\u202e"}) == {"title": "标题 （示例）"}
    assert clean({"body": "- 一\n  - 二\n"}) == {"body": "- 一\n  - 二\n"}  # spaces nest a Markdown list: kept
    assert clean({"body": "\u200b\u00ad"}) is None  # nothing visible: not filled in


def test_the_form_itself():
    assert dump(clean(CASES[0]), ["title"]) == (
        "title: 示例\ntags: [a, 'b, c', '[x]', 'yes', '1', 中文]\nparticipants: 30\nzero: 0\nconsent: true\n")
    assert dump(clean({"value": "0701", "body": "第一段\n\n第二段  \n\n", "q": "'start"})) == (
        "value: '0701'\nbody: |\n  第一段\n\n  第二段\nq: \"'start\"\n")


def _shipped():
    loaded = load(ROOT / "records")
    assert loaded.problems == []
    return loaded.entries


def test_every_shipped_record_is_in_the_form():
    assert fmt(ROOT / "records", write=False).changed == []


def test_the_editor_saves_every_shipped_record_unchanged():
    entries = _shipped()
    texts = [(ROOT / "records" / e.rel).read_text(encoding="utf-8") for e in entries]
    saved = written_by_the_editor([{"text": t, "order": form_order(e.kind)} for e, t in zip(entries, texts, strict=True)])
    assert [e.rel for e, t, s in zip(entries, texts, saved, strict=True) if t != s] == []
    assert all(formatted(e) == t for e, t in zip(entries, texts, strict=True))


@pytest.mark.parametrize("key", ["title", "summary", "caption"])
def test_a_value_the_form_cannot_hold_plainly_is_quoted_the_same_way(key):
    data = {key: "yes"}
    assert written_by_the_editor([{"data": data, "order": []}]) == [dump(data)] == [f"{key}: 'yes'\n"]
