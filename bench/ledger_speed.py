"""The yearly 台账 of a busy year: time, peak memory, pages and size of `python -m generator ledger`.

    .venv/bin/python bench/ledger_speed.py [ACTIVITIES [PHOTOS_EACH [MEETINGS]]]     (default: 250 3 150)

One year (2024) of ACTIVITIES activities (report-style bodies of about twelve sentences, PHOTOS_EACH distinct
2560×1920 photos each: the size `make shrink` keeps originals at), MEETINGS meetings over three branches, 25
suggestions with replies, a review and a target letter per member. Each book is made as a user makes it, in its
own process (`/usr/bin/time` gives its peak memory): first with no published photo copies (what the site build
would otherwise have made already), then again with them, public and internal.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_tree import BRANCHES, PLACES, PROGRAMS, SENTENCES, body, indent  # noqa: E402

TYPES = ["zhiweihui", "dangxiaozu", "zhuti-dangri", "dangke", "dangyuan-dahui"]


def photos(folder: Path, n: int) -> list[str]:
    """n distinct photographs' worth of JPEG: one grain, a different block of colour on each."""
    folder.mkdir(parents=True, exist_ok=True)
    base = Image.blend(Image.linear_gradient("L").resize((2560, 1920)).convert("RGB"),
                       Image.effect_noise((2560, 1920), 50).convert("RGB"), 0.35)
    names = []
    for i in range(n):
        im = base.copy()
        ImageDraw.Draw(im).rectangle((100 + i % 40 * 50, 100 + i // 40 * 20, 600 + i % 40 * 50, 500 + i // 40 * 20),
                                     fill=(i * 37 % 256, i * 91 % 256, i * 53 % 256))
        name = f"2024/p{i:04d}.jpg"
        im.save(folder / name.split("/")[1], "JPEG", quality=90)
        names.append(name)
    return names


def make_year(records: Path, activities: int, each: int, meetings: int) -> None:
    rng = random.Random(7)
    if records.exists():
        shutil.rmtree(records)

    def write(rel: str, text: str) -> None:
        path = records / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    write("site.yml", "school: 合成测试小学\norganization: 中共合成测试小学总支部委员会\nfounded: 2004-07\nmember_count: 103\n"
          "branches:\n" + "".join(f"  - {{id: {b}, name: 第{n}党支部}}\n" for b, n in zip(BRANCHES, "一二三", strict=True))
          + "pillars:\n  - {id: rongru, title: 学校党建既融入教育教学，又彰显自身价值, short: 融入教学}\n")
    for p in PROGRAMS:
        write(f"programs/{p}.yml", f"title: 做法 {p}\npillar: rongru\nsummary: {SENTENCES[0]}\n")
    for p in PLACES:
        write(f"places/{p}.yml", f"title: 阵地 {p}\nkind: position\n")
    members = {b: [f"{b}-{i:02d}" for i in range(10)] for b in BRANCHES}
    for b, ids in members.items():
        for m in ids:
            write(f"members/{m}.yml", f"name: 党员{m[-2:]}{b[-2:]}\nbranch: {b}\nconsent: true\nstory: 她的故事。\n")
            write(f"responsibilities/2024/{m}.yml", f"member: {m}\nyear: 2024\nparty_targets: [{SENTENCES[1]}]\n"
                  "assessment:\n  date: 2024-12-28\n  grade: 合格\n")
    names = photos(records / "assets/2024", activities * each)
    start = dt.date(2024, 1, 1)
    for i in range(activities):
        day = start + dt.timedelta(days=rng.randrange(366))
        listed = "".join(f"  - src: {names[i * each + k]}\n    caption: 活动现场（第 {k + 1} 张）\n" for k in range(each))
        write(f"activities/2024/{day}-huodong-{i}.yml",
              f"title: 党员教师课堂教学研讨（第 {i + 1} 次）\ndate: {day}\nprogram: {rng.choice(PROGRAMS)}\n"
              f"places: [{rng.choice(PLACES)}]\nbranches: [{rng.choice(BRANCHES)}]\nparticipants: {rng.randrange(10, 90)}\n"
              f"body: |\n{indent(body(rng, 12))}\nphotos:\n{listed}")
    for i in range(meetings):
        day = start + dt.timedelta(days=rng.randrange(366))
        branch = BRANCHES[i % 3]
        people = members[branch]
        write(f"meetings/2024/{day}-{branch}-{i}.yml",
              f"type: {TYPES[i % len(TYPES)]}\nbranch: {branch}\ndate: {day}\nstart: 15:30\nend: 16:30\nplace: 党员活动室\n"
              f"host: {people[0]}\nrecorder: {people[1]}\nexpected: 10\npresent: 9\n"
              f"absent:\n  - member: {people[9]}\n    reason: 外出培训\n"
              f"topics: [{rng.choice(SENTENCES)}, {rng.choice(SENTENCES)}]\ncontent: |\n{indent(body(rng, 8))}\n"
              "resolutions:\n  - text: 同意上述安排\n    agree: 9\n    against: 0\n    abstain: 0\n")
    for i in range(25):
        day = start + dt.timedelta(days=rng.randrange(300))
        write(f"suggestions/2024/{day}-jianyi-{i}.yml",
              f"title: 建议{i}\ndate: {day}\nfrom: 家长\ncontent: {rng.choice(SENTENCES)}\n"
              f"state: replied\nreply: 感谢建议。\nreplied: {day + dt.timedelta(days=7)}\n")
    write("reviews/2024.yml", f"year: 2024\nreport: |\n{indent(body(rng, 20))}\n")


def run(project: Path, *args: str) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "generator", "ledger", "--year", "2024",
                           "--out", "books", *args], cwd=project, capture_output=True, text=True, encoding="utf-8")
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(done.stdout + done.stderr)
    return took, int(done.stderr.strip().splitlines()[-1]) // 1024, done.stdout.strip()


def main(activities: int, each: int, meetings: int) -> None:
    project = HERE / "out" / f"ledger-{activities}-{each}-{meetings}"
    shutil.rmtree(project, ignore_errors=True)
    make_year(project / "records", activities, each, meetings)
    originals = sum(p.stat().st_size for p in (project / "records/assets").rglob("*.jpg"))
    rows = []
    for label, args in (("public, no published copies yet", ()), ("public", ()), ("internal", ("--internal",))):
        took, peak, said = run(project, *args)
        pdf = Path(project / re.search(r"已生成 (.*?)（", said)[1]) if not said.startswith("/") else None
        pages = re.search(r"（(\d+) 页）", said)[1]
        rows.append((label, took, peak, pages, pdf.stat().st_size / 1e6))
    print(f"# {os.uname().nodename} · {os.cpu_count()} cores · Python {sys.version.split()[0]}")
    print(f"{activities} activities with {activities * each} photos ({originals / 1e6:.0f} MB of originals), "
          f"{meetings} meetings, one year")
    print("| book | time (s) | peak memory (MB) | pages | size (MB) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, took, peak, pages, size in rows:
        print(f"| {label} | {took:.1f} | {peak} | {pages} | {size:.1f} |")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*(args + [250, 3, 150][len(args):]))
