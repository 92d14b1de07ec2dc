"""Run the real `mkdocs build --strict` with the project's mkdocs.yml on any records tree."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EDIT_URI = "https://example.org/school/site/edit/main/docs/"


def config_for(records: Path, workdir: Path, *, own_docs: bool = False, **plugin_options) -> Path:
    """The project's mkdocs.yml, pointed at another records tree, and at the project's own docs/ or
    (own_docs) a copy of it in workdir: then the records' path from docs/ is the same on every machine."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    docs = ROOT / "docs"
    if own_docs:
        docs = shutil.copytree(docs, workdir / "docs")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}")
    text = text.replace("search_words: docs/", f"search_words: {docs}/")
    text = text.replace("custom_dir: docs/overrides", f"custom_dir: {docs / 'overrides'}")
    options = {"records_dir": str(records), **plugin_options}
    for key, value in options.items():  # the plugin's options, in place of their !ENV defaults
        value = str(value).lower() if isinstance(value, bool) else value
        text, n = re.subn(rf"\n      {key}: [^\n]*", f"\n      {key}: {value}", text, count=1)
        assert n == 1, key
    config = workdir / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def mkdocs_build(
    config: Path, site_dir: Path, *, edit_uri: str | None = EDIT_URI, site_url: str | None = None
) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    if edit_uri:
        env["SITE_EDIT_URI"] = edit_uri
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent, capture_output=True, text=True, encoding="utf-8", env=env,
    )


def archive(records: Path, out: Path, *extra) -> subprocess.CompletedProcess:
    """`generator archive` as a user runs it, with the project's mkdocs.yml."""
    return subprocess.run([sys.executable, "-m", "generator", "archive", "--records", str(records), "--out", str(out),
                           "--config", str(ROOT / "mkdocs.yml"), *extra],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8")


def archive_text(out: Path) -> str:
    """Everything in the one archive in `out`, as text."""
    import zipfile

    (zip_path,) = out.glob("*.zip")
    with zipfile.ZipFile(zip_path) as z:
        return "".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist())


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def http_server(directory: Path):
    """A local HTTP server for a built site; yields its address (known before the site is built into it)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60, data: bytes | None = None) -> None:
    """Until `url` answers (a POST of `data`, if given)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, data=data, timeout=2)
            return
        except urllib.error.HTTPError:  # it answered, if not with a yes
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def project_copy(project: Path, *, git: bool = False) -> Path:
    """What `make edit` needs of the project, copied (its .venv and node_modules linked, not reinstalled); with
    git, a repository of its own whose main branch holds it all (decap-server's git mode works on branches)."""
    project.mkdir(parents=True)
    for name in ("docs", "records", "requirements"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("mkdocs.yml", "Makefile", "pyproject.toml", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, project / name)
    for name in (".venv", "node_modules"):
        (project / name).symlink_to(ROOT / name)
    if git:  # its own ignores: .venv and node_modules are links here, which "name/" patterns do not match
        (project / ".gitignore").write_text("/.venv\n/node_modules\n/.cache/\n/site/\n__pycache__/\n", encoding="utf-8")
        env = {**os.environ, "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.org",
               "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.org"}
        for args in (["init", "-q", "-b", "main"], ["add", "-A", "."], ["commit", "-q", "-m", "records"]):
            subprocess.run(["git", *args], cwd=project, env=env, check=True)
    return project


@contextlib.contextmanager
def make_edit(project: Path, mode: str = "fs", decap: int | None = None):
    """`make edit` as a maintainer types it, in `project`, on ports of its own (the editor's server on `decap`,
    if given); yields the preview's address."""
    port, decap = free_port(), decap or free_port()
    log = (project.parent / "edit.log").open("w")
    proc = subprocess.Popen(["make", "-o", ".venv/.site-installed", "-o", "node_modules/.installed", "edit",
                             f"EDIT_PORT={port}", f"DECAP_PORT={decap}", f"EDIT_MODE={mode}"], cwd=project,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url + "admin/config.yml")
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)  # a loaded CI machine: its servers stop in their own time
        except subprocess.TimeoutExpired:
            still = subprocess.run(["ps", "-o", "pid,stat,etime,args", "-g", str(proc.pid)], capture_output=True,
                                   text=True).stdout
            for line in still.splitlines()[1:]:  # where `generator edit` is stuck: each thread's stack, into the log
                pid, _, _, args = line.split(None, 3)
                if "generator edit" in args:
                    os.kill(int(pid), signal.SIGUSR1)
            time.sleep(2)
            os.killpg(proc.pid, signal.SIGKILL)
            log.close()
            raise AssertionError(f"make edit did not stop on SIGTERM:\n{still}\n"
                                 f"{(project.parent / 'edit.log').read_text(encoding='utf-8')}") from None
        log.close()


def published_with_editor(records: Path, workdir: Path, editor: str = "{host: github, repo: shixiao/dangjian}") -> Path:
    """The site of `records` built for publishing, its site.yml naming a web editor (`editor`, YAML): the site
    folder."""
    site_yml = records / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + f"editor: {editor}\n", encoding="utf-8")
    site = workdir / "site"
    done = mkdocs_build(config_for(records, workdir), site)
    assert done.returncode == 0, done.stderr
    return site
