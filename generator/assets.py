"""Checking the photo and file paths that records point to."""

from __future__ import annotations

import os
import re
import stat
import warnings
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from . import messages as say
from .errors import is_system_error, system_error
from .filestat import signature
from .photo_memory import Facts, PhotoMemory
from .photos import FORMATS, MAX_PIXELS, oversized

# What a folder or file name under records/assets/ may hold (the first character found otherwise is named).
_BAD_NAME = re.compile(r"[^A-Za-z0-9._/-]")
# A relative path of such names with no "." or ".." part and no empty one: the short way of prepare() applies.
_PLAIN = re.compile(r"(?!\.\.?(?:/|\Z))[A-Za-z0-9._-]+(?:/(?!\.\.?(?:/|\Z))[A-Za-z0-9._-]+)*")


class AssetChecker:
    """Checks each asset path once, however many records name it, and again only when the file changes
    (one checker lives across `mkdocs serve` rebuilds). What an original's content is known to be — it decodes,
    its size — comes from the photo memory (photo_memory.py) when it has it: then nothing of the file is read."""

    def __init__(self, assets_dir: Path, memory: PhotoMemory | None = None):
        self.assets_dir = assets_dir
        self._base = str(assets_dir)
        self._cache: dict[tuple, str | None] = {}
        self._oversized: set[str] = set()
        self.memory = memory or PhotoMemory(assets_dir, None)
        self._fresh: dict[str, tuple] = {}  # rel -> its key, as the last prepare() found it

    def _key(self, rel: str) -> tuple:
        return rel, signature(os.path.join(self._base, rel))  # not pathlib: this runs for every photo of every record

    def problem(self, rel: str) -> str | None:
        """None when the path names a real JPEG/PNG/WebP/HEIC inside records/assets/, else why not."""
        key = self._fresh.get(rel) or self._key(rel)
        if key not in self._cache:
            self.prepare([rel])
            key = self._fresh[rel]
        return self._cache[key]

    def oversized(self, rel: str) -> bool:
        """Whether a photo that passed is larger than git should carry (asked after problem())."""
        return rel in self._oversized

    def prepare(self, rels) -> None:
        """Check every path not checked yet; the originals the memory does not know are decoded on every core.
        A plain file in a folder inside records/assets/ is found with one lstat (the folder's real path is worked
        out once); anything else — a link, a missing file, an odd name — goes the long way, _locate."""
        self._fresh = {}
        root = os.path.realpath(self._base) if os.path.isdir(self._base) else None
        folders: dict[str, bool] = {}  # folder -> whether its real path is inside root
        pending = []
        for rel in dict.fromkeys(rels):
            path = os.path.join(self._base, rel)
            try:
                st = os.lstat(path)
            except (OSError, ValueError):
                st = None
            plain = st is not None and stat.S_ISREG(st.st_mode) and root is not None and _PLAIN.fullmatch(rel)
            if plain:
                folder = os.path.dirname(path)
                if folder not in folders:
                    real = os.path.realpath(folder)
                    folders[folder] = real == root or real.startswith(root + os.sep)
                plain = folders[folder]
            key = self._fresh[rel] = (rel, (st.st_mtime_ns, st.st_size, st.st_ino) if plain else signature(path))
            if key in self._cache:
                self.memory.recall(rel, key[1])  # still in use: the memory keeps it
                continue
            why, real = (None, path) if plain else self._locate(rel)
            if why is not None:
                self._cache[key] = why
            elif (facts := self.memory.recall(rel, key[1])) is not None:
                self._finish(key, None, facts)
            else:
                pending.append((key, str(real)))
        if not pending:
            return
        for (key, _), (why, facts) in zip(pending, _examine_all([(key[0], real) for key, real in pending]), strict=True):
            if facts is not None:
                self.memory.remember(key[0], key[1], facts)
            self._finish(key, why, facts)

    def _finish(self, key: tuple, why: str | None, facts: Facts | None) -> None:
        rel = key[0]
        self._cache[key] = why
        if why is None and facts is not None and oversized(facts.width, facts.height, facts.size):
            self._oversized.add(rel)
        else:
            self._oversized.discard(rel)

    def _locate(self, rel: str) -> tuple[str | None, Path | None]:
        """The original's real path inside records/assets/, or why the path names none (nothing of it is read)."""
        if "\\" in rel:
            return say.asset_backslash(rel), None
        pure = PurePosixPath(rel)
        if pure.is_absolute() or (len(rel) > 1 and rel[1] == ":"):
            return say.asset_absolute(rel), None
        if ".." in pure.parts:
            return say.asset_outside(rel), None
        bad = _BAD_NAME.search(rel)
        if bad:
            return say.asset_name(rel, bad.group()), None
        root = self.assets_dir.resolve() if self.assets_dir.exists() else None
        if root is None:
            return say.asset_no_folder(rel), None
        path = self.assets_dir / pure
        try:
            os.lstat(path)
            real = path.resolve(strict=True)
        except FileNotFoundError:
            if os.path.lexists(path):
                return say.asset_dangling(rel), None
            return say.asset_missing(rel, _other_case(path, pure)), None
        except (OSError, RuntimeError) as e:  # a symlink loop, a name too long for the file system
            reason = system_error(e) if isinstance(e, OSError) else say.LOOP
            return say.asset_unusable(rel, reason.split("：")[0]), None
        if not real.is_relative_to(root):
            return say.asset_escapes(rel), None
        if not real.is_file():
            return say.asset_not_file(rel), None
        return None, real


# A few originals are decoded here; more, on every core (spawned workers cost about a fifth of a second to start).
_POOL_FROM = 8


def _examine_all(jobs: list[tuple[str, str]]) -> list[tuple[str | None, Facts | None]]:
    workers = min(os.cpu_count() or 1, len(jobs))
    if len(jobs) < _POOL_FROM or workers < 2:
        return [_examine(rel, real) for rel, real in jobs]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    # spawn, not fork: the preview server's threads must not be copied into the workers
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        return list(pool.map(_examine, *zip(*jobs, strict=True), chunksize=max(1, len(jobs) // (workers * 8))))


def _examine(rel: str, real: str) -> tuple[str | None, Facts | None]:
    """Whether the original is a photo within the pixel cap that decodes whole, and its facts if so."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own cap decides
            with Image.open(real, formats=FORMATS) as img:
                width, height = img.size  # read from the header; nothing is decoded
    except UnidentifiedImageError:
        return say.asset_not_image(rel), None
    except Image.DecompressionBombError:
        width, height = 0, 0
    except OSError as e:
        return say.asset_unreadable(rel, e.strerror or str(e)), None
    if not width or width * height > MAX_PIXELS:
        return say.asset_too_large(rel, width, height, MAX_PIXELS // 10**6), None
    broken = _decode_problem(Path(real), rel)
    if broken is not None:
        return broken, None
    return None, Facts(width, height, os.stat(real).st_size)


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
