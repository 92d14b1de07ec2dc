"""The web editor at /admin/ of the built site: the real Decap CMS (vendored) against the real decap-server
(npm) on a copy of the records, in Debian's Chromium, with no request leaving the machine."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest
from sitebuild import ROOT, http_server, mkdocs_build

SERVER = ROOT / "node_modules/.bin/decap-server"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def decap_server(project):
    """decap-server (the local backend) writing into `project`, on a port of its own."""
    assert SERVER.exists(), "decap-server is missing: make test runs npm ci"
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "GIT_REPO_DIRECTORY": str(project)}
    proc = subprocess.Popen([str(SERVER)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://localhost:{port}/api/v1", data=b'{"action":"info"}', timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://localhost:{port}/api/v1"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """The built site's /admin/, pointed at a decap-server that edits a copy of the project's records."""
    work = tmp_path_factory.mktemp("editor")
    project = work / "project"
    shutil.copytree(ROOT / "records", project / "records")
    site = work / "site"
    done = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert done.returncode == 0, done.stderr
    with decap_server(project) as api, http_server(site) as url:
        config = site / "admin/config.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("local_backend: true", f"local_backend:\n  url: {api}"),
                          encoding="utf-8")
        yield url, api, project


def test_the_editor_opens_in_chinese_offline_and_lists_every_kind(browser, editor):
    url, api, _ = editor
    context = browser.new_context()
    outside, problems = [], []

    def route(r):
        ok = r.request.url.startswith(url) or r.request.url.startswith(api.rsplit("/api", 1)[0])
        return r.continue_() if ok else (outside.append(r.request.url), r.abort())[1]

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url + "admin/")
    page.get_by_role("button", name="登录").click()
    for label in ("党建活动", "党员风采", "特色做法", "阵地与基地", "党性论坛", "述职评议", "网站设置"):
        page.get_by_role("link", name=label).first.wait_for(timeout=20_000)
    page.get_by_role("link", name="党建活动").first.click()
    page.get_by_text("党员教师“同课异构”课堂教学研讨").first.wait_for(timeout=20_000)
    assert outside == [] and problems == []
    context.close()


def test_a_teacher_makes_an_activity_in_the_form_without_typing_pinyin(browser, editor):
    """A Chinese title, a date and a practice chosen by its Chinese name: the file lands where the spec says, with an
    ASCII name made from the date, and `check` accepts it."""
    from generator.link import BuildMode
    from generator.pipeline import check_records

    url, _, project = editor
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(url + "admin/")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="党建活动").first.wait_for(timeout=20_000)
    page.goto(url + "admin/#/collections/activity/new")
    page.get_by_label("活动标题").fill("党员教师读书沙龙")
    page.get_by_label("日期", exact=True).fill("2024-05-10")
    page.get_by_label("所属特色做法").click()
    page.keyboard.type("三同")  # the practice is found by its Chinese title
    page.get_by_text("“三同三异”展示教学风采").last.wait_for(timeout=10_000)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="发布").first.click()
    page.get_by_text("立即发布").first.click()
    made = project / "records/activities/2024/2024-05-10-000000.yml"
    for _ in range(100):
        if made.exists():
            break
        page.wait_for_timeout(100)
    page.close()
    assert made.read_text(encoding="utf-8") == ("title: 党员教师读书沙龙\ndate: 2024-05-10\nprogram: san-tong-san-yi\n"
                                                "status: published\nvisibility: public\n")
    result = check_records(project / "records", BuildMode())
    assert [p for p in result.problems if p.file.endswith("2024-05-10-000000.yml")] == []
