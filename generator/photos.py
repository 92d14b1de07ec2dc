"""Published copies of photos: upright, in sRGB, stripped of all metadata, resized, cached by content.

Originals in records/assets/ are only ever read. Each copy is named by the hash of the original's bytes and of
these settings, so a rebuild reuses it; an index of the originals' sizes and times spares a warm build from
reading them at all. Photos not yet in the cache are made on every core (a process pool), each decoded once, a
JPEG straight at the smallest size its decoder can give that is still at least the published size.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import astuple, dataclass
from multiprocessing import get_context
from pathlib import Path

from PIL import Image, ImageCms, ImageOps
from pillow_heif import register_heif_opener

from . import atomic
from .filestat import signature

register_heif_opener()  # HEIC/HEIF (iPhones' default) opens like any other image: in check and here

MAX_PIXELS = 120_000_000  # a 108-megapixel phone photo passes; a decompression bomb does not
LONG_EDGE = 1600  # published photo
THUMB_EDGE = 480  # lists and cards
FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
# Originals kept in git: 2,560 px on the long edge is 1.6 times the published size (room for a larger published
# size later, and for a 4K screen's photo viewer), and at JPEG quality 92 about 1 MB for a phone photo instead of
# 4 to 8: 20 years of 1,000 photos a year is ~20 GB rather than ~100 GB, small enough for git without LFS.
ORIGINAL_EDGE = 2560
ORIGINAL_BYTES = 3_000_000
_SHRINK_OPTIONS = {"JPEG": {"quality": 92, "optimize": True}, "HEIF": {"quality": 90}, "PNG": {"optimize": True},
                   "WEBP": {"quality": 92}}
_SETTINGS = f"v2:{LONG_EDGE}:{THUMB_EDGE}:srgb".encode()
# What each format is published as: a phone's HEIC becomes a JPEG every browser shows.
_OUTPUT = {"JPEG": "JPEG", "HEIF": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
_SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
_SRGB = ImageCms.createProfile("sRGB")
_INDEX = "index.json"


@dataclass(frozen=True, slots=True)
class Published:
    large: Path
    thumb: Path


def _outputs(cache_dir: Path, digest: str, fmt: str) -> Published:
    suffix = _SUFFIX[_OUTPUT[fmt]]
    return Published(cache_dir / f"{digest}-large{suffix}", cache_dir / f"{digest}-thumb{suffix}")


class PhotoPublisher:
    def __init__(self, assets_dir: Path, cache_dir: Path):
        self.assets_dir = assets_dir
        self.cache_dir = cache_dir
        self._index = self._read_index()  # rel -> [stat signature, digest, format, git blob id]
        self._index_changed = False
        self._blobs: dict[str, str] | None = None

    def publish(self, rel: str) -> Published:
        return self.publish_all([rel])[rel]

    def publish_all(self, rels: Iterable[str], progress: Callable[[int, int], None] | None = None,
                    workers: int | None = None) -> dict[str, Published]:
        """Every photo's published copies, making the missing ones on every core. progress(done, total) is told
        now and then while they are made."""
        done: dict[str, Published] = {}
        pending: dict[str, Published] = {}
        for rel in dict.fromkeys(rels):
            out = done[rel] = _outputs(self.cache_dir, *self._identify(rel))
            if not (out.large.exists() and out.thumb.exists()):
                pending[rel] = out
        if pending:
            self._make(pending, progress, workers)
        self._write_index()
        return done

    def prune(self) -> int:
        """Remove the cached copies of originals that are gone or changed (and of older settings); how many
        files went. Only what the index names for an existing original stays, so a build running beside this one
        never loses a copy it uses."""
        for rel in [rel for rel in self._index if not (self.assets_dir / rel).is_file()]:
            del self._index[rel]
            self._index_changed = True
        self._write_index()
        keep = {p.name for _, digest, fmt, *_ in self._index.values() for p in astuple(_outputs(self.cache_dir, digest, fmt))}
        from .photo_memory import FILE as CHECKED  # check's memory of the originals lives here too

        keep.update((_INDEX, CHECKED))
        gone = 0
        if self.cache_dir.is_dir():
            for entry in os.scandir(self.cache_dir):
                if entry.is_file() and entry.name not in keep and not entry.name.startswith(".tmp-"):
                    os.unlink(entry.path)
                    gone += 1
        return gone

    def _identify(self, rel: str) -> tuple[str, str]:
        """The original's content digest and format. Nothing of the file is read while the index knows it (same
        size and time) or git does (committed and unmodified, as in a fresh CI checkout) and its copies exist."""
        path = self.assets_dir / rel
        stat = list(signature(path))
        known = self._index.get(rel)
        if known and known[0] == stat:
            return known[1], known[2]
        if self._blobs is None:
            self._blobs = committed_blobs(self.assets_dir)
        blob = self._blobs.get(rel) or blob_id(path.read_bytes())
        digest = hashlib.sha256(_SETTINGS + blob.encode()).hexdigest()[:32]
        fmt = known[2] if known and known[3] == blob else self._cached_format(digest)
        if fmt is None:
            with Image.open(path, formats=FORMATS) as img:  # the header only
                fmt = img.format
        self._index[rel] = [stat, digest, fmt, blob]
        self._index_changed = True
        return digest, fmt

    def _cached_format(self, digest: str) -> str | None:
        """A format whose copies of this content are in the cache already (the format decides only their names)."""
        for fmt in ("JPEG", "PNG", "WEBP"):
            out = _outputs(self.cache_dir, digest, fmt)
            if out.large.exists() and out.thumb.exists():
                return fmt
        return None

    def _make(self, pending: dict[str, Published], progress, workers: int | None) -> None:
        jobs = [(str(self.assets_dir / rel), str(out.large), str(out.thumb)) for rel, out in pending.items()]
        workers = min(workers or os.cpu_count() or 1, len(jobs))
        # spawn, not fork: the preview server's threads must not be copied into the workers
        pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn")) if workers > 1 else None
        with pool or contextlib.nullcontext():
            made = pool.map(render, *zip(*jobs, strict=True), chunksize=1) if pool else map(render, *zip(*jobs, strict=True))
            total, last = len(jobs), time.monotonic()
            for n, _ in enumerate(made, 1):
                if progress and (n == total or time.monotonic() - last > 10):
                    progress(n, total)
                    last = time.monotonic()

    def _read_index(self) -> dict:
        try:
            return json.loads((self.cache_dir / _INDEX).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _write_index(self) -> None:
        if not self._index_changed:  # a rebuild with nothing new writes nothing
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        atomic.write(self.cache_dir / _INDEX, json.dumps(self._index, sort_keys=True).encode())
        self._index_changed = False


def blob_id(data: bytes) -> str:
    """The content's name as git gives it (so a committed file's is known without reading the file)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def committed_blobs(folder: Path) -> dict[str, str]:
    """{path inside folder: git blob id} for the files git has committed and that are unmodified; {} outside git."""
    try:
        def git(*args: str) -> bytes:
            return subprocess.run(["git", *args, "--", "."], cwd=folder, capture_output=True, check=True).stdout
        staged = git("ls-files", "-s", "-z")
        changed = set(git("diff", "--name-only", "--relative", "-z").split(b"\0"))
    except (OSError, subprocess.CalledProcessError):
        return {}
    blobs = {}
    for line in staged.split(b"\0"):
        if line:
            meta, name = line.split(b"\t", 1)
            if name not in changed:
                blobs[name.decode("utf-8", "surrogateescape")] = meta.split()[1].decode()
    return blobs


def published_path(rel: str, thumb: bool = False) -> str:
    """Where a photo is in the built site. A HEIC is published as a JPEG, so its name says so (x.heic.jpg: the
    name can never be another photo's); other names stay as they are."""
    name = rel + ".jpg" if rel.lower().endswith((".heic", ".heif")) else rel
    return f"media/thumbs/{name}" if thumb else f"media/{name}"


def oversized(width: int, height: int, size: int) -> bool:
    """Whether an original is larger than git should carry (generator shrink makes it smaller)."""
    return max(width, height) > ORIGINAL_EDGE or size > ORIGINAL_BYTES


def shrink_original(path: Path) -> int | None:
    """Rewrite an oversized original in place, in its own format: upright, in sRGB, without metadata, at most
    ORIGINAL_EDGE on the long edge. The bytes it had, or None if it was not oversized (left as it was)."""
    before = path.stat().st_size
    with Image.open(path, formats=FORMATS) as img:
        if not oversized(*img.size, before):
            return None
        fmt, icc = img.format, img.info.get("icc_profile")
        img.load()
        picture = _eight_bits(ImageOps.exif_transpose(img))
    picture.thumbnail((ORIGINAL_EDGE, ORIGINAL_EDGE), Image.Resampling.LANCZOS)
    picture = _to_srgb(picture, icc)
    if fmt in ("JPEG", "HEIF") and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, fmt, **_SHRINK_OPTIONS[fmt])
    if buffer.tell() >= before:  # already as small as this makes it: keep the original
        return None
    atomic.write(path, buffer.getvalue())
    return before


def render(source: str, large: str, thumb: str) -> None:
    """Make one photo's two published copies from its original: one decode for both (run in a worker)."""
    with Image.open(source, formats=FORMATS) as img:
        fmt = img.format
        icc = img.info.get("icc_profile")
        if fmt == "JPEG":  # decode at 1/2, 1/4 or 1/8 when that still covers the published size
            scale = LONG_EDGE / max(img.size)
            img.draft(img.mode if img.mode == "CMYK" else "RGB",
                      (max(1, round(img.width * scale)), max(1, round(img.height * scale))))
        img.load()
        picture = ImageOps.exif_transpose(img)  # turns the pixels, drops the orientation tag
    picture = _eight_bits(picture)
    picture.thumbnail((LONG_EDGE, LONG_EDGE), Image.Resampling.LANCZOS)
    picture = _to_srgb(picture, icc)
    out = _OUTPUT[fmt]
    _save(picture, out, Path(large))
    picture.thumbnail((THUMB_EDGE, THUMB_EDGE), Image.Resampling.LANCZOS)
    _save(picture, out, Path(thumb))


def _eight_bits(img: Image.Image) -> Image.Image:
    """Palette, 16-bit and other modes as the 8-bit RGB(A) or grey that colour management and encoders take."""
    if img.mode == "P":
        return img.convert("RGBA" if "transparency" in img.info else "RGB")
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit grey: keep the top 8 bits
        return img.convert("I").point(lambda v: v / 256).convert("L")
    if img.mode in ("1", "F"):
        return img.convert("L")
    if img.mode in ("PA", "La"):
        return img.convert("RGBA")
    return img


def _to_srgb(img: Image.Image, icc: bytes | None) -> Image.Image:
    """The picture in sRGB: converted from its embedded profile (Display P3, Adobe RGB, a CMYK press profile),
    since the published copy carries no profile and browsers take it for sRGB."""
    alpha = img.mode in ("RGBA", "LA")
    target = "RGBA" if alpha else "RGB"
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = img.mode if img.mode != "LA" else "RGBA"
            picture = img if img.mode != "LA" else img.convert("RGBA")
            return ImageCms.profileToProfile(picture, source, _SRGB, renderingIntent=ImageCms.Intent.PERCEPTUAL,
                                             outputMode=target if mode != "L" else "RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken or unusual profile: the pixels as they are, as before
    return img if img.mode == target or img.mode == "L" else img.convert(target)


def _save(img: Image.Image, fmt: str, path: Path) -> None:
    img = img.copy()
    img.info = {}  # no EXIF (GPS included), no ICC profile, no comments, no XMP
    if fmt == "JPEG" and img.mode not in ("RGB", "L"):
        img = img.convert("RGB")
    options = {"JPEG": {"quality": 85, "optimize": True, "progressive": True}, "PNG": {},  # PNG's optimize: 35% slower
               "WEBP": {"quality": 85}}[fmt]
    buffer = io.BytesIO()
    img.save(buffer, fmt, **options)
    atomic.write(path, buffer.getvalue())
