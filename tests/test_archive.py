"""The offline archive: opens from file:// with search, loads nothing from any network, verifies itself."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sitebuild import ROOT, archive

from generator.archive import MANIFEST, verify_archive


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
                                       "responsibility": 0}  # internal only
        assert f"{root}/index.html" in z.namelist() and "index.html" in manifest["files"]
        assert [n for n in z.namelist() if n.startswith(f"{root}/admin/")] == []  # read, not edited: no web editor
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
