"""A real nginx on loopback serving deploy/nginx.conf, as shipped but for its `listen` and `root` lines (the only
ones a school edits besides server_name and ssl_*); started and stopped by the test."""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import subprocess
from pathlib import Path

from .daemon import free_port, running
from .sitebuild import ROOT

NGINX = "/usr/sbin/nginx"
SHIPPED = ROOT / "deploy/nginx.conf"


def server_block(port: int, root: Path) -> str:
    text = SHIPPED.read_text(encoding="utf-8")
    text, listens = re.subn(r"(?m)^    listen 80;$", f"    listen 127.0.0.1:{port};", text)
    text, roots = re.subn(r"(?m)^    root /srv/dangjian/current;", f"    root {root};", text)
    assert (listens, roots) == (1, 1), "deploy/nginx.conf no longer has the listen and root lines a school edits"
    return text


@contextlib.contextmanager
def nginx(folder: Path, root: Path):
    """nginx serving `root` on a free loopback port; yields the base address."""
    assert Path(NGINX).exists(), "nginx is missing: make test installs it (scripts/system-packages.sh)"
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (folder / "site.conf").write_text(server_block(port, root), encoding="utf-8")
    temp = "".join(f"{name}_temp_path {folder / name};\n" for name in
                   ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""  # workers read the test's private folders
    (folder / "nginx.conf").write_text(f"""{user}
daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder / "access.log"};
    {temp}
    include {folder / "site.conf"};
}}
""", encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-p", str(folder), "-c", str(folder / "nginx.conf")], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stderr
    with running([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")], port, folder / "error.log"):
        yield f"http://127.0.0.1:{port}"
