"""The offline archive: opens from file:// with search, loads nothing from any network, verifies itself."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from support.sitebuild import ROOT, archive

from generator.archive import MANIFEST, verify_archive

pytestmark = pytest.mark.build


def verify(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "verify-archive", str(path)], capture_output=True, text=True, encoding="utf-8"
    )


@pytest.fixture(scope="module")
def shipped_archive(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("archive")
    done = archive(ROOT / "records", out)
    assert done.returncode == 0, done.stderr
    (zip_path,) = out.glob("*.zip")
    return zip_path


def test_name_sidecar_manifest_and_verify(shipped_archive):
    assert shipped_archive.name.startswith("实小党总支-党建存档-") and shipped_archive.name.endswith(".zip")
    sidecar = shipped_archive.with_name(shipped_archive.name + ".sha256")
    assert sidecar.read_text(encoding="utf-8").endswith(f"  {shipped_archive.name}\n")
    with zipfile.ZipFile(shipped_archive) as z:
        root = shipped_archive.name[:-4]
        manifest = json.loads(z.read(f"{root}/{MANIFEST}"))
        assert set(manifest) == {"organization", "archive", "built_at", "git_commit", "visibility", "records", "files"}
        assert manifest["records"] == {"site": 1, "program": 13, "place": 7, "activity": 5, "member": 1,
                                       "publication": 3, "issue": 3, "duty": 1, "suggestion": 1, "review": 1,
                                       "responsibility": 0, "meeting": 0}  # internal only
        assert f"{root}/index.html" in z.namelist() and "index.html" in manifest["files"]
        assert [n for n in z.namelist() if n.startswith(f"{root}/admin/")] == []  # read, not edited: no web editor
        # opened from files, where a policy's 'self' names no origin: none
        assert "Content-Security-Policy" not in z.read(f"{root}/index.html").decode("utf-8")
    done = verify(shipped_archive)
    assert done.returncode == 0, done.stdout
    assert done.stdout == f"存档完好：{len(manifest['files'])} 个文件都与清单一致。\n"


def test_verify_names_a_file_whose_byte_changed(shipped_archive, tmp_path):
    tampered = tmp_path / shipped_archive.name
    root = shipped_archive.name[:-4]
    with zipfile.ZipFile(shipped_archive) as src, zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == f"{root}/members/zhang-hua.html":
                data = data.replace(b"<h1", b"<h2", 1)[:-1] + bytes([data[-1] ^ 1])
            dst.writestr(info, data)
    tampered.with_name(tampered.name + ".sha256").write_text(f"{hashlib.sha256(tampered.read_bytes()).hexdigest()}  "
                                                             f"{tampered.name}\n")
    done = verify(tampered)
    assert done.returncode == 1
    assert done.stdout.splitlines() == ["内容已改变：members/zhang-hua.html", "存档没有通过核对：共 1 处问题。"]

    flipped = tmp_path / "flipped" / shipped_archive.name
    flipped.parent.mkdir()
    raw = bytearray(shipped_archive.read_bytes())
    with zipfile.ZipFile(shipped_archive) as z:
        info = z.getinfo(f"{root}/index.html")
    raw[info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 10] ^= 0xFF  # inside its data
    flipped.write_bytes(bytes(raw))
    flipped.with_name(flipped.name + ".sha256").write_text(
        shipped_archive.with_name(shipped_archive.name + ".sha256").read_text()
    )
    count, problems = verify_archive(flipped)
    assert problems[0] == f"整个存档文件的 SHA-256 与 {flipped.name}.sha256 不符"
    assert problems[1:] in (["已损坏：index.html"], ["内容已改变：index.html"])


def test_public_archive_leaks_nothing_internal_or_draft(tree, tmp_path):
    tree.write("activities/2024/2024-09-01-caogao.yml", "title: 草稿活动甲\ndate: 2024-09-01\nprogram: san-tong-san-yi\n"
                                                        "status: draft\n")
    tree.write("activities/2023/2023-05-01-neibu.yml", "title: 内部活动乙\ndate: 2023-05-01\nprogram: san-tong-san-yi\n"
                                                       "visibility: internal\n")
    done = archive(tree.records, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    (zip_path,) = (tmp_path / "out").glob("*.zip")
    with zipfile.ZipFile(zip_path) as z:
        names = z.namelist()
        assert any(n.endswith("/search/search_index.js") for n in names) and any(n.endswith("/sitemap.xml") for n in names)
        for name in names:
            content = z.read(name).decode("utf-8", "ignore")
            for secret in ("草稿活动甲", "内部活动乙", "caogao", "neibu", "内部资料"):
                assert secret not in content, (name, secret)
        manifest = json.loads(z.read(next(n for n in names if n.endswith("/" + MANIFEST))))
        assert manifest["visibility"] == "public" and manifest["records"]["activity"] == 1


def test_internal_archive_has_the_banner_on_every_page(tree, tmp_path):
    tree.write("activities/2023/2023-05-01-neibu.yml", "title: 内部活动乙\ndate: 2023-05-01\nprogram: san-tong-san-yi\n"
                                                       "visibility: internal\n")
    done = archive(tree.records, tmp_path / "out", "--internal")
    assert done.returncode == 0, done.stderr
    (zip_path,) = (tmp_path / "out").glob("*.zip")
    assert zip_path.name.endswith("-内部.zip")
    with zipfile.ZipFile(zip_path) as z:
        pages = [n for n in z.namelist() if n.endswith(".html")]
        assert len(pages) > 20
        for page in pages:
            assert '<strong class="dj-internal">内部资料</strong>' in z.read(page).decode("utf-8"), page
        assert any("内部活动乙" in z.read(p).decode("utf-8") for p in pages)


def test_a_bad_record_makes_no_archive(tree, tmp_path):
    tree.write("programs/san-tong-san-yi.yml", "title: x\n")
    done = archive(tree.records, tmp_path / "out")
    assert done.returncode == 1
    assert done.stderr == "错误：记录有错误，没有生成存档。请先运行 make check 查看。\n"
    assert not (tmp_path / "out").exists()  # checked before anything is made


def test_archive_works_from_file_urls_in_chromium(shipped_archive, tmp_path, browser):
    with zipfile.ZipFile(shipped_archive) as z:
        z.extractall(tmp_path)
    root = tmp_path / shipped_archive.name[:-4]
    home = (root / "index.html").as_uri()
    requests: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(home)
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == "中共姜堰市实验小学总支部委员会"
    page.locator(".md-tabs__link", has_text="党建活动").click()
    assert page.url.endswith("/activities/index.html")
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == "党建活动"

    page.locator(".md-search__input").click()
    box = page.locator("input.md-search__input")
    box.fill("教学思路")
    box.press("End")  # Material searches on keyup
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15_000)
    hits = [a for a in results.all() if "activities/2011/2011-03-16-tongke-yigou.html" in a.get_attribute("href")]
    assert hits, [a.get_attribute("href") for a in results.all()]
    hits[0].click()
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == "党员教师“同课异构”课堂教学研讨（示例）"

    page.locator("figure.dj-photo a").click()
    large = page.locator(".glightbox-container .gslide-image img")
    large.wait_for(timeout=10_000)  # the photo opens large, from file:// too
    assert large.get_attribute("src").endswith("media/2011/shili-huodong.jpg")
    assert large.evaluate("i => i.naturalWidth") == 1200
    page.close()
    assert errors == []
    assert len(requests) > 10
    assert [u for u in requests if not u.startswith("file://")] == []


# ---------------------------------------------------------------- the archive stays in its folder

def test_a_name_that_would_leave_the_archive_folder_is_refused(tree, tmp_path):
    site = tree.records / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("school: 测试小学", "school: 测试小学\nshort_name: ../../x"),
                    encoding="utf-8")
    assert tree.lines() == ["records/site.yml:2:13: 错误：字段 short_name：这个名称会用作存档的文件名，不能含有 ..、/。"
                            "文件名里不能有 / \\ : * ? \" < > |，也不能以“.”开头或含有“..”。请去掉它们"]
    out = tmp_path / "deep" / "out"
    made = archive(tree.records, out)
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache")  # check's photo memory may be there
    assert made.returncode == 1 and not out.exists() and left == ["records"]


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
