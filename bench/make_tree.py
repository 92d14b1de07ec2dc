"""Make a valid synthetic records tree of N activities (plus members, issues, suggestions)."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

from PIL import Image

# Realistic Chinese text: sentences in the register of the school's report.
SENTENCES = [
    "学校党总支组织党员教师开展课堂教学研讨，展示党员教师的风采。",
    "党员教师围绕同一课题分别执教，课后集体研讨，比较不同的教学思路。",
    "活动中，大家结合“一岗双责”目标责任书，交流了本学期的党建和业务目标。",
    "支部书记强调，要把党建工作与教育教学有机融合，永葆党组织的青春活力。",
    "家长委员会宣传组、监督组、协调组的代表参加了活动，并提出了意见和建议。",
    "离退休教师为学校的科学发展献计献策，表达了对学校发展的殷切希望。",
    "全体党员来到红色教育基地，接受革命传统教育及师德教育。",
    "党员教师利用双休日在社区服务站接待家长，宣传上级的有关规定和学校的办学理念。",
    "入党积极分子参加了党员的专题组织生活，学习了党的基本知识。",
    "活动结束后，各支部在“党员一本通”上记录了学习心得和党性日记。",
]
PROGRAMS = ["san-tong-san-yi", "dangyuan-yibentong", "san-ge-shifan", "yigang-shuangze", "shequ-fuwu"]
PLACES = ["dangyuan-huodongshi", "yeyu-dangxiao", "lao-tongzhi-xiehui", "hongse-jidi"]
BRANCHES = ["di-yi", "di-er", "di-san"]


def body(rng: random.Random, sentences: int) -> str:
    paras = []
    for _ in range(max(1, sentences // 4)):
        paras.append("".join(rng.choice(SENTENCES) for _ in range(4)))
    return "\n\n".join(paras)


def indent(text: str, by: int = 2) -> str:
    return "\n".join(" " * by + line if line else "" for line in text.splitlines())


def make_tree(out: Path, activities: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "assets/photos").mkdir(parents=True)
    for i in range(20):
        Image.new("RGB", (64, 48), (150 + i * 5, 30, 30)).save(out / f"assets/photos/p{i:02d}.jpg")

    def write(rel: str, text: str) -> None:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    write("site.yml", "school: 合成测试小学\norganization: 中共合成测试小学总支部委员会\nfounded: 2004-07\nmember_count: 103\n"
          "branches:\n" + "".join(f"  - {{id: {b}, name: 第{n}党支部}}\n" for b, n in zip(BRANCHES, "一二三", strict=True)) +
          "pillars:\n  - {id: rongru, title: 学校党建既融入教育教学，又彰显自身价值, short: 融入教学}\n")
    for p in PROGRAMS:
        write(f"programs/{p}.yml", f"title: 做法 {p}\npillar: rongru\nsummary: {SENTENCES[0]}\n")
    for p in PLACES:
        write(f"places/{p}.yml", f"title: 阵地 {p}\nkind: position\n")
    members = [f"member-{i:03d}" for i in range(max(10, activities // 50))]
    for m in members:
        write(f"members/{m}.yml", f"name: 党员{m[-3:]}\nbranch: {rng.choice(BRANCHES)}\nrole: 语文教师\nconsent: true\n"
              f"story: |\n{indent(body(rng, 8))}\n")

    start = dt.date(2005, 1, 1)
    per_day: dict[dt.date, int] = {}
    for i in range(activities):
        day = start + dt.timedelta(days=rng.randrange(365 * 20))
        n = per_day[day] = per_day.get(day, 0) + 1
        aid = f"{day}-huodong-{n}"
        photos = "".join(f"  - src: photos/p{rng.randrange(20):02d}.jpg\n    "
                         f"caption: 活动现场\n" for _ in range(rng.randrange(3)))
        write(
            f"activities/{day.year}/{aid}.yml",
            f"title: 党员教师课堂教学研讨（第 {i + 1} 次）\ndate: {day}\nprogram: {rng.choice(PROGRAMS)}\n"
            f"places: [{rng.choice(PLACES)}]\nbranches: [{rng.choice(BRANCHES)}]\nmembers: [{rng.choice(members)}]\n"
            f"participants: {rng.randrange(10, 100)}\nsummary: {rng.choice(SENTENCES)}\n"
            f"body: |\n{indent(body(rng, 12))}\n" + (f"photos:\n{photos}" if photos else "") + "tags: [课堂教学, 师德师风]\n",
        )
    for pub in ("dangxing-riji", "hongqi-piaopiao", "shixiao-dongtai"):
        write(f"publications/{pub}/index.yml", f"title: 刊物{pub}\n")
        for year in range(2005, 2025):
            for nn in (1, 2):
                write(f"publications/{pub}/{year}-{nn:02d}.yml", f"date: {year}-0{nn * 3}-01\narticles:\n"
                      + "".join(f"  - title: 文章{k}\n    author: 党员\n    member: {rng.choice(members)}\n    body: |\n"
                                f"{indent(body(rng, 8), 6)}\n" for k in range(3)))
    for i in range(max(10, activities // 10)):
        day = start + dt.timedelta(days=rng.randrange(365 * 20))
        write(f"suggestions/{day.year}/{day}-jianyi-{i}.yml", f"title: 建议{i}\ndate: {day}\nfrom: 家长\ncontent: "
                                                              f"{rng.choice(SENTENCES)}\n"
              f"state: replied\nreply: 感谢建议。\nreplied: {day + dt.timedelta(days=7)}\n")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("activities", type=int)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    out = args.out or Path(__file__).parent / "out" / f"records-{args.activities}"
    print(make_tree(out, args.activities))
