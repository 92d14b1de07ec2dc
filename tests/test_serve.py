"""Under `mkdocs serve`, an edit to a record shows up without a restart, and docs/ is never written."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from sitebuild import ROOT


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
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}/activities/2011/2011-03-16-tongke-yigou/"
    try:
        assert wait_for(url, "课堂教学研讨（示例）", 60), "the first build was not served"
        record = project / "records/activities/2011/2011-03-16-tongke-yigou.yml"
        record.write_text(record.read_text(encoding="utf-8").replace("课堂教学研讨（示例）", "课堂教学研讨（已修改）"), encoding="utf-8")
        assert wait_for(url, "课堂教学研讨（已修改）", 60), "the edit was not served"
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0].decode("utf-8", "replace")
    assert "Traceback" not in output
    assert sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*")) == docs_before
