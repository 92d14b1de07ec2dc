"""Every message the editors and maintainers read, in one place.

A message says where (the caller adds file, line and column), what is wrong, and
what to type instead, in plain Chinese: no parser words (顶层, 映射, 标量) and no
0-based indexes. Keeping them together keeps the wording consistent and lets
records/README.md's 常见错误 be tested against the very texts `check` prints.
"""

from __future__ import annotations

import re

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


def asset_heic(rel: str) -> str:
    return (f"{ASSETS}{rel} 是 HEIC 格式（苹果手机默认的照片格式），网站还不能用。请换成 JPEG："
            "在 iPhone 的“设置 → 相机 → 格式”里选“兼容性最佳”后拍的照片就是 JPEG；已拍的照片，"
            "在电脑上用“照片”或“画图”打开后另存为 JPEG 再上传")


def asset_not_image(rel: str) -> str:
    return f"{ASSETS}{rel} 不是 JPEG、PNG 或 WebP 图片（按文件内容判断，与扩展名无关）"


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
