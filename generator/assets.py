"""Checking the photo and file paths that records point to."""

from __future__ import annotations

import os
import warnings
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from .errors import is_system_error, system_error
from .filestat import signature
from .photos import FORMATS, MAX_PIXELS


class AssetChecker:
    """Checks each asset path once, however many records name it, and again only when the file changes
    (one checker lives across `mkdocs serve` rebuilds)."""

    def __init__(self, assets_dir: Path):
        self.assets_dir = assets_dir
        self._base = str(assets_dir)
        self._cache: dict[tuple, str | None] = {}

    def problem(self, rel: str) -> str | None:
        """None when the path names a real JPEG/PNG/WebP inside records/assets/, else why not."""
        key = (rel, signature(os.path.join(self._base, rel)))  # not pathlib: this runs for every photo of every record
        if key not in self._cache:
            self._cache[key] = self._check(rel)
        return self._cache[key]

    def _check(self, rel: str) -> str | None:
        if "\\" in rel:
            return f"路径“{rel}”里有反斜杠“\\”，请改用“/”分隔文件夹"
        pure = PurePosixPath(rel)
        if pure.is_absolute() or (len(rel) > 1 and rel[1] == ":"):
            return f"路径“{rel}”应相对于 records/assets/，不能以“/”或盘符开头"
        if ".." in pure.parts:
            return f"路径“{rel}”不能包含“..”：文件必须在 records/assets/ 里面"
        root = self.assets_dir.resolve() if self.assets_dir.exists() else None
        if root is None:
            return f"找不到文件“{rel}”：records/assets/ 文件夹不存在"
        path = self.assets_dir / pure
        try:
            os.lstat(path)
            real = path.resolve(strict=True)
        except FileNotFoundError:
            if os.path.lexists(path):
                return f"records/assets/{rel} 是指向不存在的文件的链接"
            return f"找不到文件 records/assets/{rel}" + _other_case(path, pure)
        except (OSError, RuntimeError) as e:  # a symlink loop, a name too long for the file system
            reason = system_error(e) if isinstance(e, OSError) else "符号链接绕成了圈"
            return f"无法使用 records/assets/{rel}：{reason.split('：')[0]}"
        if not real.is_relative_to(root):
            return f"“{rel}”是指向 records/assets/ 以外的链接，不允许"
        if not real.is_file():
            return f"records/assets/{rel} 不是文件"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own cap decides
                with Image.open(real, formats=FORMATS) as img:
                    width, height = img.size  # read from the header; nothing is decoded
        except UnidentifiedImageError:
            if _is_heic(real):
                return (f"records/assets/{rel} 是 HEIC 格式（苹果手机默认的照片格式），网站还不能用。请换成 JPEG："
                        "在 iPhone 的“设置 → 相机 → 格式”里选“兼容性最佳”后拍的照片就是 JPEG；已拍的照片，"
                        "在电脑上用“照片”或“画图”打开后另存为 JPEG 再上传")
            return f"records/assets/{rel} 不是 JPEG、PNG 或 WebP 图片（按文件内容判断，与扩展名无关）"
        except Image.DecompressionBombError:
            width, height = 0, 0
        except OSError as e:
            return f"无法读取 records/assets/{rel}：{e.strerror or e}"
        if not width or width * height > MAX_PIXELS:
            size = f"有 {width}×{height} 像素，" if width else ""
            return f"records/assets/{rel} {size}超过上限 {MAX_PIXELS // 10**6} 百万像素，可能是恶意构造的图片，拒绝处理"
        return _decode_problem(real, rel)


def _is_heic(path: Path) -> bool:
    """HEIF/HEIC by its file-type box, whatever the file's extension."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
    except OSError:
        return False
    return head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"hevc")


def _other_case(path: Path, pure: PurePosixPath) -> str:
    """A file whose name differs only in upper and lower case (IMG_1.JPG for img_1.jpg), if there is one."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return ""
    same = [n for n in names if n.lower() == pure.name.lower()]
    if not same:
        return ""
    return f"。是不是 {(pure.parent / same[0]).as_posix()}？文件名的大小写要和文件完全一致"


def _decode_problem(path: Path, rel: str) -> str | None:
    """Decode the whole image once, so a broken one is the record's error here rather than the build's later.
    A JPEG is decoded at an eighth of its size (every byte of it is still read and checked) — a tenth of the
    time and memory; the pixel cap above bounds the rest."""
    try:
        with Image.open(path, formats=FORMATS) as img:
            if img.format == "JPEG":
                img.draft("RGB", (max(1, img.width // 8), max(1, img.height // 8)))
            img.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as e:
        if isinstance(e, OSError) and is_system_error(e):
            return f"无法读取 records/assets/{rel}：{system_error(e).split('：')[0]}"
        return f"records/assets/{rel} 已损坏，无法显示（可能没有上传完整）。请重新上传原图"
    return None
