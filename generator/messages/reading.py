"""Reading a record's file: YAML written in a way the strict reader refuses."""

from __future__ import annotations

from .assets import ASSETS

__all__ = [
    "COMPLEX_KEY",
    "EMPTY_FILE",
    "FULLWIDTH_COLON",
    "LIST_NOT_KEYS",
    "MERGE_KEY",
    "NOT_REGULAR",
    "NO_SPACE_AFTER_COLON",
    "PARSER_HINTS",
    "SAVE_AS_UTF8",
    "SECOND_DOCUMENT",
    "TAB_INDENT",
    "TEXT_NOT_KEYS",
    "UTF16",
    "YAML_OTHER",
    "alias",
    "anchor",
    "cannot_read",
    "duplicate_key",
    "escaped_invisible_char",
    "file_too_large",
    "invisible_char",
    "not_utf8",
    "tag",
    "too_deep",
    "unindented_block_text",
]


SAVE_AS_UTF8 = "请用“另存为”选择 UTF-8 编码后再提交。"
NOT_REGULAR = "这不是普通文件（是管道、套接字或设备），不能作为记录，也不会被读取。请删除它"


def cannot_read(reason: str) -> str:
    return f"无法读取文件：{reason}"


def file_too_large(size: int, cap: int) -> str:
    return f"文件太大：{size:,} 字节，上限是 {cap:,} 字节（1 MB）。照片请放在 {ASSETS} 下。"


UTF16 = f"文件不是 UTF-8 编码（看起来是 UTF-16）。{SAVE_AS_UTF8}"


def not_utf8(line: int, col: int, byte: int, gbk: bool) -> str:
    guess = "（看起来是 GBK/GB2312 编码）" if gbk else ""
    return f"文件不是 UTF-8 编码{guess}：第 {line} 行第 {col} 列有无法识别的字节 0x{byte:02X}。{SAVE_AS_UTF8}"


def _invisible(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    if ch == "\r":
        return f"单独的回车符（{code}）"
    if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
        return f"文字方向控制符（{code}）"
    if ch in "\u2028\u2029":
        return f"不可见的分行符（{code}）"
    return f"控制字符（{code}）"


def invisible_char(ch: str) -> str:
    return f"有一个看不见的{_invisible(ch)}，可能是从别处粘贴带进来的。请删除它。"


def escaped_invisible_char(ch: str) -> str:
    return f"双引号里用反斜杠“\\”写出了一个看不见的{_invisible(ch)}。请删去这个反斜杠写法。"


# What the YAML parser's own words mean, by a phrase of its message.
PARSER_HINTS = [
    ("scanning an alias", "值不能以“*”开头：要写这段文字（例如加粗的 *重要*），请给整个值加上英文单引号，例如 '*重要* 通知'"),
    ("undefined alias", "值不能以“*”开头：要写这段文字（例如加粗的 *重要*），请给整个值加上英文单引号，例如 '*重要* 通知'"),
    ("scanning an anchor", "值不能以“&”开头：要写这段文字，请给整个值加上英文单引号。"),
    ("a tag", "值不能以“!”开头：要写这段文字，请给整个值加上英文单引号。"),
    ("mapping values are not allowed", "这里不能出现“: ”。如果值里本身带冒号，请给整个值加上引号。"),
    ("could not find expected ':'", "缺少“:”：每一行应写成“键: 值”；也请检查上一行的引号是否成对。"),
    ("did not find expected key", "缩进不对：同一层的键要左对齐，列表项以“- ”开头。"),
    ("did not find expected '-' indicator", "缩进不对：同一列表的各项要左对齐，每项以“- ”开头。"),
    ("cannot start any token", "这个字符不能放在值的开头（如 @、`、%）。请给整个值加上引号。"),
    ("found unexpected end of stream", "文件意外结束：可能有引号或括号没有闭合。"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有闭合，或列表项之间缺少逗号。"),
    ("did not find expected ',' or '}'", "花括号 { } 没有闭合，或各项之间缺少逗号。"),
    ("unknown escape character", "双引号里的反斜杠“\\”后面跟的字符不能这样用。要写反斜杠本身，请改用英文单引号把整个值括起来。"),
    ("block sequence entries are not allowed", "这里不能开始列表项“- ”：请检查缩进。"),
    ("did not find expected comment or line break", "值的后面多出了内容：引号闭合后不能再写字，请给整个值加上引号。"),
    ("expected <block end>", "缩进不对：这一行和上面的内容没有对齐。"),
    ("expected a comment or a line break", "值的后面多出了内容：引号闭合后不能再写字，请给整个值加上引号。"),
    ("tab", "缩进里不能有制表符（Tab），请改用空格。"),
    ("did not find expected node content", "这里缺少内容：请检查这一行的写法。"),
    ("undefined tag handle", "不允许使用标签（以 ! 开头的写法）。"),
]
YAML_OTHER = "YAML 格式有误：请检查这一行和上一行的缩进、冒号和引号。"
TAB_INDENT = "缩进里不能有制表符（Tab），请改用空格。"
FULLWIDTH_COLON = "这一行的冒号是中文冒号“：”。键和值之间要用英文冒号加一个空格，例如 title: 示例"
NO_SPACE_AFTER_COLON = "冒号后面要有一个空格：请写成“键: 值”，例如 src: 2024/a.jpg"


def unindented_block_text(key: str) -> str:
    return f"这一行顶格写了，但它在“{key}: |”的正文里：正文的每一行前面都要空两格（和上面的正文对齐）。"


SECOND_DOCUMENT = "这一行“---”把文件分成了两份：一个文件只能写一条记录。请删去这一行。"


def alias(name: str) -> str:
    return f"值不能以“*”开头（“*{name}”）：要写这段文字，请给整个值加上英文单引号，例如 '*{name}'"


def anchor(name: str) -> str:
    return f"值不能以“&”开头（“&{name}”）：要写这段文字，请给整个值加上英文单引号，例如 '&{name}'"


def tag(name: str) -> str:
    return f"值不能以“!”开头（“{name}”）：要写这段文字，请给整个值加上英文单引号。值一律按文字读取，类型由字段决定。"


COMPLEX_KEY = "冒号前面的键只能是一个词（例如 title），不能是列表或几行“键: 值”。"
MERGE_KEY = "“<<”不能当键用：请把内容直接写出来。"


def duplicate_key(key: str, first: int, line: int) -> str:
    return f"键“{key}”重复：第 {first} 行和第 {line} 行都写了它，请只保留一个。"


TEXT_NOT_KEYS = "记录要一行写一项“键: 值”，例如 title: 示例；这个文件却只有一段文字。"
LIST_NOT_KEYS = "记录要一行写一项“键: 值”，例如 title: 示例；这个文件却以“- ”开头，写成了列表。"
EMPTY_FILE = "文件是空的：请一行写一项“键: 值”，例如 title: 示例。"


def too_deep(cap: int) -> str:
    return f"一层套一层，超过了 {cap} 层：请检查括号 [ ] {{ }} 是否配对、缩进是否多了。"
