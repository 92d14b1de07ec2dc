"""The photo pipeline against libvips, on the same files in the same run.

    .venv/bin/python bench/photos.py [N]        (make bench runs it; N defaults to 24)

Makes N synthetic 12-megapixel photos (4000×3000, textured so they compress like photographs) in four kinds —
sRGB JPEG, Display P3 JPEG, Display P3 HEIC, PNG — then measures, per photo on one core, generator.photos.render
(both published copies from one decode, colour converted to sRGB) against libvips' thumbnail making the same two
copies (1600 and 480 px, converted to sRGB, JPEG q85 without metadata: the floor); then the cold wall time of a
whole build's photos on 1 core and on all cores (PhotoPublisher.publish_all into an empty cache), a warm rebuild
(a new publisher over the full cache), and the peak memory of the process and of its workers.
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

LONG_EDGE, THUMB_EDGE = 1600, 480  # generator.photos's; the libvips side runs without importing it (below)

SIZE = (4000, 3000)
KINDS = [("srgb.jpg", "JPEG", None), ("p3.jpg", "JPEG", "p3"), ("p3.heic", "HEIF", "p3"), ("plain.png", "PNG", None)]


def _picture(seed: int):
    """A photograph's worth of detail: smooth colour gradients with grain."""
    from PIL import Image, ImageChops

    gradient = Image.linear_gradient("L").resize(SIZE)
    base = Image.merge("RGB", (gradient, gradient.rotate(90).resize(SIZE), Image.new("L", SIZE, 40 + seed % 180)))
    grain = Image.effect_noise(SIZE, 24).convert("RGB")
    return ImageChops.add(base, grain, scale=1.0, offset=-64)


def make_photos(folder: Path, n: int) -> list[str]:
    from support.icc import DISPLAY_P3, profile

    import generator.photos  # noqa: F401  (registers the HEIF writer)

    folder.mkdir(parents=True, exist_ok=True)
    p3 = profile(DISPLAY_P3, 2.2, "Display P3")
    names = []
    for i in range(n):
        suffix, fmt, colour = KINDS[i % len(KINDS)]
        name = f"{i:03d}-{suffix}"
        if not (folder / name).exists():
            extra = {"icc_profile": p3} if colour else {}
            options = {"quality": 90} if fmt in ("JPEG", "HEIF") else {"compress_level": 6}
            _picture(i).save(folder / name, fmt, **extra, **options)
        names.append(name)
    return names


def vips_floor(folder: Path, names: list[str], out: Path) -> dict:
    """libvips' fastest path to the same two copies: thumbnail (shrink-on-load), to sRGB, JPEG q85, stripped.
    In a process of its own: libvips and pillow-heif each bring a libheif, and in one process they collide."""
    code = f"""
import json, sys, time
from pathlib import Path
import pyvips
pyvips.cache_set_max(0)
times = {{}}
for name in {names!r}:
    t = time.perf_counter()
    large = pyvips.Image.thumbnail({str(folder)!r} + "/" + name, {LONG_EDGE}, size="down", export_profile="srgb").copy_memory()
    Path({str(out)!r}, "large.jpg").write_bytes(large.jpegsave_buffer(Q=85, strip=True, optimize_coding=True, interlace=True))
    thumb = large.thumbnail_image({THUMB_EDGE}, size="down")
    Path({str(out)!r}, "thumb.jpg").write_bytes(thumb.jpegsave_buffer(Q=85, strip=True, optimize_coding=True, interlace=True))
    times.setdefault(name.split("-", 1)[1], []).append(time.perf_counter() - t)
print(json.dumps(times))
"""
    env = {"VIPS_CONCURRENCY": "1"}  # one core, as ours
    import os

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, **env})
    return json.loads(done.stdout)


def per_photo(folder: Path, names: list[str], out: Path) -> dict:
    from generator.photos import render

    ours: dict = {}
    for name in names:
        t = time.perf_counter()
        render(str(folder / name), str(out / "a-large"), str(out / "a-thumb"))
        ours.setdefault(name.split("-", 1)[1], []).append(time.perf_counter() - t)
    return ours


def build(folder: Path, names: list[str], cache: Path, workers: int | None) -> float:
    from generator.photos import PhotoPublisher

    shutil.rmtree(cache, ignore_errors=True)
    t = time.perf_counter()
    PhotoPublisher(folder, cache).publish_all(names, workers=workers)
    return time.perf_counter() - t


def main() -> None:
    import os

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    folder = ROOT / f"bench/out/photos-{n}"
    names = make_photos(folder, n)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        floor = vips_floor(folder, names, tmp)
        ours = per_photo(folder, names, tmp)
        print(f"{n} photos of {SIZE[0]}×{SIZE[1]}, per photo on one core (median, ms): ours / libvips floor")
        total_ours = total_floor = 0.0
        for kind in ours:
            a, b = statistics.median(ours[kind]) * 1000, statistics.median(floor[kind]) * 1000
            total_ours, total_floor = total_ours + sum(ours[kind]), total_floor + sum(floor[kind])
            print(f"  {kind:10} {a:7.0f} / {b:7.0f}   {a / b:4.2f}×")
        print(f"  {'all':10} {total_ours / n * 1000:7.0f} / {total_floor / n * 1000:7.0f}   {total_ours / total_floor:4.2f}×")
        one = build(folder, names, tmp / "cache1", 1)
        every = build(folder, names, tmp / "cacheN", cores)
        from generator.photos import PhotoPublisher

        t = time.perf_counter()
        PhotoPublisher(folder, tmp / "cacheN").publish_all(names)
        warm = time.perf_counter() - t
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # libvips' process included
    print(f"cold build: {one:.1f} s on 1 core, {every:.1f} s on {cores} cores ({one / every:.2f}× faster)")
    print(f"warm rebuild: {warm * 1000:.0f} ms for {n} photos (nothing decoded or read)")
    print(f"peak memory: {own:.0f} MB this process, {workers:.0f} MB the largest child process")


if __name__ == "__main__":
    main()
