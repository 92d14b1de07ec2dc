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
