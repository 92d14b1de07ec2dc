"""Photos at print size: a photo is printed two to a row, about 80 mm wide, and 800 pixels is 250 dpi there. Made
from the published copies (already upright, sRGB, without metadata), once per content (named by the published
copy's content digest) in .cache/print/, on every core; the book embeds them as they are, with nothing for
WeasyPrint to decode or resize."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from PIL import Image

from .. import atomic

EDGE = 800


def print_copies(large: dict[str, Path], cache: Path) -> dict[str, Path]:
    """rel -> its print copy, making the missing ones."""
    out = {rel: cache / f"{path.stem}-print{path.suffix}" for rel, path in large.items()}
    pending = [(str(large[rel]), str(dst)) for rel, dst in out.items() if not dst.exists()]
    if pending:
        cache.mkdir(parents=True, exist_ok=True)
        workers = min(os.cpu_count() or 1, len(pending))
        if workers > 1 and len(pending) >= 8:
            with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
                list(pool.map(_make, *zip(*pending, strict=True), chunksize=4))
        else:
            for src, dst in pending:
                _make(src, dst)
    return out


def _make(src: str, dst: str) -> None:
    with Image.open(src) as im:
        im.draft("RGB", (EDGE, EDGE))  # a JPEG decodes straight at the smallest scale still this large
        im.thumbnail((EDGE, EDGE), Image.LANCZOS)
        fmt = im.format or "JPEG"
        data = _encode(im, fmt)
    atomic.write(Path(dst), data)


def _encode(im: Image.Image, fmt: str) -> bytes:
    import io

    buffer = io.BytesIO()
    if fmt == "PNG":
        im.save(buffer, "PNG", optimize=False)
    else:
        im.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()
