"""The strict reader, rule by rule, with the exact messages editors see."""

from __future__ import annotations

import pytest
import yaml

from generator import yamlio
from generator.errors import format_text
from generator.yamlio import MAX_BYTES, parse_bytes, read_record


def read(raw: bytes):
    doc, problems = parse_bytes(raw, "x.yml")
    return doc, [format_text(p) for p in problems]


def test_every_value_is_text_first():
    doc, problems = read(b"a: no\nb: 14:30\nc: 0701\nd: 1.0\ne: ~\nf: [yes, 2024-02-30]\n")
    assert problems == []
    assert doc.data == {"a": "no", "b": "14:30", "c": "0701", "d": "1.0", "e": "~", "f": ["yes", "2024-02-30"]}


def test_marks_of_keys_and_values():
    doc, _ = read(b"title: x\nphotos:\n  - src: a.jpg\n    caption: b\n")
    assert doc.key_at[("photos", 0, "caption")] == (4, 5)
    assert doc.value_at[("photos", 0, "caption")] == (4, 14)
    assert doc.value_at[("photos",)] == (3, 3)
    assert doc.mark(("photos", 0, "missing")) == (3, 5)


def test_empty_value_counts_as_missing():
    doc, problems = read(b"title:\nsummary: ''\n")
    assert problems == []
    assert doc.data == {}
    assert doc.empty == {("title",), ("summary",)}


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"a: &x b\n", "x.yml:1:4: 错误：值不能以“&”开头（“&x”）：要写这段文字，请给整个值加上英文单引号，例如 '&x'"),
        (b"a: b\nc: *x\n", "x.yml:2:4: 错误：值不能以“*”开头（“*x”）：要写这段文字，请给整个值加上英文单引号，例如 '*x'"),
        (b"a: 1\n<<: {b: 2}\n", "x.yml:2:1: 错误：“<<”不能当键用：请把内容直接写出来。"),
        (b"a: !!python/object:os.system x\n", "x.yml:1:4: 错误：值不能以“!”开头（“!!python/object:os.system”）：要写这段文字，"
                                              "请给整个值加上英文单引号。值一律按文字读取，类型由字段决定。"),
        (b"a: !!binary aGk=\n", "x.yml:1:4: 错误：值不能以“!”开头（“!!binary”）：要写这段文字，请给整个值加上英文单引号。"
                                "值一律按文字读取，类型由字段决定。"),
        (b"a: 1\n---\nb: 2\n", "x.yml:2:1: 错误：这一行“---”把文件分成了两份：一个文件只能写一条记录。请删去这一行。"),
        (b"", "x.yml:1:1: 错误：文件是空的：请一行写一项“键: 值”，例如 title: 示例。"),
        (b"# only a comment\n", "x.yml:1:1: 错误：文件是空的：请一行写一项“键: 值”，例如 title: 示例。"),
        (b"- a\n- b\n", "x.yml:1:1: 错误：记录要一行写一项“键: 值”，例如 title: 示例；这个文件却以“- ”开头，写成了列表。"),
        (b"just text\n", "x.yml:1:1: 错误：记录要一行写一项“键: 值”，例如 title: 示例；这个文件却只有一段文字。"),
        (b"? [a]\n: b\n", "x.yml:1:3: 错误：冒号前面的键只能是一个词（例如 title），不能是列表或几行“键: 值”。"),
        (b"title: a: b\n", "x.yml:1:9: 错误：这里不能出现“: ”。如果值里本身带冒号，请给整个值加上引号。"),
        (b'title: "abc\n', "x.yml:2:1: 错误：文件意外结束：可能有引号或括号没有闭合。"),
        (b"tags: [a, b\n", "x.yml:2:1: 错误：方括号 [ ] 没有闭合，或列表项之间缺少逗号。"),
        (b"a: @x\n", "x.yml:1:4: 错误：这个字符不能放在值的开头（如 @、`、%）。请给整个值加上引号。"),
    ],
)
def test_refused_constructs(raw, expected):
    doc, problems = read(raw)
    assert doc is None
    assert problems == [expected]


def test_duplicate_keys_name_both_lines():
    _, problems = read(b"title: a\nsummary: s\ntitle: b\n")
    assert problems == ["x.yml:3:1: 错误：键“title”重复：第 1 行和第 3 行都写了它，请只保留一个。"]


def test_duplicate_keys_in_nested_mapping():
    _, problems = read(b"photos:\n  - src: a\n    src: b\n")
    assert problems == ["x.yml:3:5: 错误：键“src”重复：第 2 行和第 3 行都写了它，请只保留一个。"]


def test_tab_in_indentation():
    _, problems = read(b"evaluation:\n\tdate: 2024-01-01\n")
    assert problems == ["x.yml:2:1: 错误：缩进里不能有制表符（Tab），请改用空格。"]


def test_tab_after_spaces_in_indentation_of_a_valid_file():
    # libyaml accepts this flow continuation; the rule still holds.
    _, problems = read(b"tags: [a,\n  \tb]\n")
    assert problems == ["x.yml:2:3: 错误：缩进里不能有制表符（Tab），请改用空格。"]


def test_tab_inside_block_scalar_content_is_text():
    doc, problems = read(b"body: |\n  code:\n  \tindented\n")
    assert problems == []
    assert doc.data["body"] == "code:\n\tindented\n"


def test_gbk_file_names_line_and_column_of_first_bad_byte():
    raw = "title: ok\nsummary: 党建\n".encode("gbk")
    _, problems = read(raw)
    assert problems == [
        "x.yml:2:10: 错误：文件不是 UTF-8 编码（看起来是 GBK/GB2312 编码）：第 2 行第 10 列有无法识别的字节 0xB5。"
        "请用“另存为”选择 UTF-8 编码后再提交。"
    ]


def test_utf16_file():
    _, problems = read("title: 党建\n".encode("utf-16"))
    assert problems == ["x.yml:1:1: 错误：文件不是 UTF-8 编码（看起来是 UTF-16）。请用“另存为”选择 UTF-8 编码后再提交。"]


def test_bom_and_crlf_are_fine_and_lines_stay_right():
    doc, problems = read("\ufefftitle: 党建\r\nsummary: x\r\ntitle: y\r\n".encode())
    assert problems == ["x.yml:3:1: 错误：键“title”重复：第 1 行和第 3 行都写了它，请只保留一个。"]
    doc, problems = read("\ufefftitle: 党建\r\nbody: |\r\n  a\r\n  b\r\n".encode())
    assert problems == []
    assert doc.data == {"title": "党建", "body": "a\nb\n"}
    assert doc.value_at[("body",)] == (2, 7)


@pytest.mark.parametrize(
    "char, name",
    [
        ("\x07", "控制字符（U+0007）"),
        ("\u202e", "文字方向控制符（U+202E）"),
        ("\u2066", "文字方向控制符（U+2066）"),
        ("\u2028", "不可见的分行符（U+2028）"),
        ("\r", "单独的回车符（U+000D）"),
        ("\x85", "控制字符（U+0085）"),
    ],
)
def test_control_and_bidi_characters(char, name):
    doc, problems = read(f"title: 党建\nsummary: ab{char}cd\nbody: x\n".encode())
    assert problems == [f"x.yml:2:12: 错误：有一个看不见的{name}，可能是从别处粘贴带进来的。请删除它。"]
    # Reported, then blanked: the rest of the file is still read with right lines.
    assert doc.data["summary"] == "ab cd"
    assert doc.value_at[("body",)] == (3, 7)


def test_invisible_characters_written_as_escapes():
    doc, problems = read(b'title: "\\x03"\nsummary: "ab\\u202Ecd"\nbody: \'\\x03\'\n')
    assert problems == [
        "x.yml:1:8: 错误：双引号里用反斜杠“\\”写出了一个看不见的控制字符（U+0003）。请删去这个反斜杠写法。",
        "x.yml:2:10: 错误：双引号里用反斜杠“\\”写出了一个看不见的文字方向控制符（U+202E）。请删去这个反斜杠写法。",
    ]
    assert doc.data == {"title": " ", "summary": "ab cd", "body": "\\x03"}  # single quotes: no escapes, plain text


def test_depth_cap():
    ok = b"a: " + b"[" * 19 + b"]" * 19 + b"\n"
    assert read(ok)[1] == []
    _, problems = read(b"a: " + b"[" * 20 + b"]" * 20 + b"\n")
    assert problems == ["x.yml:1:23: 错误：一层套一层，超过了 20 层：请检查括号 [ ] { } 是否配对、缩进是否多了。"]


@pytest.mark.parametrize("loader", ["C", "pure Python"])
def test_very_deep_nesting_does_not_crash(loader, monkeypatch):
    # PyYAML's composer segfaults (C) or recurses out (Python) on this; libyaml 0.2.5 stops by itself at depth
    # 1000 while looking ahead. Whichever parser and version, the message and place are the project's own.
    if loader == "pure Python":
        monkeypatch.setattr(yamlio, "_Loader", yaml.SafeLoader)
    assert yamlio._Loader is (yaml.CSafeLoader if loader == "C" else yaml.SafeLoader)
    assert read(b"a: " + b"[" * 200_000)[1] == ["x.yml:1:23: 错误：一层套一层，超过了 20 层：请检查括号 [ ] { } 是否配对、"
                                                "缩进是否多了。"]
    assert read(b"a: " + b"[x, " * 2_000)[1] == ["x.yml:1:80: 错误：一层套一层，超过了 20 层：请检查括号 [ ] { } 是否配对、"
                                                 "缩进是否多了。"]
    assert read(b"a: &x " + b"[x, " * 2_000)[1] == [  # problems found before the depth are reported once
        "x.yml:1:4: 错误：值不能以“&”开头（“&x”）：要写这段文字，请给整个值加上英文单引号，例如 '&x'",
        "x.yml:1:83: 错误：一层套一层，超过了 20 层：请检查括号 [ ] { } 是否配对、缩进是否多了。",
    ]
    raw = b"a:\n" + b"".join(b" " * i + b"- \n" for i in range(1, 3000))
    assert read(raw)[1] == ["x.yml:21:21: 错误：一层套一层，超过了 20 层：请检查括号 [ ] { } 是否配对、缩进是否多了。"]


def test_size_cap(tmp_path):
    path = tmp_path / "big.yml"
    path.write_bytes(b"body: |\n" + b"  x\n" * (MAX_BYTES // 4))
    doc, problems = read_record(path, "big.yml")
    assert doc is None
    assert [format_text(p) for p in problems] == [
        "big.yml:1:1: 错误：文件太大：1,048,584 字节，上限是 1,048,576 字节（1 MB）。照片请放在 records/assets/ 下。"
    ]
    path.write_bytes(b"body: " + b"x" * (MAX_BYTES - 7) + b"\n")
    assert read_record(path, "ok.yml")[1] == []
