"""Red-team cases of the privacy-and-archive issue: each way something hidden got out, and its new behaviour."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from sitebuild import ROOT, archive, archive_text, config_for, mkdocs_build

from generator.link import BuildMode
from generator.privacy import scan

# ---------------------------------------------------------------- personal numbers, as a reader sees them

MOBILE = ("mobile", "138****5678")
ID = ("id", "110*************2X")

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
    ("ID with dashes", "身份证 110105-19491231-002x", ("id", "110*************2X")),
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
        "records/activities/2024/2024-03-12-tongke-yigou.yml:10:14: 错误：字段 photos 第 1 张照片的 caption：有疑似手机号码 "
            "138****5678："
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
        f"{ACT}:4:31: 错误：字段 places 第 2 个地点：地点“mimi-didian”还是草稿（status: draft），不会发布，这里也就不能写它。"
        "请先发布它（删去它的 status: draft），或从这里删去“mimi-didian”",
        f"{ACT}:6:22: 错误：字段 members 第 2 位党员：{member}",
        f"{ISSUE}:5:13: 错误：字段 articles 第 1 篇文章的 member：作者对应的{member}",
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
        made = archive(tree.records, out, *flag)
        assert made.returncode == 0, made.stderr
        assert [s for s in ("保密党员乙",) if s in archive_text(out)] == expected


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
    tree.write("programs/san-tong-san-yi.yml", f"title: 三同三异\npillar: rongru\nsummary: 摘要\nbody: |\n  正文。\n\n  "
                                               f"{body.replace(chr(10), chr(10) + '  ')}\n")
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


# ---------------------------------------------------------------- the archive stays in its folder

def test_a_name_that_would_leave_the_archive_folder_is_refused(tree, tmp_path):
    site = tree.records / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("school: 测试小学", "school: 测试小学\nshort_name: ../../x"),
                    encoding="utf-8")
    assert tree.lines() == ["records/site.yml:2:13: 错误：字段 short_name：这个名称会用作存档的文件名，不能含有 ..、/。"
                            "文件名里不能有 / \\ : * ? \" < > |，也不能以“.”开头或含有“..”。请去掉它们"]
    out = tmp_path / "deep" / "out"
    made = archive(tree.records, out)
    assert made.returncode == 1 and not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["records"]


def test_names_are_made_safe_even_without_check():
    from generator.archive import safe_name

    assert [safe_name(n) for n in ("../../x", "实小/党总支", 'a:b*c?"<>|', "..", "实小党总支")] == [
        "x", "实小-党总支", "a-b-c", "archive", "实小党总支"]


# ---------------------------------------------------------------- a verifier that cannot be fooled

def _zip(path, entries, *, sidecar=True, symlink=()):
    """A zip of (name, bytes) in this order, with a manifest of the given files, and its .sha256."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in symlink:
                info.external_attr = (0o120777 << 16)
            z.writestr(info, data)
    if sidecar:
        path.with_name(path.name + ".sha256").write_text(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n")
    return path


def _manifest(files: dict[str, bytes]) -> bytes:
    return json.dumps({"files": {k: hashlib.sha256(v).hexdigest() for k, v in files.items()}}).encode()


PAGE = b"<html>real</html>"


def verify(path):
    return subprocess.run([sys.executable, "-m", "generator", "verify-archive", str(path)], capture_output=True, text=True)


def test_a_good_archive_verifies(tmp_path):
    z = _zip(tmp_path / "a.zip", [("a/index.html", PAGE), ("a/manifest.json", _manifest({"index.html": PAGE}))])
    assert (verify(z).returncode, verify(z).stdout) == (0, "存档完好：1 个文件都与清单一致。\n")


@pytest.mark.parametrize("case, entries, extra, expected", [
    ("parent path", [("a/index.html", PAGE), ("a/../../evil.txt", b"x")], {"../../evil.txt": b"x"},
     ["不安全的文件名（含有“..”）：a/../../evil.txt"]),
    ("absolute", [("a/index.html", PAGE), ("/etc/evil", b"x")], {}, ["不安全的文件名（绝对路径）：/etc/evil"]),
    ("outside the root", [("a/index.html", PAGE), ("b/evil.html", b"x")], {}, ["在存档的文件夹之外：b/evil.html"]),
    ("duplicate, tampered first", [("a/index.html", b"<script>evil</script>"), ("a/index.html", PAGE)], {},
     ["同一个名字出现了不止一次，无法判断哪一份是真的：a/index.html"]),
    ("symlink", [("a/index.html", PAGE), ("a/link", b"/etc/passwd")], {"link": b"/etc/passwd"},
     ["是符号链接，不是文件：a/link"]),
    ("bomb", [("a/index.html", PAGE), ("a/zeros.bin", bytes(64 << 20))], {"zeros.bin": bytes(64 << 20)},
     ["解压后过大（67,108,864 字节，压缩后 {compressed} 字节），不像网站的文件：a/zeros.bin"]),
], ids=lambda v: v if isinstance(v, str) else None)
@pytest.mark.filterwarnings("ignore:Duplicate name")  # written on purpose
def test_an_entry_that_cannot_be_trusted_fails_verification(tmp_path, case, entries, extra, expected):
    manifest = ("a/manifest.json", _manifest({"index.html": PAGE, **extra}))
    z = _zip(tmp_path / "a.zip", [*entries, manifest], symlink={"a/link"})
    with zipfile.ZipFile(z) as opened:
        compressed = max(i.compress_size for i in opened.infolist())  # as this zlib makes it
    expected = [e.format(compressed=f"{compressed:,}") for e in expected]
    done = verify(z)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [*expected, f"存档没有通过核对：共 {len(expected)} 处问题。"]


def test_without_its_sha256_a_rewritten_manifest_is_not_passed(tmp_path):
    forged = b"<html>forged</html>"
    z = _zip(tmp_path / "a.zip", [("a/index.html", forged), ("a/manifest.json", _manifest({"index.html": forged}))],
             sidecar=False)
    done = verify(z)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "没有找到校验文件 a.zip.sha256：它与存档一起生成、一起保存。没有它，只能确认各个文件与存档里的清单一致，"
        "不能确认清单本身没有被改过，所以这个存档不能算核对通过。",
        "存档没有通过核对：共 1 处问题。",
    ]


@pytest.mark.parametrize("sidecar, manifest, expected", [
    ("not a checksum\n", None, "校验文件 a.zip.sha256 的格式不对：应是一行“64 位十六进制的 SHA-256、两个空格、存档文件名”"),
    (None, b'{"files": ["index.html"]}', "清单 manifest.json 已损坏，无法读取"),
    (None, b"\xff\xfe not json", "清单 manifest.json 已损坏，无法读取"),
], ids=["sidecar", "manifest shape", "manifest bytes"])
def test_a_malformed_file_is_a_chinese_problem_not_a_crash(tmp_path, sidecar, manifest, expected):
    z = _zip(tmp_path / "a.zip", [("a/index.html", PAGE), ("a/manifest.json", manifest or _manifest({"index.html": PAGE}))])
    if sidecar:
        z.with_name("a.zip.sha256").write_text(sidecar)
    done = verify(z)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines() == [expected, "存档没有通过核对：共 1 处问题。"]


def test_verifying_streams_in_bounded_memory(tmp_path):
    """A large, honest entry (compressible like a page, not a bomb) is hashed in chunks: memory stays flat."""
    import random

    rng = random.Random(1)
    big = bytes(rng.getrandbits(8) for _ in range(1 << 20)) * 96  # 96 MiB, stored as much
    z = _zip(
        tmp_path / "a.zip",
        [("a/index.html", PAGE), ("a/big.bin", big), ("a/manifest.json", _manifest({"index.html": PAGE, "big.bin": big}))],
    )
    del big
    # VmHWM, not ru_maxrss: a child's ru_maxrss starts from its parent's (this test holds the 96 MiB).
    script = ("import re, sys; from pathlib import Path; from generator.archive import verify_archive; "
              "print(verify_archive(Path(sys.argv[1]))); "
              "print(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text())[1])")
    done = subprocess.run([sys.executable, "-c", script, str(z)], capture_output=True, text=True, cwd=ROOT)
    result, peak_kib = done.stdout.splitlines()
    assert result == "(2, [])"
    assert int(peak_kib) < 80 * 1024  # well under the 96 MiB entry (the interpreter alone is ~30 MiB)


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and text in (proc / "cmdline").read_bytes().decode("utf-8", "replace"):
                found.append(int(proc.name))
        except OSError:
            pass
    return found


def test_a_killed_archive_leaves_no_process_and_the_next_run_clears_its_leftovers(tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "generator", "archive", "--records", str(ROOT / "records"), "--out", str(out),
               "--config", str(ROOT / "mkdocs.yml")]
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    temp = Path(tempfile.gettempdir())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (build := _processes_mentioning(f"dangjian-archive-{run.pid}-")):
        time.sleep(0.05)
    assert build, "the site build never started"
    run.kill()  # kill -9: no handler, no cleanup
    run.wait()
    # The build had seconds of work left (it only just started); it dies with the command, not later.
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline and _processes_mentioning(f"dangjian-archive-{run.pid}-"):
        time.sleep(0.05)
    assert _processes_mentioning(f"dangjian-archive-{run.pid}-") == []
    leftovers = list(temp.glob(f"dangjian-archive-{run.pid}-*"))
    assert leftovers  # what kill -9 cannot clean up ...
    (out / f".实小党总支-党建存档-20240101.{run.pid}.zip.partial").write_bytes(b"half")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not any(p.exists() for p in leftovers)  # ... the next run does
    assert sorted(p.suffix for p in out.iterdir() if p.name != ".dangjian-archive") == [".sha256", ".zip"]
    assert (out / ".dangjian-archive").is_file()  # the folder's mark: the next archive may write there


def test_the_site_build_of_an_archive_dies_with_it():
    """The mechanism, with a child that would otherwise outlive its parent by half a minute."""
    parent = subprocess.Popen([sys.executable, "-c",
                               "import subprocess, sys; from generator.mkdocs_run import die_with_parent; "
                               "c = subprocess.Popen(['sleep', '30.5'], preexec_fn=die_with_parent); print(c.pid, "
                                   "flush=True); c.wait()"],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    assert Path(f"/proc/{child}").exists()
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and Path(f"/proc/{child}").exists():
        time.sleep(0.05)
    assert not Path(f"/proc/{child}").exists()


# ---------------------------------------------------------------- workflows

def test_workflows_pin_actions_by_commit_keep_no_credentials_and_grant_least_privilege():
    import yaml

    for path in sorted((ROOT / ".github/workflows").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        uses = re.findall(r"uses: (\S+)(.*)", text)
        assert uses, path.name
        for action, comment in uses:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), (path.name, action)
            assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment), (path.name, action, comment)  # the version, for review
        data = yaml.safe_load(text)
        assert data["permissions"] == {"contents": "read"}, path.name
        for name, job in data["jobs"].items():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, (path.name, name)
            writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
            assert writes == ({"pages", "id-token"} if (path.name, name) == ("publish.yml", "deploy") else set()), (
                path.name,
                name,
            )


# ---------------------------------------------------------------- one build at a time

def _generator(*args, cwd=ROOT):
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_site_builds_at_once_leave_one_whole_site(tmp_path):
    out = tmp_path / "site"
    first, second = (_generator("site", "--out", str(out), "--config", str(ROOT / "mkdocs.yml")) for _ in range(2))
    results = [p.communicate(timeout=600) + (p.returncode,) for p in (first, second)]
    assert [r[2] for r in results] == [0, 0], results
    assert any("正在被另一次运行写入，等它完成" in r[1] for r in results)  # the second said why it waited
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert "index.html" in pages and "activities/2011/2011-03-16-tongke-yigou/index.html" in pages and len(pages) > 50
    assert (out / ".dangjian-site").is_file()  # its mark: the next `site` may replace it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging folder left beside it


def test_two_builds_to_one_folder_at_once_both_finish(tmp_path):
    out = tmp_path / "out"
    runs = [_generator("build", "--out", str(out)) for _ in range(2)]
    results = [p.communicate(timeout=600) + (p.returncode,) for p in runs]
    assert [r[2] for r in results] == [0, 0], results
    again = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--out", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert again.stdout == "记录和生成器都没有变化，页面都是最新的：没有写入任何文件。\n"  # the output is whole


# ---------------------------------------------------------------- special files, system errors, broken photos

def test_a_pipe_among_the_records_is_refused_unread(tree):
    os.mkfifo(tree.records / "activities/2024/2024-04-01-guandao.yml")
    done = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=tree.root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == ("records/activities/2024/2024-04-01-guandao.yml:1:1: 错误："
                                           "这不是普通文件（是管道、套接字或设备），不能作为记录，也不会被读取。请删除它")


def test_a_symlink_loop_and_an_overlong_name_are_record_errors(tree):
    loop = tree.records / "assets/2024/loop.jpg"
    os.symlink("loop.jpg", loop)
    long_name = "x" * 300 + ".jpg"
    act = tree.records / ACT.removeprefix("records/")
    act.write_text(act.read_text(encoding="utf-8").replace(
        "  - src: 2024/a.jpg", f"  - src: 2024/loop.jpg\n  - src: 2024/{long_name}"), encoding="utf-8")
    assert tree.lines() == [
        f"{ACT}:8:10: 错误：字段 photos 第 1 张照片的 src：无法使用 records/assets/2024/loop.jpg：符号链接绕成了圈",
        f"{ACT}:9:10: 错误：字段 photos 第 2 张照片的 src：无法使用 records/assets/2024/{long_name}：路径或文件名太长",
    ]


def test_a_truncated_photo_is_an_error_at_its_record(tree):
    photo = tree.records / "assets/2024/a.jpg"
    from PIL import Image

    Image.new("RGB", (800, 600), (200, 30, 30)).save(photo, "JPEG")
    photo.write_bytes(photo.read_bytes()[:-2000])
    assert tree.lines() == [f"{ACT}:8:10: 错误：字段 photos 第 1 张照片的 src：records/assets/2024/a.jpg 已损坏，无法显示"
                            "（可能没有上传完整）。请重新上传原图"]


def test_a_full_disk_is_named_in_chinese_and_nothing_is_half_written(tmp_path):
    """A real full disk: a 200 KiB tmpfs (the tests run as root, as CI does)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(disk)], check=True)
    try:
        done = subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(disk / "out")], cwd=ROOT,
                              capture_output=True, text=True)
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith(f"错误：磁盘空间不足：{disk}/out/")
        assert done.stderr.endswith("。没有写出不完整的结果；请处理后再运行一次。\n")
        assert "Traceback" not in done.stderr
        assert sorted(p.name for p in (disk / "out").iterdir()) == []  # no page, no staged file, no journal
    finally:
        subprocess.run(["umount", str(disk)], check=True)


# ---------------------------------------------------------------- bounded work per record

@pytest.mark.parametrize("body, message", [
    ("[" * 8000 + "](" * 4000, "连续写了 8,000 个“[”（上限 200 个）：网页排版处理不了这么多，请删去多余的"),
    ("_" * 100000, "连续写了 100,000 个“_”（上限 200 个）：网页排版处理不了这么多，请删去多余的"),
    ("[a" * 5000, "方括号“[”或圆括号“(”套了 5000 层（上限 32 层）：网页排版处理不了。请检查有没有没配对的括号；要显示括号本身，"
                  "可以在前面加“\\”"),
    ("\n".join("  " * i + "- 条目" for i in range(100)), "列表缩进的层数太多（上限 15 层）：请减少缩进"),
], ids=["brackets", "underscores", "unclosed", "deep list"])
def test_a_body_that_would_make_rendering_slow_or_crash_is_refused(tree, body, message):
    tree.write("programs/san-tong-san-yi.yml", "title: 三同三异\npillar: rongru\nsummary: 摘要\nbody: |\n"
               + "".join(f"  {line}\n" for line in body.splitlines()))
    assert tree.lines() == [f"records/programs/san-tong-san-yi.yml:4:7: 错误：字段 body：{message}"]


def test_build_out_never_reads_a_record_check_refuses_for_its_size(tree, tmp_path):
    big = tree.records / "activities/2024/2024-05-01-da.yml"
    with open(big, "wb") as f:
        f.truncate(512 << 20)  # 512 MiB (sparse: cheap to make, not to read)
    script = ("import re, sys; from pathlib import Path; from generator.__main__ import main; "
              "code = main(['build', '--records', sys.argv[1], '--out', sys.argv[2]]); "
              "print(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text())[1]); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", script, str(tree.records), str(tmp_path / "out")], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert (
        "records/activities/2024/2024-05-01-da.yml:1:1: 错误：文件太大：536,870,912 字节，上限是 1,048,576 字节（1 MB）。"
        in done.stdout
    )
    assert int(done.stdout.splitlines()[-1]) < 200 * 1024  # KiB: far below the file
