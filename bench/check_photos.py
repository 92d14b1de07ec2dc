"""`check` on a tree of N activities holding P photos: cold (no .cache/photos), warm, and after one photo changed —
wall time of `python -m generator check` as a user runs it, and how many originals each run opened (every process's
file opens, its workers' included, followed by an audit hook). The floors in the same run: the same check of the
same tree with no photos at all, and PyYAML's C loader parsing every record file.

    .venv/bin/python bench/check_photos.py [ACTIVITIES [PHOTOS]]      (default: 5000 12000)

The photos are the size the project keeps in git after `make shrink`: 2560×1920 JPEGs (grain, so they
compress like photographs: about 2 MB each). 40 distinct ones are made and linked under 12,000 names in records/assets/<year>/ (a
link costs no disk; check decodes each name as its own photo, the memory knows each by name, size, time, inode).
"""

from __future__ import annotations

import os
import platform
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from PIL import Image

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

sys.path.insert(0, str(ROOT / "tests"))

from check_speed import floor  # noqa: E402
from make_tree import make_tree  # noqa: E402
from support.opens import Opens  # noqa: E402  the same follower of file opens as tests/test_photo_memory.py

DISTINCT = 40


def grain_jpeg(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    base = Image.linear_gradient("L").resize((2560, 1920)).convert("RGB")
    noise = Image.effect_noise((2560, 1920), 40 + rng.randrange(20)).convert("RGB")
    Image.blend(base, noise, 0.35).save(path, "JPEG", quality=90)


def with_photos(records: Path, photos: int) -> None:
    """Every activity's photos replaced by its share of `photos` distinct names (links to DISTINCT originals)."""
    originals = records.parent / "originals"
    originals.mkdir(exist_ok=True)
    for i in range(DISTINCT):
        if not (originals / f"o{i}.jpg").exists():
            grain_jpeg(originals / f"o{i}.jpg", i)
    files = sorted((records / "activities").glob("*/*.yml"))
    per = [photos // len(files) + (1 if i < photos % len(files) else 0) for i in range(len(files))]
    n = 0
    for path, count in zip(files, per, strict=True):
        text = re.sub(r"photos:\n(?:  - src: [^\n]*\n    caption: [^\n]*\n)*", "", path.read_text(encoding="utf-8"))
        year = path.parent.name
        listed = []
        for _ in range(count):
            rel = f"{year}/p{n:05d}.jpg"
            target = records / "assets" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(originals / f"o{n % DISTINCT}.jpg", target)
            listed.append(f"  - src: {rel}\n    caption: 活动现场\n")
            n += 1
        path.write_text(text.replace("tags:", "photos:\n" + "".join(listed) + "tags:", 1), encoding="utf-8")


def run_check(project: Path, opens: Opens) -> tuple[float, int]:
    """`python -m generator check` in the project: wall time, and how many originals it (or a worker) opened."""
    opens.watched = (project / "records/assets").resolve()
    start = time.perf_counter()
    done, opened = opens.check(project)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(done.stdout[-2000:] + done.stderr[-2000:])
    return took, len(opened)


def median_check(project: Path, opens: Opens, runs: int = 3) -> tuple[float, int]:
    results = [run_check(project, opens) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(o for _, o in results)


def main(activities: int, photos: int) -> None:
    work = HERE / "out" / f"check-photos-{activities}-{photos}"
    shutil.rmtree(work / "project", ignore_errors=True)
    project = work / "project"
    make_tree(project / "records", activities)
    shutil.rmtree(project / "records/assets/photos")
    bare = work / "bare"
    shutil.rmtree(bare, ignore_errors=True)
    shutil.copytree(project, bare)  # the same records, no photos at all: the floor of check itself
    for path in (bare / "records/activities").glob("*/*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"photos:\n(?:  - src: [^\n]*\n    caption: [^\n]*\n)*", "", text), encoding="utf-8")
    with_photos(project / "records", photos)
    hook = Path(tempfile.mkdtemp(prefix="opens-"))
    opens = Opens(hook, project / "records/assets")

    start = time.perf_counter()
    floor(project / "records")
    parse = time.perf_counter() - start
    no_photos, _ = median_check(bare, opens)
    cold, cold_opened = run_check(project, opens)
    warm, warm_opened = median_check(project, opens)
    changed = project / "records/assets" / sorted((project / "records/assets").glob("*/p00007.jpg"))[0].relative_to(
        project / "records/assets")
    changed.unlink()
    grain_jpeg(changed, 999)
    edited, edited_opened = run_check(project, opens)
    shutil.rmtree(hook)

    print(f"# {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
          f"PyYAML {yaml.__version__} (libyaml: {yaml.__with_libyaml__})")
    print(f"{activities} activities, {photos} photos (2560×1920 JPEG, ~{changed.stat().st_size // 1000} KB each); "
          "wall time of `python -m generator check`, medians of 3 but the cold run")
    print("| run | time (s) | originals opened |")
    print("| --- | ---: | ---: |")
    print(f"| floor: PyYAML C loader, parse only (in process) | {parse:.2f} | 0 |")
    print(f"| floor: check of the same records without photos | {no_photos:.2f} | 0 |")
    print(f"| cold: no .cache/photos | {cold:.2f} | {cold_opened} |")
    print(f"| warm | {warm:.2f} | {warm_opened} |")
    print(f"| warm, one photo replaced | {edited:.2f} | {edited_opened} |")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*(args + [5000, 12000][len(args):]))
