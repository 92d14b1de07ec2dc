"""Published copies of photos: upright, stripped of all metadata, resized, cached by content.

Originals in records/assets/ are only ever read. Each copy is named by the
hash of the original's bytes and of these settings, so a rebuild reuses it.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from . import atomic
from .filestat import signature

MAX_PIXELS = 120_000_000  # a 108-megapixel phone photo passes; a decompression bomb does not
LONG_EDGE = 1600  # published photo
THUMB_EDGE = 480  # lists and cards
FORMATS = ("JPEG", "PNG", "WEBP")
_SETTINGS = f"v1:{LONG_EDGE}:{THUMB_EDGE}".encode()
_SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


@dataclass(frozen=True, slots=True)
class Published:
    large: Path
    thumb: Path


class PhotoPublisher:
    def __init__(self, assets_dir: Path, cache_dir: Path):
        self.assets_dir = assets_dir
        self.cache_dir = cache_dir
        self._done: dict[tuple, Published] = {}  # by the original's stat: serve rebuilds skip re-reading it

    def publish(self, rel: str) -> Published:
        key = (rel, signature(self.assets_dir / rel))
        done = self._done.get(key)
        if done is None or not (done.large.exists() and done.thumb.exists()):
            done = self._done[key] = self._publish(rel)
        return done

    def _publish(self, rel: str) -> Published:
        data = (self.assets_dir / rel).read_bytes()
        digest = hashlib.sha256(_SETTINGS + data).hexdigest()[:32]
        with Image.open(io.BytesIO(data), formats=FORMATS) as img:  # the header only, until load()
            fmt = img.format
            suffix = _SUFFIX[fmt]
            out = Published(self.cache_dir / f"{digest}-large{suffix}", self.cache_dir / f"{digest}-thumb{suffix}")
            if out.large.exists() and out.thumb.exists():
                return out
            img.load()
            upright = ImageOps.exif_transpose(img)  # turns the pixels, drops the orientation tag
        for path, edge in ((out.large, LONG_EDGE), (out.thumb, THUMB_EDGE)):
            copy = upright.copy()
            copy.thumbnail((edge, edge), Image.Resampling.LANCZOS)
            _save(copy, fmt, path)
        return out


def _save(img: Image.Image, fmt: str, path: Path) -> None:
    img.info = {}  # no EXIF (GPS included), no ICC profile, no comments, no XMP
    if fmt == "JPEG" and img.mode not in ("RGB", "L"):
        img = img.convert("RGB")
    options = {"JPEG": {"quality": 85, "optimize": True, "progressive": True}, "PNG": {"optimize": True},
               "WEBP": {"quality": 85}}[fmt]
    buffer = io.BytesIO()
    img.save(buffer, fmt, **options)
    atomic.write(path, buffer.getvalue())
