"""Checking the photo and file paths that records point to."""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from . import messages as say
from .errors import is_system_error, system_error
from .filestat import signature
from .photos import FORMATS, MAX_PIXELS, oversized

# What a folder or file name under records/assets/ may hold (the first character found otherwise is named).
_BAD_NAME = re.compile(r"[^A-Za-z0-9._/-]")


class AssetChecker:
    """Checks each asset path once, however many records name it, and again only when the file changes
    (one checker lives across `mkdocs serve` rebuilds)."""

    def __init__(self, assets_dir: Path):
        self.assets_dir = assets_dir
        self._base = str(assets_dir)
        self._cache: dict[tuple, str | None] = {}
        self._oversized: set[str] = set()

    def problem(self, rel: str) -> str | None:
        """None when the path names a real JPEG/PNG/WebP/HEIC inside records/assets/, else why not."""
        key = (rel, signature(os.path.join(self._base, rel)))  # not pathlib: this runs for every photo of every record
        if key not in self._cache:
            self._cache[key] = self._check(rel)
        return self._cache[key]

    def oversized(self, rel: str) -> bool:
        """Whether a photo that passed is larger than git should carry (asked after problem())."""
        return rel in self._oversized

    def _check(self, rel: str) -> str | None:
        if "\\" in rel:
            return say.asset_backslash(rel)
        pure = PurePosixPath(rel)
        if pure.is_absolute() or (len(rel) > 1 and rel[1] == ":"):
            return say.asset_absolute(rel)
        if ".." in pure.parts:
            return say.asset_outside(rel)
        bad = _BAD_NAME.search(rel)
        if bad:
            return say.asset_name(rel, bad.group())
        root = self.assets_dir.resolve() if self.assets_dir.exists() else None
        if root is None:
            return say.asset_no_folder(rel)
        path = self.assets_dir / pure
        try:
            os.lstat(path)
            real = path.resolve(strict=True)
        except FileNotFoundError:
            if os.path.lexists(path):
                return say.asset_dangling(rel)
            return say.asset_missing(rel, _other_case(path, pure))
        except (OSError, RuntimeError) as e:  # a symlink loop, a name too long for the file system
            reason = system_error(e) if isinstance(e, OSError) else say.LOOP
            return say.asset_unusable(rel, reason.split("：")[0])
        if not real.is_relative_to(root):
            return say.asset_escapes(rel)
        if not real.is_file():
            return say.asset_not_file(rel)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own cap decides
                with Image.open(real, formats=FORMATS) as img:
                    width, height = img.size  # read from the header; nothing is decoded
        except UnidentifiedImageError:
            return say.asset_not_image(rel)
        except Image.DecompressionBombError:
            width, height = 0, 0
        except OSError as e:
            return say.asset_unreadable(rel, e.strerror or str(e))
        if not width or width * height > MAX_PIXELS:
            return say.asset_too_large(rel, width, height, MAX_PIXELS // 10**6)
        broken = _decode_problem(real, rel)
        if broken is None and oversized(width, height, real.stat().st_size):
            self._oversized.add(rel)
        else:
            self._oversized.discard(rel)
        return broken


def _other_case(path: Path, pure: PurePosixPath) -> str | None:
    """A file whose name differs only in upper and lower case (IMG_1.JPG for img_1.jpg), if there is one."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return None
    same = [n for n in names if n.lower() == pure.name.lower()]
    return (pure.parent / same[0]).as_posix() if same else None


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
            return say.asset_unreadable(rel, system_error(e).split("：")[0])
        return say.asset_broken(rel)
    return None
