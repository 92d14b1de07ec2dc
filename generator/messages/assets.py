"""Photos and files that records point to, under records/assets/."""

from __future__ import annotations

__all__ = [
    "ASSETS",
    "LOOP",
    "asset_absolute",
    "asset_backslash",
    "asset_broken",
    "asset_dangling",
    "asset_escapes",
    "asset_missing",
    "asset_name",
    "asset_no_folder",
    "asset_not_file",
    "asset_not_image",
    "asset_outside",
    "asset_oversized",
    "asset_too_large",
    "asset_unreadable",
    "asset_unusable",
    "shrunk",
]


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
