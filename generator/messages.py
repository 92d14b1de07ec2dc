"""Every message the editors and maintainers read, in one place.

A message says where (the caller adds file, line and column), what is wrong, and
what to type instead, in plain Chinese: no parser words and no 0-based indexes
(test_messages keeps them out). Keeping them together keeps the wording consistent and lets
records/README.md's 常见错误 be tested against the very texts `check` prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------- where in a record

# How one item of each list is counted: "photos 第 2 张照片", not photos[1].
_MEASURE = {
    "photos": "张照片", "articles": "篇文章", "honors": "项荣誉", "branches": "个支部", "pillars": "句",
    "items": "个测评项目", "follow_up": "次跟踪督导", "party_targets": "项党建目标",
    "teaching_targets": "项教学目标", "members": "位党员", "places": "个地点", "tags": "个标签",
    "highlights": "项重点活动",
}
_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def field_label(path: str) -> str:
    """'photos[0].src' -> 'photos 第 1 张照片的 src': the key as typed, the item as a person counts it."""
    out, last, after_item = "", "", False
    for index, key in _PART.findall(path):
        if key:
            out += ("的 " if after_item else "." if out else "") + key
            last, after_item = key, False
        else:
            out += f" 第 {int(index) + 1} {_MEASURE.get(last, '项')}"
            after_item = True
    return out


# ---------------------------------------------------------------- photos and files under records/assets/

ASSETS = "records/assets/"


def asset_backslash(rel: str) -> str:
    return f"路径“{rel}”里有反斜杠“\\”，请改用“/”分隔文件夹"


def asset_absolute(rel: str) -> str:
    return f"路径“{rel}”应相对于 {ASSETS}，不能以“/”或盘符开头"


def asset_outside(rel: str) -> str:
    return f"路径“{rel}”不能包含“..”：文件必须在 {ASSETS} 里面"


def asset_name(rel: str, bad: str) -> str:
    """A file or folder name with Chinese, a space or a symbol: URLs, zip archives opened on an old Windows
    and the web editor's uploads all get them wrong somewhere, so the rule CONTRIBUTING.md states is kept."""
    if bad == " ":
        what = "空格"
    elif "\u4e00" <= bad <= "\u9fff":
        what = f"中文“{bad}”"
    else:
        what = f"字符“{bad}”"
    return (f"路径“{rel}”里有{what}：文件夹和文件名只能用英文字母、数字和“-”“_”“.”（中文请写成拼音），"
            f"例如 2024/tongke-1.jpg。请把文件改名，再把这里改成新的名字")


def asset_no_folder(rel: str) -> str:
    return f"找不到文件“{rel}”：{ASSETS} 文件夹不存在"


def asset_dangling(rel: str) -> str:
    return f"{ASSETS}{rel} 是指向不存在的文件的链接"


def asset_missing(rel: str, other_case: str | None = None) -> str:
    found = f"找不到文件 {ASSETS}{rel}"
    if other_case:
        return f"{found}。是不是 {other_case}？文件名的大小写要和文件完全一致"
    return found


def asset_unusable(rel: str, reason: str) -> str:
    return f"无法使用 {ASSETS}{rel}：{reason}"


LOOP = "符号链接绕成了圈"


def asset_escapes(rel: str) -> str:
    return f"“{rel}”是指向 {ASSETS} 以外的链接，不允许"


def asset_not_file(rel: str) -> str:
    return f"{ASSETS}{rel} 不是文件"


def asset_oversized(rel: str, edge: int, size: int) -> str:
    """`edge` and `size`: the originals' limits (photos.ORIGINAL_EDGE, ORIGINAL_BYTES)."""
    return (f"{ASSETS}{rel} 比需要的大（长边超过 {edge} 像素或文件超过 {size // 10**6} MB），"
            "会让仓库越来越大。运行 make shrink 把它缩小（网站上看起来一样）")


def shrunk(rows: list[tuple[str, int, int]]) -> str:
    if not rows:
        return "没有需要缩小的照片。"
    before, after = sum(r[1] for r in rows), sum(r[2] for r in rows)
    listed = "\n".join(f"  {rel}：{b / 10**6:.1f} MB → {a / 10**6:.1f} MB" for rel, b, a in rows)
    return (f"已缩小 {len(rows)} 张照片，{before / 10**6:.1f} MB → {after / 10**6:.1f} MB，"
            f"省下 {(before - after) / 10**6:.1f} MB：\n{listed}")


def asset_not_image(rel: str) -> str:
    return (f"{ASSETS}{rel} 不是 JPEG、PNG、WebP 或 HEIC 照片（按文件内容判断，与扩展名无关）。"
            "请在电脑上用“画图”或“照片”打开它，另存为 JPEG 再上传")


def asset_unreadable(rel: str, reason: str) -> str:
    return f"无法读取 {ASSETS}{rel}：{reason}"


def asset_too_large(rel: str, width: int, height: int, cap_millions: int) -> str:
    size = f"有 {width}×{height} 像素，" if width else ""
    return f"{ASSETS}{rel} {size}超过上限 {cap_millions} 百万像素，可能是恶意构造的图片，拒绝处理"


def asset_broken(rel: str) -> str:
    return f"{ASSETS}{rel} 已损坏，无法显示（可能没有上传完整）。请重新上传原图"


# ---------------------------------------------------------------- values other YAML readers type

_OTHER_READERS = "别的编辑工具（VS Code、网页编辑器）"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def unquoted_value(text: str, json_type: str, shown: str) -> str:
    """`tags: [0701]`: text here, a number to a YAML 1.2 reader."""
    if json_type in ("integer", "number"):
        lost = "，开头的 0 会丢掉" if re.fullmatch(r"[-+]?0[0-9]+", text) else ""
        read = f"数字 {shown}{lost}"
    elif json_type == "boolean":
        read = f"“是/否”的{'是' if shown == 'true' else '否'}（{shown}）"
    else:
        read = "空值"
    return f"“{text}”没有加引号，{_OTHER_READERS}会把它读成{read}。这里要写文字，请给它加上英文单引号：{_quoted(text)}"


def unquoted_yes_no(text: str) -> str:
    return f"“{text}”没有加引号，有些较旧的工具会把它读成“是/否”。这里要写文字，最好给它加上英文单引号：{_quoted(text)}"


# ---------------------------------------------------------------- reading a file

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


# ---------------------------------------------------------------- one value

TEXT_NOT_LIST = "应是一段文字，这里写成了列表"
TEXT_NOT_MAPPING = "应是一段文字，这里却在下面缩进写了几行“键: 值”"
TEXT_EXPECTED = "应是一段文字"
EMPTY = "不能为空"
ONE_LINE = "只能写一行，不能换行"
LIST_EXPECTED = "应是一个列表：每项一行，以“- ”开头，或写成 [甲, 乙]"


def long_run(length: int, char: str, cap: int) -> str:
    return f"连续写了 {length:,} 个“{char}”（上限 {cap} 个）：网页排版处理不了这么多，请删去多余的"


def deep_brackets(depth: int, cap: int) -> str:
    return (f"方括号“[”或圆括号“(”套了 {depth} 层（上限 {cap} 层）：网页排版处理不了。"
            "请检查有没有没配对的括号；要显示括号本身，可以在前面加“\\”")


DEEP_LIST = "列表缩进的层数太多（上限 15 层）：请减少缩进"


def remote_image(url: str) -> str:
    return (f"这里有一张来自互联网的图片（{url}）：网站和离线存档不从互联网加载任何东西，"
            f"它还会让别的网站知道谁在看这一页。请把图片保存下来放进 {ASSETS}，写在 photos 里；"
            "普通的链接 [文字](网址) 可以保留")


def chinese_comma(item: str) -> str:
    """[读书沙龙，师德] is one item to YAML: say so, and how to write two."""
    return f"“{item}”里用了中文逗号“，”，YAML 会把它当成一项。列表的各项之间请用英文逗号加空格：[{item.replace('，', ', ')}]"


ID_RULE = "只能用小写字母、数字和连字符“-”（拼音或英文），且以字母或数字开头"


def not_an_id(text: str) -> str:
    return f"“{text}”不是有效的编号：{ID_RULE}"


def pad_month_day(text: str, padded: str) -> str:
    return f"“{text}”的月和日都要写两位数，不足两位前面补 0：请写成 {padded}"


def not_a_date(text: str) -> str:
    return f"“{text}”不是日期：请写成 年-月-日，例如 2024-03-12"


def no_such_date(text: str) -> str:
    return f"日期“{text}”不存在"


def not_a_year_month(text: str) -> str:
    return f"“{text}”不是年月：请写成 年-月（如 2004-07）或 年-月-日"


def not_a_year(text: str) -> str:
    return f"“{text}”不是年份：请写四位数的年份，例如 2024"


def not_a_count(text: str) -> str:
    return f"“{text}”不是不小于 0 的整数"


def too_big(text: str) -> str:
    return f"“{text}”太大了"


def not_a_boolean(text: str) -> str:
    return f"“{text}”不是 true 或 false（是：true，否：false）"


def not_a_choice(text: str, listing: str) -> str:
    return f"“{text}”不是可选的值。可选：{listing}"


def listing(pairs, limit: int | None = None) -> str:
    """zhang-hua（张华）、li-ming（李明） …: ids with the names people know them by."""
    shown = [f"{ident}（{name}）" if name and name != ident else ident for ident, name in pairs]
    more = f" 等 {len(shown)} 个" if limit and len(shown) > limit else ""
    return "、".join(shown[:limit] if limit else shown) + more


# ---------------------------------------------------------------- references between records


def _not_found(what: str, value: str) -> str:
    return f"找不到{what}“{value}”"


def unknown_with_comma(what: str, value: str) -> str:
    return f"{_not_found(what, value)}：{chinese_comma(value)}"


def name_for_id(what: str, value: str, ident: str, name: str) -> str:
    """members: [张华] — the name written where the id belongs."""
    return f"{_not_found(what, value)}：这里要写编号，不是名称。是不是想写 {ident}（{name}）？"


def unknown_site_item(what: str, value: str, close: tuple[str, str | None] | None, pairs) -> str:
    if close:
        return f"{_not_found(what, value)}，是不是想写“{close[0]}”（{close[1]}）？"
    return f"{_not_found(what, value)}。site.yml 里可选的有：{listing(pairs)}"


def unknown_record(what: str, value: str, file: str | None, is_id: bool, close: str | None) -> str:
    message = _not_found(what, value)
    if file and is_id:
        message += f"（应有文件 {file}）"
    elif file:
        message += "：编号只能用小写字母、数字和“-”（拼音或英文），是对应文件的文件名（不带 .yml）"
    if close:
        message += f"，是不是想写“{close}”？"
    return message


def missing_ref(what: str, pairs, folder: str | None) -> str:
    """A required reference not written: what goes there, and what there is to choose from."""
    if not pairs:
        return f"必须填写{what}的编号，但没有写"
    place = f"，见 {folder}" if folder else ""
    return f"必须填写{what}的编号，但没有写。可选的有：{listing(pairs, 10)}{place}"


def _remove(ident: str, required: bool) -> str:
    return "换一个" if required else f"从这里删去“{ident}”"


def hidden_draft(what: str, ident: str, required: bool) -> str:
    return (f"{what}“{ident}”还是草稿（status: draft），不会发布，这里也就不能写它。"
            f"请先发布它（删去它的 status: draft），或{_remove(ident, required)}")


def hidden_member(what: str, ident: str, required: bool) -> str:
    return (f"{what}“{ident}”是内部记录（visibility: internal），公开网站上不能出现其姓名。"
            f"请{_remove(ident, required)}；本人同意公开后，可把其记录改为 consent: true 并删去 visibility: internal")


def hidden_internal(what: str, ident: str, required: bool) -> str:
    return (f"{what}“{ident}”是内部记录（visibility: internal），公开网站上不能出现它。"
            f"请{_remove(ident, required)}，或先把它改为公开")


def missing_owner(label: str, folder: str, owner: str, file: str) -> str:
    """publications/x/2024-01.yml without publications/x/index.yml."""
    return f"{label} {folder}/{owner}/ 缺少{label}介绍 {file}"


# ---------------------------------------------------------------- files and folders under records/

YAML_EXTENSION = "记录文件的扩展名应为 .yml，不是 .yaml"
NOT_A_RECORD_FILE = f"records/ 里只能放 .yml 记录文件（照片和其他文件请放在 {ASSETS} 下）"
NO_KIND_HERE = "这里不应有 .yml 文件，它不会被使用。记录文件的位置见 records/README.md"
NO_RECORDS_FOLDER = "找不到记录文件夹"
NO_SITE_FILE = "缺少 site.yml（组织概况），它必须有且只有一个"
LINKED_FOLDER = "records/ 里的文件夹不能是符号链接"
LINKED_FILE = "记录文件不能是符号链接"


def bad_file_id(name: str, example: str) -> str:
    return f"文件名“{name}”不合规：编号只能用小写字母、数字和“-”（拼音或英文），例如 {example}"


def named_rule(label: str, folder: str, example: str) -> str:
    return f"{label}文件应直接放在 {folder}/ 下，例如 {example}"


def dated_rule(label: str, folder: str, example: str) -> str:
    return f"{label}文件应放在 {folder}/<年份>/<年-月-日>-<拼音>.yml，例如 {example}"


def bad_dated_name(name: str, rule: str) -> str:
    return f"文件名“{name}”不合规。{rule}"


def no_such_file_date(text: str) -> str:
    return f"文件名中的日期“{text}”不存在"


def file_in_other_year(year: str, folder: str) -> str:
    return f"文件名中的日期是 {year} 年，却放在了 {folder}/ 文件夹里"


def yearly_rule(label: str, folder: str, example: str) -> str:
    return f"{label}文件应为 {folder}/<年份>.yml，例如 {example}"


def member_year_rule(label: str, folder: str, example: str) -> str:
    return f"{label}文件应为 {folder}/<年份>/<党员编号>.yml，例如 {example}"


PUBLICATION_RULE = ("刊物文件应放在 publications/<刊物编号>/ 下：index.yml 是刊物介绍，<年份>-<期号>.yml 是一期，"
                    "例如 publications/dangxing-riji/2024-01.yml")


def bad_publication_folder(name: str) -> str:
    return f"刊物文件夹名“{name}”不合规：只能用小写字母、数字和“-”（拼音或英文）"


def bad_issue_name(name: str) -> str:
    return f"文件名“{name}”不合规：一期刊物的文件名应为 <年份>-<两位期号>.yml，例如 2024-01.yml；刊物介绍为 index.yml"


def bad_issue_number(number: str) -> str:
    return f"期号“{number}”不合规：应为 01 到 99"


# ---------------------------------------------------------------- the fields of a record

EMPTY_AFTER_COLON = "不能为空：冒号后面没有写内容"
REQUIRED = "必须填写，但没有写"
def keys_expected(keys: list[str]) -> str:
    """photos: [2024/a.jpg] where each photo is src: and caption:."""
    return f"这里要写成“键: 值”，不能只写一个值。可用的键：{'、'.join(keys)}"
A_LIST_EXPECTED = "应是一个列表"
AT_LEAST_ONE = "至少要写一项"


def unknown_field(key: str, close: str | None, known: list[str]) -> str:
    if close:
        return f"不认识这个字段“{key}”，是不是想写“{close}”？"
    return f"不认识这个字段“{key}”。可用的字段：{'、'.join(known)}"


def unphrased(kind: str) -> str:
    """A check of pydantic's we have not put into words: still names the rule."""
    return f"值不符合要求（{kind}）"


def repeated_id(what: str, value: str, first: int) -> str:
    return f"{what}“{value}”重复：第 {first} 项已经用了它"


# ---------------------------------------------------------------- personal data


def private_number_internal(kind: str, masked: str) -> str:
    return f"内部记录中有疑似{PERSONAL_NUMBERS[kind]} {masked}：请确认确有必要保留"


def private_number(kind: str, masked: str) -> str:
    return (f"有疑似{PERSONAL_NUMBERS[kind]} {masked}：公开（或将来可能公开）的记录不能含有个人号码。"
            "请删除它；确需保留时，请把记录设为 visibility: internal")


# ---------------------------------------------------------------- rules of one kind of record


def date_not_file_date(date, file_date) -> str:
    return f"日期 {date} 与文件名中的日期 {file_date} 不一致"


START_DATE = "开始日期"
DUTY_DATE = "值班日期"


def ends_before_start(end, start, start_what: str = START_DATE) -> str:
    return f"结束日期 {end} 早于{start_what} {start}"


def issue_date_not_in_year(date, year: int) -> str:
    return f"出版日期 {date} 不在文件名的年份 {year} 年内"


NO_CONSENT = "公开的党员风采必须经本人同意：确认后写上 consent: true；未同意时请设为 visibility: internal"
TITLE_MARKS = "刊名不用加书名号《》，网站会自动加上"


def member_not_file(member: str, stem: str) -> str:
    return f"党员“{member}”与文件名“{stem}”不一致：文件名应是这位党员的编号"


def year_not_folder(year: int, folder: int) -> str:
    return f"年度 {year} 与文件夹 {folder} 不一致"


def year_not_file(year: int, file_year: int) -> str:
    return f"年份 {year} 与文件名中的年份 {file_year} 不一致"


def evaluation_date(date, year: int, month: int, day: int) -> str:
    return f"测评日期 {date} 应在 {year} 年内，或次年 {month} 月 {day} 日之前"


def votes_over_voters(item: str, total: int, voters: int) -> str:
    return f"“{item}”的票数合计 {total}，超过了参加测评的人数 {voters}"


def highlight_other_year(activity: str, year: int) -> str:
    return f"活动“{activity}”不是 {year} 年的活动"


def editor_url_not_https(value: str) -> str:
    return f"“{value}”不是 https:// 开头的网址：网页编辑器要通过加密连接登录，请写完整的 https:// 网址"


def editor_forgejo_needs(key: str) -> str:
    what = {"base_url": "base_url（平台的网址，例如 https://git.example.edu.cn）",
            "app_id": "app_id（在 Forgejo 里为网页编辑器建的 OAuth 应用的客户端 ID）"}[key]
    return f"用 Forgejo 时必须写 {what}"


def unsafe_file_name(chars: list[str]) -> str:
    return (f"这个名称会用作存档的文件名，不能含有 {'、'.join(dict.fromkeys(chars))}。"
            "文件名里不能有 / \\ : * ? \" < > |，也不能以“.”开头或含有“..”。请去掉它们")


def reply_missing(state: str) -> str:
    return f"state 是 {state}，必须写回复 reply"


REPLIED_MISSING = "有回复时必须写回复日期：请在回复的后面加一行 replied: 年-月-日，例如 replied: 2024-05-27"
REPLY_WITHOUT_TEXT = "写了回复日期 replied，却没有回复 reply"


def replied_before_asked(replied, date) -> str:
    return f"回复日期 {replied} 早于提出日期 {date}"


STATE_STILL_OPEN = "已经有回复，state 应改为 replied（已回复）或 adopted（已采纳）"


# ---------------------------------------------------------------- generator new


def nothing_to_pick(what: str) -> str:
    return f"还没有任何{what}，请先新建一个"


def pick_with(option: str, what: str, options: list[str]) -> str:
    return f"请用 {option} 指定{what}，可选：{'、'.join(options)}"


def no_such_option(what: str, value: str, close: str | None, options: list[str]) -> str:
    if close:
        return f"找不到{what}“{value}”，是不是想写“{close}”？"
    return f"找不到{what}“{value}”。可选：{'、'.join(options)}"


def give_with(option: str, what: str) -> str:
    return f"请用 {option} 写上{what}"


def one_line_only(what: str) -> str:
    return f"{what}只能写一行"


def unknown_type(kind: str, kinds: list[str]) -> str:
    return f"不认识的类型“{kind}”，可选：{'、'.join(kinds)}"


def new_file_header(label: str, note: str) -> str:
    return f"# {label}。{note}字段说明见 records/README.md；写好后运行 make check 检查。"


DRAFT_LINE = "status: draft   # 草稿：只在预览中显示。写好、检查通过后，删除这一行即可发布"
AN_ID = "编号"


def exists_already(rel: str) -> str:
    return f"records/{rel} 已经存在，不会覆盖它"


def issues_full(pub: str, year: int) -> str:
    return f"{pub} 在 {year} 年已经有 99 期了"


def created(path: str) -> str:
    return f"已新建 {path}。请编辑它，然后运行 make check 检查。"


# ---------------------------------------------------------------- the command line (python -m generator)

# argparse's own words, which it looks up through gettext each time it prints: in Chinese, like ours.
ARGPARSE = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示这段帮助，然后退出",
    "the following arguments are required: %s": "缺少必须的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "“%(value)s”不是可选的值（可选：%(choices)s）",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "expected one argument": "后面要跟一个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
}
PROGRAM = "党建记录生成器"
COMMAND = "命令"
FOLDER = "目录"
FILE = "文件"
TYPE = "类型"
ZIP = "存档.zip"
# command: (its line in the list of commands, its own help's first line)
COMMANDS = {
    "check": ("检查 records/ 中的全部记录", "检查全部记录，报告每一个问题"),
    "build": ("把记录生成的 Markdown 页面写到目录里", "生成 Markdown 页面并写入目录；只改写有变化的文件"),
    "new": ("新建一条记录（草稿）", "在正确的位置新建一条记录，每个字段都有中文说明"),
    "site": ("构建整个网站（先在旁边构建，完成后整体替换）",
             "用 MkDocs 构建网站：在旁边构建，完成后整体替换；同一时间只有一次构建写入"),
    "archive": ("生成离线存档（zip）", "生成可在没有网络的电脑上双击打开的网站存档（含搜索）"),
    "verify-archive": ("核对存档是否完好", "按存档里的清单重新计算每个文件的 SHA-256"),
    "edit": ("在本机打开网页编辑器和预览",
             "在本机启动网页编辑器（decap-server）和预览：不需要账号，也不需要联网；保存的记录写进 records/，"
             "预览随之更新。按 Ctrl+C 停止"),
    "shrink": ("把过大的照片原图缩小",
               "把 records/assets/ 里长边超过 2560 像素或大于 3 MB 的照片原图缩小：转正、转成 sRGB、去掉拍摄地点等元数据，"
               "格式和文件名不变。先检查全部记录，有错误就什么也不改"),
    "fmt": ("把记录改写成网页编辑器的写法",
            "把每条记录改写成网页编辑器保存时的写法（字段顺序、列表和引号），内容不变；这样在网页编辑器里打开再保存，"
            "文件不会变。先检查全部记录，有错误就什么也不改写。注意：记录里的注释（# 开头的说明）会被删去，"
            "网页编辑器保存时也会删去它们"),
    "export": ("导出为不需要本项目插件的 MkDocs 项目",
               "把网站导出为一个普通的 MkDocs 项目（页面、主题改动和配置）：不需要本项目的插件，"
               "MkDocs（Material 主题）、ProperDocs 或 Zensical 都能直接构建它。在旁边生成，完成后整体替换；"
               "只会替换以前导出的目录"),
    "schema": ("生成编辑辅助：JSON Schema 和“常见错误”",
               "生成每种记录的 JSON Schema（供编辑器校验和补全）、VS Code 的设置，"
               "和 records/README.md 的“常见错误”一节（网页编辑器的配置在每次构建网站时生成）"),
}
_RECORDS = "记录文件夹（默认 records）"
_CONFIG = "MkDocs 配置（默认 mkdocs.yml）"
OPTIONS = {
    ("check", "--records"): _RECORDS,
    ("check", "--format"): "输出格式（默认 text）",
    ("check", "--drafts"): "按包含草稿的预览构建来检查",
    ("check", "--internal"): "按包含内部记录的内部构建来检查",
    ("build", "--records"): _RECORDS,
    ("build", "--out"): "输出目录",
    ("build", "--drafts"): "包含草稿（预览）",
    ("build", "--internal"): "包含内部记录",
    ("new", "--records"): _RECORDS,
    ("new", "--title"): "标题（activity、suggestion、program、place）",
    ("new", "--date"): "日期 年-月-日（默认今天）",
    ("new", "--program"): "activity 所属特色做法的编号",
    ("new", "--pillar"): "program 所属“四句话”的编号",
    ("new", "--kind"): "place 的类别",
    ("new", "--name"): "member 的姓名",
    ("new", "--pub"): "issue 所属刊物的编号",
    ("new", "--year"): "issue、review 的年份（默认今年）",
    ("new", "--from"): "suggestion 提出者所属群体",
    ("new", "--place"): "duty 的地点编号（默认 shequ-fuwuzhan）",
    ("new", "--member"): "responsibility 的党员编号",
    ("site", "--out"): "网站目录（默认 site）",
    ("site", "--config"): _CONFIG,
    ("archive", "--records"): _RECORDS,
    ("archive", "--internal"): "内部版：包含内部记录，每页有“内部资料”横幅",
    ("archive", "--out"): "存档放在哪里（默认 archive）",
    ("archive", "--config"): _CONFIG,
    ("schema", "--out"): "输出目录（默认 schemas）",
    ("export", "--records"): _RECORDS,
    ("export", "--out"): "导出到哪里（默认 export）",
    ("export", "--config"): _CONFIG,
    ("edit", "--port"): "预览和编辑器的端口（默认 8000）",
    ("edit", "--decap-port"): "decap-server 的端口（默认 8081）",
    ("edit", "--mode"): "fs：保存直接写进 records/（默认）；git：每次保存是一个审核分支，发布后才进入 main，和拉取请求一样",
    ("shrink", "--records"): _RECORDS,
    ("fmt", "--records"): _RECORDS,
    ("fmt", "--check"): "只列出不是这种写法的文件，不改写（有这样的文件时退出码为 1）",
}


def usage_error(message: str) -> str:
    return f"用法错误：{message}\n"


def command_error(message: str) -> str:
    """A command-level error (not a record's): one line on stderr."""
    return f"错误：{message}"


def bad_date_option(text: str) -> str:
    return f"“{text}”不是日期，请写成 年-月-日，例如 2024-03-12"


def no_config(path: str) -> str:
    return f"找不到 MkDocs 配置 {path}"


def no_archive(path: str) -> str:
    return f"找不到存档 {path}"


def archive_made(zip_path: str, files: int, sha_path: str) -> str:
    return f"已生成存档 {zip_path}（{files} 个文件），校验值在 {sha_path}。"


def archive_failed_check(count: int) -> str:
    return f"存档没有通过核对：共 {count} 处问题。"


def archive_intact(count: int) -> str:
    return f"存档完好：{count} 个文件都与清单一致。"


def schemas_written(count: int) -> str:
    return f"已更新 {count} 个文件。" if count else "JSON Schema、VS Code 设置和“常见错误”都是最新的，没有改动。"


def site_built(out: str) -> str:
    return f"网站已构建到 {out}/。"


def output_folder(out: str) -> str:
    """How a lock names what it guards, in "… 正在被另一次运行写入"."""
    return f"输出目录 {out}/ "


def exported(out: str, pages: int) -> str:
    return (f"已导出到 {out}/（{pages} 个生成的页面）。在那里运行 mkdocs build、properdocs build 或 "
            "zensical build -f zensical.yml 都能构建网站。")


# ---------------------------------------------------------------- output folders (outputs.py)


# How a refusal names the folders each command makes: "… 不是{它}目录".
MADE_BY = {"site": "以前生成的网站", "export": "以前导出的", "archive": "以前存放存档的", "pages": "以前生成页面的",
           "screenshots": "截图"}


def output_not_ours(out: str, made_by: str) -> str:
    return (f"{out}/ 已经存在，但不是{made_by}目录：里面的文件不是生成器写的，不会替换或改动它。"
            "请换一个新的目录（--out），或先移走它。")


def output_not_a_folder(out: str) -> str:
    return f"{out} 不是一个普通的目录（是文件或链接），不会替换它。请换一个新的目录（--out）。"


def output_is_root(out: str) -> str:
    return f"{out} 是整个磁盘的根目录，不能用作输出目录。请换一个新的目录（--out），例如 --out site。"


def output_holds_home(out: str) -> str:
    return f"{out} 是你的主目录（或包含它），不能用作输出目录：里面的文件会被替换或删除。请换一个新的目录（--out），例如 --out site。"


def output_holds_project(out: str) -> str:
    return (f"{out} 是项目本身所在的目录（或包含它），不能用作输出目录：记录、代码和 .git 都会被替换或删除。"
            "请换一个新的目录（--out），例如 --out site。")


def output_in_project_folder(out: str, own: str) -> str:
    return (f"{out} 是项目自己的目录 {own}/（或在它里面），不能用作输出目录：里面的文件会被替换或删除。"
            "请换一个新的目录（--out），例如 --out site。")


def mark_text(command: str) -> str:
    return f"这个目录是 {command} 生成的，再次运行时会被整体替换或更新。请不要在这里存放自己的文件。\n"


def bookkeeping_outside(out: str, name: str, entry: str) -> str:
    return (f"{out}/{name} 里记着目录以外的路径“{entry}”：这不是生成器写的记录，不会按它删除或覆盖任何文件。"
            f"请删除 {out}/{name}（或整个 {out}/）后再运行。")


def export_config_unknown(config: str) -> str:
    return (f"{config} 的写法和导出程序认识的不一样（dangjian 插件、docs_dir、custom_dir 或主题的 language: custom 找不到），"
            "没有导出。请把这几项改回原来的写法，或同时修改 generator/export.py。")


EXPORT_MARK_TEXT = "这个目录是 python -m generator export 导出的，再次导出时会被整体替换。请不要在这里手工修改。\n"


def site_folder(name: str) -> str:
    return f"网站目录 {name}/ "


def archive_folder(out) -> str:
    return f"存档目录 {out}/ "


NOTHING_CHANGED = "记录和生成器都没有变化，页面都是最新的：没有写入任何文件。"
ERRORS_NOTHING_WRITTEN = "有错误，没有写入任何文件。"


def formatted(paths: list[str], written: bool) -> str:
    if not paths:
        return "全部记录已是网页编辑器的写法，没有改动。"
    listed = "\n".join(f"  {p}" for p in paths)
    if written:
        return f"已改写 {len(paths)} 个文件（内容不变）：\n{listed}"
    return f"{len(paths)} 个文件不是网页编辑器的写法（运行 make fmt 改写，内容不变）：\n{listed}"
NOTHING_WRITTEN = "没有写入任何文件。"


def not_ours(path: str) -> str:
    return f"{path}: 错误：这个文件不是生成器写的，不会覆盖它。请换一个输出目录，或先移走它。"


def pages_written(total: int, written: int, unchanged: int, removed: int) -> str:
    return f"已生成 {total} 个页面：写入 {written} 个，未变 {unchanged} 个，删除过时的 {removed} 个。"


def system_failure(cause: str) -> str:
    return f"{cause}。没有写出不完整的结果；请处理后再运行一次。"


def waiting_for(what: str) -> str:
    return f"{what}正在被另一次运行写入，等它完成……"


def busy(what: str, seconds: int) -> str:
    return f"{what}一直被另一次运行占用，等了 {seconds} 秒仍未结束；请等它完成后再运行"


BUG_BANNER = "内部错误：这是生成器程序的缺陷，不是记录写错了。请把下面的全部信息发给网站维护者。"
# What an option's value is called in the help, where it takes one.
METAVARS = {"--port": "端口", "--decap-port": "端口", "--title": "标题", "--date": "年-月-日", "--program": "编号", "--pillar": "编号", "--kind": "类别",
            "--name": "姓名", "--pub": "编号", "--year": "年份", "--from": "群体", "--place": "编号", "--member": "编号"}


def kinds_help(kinds) -> str:
    """The record types `new` makes, each with what it is; spaced, so that argparse wraps between them."""
    return " ".join(f"{name}（{label}）" for name, label in kinds)


# ---------------------------------------------------------------- the site and the offline archive

RECORDS_HAVE_ERRORS_NO_ARCHIVE = "记录有错误，没有生成存档。请先运行 make check 查看。"


def archive_build_failed(output: str) -> str:
    return "网站构建失败，没有生成存档：\n" + output


def site_build_failed(output: str) -> str:
    return "网站构建失败，原来的网站保持不变：\n" + output


ARCHIVE_README = "请先阅读.txt"


def archive_name(name: str, date: str, internal: bool) -> str:
    return f"{name}-党建存档-{date}" + ("-内部" if internal else "")


def archive_readme(organization: str, internal: bool, zip_name: str) -> str:
    return (f"{organization}\n党建工作存档（{'内部资料，请勿外传' if internal else '公开版'}）\n\n"
            "打开方法：双击本文件夹里的 index.html，用浏览器查看。不需要联网，搜索也可以使用。\n"
            f"核对文件是否完好：在项目文件夹里运行 make verify-archive ARCHIVE={zip_name}\n")


ABSOLUTE_PATH = "绝对路径"
BACKSLASH = "含有反斜杠"
DOT_DOT = "含有“..”"


def no_sidecar(name: str) -> str:
    return (f"没有找到校验文件 {name}：它与存档一起生成、一起保存。没有它，只能确认各个文件与存档里的清单一致，"
            "不能确认清单本身没有被改过，所以这个存档不能算核对通过。")


def bad_sidecar(name: str) -> str:
    return f"校验文件 {name} 的格式不对：应是一行“64 位十六进制的 SHA-256、两个空格、存档文件名”"


def sidecar_of_other(name: str, other: str) -> str:
    return f"校验文件 {name} 写的是另一个存档“{other}”"


def sidecar_mismatch(name: str) -> str:
    return f"整个存档文件的 SHA-256 与 {name} 不符"


def cannot_open_archive(reason) -> str:
    return f"无法打开存档：{reason}"


NO_MANIFEST = "存档里找不到清单 manifest.json，或不止一份"
BROKEN_MANIFEST = "清单 manifest.json 已损坏，无法读取"


def duplicate_entry(name: str) -> str:
    return f"同一个名字出现了不止一次，无法判断哪一份是真的：{name}"


def unsafe_entry(why: str, name: str) -> str:
    return f"不安全的文件名（{why}）：{name}"


def entry_outside(name: str) -> str:
    return f"在存档的文件夹之外：{name}"


def entry_is_link(name: str) -> str:
    return f"是符号链接，不是文件：{name}"


def entry_too_large(size: int, compressed: int, name: str) -> str:
    return f"解压后过大（{size:,} 字节，压缩后 {compressed:,} 字节），不像网站的文件：{name}"


def unsafe_listed(why: str, name: str) -> str:
    return f"清单里有不安全的路径（{why}）：{name}"


def entry_missing(name: str) -> str:
    return f"缺少：{name}"


def entry_broken(name: str) -> str:
    return f"已损坏：{name}"


def entry_changed(name: str) -> str:
    return f"内容已改变：{name}"


def entry_unlisted(name: str) -> str:
    return f"清单里没有：{name}"


# ---------------------------------------------------------------- the MkDocs plugin


def no_search_words(path) -> str:
    return f"找不到搜索分词词典 {path}（dangjian 插件的 search_words 选项）"


def records_have_errors_no_site(report: str) -> str:
    return "记录有错误，网站没有构建：\n" + report


def records_have_errors_preview(report: str) -> str:
    return "记录有错误，预览显示错误列表：\n" + report


def handwritten_page(path: str) -> str:
    return f"docs/{path} 是手写页面，与记录生成的页面同名；请给手写页面换个名字。"


def no_offline_shim(path) -> str:
    return f"缺少 {path}：离线存档要用它代替网上的脚本。请先运行 make（它会执行 npm ci）。"


def cannot_publish_photos(reason: str) -> str:
    return f"无法发布照片：{reason}"


def photos_made(done: int, total: int) -> str:
    return f"照片 {done:,} / {total:,}"


def watching_by_polling(reason: str) -> str:
    return f"无法用系统的文件通知监视记录（{reason}），预览改为每半秒检查一次文件：保存后要稍等才会更新"


WATCH_LIMIT = "系统允许的文件监视数已经用完；Linux 上可以调大 fs.inotify.max_user_watches 和 max_user_instances"


# ---------------------------------------------------------------- a report of problems

ERROR = "错误"
WARNING = "警告"


def with_field(field: str, message: str) -> str:
    return f"字段 {field_label(field)}：{message}"


def report_summary(files: int, errors: int, warnings: int) -> str:
    if not errors and not warnings:
        return f"检查通过：{files} 个文件，没有发现问题。"
    verdict = "检查未通过" if errors else "检查通过"
    return f"{verdict}：{files} 个文件中有 {errors} 个错误、{warnings} 个警告。"


PREVIEW_HEADING = "记录有错误，预览没有更新"
PREVIEW_LEAD = "请按下面的提示改正。改好并保存后，这一页会自动换回网站。"

# What went wrong with the machine, not the records, by errno name.
SYSTEM = {
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出了磁盘配额",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "EROFS": "磁盘是只读的",
    "ENAMETOOLONG": "路径或文件名太长",
    "ELOOP": "符号链接绕成了圈",
    "ENOENT": "找不到",
    "EISDIR": "这是文件夹，不是文件",
    "ENOTDIR": "路径中的某一段不是文件夹",
    "EIO": "读写磁盘时出错（磁盘可能有故障）",
}


def system_cause(cause: str, path) -> str:
    return f"{cause}：{path}" if path else cause


# ---------------------------------------------------------------- personal numbers (privacy.py)

PERSONAL_NUMBERS = {"id": "身份证号码", "mobile": "手机号码"}  # privacy.ID_NUMBER, privacy.MOBILE_NUMBER


# ---------------------------------------------------------------- 常见错误 (records/README.md)


@dataclass(frozen=True)
class Mistake:
    """A beginner's mistake in a whole record, the record put right, and what `check` says at the mistake.
    records/README.md shows the lines that differ; test_messages checks each against `check` itself."""

    title: str
    file: str  # under records/
    wrong: str
    right: str
    message: str


_ACTIVITY = "activities/2024/2024-03-12-tongke-yigou.yml"
_HEAD = "title: 同课异构研讨\ndate: 2024-03-12\nprogram: san-tong-san-yi\n"
_PHOTO = _HEAD + "photos:\n  - src: {}\n    caption: 现场\n"
_REPLY = ("title: 一条建议\ndate: 2024-05-20\nfrom: 家长\ncontent: 建议内容。\nstate: replied\nreply: 已经安排。\n")

COMMON_MISTAKES = (
    Mistake("冒号写成了中文冒号", _ACTIVITY, _HEAD.replace("title: ", "title：", 1), _HEAD, FULLWIDTH_COLON),
    Mistake("冒号后面没有空格", _ACTIVITY, _PHOTO.format("2024/a.jpg").replace("src: ", "src:"),
            _PHOTO.format("2024/a.jpg"), NO_SPACE_AFTER_COLON),
    Mistake("写了名字，没写编号", _ACTIVITY, _HEAD + "members: [张华]\n", _HEAD + "members: [zhang-hua]\n",
            name_for_id("党员", "张华", "zhang-hua", "张华")),
    Mistake("日期的月、日只写了一位", _ACTIVITY, _HEAD.replace("2024-03-12", "2024-3-12"), _HEAD,
            pad_month_day("2024-3-12", "2024-03-12")),
    Mistake("列表里用了中文逗号", _ACTIVITY, _HEAD + "tags: [读书沙龙，师德]\n", _HEAD + "tags: [读书沙龙, 师德]\n",
            chinese_comma("读书沙龙，师德")),
    Mistake("像数字的文字没加引号", _ACTIVITY, _HEAD + "tags: [0701]\n", _HEAD + "tags: ['0701']\n",
            unquoted_value("0701", "integer", "701")),
    Mistake("值以 * 开头", _ACTIVITY, _HEAD.replace("同课异构研讨", "*重要* 同课异构研讨"),
            _HEAD.replace("同课异构研讨", "'*重要* 同课异构研讨'"), dict(PARSER_HINTS)["scanning an alias"]),
    Mistake("正文有一行没有缩进", _ACTIVITY, _HEAD + "body: |\n  第一段。\n\n第二段。\n",
            _HEAD + "body: |\n  第一段。\n\n  第二段。\n", unindented_block_text("body")),
    Mistake("照片文件名的大小写不一致", _ACTIVITY, _PHOTO.format("2024/A.JPG"), _PHOTO.format("2024/a.jpg"),
            asset_missing("2024/A.JPG", "2024/a.jpg")),
    Mistake("照片文件名里有中文或空格", _ACTIVITY, _PHOTO.format("2024/同课 1.jpg"), _PHOTO.format("2024/a.jpg"),
            asset_name("2024/同课 1.jpg", "同")),
    Mistake("有回复，没写回复日期", "suggestions/2024/2024-05-20-jianyi.yml", _REPLY,
            _REPLY + "replied: 2024-05-27\n", REPLIED_MISSING),
)


def _lines(a: str, b: str) -> tuple[list[str], list[str]]:
    """The lines of a that b changes, and those of b that replace them."""
    import difflib

    old, new = a.splitlines(), b.splitlines()
    gone, came = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "insert" and i1:  # a line left out: shown after the line it belongs under
            gone.append(old[i1 - 1])
            came.append(old[i1 - 1])
        if tag != "equal":
            gone += old[i1:i2]
            came += new[j1:j2]
    return gone, came


def _yaml_block(lines: list[str]) -> str:
    return "```yaml\n" + "\n".join(lines) + "\n```"


COMMON_MISTAKES_START = "<!-- 常见错误：由 generator/messages.py 生成（make schema），请不要手改 -->"
COMMON_MISTAKES_END = "<!-- 常见错误：完 -->"


def common_mistakes_markdown() -> str:
    """The 常见错误 section of records/README.md: each mistake, what `check` says, what to write instead."""
    parts = [COMMON_MISTAKES_START, "## 常见错误", "",
             "检查发现问题时，会写出文件、行号、字段和改法。下面是最常见的几种：先是写错的样子，再是改好的样子。"]
    for m in COMMON_MISTAKES:
        wrong, right = _lines(m.wrong, m.right)
        parts += ["", f"### {m.title}", "", f"检查会说：{m.message}", "", "写成了：", "", _yaml_block(wrong),
                  "", "改成：", "", _yaml_block(right)]
    return "\n".join(parts + [COMMON_MISTAKES_END]) + "\n"


# ---------------------------------------------------------------- the web editor (generator/cms.py)

NO_DECAP_SERVER = "找不到 decap-server（node_modules/decap-server）：请用 make edit 启动（它会先安装），不要直接运行这个命令"
EDIT_NOT_A_REPOSITORY = "审核模式（--mode git）要在 git 仓库里运行：这里不是 git 仓库"


def edit_git_dirty(paths: list[str]) -> str:
    listed = "、".join(paths[:5]) + (f" 等 {len(paths)} 个" if len(paths) > 5 else "")
    return (f"审核模式会把工作区里所有没有提交的改动一起提交到审核分支，所以要先提交或收起它们（git stash）：{listed}")


def cms_relation_hint(many: bool) -> str:
    return "输入名称中的几个字，从出现的列表里选" + ("；可以选多个" if many else "")


def editor_at(url: str) -> str:
    return f"网页编辑器：{url} （保存的记录写进 records/，预览随之更新；按 Ctrl+C 停止）"


CMS_HEADER = "# 网页编辑器（Decap CMS）的配置：每次构建网站时由 generator/cms.py 按记录的模型和 site.yml 的 editor 生成。\n"
CMS_SETTINGS = "网站设置"
# The form labels of the fields whose descriptions start with their values, not their names (every content
# record's common fields, a suggestion's state).
CMS_LABELS = {"status": "状态", "visibility": "公开范围", "example": "示例记录", "tags": "标签",
                     "state": "办理情况"}


# ---------------------------------------------------------------- the editor's server (editguard.py)

EDIT_FOREIGN_HOST = "这个请求不是发给本机网页编辑器的地址，已拒绝。请在本机打开 make edit 显示的地址。"
EDIT_FOREIGN_ORIGIN = "这个请求不是来自本机的网页编辑器页面，已拒绝。请在本机打开 make edit 显示的地址。"
EDIT_BAD_REQUEST = "请求的格式不对，已拒绝：网页编辑器只发送 JSON。"
PREVIEW_FOREIGN_HOST = "这个预览只回答本机的地址（127.0.0.1 或 localhost），已拒绝。请在本机打开 make serve 或 make edit 显示的地址。"
EDIT_TOO_LARGE = "一次上传的内容超过 50 MB，已拒绝：请把照片缩小后再上传（make shrink 可以缩小已有的照片）。"


def edit_unknown_action(action: str) -> str:
    return f"网页编辑器不做“{action}”这种操作，已拒绝。"


def edit_refused_path(path: str) -> str:
    return (f"不能读写“{path}”：网页编辑器只能改动 records/ 里各类记录的 .yml 文件"
            "和 records/assets/ 里的照片（JPEG、PNG、WebP、HEIC）。")


def edit_refused_link(path: str) -> str:
    return f"不能读写“{path}”：这条路径经过一个链接（快捷方式），它可能指向 records/ 以外。请把链接换成真正的文件或文件夹。"


def edit_port_busy(port: int) -> str:
    return f"端口 {port} 已被别的程序占用：请关掉那个程序，或换一个端口（例如 make edit DECAP_PORT={port + 1}）。"


def edit_decap_failed(output: str) -> str:
    return f"decap-server 没有启动起来：{output or '没有输出'}。请运行 make edit 重试（它会先安装需要的软件）。"


# ---------------------------------------------------------------- one rule for every message above

def _masking(message):
    """A message function whose text values have their personal numbers masked before it shows them."""
    def masked(*args, **kwargs):
        from .privacy import mask  # privacy names its finds with this catalogue's words: imported when first needed

        def clean(value):
            if isinstance(value, str):
                return mask(value)
            if isinstance(value, (list, tuple)):
                return type(value)(clean(v) for v in value)
            return value

        return message(*(clean(a) for a in args), **{k: clean(v) for k, v in kwargs.items()})

    masked.__name__, masked.__doc__, masked.__wrapped__ = message.__name__, message.__doc__, message
    return masked


# Every message that echoes a value (a function of this module) masks the personal numbers in it, by this one
# rule rather than message by message: a value is shown in a terminal, an editor's page and a pull request's log.
for _name, _message in list(globals().items()):
    if callable(_message) and getattr(_message, "__module__", None) == __name__ and not _name.startswith("_") \
            and not isinstance(_message, type):
        globals()[_name] = _masking(_message)
