"""`generator edit` (make edit): the web editor on this machine, with no account and no network. decap-server
(Node) saves what the editor writes into records/; MkDocs' preview beside it shows each saved page.

In git mode decap-server saves each record on a branch of its own (the editor's review board, as pull requests
on GitHub or Forgejo) and commits everything in the work tree with it, so it starts only on a clean one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import messages as say

DECAP_SERVER = Path("node_modules/.bin/decap-server")


class EditError(Exception):
    pass


def _uncommitted() -> list[str]:
    done = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        raise EditError(say.EDIT_NOT_A_REPOSITORY)
    return [line[3:] for line in done.stdout.splitlines()]


def run(port: int, decap_port: int, mode: str) -> int:
    if not DECAP_SERVER.exists():
        raise EditError(say.NO_DECAP_SERVER)
    if mode == "git" and (changed := _uncommitted()):
        raise EditError(say.edit_git_dirty(changed))
    env = {**os.environ, "MODE": mode, "PORT": str(decap_port), "GIT_REPO_DIRECTORY": os.getcwd()}
    server = subprocess.Popen([str(DECAP_SERVER)], env=env)
    try:
        preview = {**os.environ, "DECAP_SERVER": f"http://localhost:{decap_port}/api/v1"}
        return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                                "-a", f"127.0.0.1:{port}"], env=preview)
    finally:
        server.terminate()
        server.wait(timeout=10)
