"""`python -m generator new TYPE`: a new record at the right path, every field explained.

What it writes passes `check` as it is: required fields come from the options,
everything else is a commented example, and the record starts as a draft so a
half-written one never reaches the public site. An id is made from the title's
pinyin and never collides with an existing file; no file is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .yamlio import read_record

MAX_SLUG = 40
TYPES = ("activity", "member", "issue", "suggestion", "review", "program", "place")


class NewError(Exception):
    """A usage problem, in Chinese, for the person at the keyboard."""


@dataclass(frozen=True, slots=True)
class NewRecord:
    rel: str  # path under records/
    text: str


def slug(title: str) -> str:
    """The pinyin of a title as an id part: lower-case syllables joined by '-', at most MAX_SLUG long."""
    from pypinyin import lazy_pinyin  # a quarter of a second to import; only `new` needs it

    words = [w for syllable in lazy_pinyin(title) for w in re.findall(r"[a-z0-9]+", syllable.lower())]
    out = ""
    for w in words:
        candidate = f"{out}-{w}" if out else w
        if len(candidate) > MAX_SLUG:
            break
        out = candidate
    return out or "jilu"


def q(value: str) -> str:
    """A YAML scalar that reads back as exactly this text (a JSON string is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


class _Existing:
    """The ids already in records/, read from file names (and site.yml), so a broken tree still works."""

    def __init__(self, records: Path):
        self.records = records

    def stems(self, folder: str) -> list[str]:
        return sorted(p.stem for p in (self.records / folder).glob("*.yml"))

    def site_ids(self, key: str) -> list[str]:
        doc, _ = read_record(self.records / "site.yml", "site.yml") if (self.records / "site.yml").is_file() else (None, [])
        items = doc.data.get(key, []) if doc else []
        return [i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)]

    def publications(self) -> list[str]:
        return sorted(p.parent.name for p in (self.records / "publications").glob("*/index.yml"))

    def free(self, folder: str, base: str) -> str:
        """base, or base-2, base-3 … whichever names no file yet."""
        candidate, n = base, 1
        while (self.records / folder / f"{candidate}.yml").exists():
            n += 1
            candidate = f"{base}-{n}"
        return candidate


def _pick(what: str, value: str | None, options: list[str], option: str) -> str:
    if not options:
        raise NewError(f"还没有任何{what}，请先新建一个")
    if value is None:
        raise NewError(f"请用 {option} 指定{what}，可选：{'、'.join(options)}")
    if value not in options:
        hint = difflib.get_close_matches(value, options, n=1, cutoff=0.5)
        raise NewError(f"找不到{what}“{value}”" + (f"，是不是想写“{hint[0]}”？" if hint else f"。可选：{'、'.join(options)}"))
    return value


def _need(value: str | None, option: str, what: str) -> str:
    if not value or not value.strip():
        raise NewError(f"请用 {option} 写上{what}")
    if "\n" in value:
        raise NewError(f"{what}只能写一行")
    return value.strip()


def _example(ids: list[str], fallback: str) -> str:
    return ids[0] if ids else fallback


DRAFT = "status: draft   # 草稿：只在预览中显示。写好、检查通过后，删除这一行即可发布\n"


def make(kind: str, records: Path, *, title=None, date=None, program=None, pillar=None, kind_of_place=None,
         name=None, pub=None, year=None, origin=None, today: dt.date | None = None) -> NewRecord:
    from .fields import labels  # pydantic: imported only when a record is made (see __main__)
    from .kinds.place import PlaceKind
    from .kinds.suggestion import SuggestionFrom

    today = today or dt.date.today()
    ex = _Existing(records)
    if kind == "activity":
        title = _need(title, "--title", "活动标题")
        day = date or today
        program = _pick("特色做法", program, ex.stems("programs"), "--program")
        folder = f"activities/{day.year}"
        rid = ex.free(folder, f"{day.isoformat()}-{slug(title)}")
        text = f"""\
# 党建活动。字段说明见 records/README.md；写好后运行 make check 检查。
title: {q(title)}
date: {day.isoformat()}   # 日期，须与文件名中的日期相同
program: {program}   # 所属特色做法：records/programs/ 里的编号
# end_date: {day.isoformat()}   # 结束日期（多日活动）
# places: [{_example(ex.stems("places"), "dangyuan-huodongshi")}]   # 地点：records/places/ 里的编号
# branches: [{_example(ex.site_ids("branches"), "di-yi")}]   # 参与支部：site.yml 中 branches 的 id
# members: [{_example(ex.stems("members"), "zhang-hua")}]   # 相关党员：records/members/ 里的编号
# participants: 30   # 参加人数
# summary: 一段话摘要，用于列表和首页。
# body: |   # 正文，可用 Markdown
#   第一段……
# photos:   # 照片先放到 records/assets/ 下
#   - src: {day.year}/huodong-1.jpg
#     caption: 照片说明
tags: []   # 标签，例如 [课堂教学, 师德师风]
{DRAFT}"""
    elif kind == "suggestion":
        title = _need(title, "--title", "建议标题")
        day = date or today
        groups = list(labels(SuggestionFrom))
        origin = _pick("提出者群体", origin, groups, "--from")
        folder = f"suggestions/{day.year}"
        rid = ex.free(folder, f"{day.isoformat()}-{slug(title)}")
        text = f"""\
# 党性论坛：一条建议和回复。字段说明见 records/README.md。
title: {q(title)}
date: {day.isoformat()}   # 提出日期，须与文件名中的日期相同
from: {origin}   # 提出者所属群体：{"、".join(groups)}（不写个人姓名）
# channel: 家长访校周   # 渠道，例如 家长访校周、媒体恳谈会
content: 请把建议的内容写在这里。   # 建议内容（纯文字，可写多行：改成 content: | 再换行缩进）
state: open   # open 待回复；replied 已回复；adopted 已采纳
# reply: |   # 回复（Markdown）；state 不是 open 时必填
#   感谢您的建议……
# replied: {day.isoformat()}   # 回复日期，有回复时必填
tags: []
{DRAFT}"""
    elif kind == "member":
        name = _need(name, "--name", "党员姓名")
        folder = "members"
        rid = ex.free(folder, slug(name))
        text = f"""\
# 党员风采。发布前必须取得本人同意。字段说明见 records/README.md。
name: {q(name)}
# branch: {_example(ex.site_ids("branches"), "di-yi")}   # 所在支部：site.yml 中 branches 的 id
# role: 语文教师、党员示范岗   # 岗位
# joined: 2001   # 入党年份
# photo: members/{rid}.jpg   # 照片，放在 records/assets/ 下
# motto: 格言
story: |   # 事迹（Markdown）
  请把事迹写在这里。
consent: false   # 本人同意公开发布后改为 true
visibility: internal   # 本人同意、consent 改为 true 之后，删除这一行
tags: []
{DRAFT}"""
    elif kind == "program":
        title = _need(title, "--title", "做法名称")
        pillar = _pick("“四句话”编号", pillar, ex.site_ids("pillars"), "--pillar")
        folder = "programs"
        rid = ex.free(folder, slug(title))
        text = f"""\
# 特色做法。字段说明见 records/README.md。
title: {q(title)}
pillar: {pillar}   # 所属“四句话”：site.yml 中 pillars 的 id
# since: {today.year}   # 开始年份
summary: 请用一段话概括这项做法。   # 摘要（纯文字）
# body: |   # 正文（Markdown）
#   ……
tags: []
{DRAFT}"""
    elif kind == "place":
        title = _need(title, "--title", "名称")
        kinds = list(labels(PlaceKind))
        kind_of_place = _pick("类别", kind_of_place, kinds, "--kind")
        folder = "places"
        rid = ex.free(folder, slug(title))
        listing = "；".join(f"{k} {v}" for k, v in labels(PlaceKind).items())
        text = f"""\
# 阵地与基地。字段说明见 records/README.md。
title: {q(title)}
kind: {kind_of_place}   # 类别：{listing}
# audience: 入党积极分子   # 面向的人
# address: 地址
# summary: 一段话摘要。
# body: |   # 正文（Markdown）
#   ……
tags: []
{DRAFT}"""
    elif kind == "issue":
        pub = _pick("刊物", pub, ex.publications(), "--pub")
        year = year or today.year
        folder = f"publications/{pub}"
        taken = {int(m[1]) for p in (records / folder).glob(f"{year}-*.yml") if (m := re.fullmatch(rf"{year}-(\d\d)", p.stem))}
        number = next((n for n in range(1, 100) if n not in taken), None)
        if number is None:
            raise NewError(f"{pub} 在 {year} 年已经有 99 期了")
        rid = f"{year}-{number:02d}"
        issue_date = date if date and date.year == year else None
        text = f"""\
# 刊物的一期。字段说明见 records/README.md。
# title: 标题   # 默认为 《刊名》{year}年第{number}期
{"date: " + issue_date.isoformat() if issue_date else "# date: " + f"{year}-06-30"}   # 出版日期，须在 {year} 年内
# editor: 编者
# cover: {year}/{pub}-{number:02d}.jpg   # 封面，放在 records/assets/ 下
articles:   # 文章，至少一篇
  - title: 请填写文章标题
    author: 请填写作者
    # member: {_example(ex.stems("members"), "zhang-hua")}   # 作者对应的党员：records/members/ 里的编号
    body: |   # 正文（Markdown）
      请把正文写在这里。
tags: []
{DRAFT}"""
    elif kind == "review":
        year = year or today.year
        folder = "reviews"
        rid = str(year)
        if (records / folder / f"{rid}.yml").exists():
            raise NewError(f"records/reviews/{rid}.yml 已经存在，不会覆盖它")
        text = f"""\
# 年度述职评议。当年的各项统计由网站自动算出，不用填写。字段说明见 records/README.md。
year: {year}
# title: {year}年度抓基层党建工作述职评议   # 标题（默认如此）
# report: |   # 书记的述职报告（Markdown）
#   ……
highlights: []   # 当年重点活动：records/activities/{year}/ 里的编号，例如 [{year}-03-12-tongke-yigou]
# evaluation:   # 测评结果
#   date: {year}-12-28   # 可在次年 3 月 31 日之前
#   voters: 100   # 参加测评的人数
#   items:
#     - item: 测评项目
#       counts: {{好: 80, 较好: 15, 一般: 5, 差: 0}}   # 各等次票数，合计不超过参加人数
"""
    else:
        raise NewError(f"不认识的类型“{kind}”，可选：{'、'.join(TYPES)}")
    return NewRecord(f"{folder}/{rid}.yml", text)


def write(records: Path, new: NewRecord) -> Path:
    path = records / new.rel
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
            f.write(new.text)
    except FileExistsError:
        raise NewError(f"records/{new.rel} 已经存在，不会覆盖它") from None
    return path
