"""Under `mkdocs serve`, an edit to a record shows up without a restart, and docs/ is never written."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from support.sitebuild import ROOT, config_for, mkdocs_build

from generator.plugin import EDITOR

pytestmark = pytest.mark.build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body and text in body:
            return True
        time.sleep(0.3)
    return False


def test_a_record_edit_is_served_without_restart(tmp_path):
    project = tmp_path / "project"
    for part in ("docs", "records"):
        shutil.copytree(ROOT / part, project / part)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    docs_before = sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*"))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],  # as `make serve`
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}/activities/2011/2011-03-16-tongke-yigou/"
    try:
        assert wait_for(url, "课堂教学研讨（示例）", 60), "the first build was not served"
        record = project / "records/activities/2011/2011-03-16-tongke-yigou.yml"
        record.write_text(
            record.read_text(encoding="utf-8").replace("课堂教学研讨\n", "课堂教学研讨（已修改）\n", 1), encoding="utf-8"
        )
        assert wait_for(url, "课堂教学研讨（已修改）", 60), "the edit was not served"
        # no policy in the preview: its server adds an inline live-reload script to each page as it sends it
        assert "Content-Security-Policy" not in fetch(url) and "livereload(" in fetch(url)
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0].decode("utf-8", "replace")
    assert "Traceback" not in output
    assert sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*")) == docs_before


def html_times(site) -> dict[str, int]:
    """When each page was written (404.html is the theme's, rendered by MkDocs on every build)."""
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html") if p.name != "404.html"}


def test_a_dirty_rebuild_writes_only_the_pages_whose_markdown_changed(tmp_path, monkeypatch):
    """What `make serve` (mkdocs serve --dirty) does on a save, run in-process with one plugin instance."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    made = []  # the MkDocs pages each rebuild makes
    page_init = Page.__init__

    def counted(self, title, file, config):
        made.append(file.dest_uri)
        page_init(self, title, file, config)

    monkeypatch.setattr(Page, "__init__", counted)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    records = tmp_path / "records"
    shutil.copytree(ROOT / "records", records)
    config_file = config_for(records, tmp_path)
    site = tmp_path / "site"

    def rebuild(**options):
        config = load_config(str(config_file), site_dir=str(site), strict=False, **options)
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)

    def search_index() -> dict[str, set[str]]:
        """Each page in the search index: the titles of its entries (as typed: without the segmenter's spaces)."""
        pages = {}
        for d in json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]:
            pages.setdefault(d["location"].split("#")[0], set()).add(d["title"].replace("\u200b", ""))
        return pages

    rebuild()
    before = html_times(site)
    sitemap = (site / "sitemap.xml").stat().st_mtime_ns
    assert len(before) > 40
    searched = search_index()
    made.clear()
    rebuild()
    assert html_times(site) == before  # nothing changed: nothing rendered again
    assert made == []  # and no MkDocs page made again (docs/ has no page of its own)

    record = records / "activities/2011/2011-03-16-tongke-yigou.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("课堂教学研讨\n", "课堂教学研讨（已修改）\n", 1), encoding="utf-8"
    )
    made.clear()
    rebuild()
    after = html_times(site)
    changed = sorted(p for p in after if after[p] != before[p])
    # The activity, and every page that names it: listings, the portal's latest, its program, place and
    # member, its branch's and its tag's lists, and the review that highlights it. The other pages of the site
    # are not written again.
    assert changed == [
        "activities/2011/2011-03-16-tongke-yigou/index.html",
        "activities/2011/index.html",
        "activities/by-branch/di-yi/index.html",
        "activities/by-branch/index.html",
        "activities/by-program/index.html",
        "activities/index.html",
        "index.html",
        "members/zhang-hua/index.html",
        "places/dangyuan-huodongshi/index.html",
        "programs/san-tong-san-yi/index.html",
        "reviews/2011/index.html",
        "tags/ke-tang-jiao-xue/index.html",
    ]
    assert len(after) > 4 * len(changed)
    assert "课堂教学研讨（已修改）" in (site / changed[0]).read_text(encoding="utf-8")
    assert sorted(made) == changed  # MkDocs made pages again for those alone
    assert (site / "sitemap.xml").stat().st_mtime_ns == sitemap  # the first build's, not made again at each save
    # The preview's search still finds every page, the edited one by its new title (Material's own merge, which
    # assumes one changed page, kept only the pages just rendered).
    edited = "activities/2011/2011-03-16-tongke-yigou/"
    assert search_index() == {**searched, edited: {"党员教师“同课异构”课堂教学研讨（已修改）（示例）", "照片"}}
    assert searched[edited] == {"党员教师“同课异构”课堂教学研讨（示例）", "照片"}
    # It is, byte for byte, the index a build of the edited records writes (made of each page's entries as encoded
    # when the page was last rendered, not encoded again at each save).
    fresh = tmp_path / "fresh"
    assert mkdocs_build(config_file, fresh, edit_uri=None).returncode == 0
    assert (site / "search/search_index.json").read_bytes() == (fresh / "search/search_index.json").read_bytes()

    made.clear()
    rebuild(site_url="https://dangjian.example.org/")  # what pages are made from changed: every one made again
    assert sorted(made) == sorted(p for p in after if not p.startswith(EDITOR))  # the editor's page is not a page


def test_a_record_error_shows_in_the_preview_until_the_next_good_save(tmp_path):
    """As `make serve` runs: a save with a mistake turns every page into the list of errors (instead of a
    request that waits until the file is fixed); the next good save brings the site back."""
    project = tmp_path / "project"
    for part in ("docs", "records"):
        shutil.copytree(ROOT / part, project / part)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    base = f"http://127.0.0.1:{port}/"
    page = base + "activities/2011/2011-03-16-tongke-yigou/"
    record = project / "records/activities/2011/2011-03-16-tongke-yigou.yml"
    good = record.read_text(encoding="utf-8")
    expected = ("records/activities/2011/2011-03-16-tongke-yigou.yml:3:10</code></span> 错误：字段 program："
                "找不到特色做法“san-tong”（应有文件 records/programs/san-tong.yml），是不是想写“san-tong-san-yi”？")
    try:
        assert wait_for(page, "课堂教学研讨（示例）", 60), "the first build was not served"
        record.write_text(good.replace("program: san-tong-san-yi", "program: san-tong"), encoding="utf-8")
        assert wait_for(page, "记录有错误，预览没有更新", 60), "the error was not shown"
        body = fetch(page)
        assert expected in body
        assert "<script>" in body and "livereload" in body  # the preview reloads it on the next save
        assert "检查未通过：41 个文件中有 1 个错误、0 个警告。" in body
        for other in ("", "members/zhang-hua/", "no/such/page/"):
            assert expected in urllib_body(base + other), other
        record.write_text(good.replace("课堂教学研讨\n", "课堂教学研讨（改好了）\n", 1), encoding="utf-8")
        assert wait_for(page, "课堂教学研讨（改好了）", 60), "the site did not come back"
        assert "记录有错误" not in fetch(base + "members/zhang-hua/")
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0].decode("utf-8", "replace")
    assert "Traceback" not in output
    assert "记录有错误，预览显示错误列表" in output


def urllib_body(url: str) -> str:
    """The body also of an error response (the preview answers an unknown address with 404 and its 404.html)."""
    import urllib.error

    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.read().decode("utf-8")


def test_a_preview_keeps_nothing_of_a_rebuild_but_what_it_reuses(tmp_path, monkeypatch):
    """Saves under a preview that runs for hours: each rebuild leaves nothing behind. (Freezing what every rebuild
    made, as after a whole tree's loading, kept each rebuild's configuration and theme for good.)"""
    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    records = tmp_path / "records"
    shutil.copytree(ROOT / "records", records)
    config_file = config_for(records, tmp_path)
    record = records / "activities/2011/2011-03-16-tongke-yigou.yml"
    text = record.read_text(encoding="utf-8")

    def rebuild(k: int) -> None:
        record.write_text(text.replace("课堂教学研讨\n", f"课堂教学研讨（第{k}次修改）\n", 1), encoding="utf-8")
        config = load_config(str(config_file), site_dir=str(tmp_path / "site"), strict=False)
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)

    rebuild(0)
    rebuild(1)
    frozen = gc.get_freeze_count()
    for k in range(2, 6):
        rebuild(k)
    assert gc.get_freeze_count() <= frozen
    assert "课堂教学研讨（第5次修改）" in (tmp_path / "site/activities/2011/2011-03-16-tongke-yigou/index.html").read_text(
        encoding="utf-8")
