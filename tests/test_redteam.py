"""Red-team cases of the privacy-and-archive issue: each way something hidden got out, and its new behaviour."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from sitebuild import ROOT, config_for, mkdocs_build

from generator.link import BuildMode
from generator.privacy import scan

# ---------------------------------------------------------------- personal numbers, as a reader sees them

MOBILE = ("手机号码", "138****5678")
ID = ("身份证号码", "110*************2X")

HIDDEN_NUMBERS = [
    ("entities", "电话&#49;&#51;&#56;&#49;&#50;&#51;&#52;&#53;&#54;&#55;&#56;", MOBILE),
    ("hex entities", "电话&#x31;&#x33;&#x38;12345678", MOBILE),
    ("comment", "电话138<!-- -->12345678", MOBILE),
    ("emphasis", "电话138**1234**5678", MOBILE),
    ("tag", "电话<span>138</span>12345678", MOBILE),
    ("markdown link", "电话[138](https://example.org)12345678", MOBILE),
    ("space 3-8", "电话138 12345678", MOBILE),
    ("spaces 4-3-4", "电话1381 234 5678", MOBILE),
    ("dots", "电话138.1234.5678", MOBILE),
    ("brackets", "电话(138)12345678", MOBILE),
    ("full-width brackets", "电话（138）1234-5678", MOBILE),
    ("en dash", "电话138–1234–5678", MOBILE),
    ("no-break space", "电话138\u00a01234\u00a05678", MOBILE),
    ("zero-width", "电话138\u200b1234\u200c5678", MOBILE),
    ("word joiner", "电话1\u20603812345678", MOBILE),
    ("spaced dash", "电话 138 - 1234 - 5678", MOBILE),
    ("country code", "电话 (+86) 138 1234 5678", MOBILE),
    ("full-width", "电话１３８１２３４５６７８", MOBILE),
    ("file name", "src: 2024/138_1234_5678.jpg", MOBILE),
    ("ID with spaces", "身份证 110105 19491231 002X", ID),
    ("ID with dashes", "身份证 110105-19491231-002x", ("身份证号码", "110*************2X")),
    ("ID in entities", "身份证 &#49;10105194912310&#48;2X", ID),
]


@pytest.mark.parametrize("text, found", [(t, f) for _, t, f in HIDDEN_NUMBERS], ids=[n for n, _, _ in HIDDEN_NUMBERS])
def test_a_hidden_personal_number_is_found(text, found):
    assert [(h.kind, h.masked) for h in scan(text)] == [found]


LEGAL = [
    ("dates", "2024-03-12、2024.03.12、2024年3月12日、2011-2012学年"),
    ("years and counts", "2011年 共103名党员 参加 1380 人次 36 个班 1,234,567 元"),
    ("room numbers", "302室 1201 会议室 教学楼 3-201"),
    ("landline", "电话 0523-88888888、(0523) 8812 3456"),
    ("a long run", "编号 138123456789012"),
    ("date and time", "2024-05-20 13:45 至 2024-05-21 14:30"),
    ("issue numbers", "第 13 期 2012 年 第 1 期"),
    ("an ID with a wrong check digit", "110105 19491231 0021"),
    ("not a mobile prefix", "128 1234 5678"),
]


@pytest.mark.parametrize("text", [t for _, t in LEGAL], ids=[n for n, _ in LEGAL])
def test_ordinary_numbers_stay_legal(text):
    assert scan(text) == []


def test_a_hidden_number_is_reported_at_its_line(tree):
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", """
        title: 同课异构研讨
        date: 2024-03-12
        program: san-tong-san-yi
        body: |
          第一段。

          联系人：&#49;&#51;&#56;**1234**<!-- x -->5678
        photos:
          - src: 2024/a.jpg
            caption: "\\u0031\\u0033\\u0038 1234 5678"
        """)
    assert tree.lines() == [
        "records/activities/2024/2024-03-12-tongke-yigou.yml:7:7: 错误：字段 body：有疑似手机号码 138****5678："
        "公开（或将来可能公开）的记录不能含有个人号码。请删除它；确需保留时，请把记录设为 visibility: internal",
        "records/activities/2024/2024-03-12-tongke-yigou.yml:10:14: 错误：字段 photos[0].caption：有疑似手机号码 138****5678："
        "公开（或将来可能公开）的记录不能含有个人号码。请删除它；确需保留时，请把记录设为 visibility: internal",
    ]


# ---------------------------------------------------------------- visibility follows references

ACT = "records/activities/2024/2024-03-12-tongke-yigou.yml"
ISSUE = "records/publications/dangxing-riji/2024-01.yml"
SECRETS = ("保密党员乙", "mimi-dangyuan", "保密地点丙", "mimi-didian")


def hide(tree) -> None:
    """An internal member (no consent yet) and a draft place, with names found nowhere else."""
    tree.write("members/mimi-dangyuan.yml", "name: 保密党员乙\nstory: 事迹。\nconsent: false\nvisibility: internal\n")
    tree.write("places/mimi-didian.yml", "title: 保密地点丙\nkind: red-base\nstatus: draft\n")


def test_a_public_record_that_names_a_hidden_one_is_an_error_at_the_reference(tree):
    hide(tree)
    act = tree.records / ACT.removeprefix("records/")
    act.write_text(act.read_text(encoding="utf-8")
                   .replace("places: [dangyuan-huodongshi]", "places: [dangyuan-huodongshi, mimi-didian]")
                   .replace("members: [zhang-hua]", "members: [zhang-hua, mimi-dangyuan]"), encoding="utf-8")
    issue = tree.records / ISSUE.removeprefix("records/")
    issue.write_text(issue.read_text(encoding="utf-8").replace("member: zhang-hua", "member: mimi-dangyuan"), encoding="utf-8")
    member = ("党员“mimi-dangyuan”是内部记录（visibility: internal），公开网站上不能出现其姓名。请从这里删去“mimi-dangyuan”；"
              "本人同意公开后，可把其记录改为 consent: true 并删去 visibility: internal")
    assert tree.lines() == [
        f"{ACT}:4:31: 错误：字段 places[1]：地点“mimi-didian”还是草稿（status: draft），不会发布，这里也就不能写它。"
        "请先发布它（删去它的 status: draft），或从这里删去“mimi-didian”",
        f"{ACT}:6:22: 错误：字段 members[1]：{member}",
        f"{ISSUE}:5:13: 错误：字段 articles[0].member：作者对应的{member}",
    ]
    assert tree.lines(BuildMode(drafts=True, internal=True)) == []  # the internal preview shows them all


def test_nothing_of_a_hidden_record_reaches_any_public_output(tree, tmp_path):
    """Hidden records no public record names: not on any page, in the search index, feeds, sitemap, tags
    page or public archive; the internal archive has them (so this test would see them)."""
    hide(tree)
    site = tmp_path / "site"
    done = mkdocs_build(config_for(tree.records, tmp_path), site, site_url="https://example.org/dj/")
    assert done.returncode == 0, done.stderr
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml", ".js")]
    assert {"sitemap.xml", "search_index.json", "feed-activities.xml", "index.html"} <= {p.name for p in files}
    leaks = [(p.relative_to(site).as_posix(), s) for p in files for s in SECRETS if s in p.read_text(encoding="utf-8")]
    assert leaks == []

    for flag, expected in (((), []), (("--internal",), ["保密党员乙"])):
        out = tmp_path / f"archive{flag}"
        made = subprocess.run([sys.executable, "-m", "generator", "archive", "--records", str(tree.records), "--out", str(out),
                               "--config", str(ROOT / "mkdocs.yml"), *flag], cwd=ROOT, capture_output=True, text=True)
        assert made.returncode == 0, made.stderr
        (zip_path,) = out.glob("*.zip")
        with zipfile.ZipFile(zip_path) as z:
            text = "".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist())
        assert [s for s in ("保密党员乙",) if s in text] == expected


# ---------------------------------------------------------------- nothing from the internet, even in a body

REMOTE = ("这里有一张来自互联网的图片（{}）：网站和离线存档不从互联网加载任何东西，它还会让别的网站知道谁在看这一页。"
          "请把图片保存下来放进 records/assets/，写在 photos 里；普通的链接 [文字](网址) 可以保留")


@pytest.mark.parametrize("body, url", [
    ("![统计](https://t.example/p.gif)", "https://t.example/p.gif"),
    ('<img src="https://t.example/p.gif" width="1">', "https://t.example/p.gif"),
    ("<img src=//t.example/p.gif>", "//t.example/p.gif"),
    ("见图 ![统计][t]\n\n[t]: http://t.example/p.gif", "http://t.example/p.gif"),
], ids=["markdown", "html", "protocol-relative", "reference"])
def test_an_image_from_the_internet_is_refused_at_its_field(tree, body, url):
    tree.write("programs/san-tong-san-yi.yml", f"title: 三同三异\npillar: rongru\nsummary: 摘要\nbody: |\n  正文。\n\n  {body.replace(chr(10), chr(10) + '  ')}\n")
    assert tree.lines() == [f"records/programs/san-tong-san-yi.yml:4:7: 错误：字段 body：{REMOTE.format(url)}"]


def test_links_to_the_internet_stay(tree):
    tree.write("programs/san-tong-san-yi.yml", "title: 三同三异\npillar: rongru\nsummary: 摘要\n"
               "body: 见 [教育局网站](https://example.org/jyj) 和 <https://example.org>\n")
    assert tree.lines() == []


def test_the_sanitiser_drops_what_check_could_not_read():
    from generator.sanitize import clean

    out = clean('<img src="h&#116;tps://t.example/a.gif" alt="a"><img src="\\\\t.example\\b.gif" alt="b">'
                '<img src="HTTPS://t.example/c.gif" alt="c"><img src="../media/2024/d.jpg" alt="d">'
                '<a href="https://example.org">链接</a>')
    assert out == ('<img alt="a"><img alt="b"><img alt="c"><img src="../media/2024/d.jpg" alt="d">'
                   '<a href="https://example.org" rel="noopener noreferrer">链接</a>')
