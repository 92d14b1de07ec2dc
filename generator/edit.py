"""`generator edit` (make edit): the web editor on this machine, with no account and no network. decap-server
(Node) saves what the editor writes into records/; MkDocs' preview beside it shows each saved page.

A teacher's computer sits on the school's Wi-Fi, and any web page it opens is a stranger too. So decap-server
listens only on a Unix socket in a folder of this user's (scripts/decap-server-socket.cjs), and the editor
reaches it through editguard.py on 127.0.0.1, which answers the editor's own page only and lets it touch
records/ only. The preview is MkDocs' server on 127.0.0.1, which answers its own names only (plugin.on_serve).

In git mode decap-server saves each record on a branch of its own (the editor's review board, as pull requests
on GitHub or Forgejo) and commits everything in the work tree with it, so it starts only on a clean one."""

from __future__ import annotations

import faulthandler
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from . import loopback
from . import messages as say
from .editguard import EditorGuard
from .rundir import run_folder

DECAP_SERVER = Path("node_modules/decap-server/dist/middlewares.js")
ON_SOCKET = Path(__file__).resolve().parent.parent / "scripts/decap-server-socket.cjs"
START = 30  # seconds decap-server may take to listen (Node loading express and simple-git on a slow laptop)


class EditError(Exception):
    pass


def _uncommitted() -> list[str]:
    done = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        raise EditError(say.EDIT_NOT_A_REPOSITORY)
    return [line[3:] for line in done.stdout.splitlines()]


def _start_decap(folder: Path, mode: str) -> tuple[subprocess.Popen, str]:
    """decap-server on a socket in `folder` (this user's only); the process and the socket's path."""
    path, log = folder / "decap.sock", folder / "decap.log"
    env = {**os.environ, "GIT_REPO_DIRECTORY": os.getcwd()}
    with log.open("wb") as output:  # a file, not a pipe: a pipe no one reads would stop it once full
        server = subprocess.Popen(["node", str(ON_SOCKET), str(path), mode], env=env, stdout=output,
                                  stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START
    while not path.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            server.wait()
            raise EditError(say.edit_decap_failed(log.read_text(encoding="utf-8", errors="replace").strip()[-2000:]))
        time.sleep(0.05)
    return server, str(path)


def _stop(*_) -> None:
    """A stop: once. make passes a SIGTERM on to this process after the one sent to its whole group, and a second
    SystemExit in the middle of the cleanup below would leave the children unreaped and the socket's folder behind."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(143)


def run(port: int, decap_port: int, mode: str) -> int:
    if not DECAP_SERVER.exists():
        raise EditError(say.NO_DECAP_SERVER)
    if mode == "git" and (changed := _uncommitted()):
        raise EditError(say.edit_git_dirty(changed))
    # Stopped with SIGTERM (a service manager, a closed terminal) as with Ctrl+C: the servers stop and the folder
    # of the socket goes; only kill -9 leaves it, and the next `make edit` sweeps it.
    signal.signal(signal.SIGTERM, _stop)
    # SIGUSR1 prints where every thread is: a stop that does not stop can be looked into (tests/support/sitebuild).
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    with run_folder("dangjian-edit-") as folder:  # 0700: no other user reaches the socket
        server = None
        try:
            server, socket_path = _start_decap(folder, mode)
            try:
                guard = EditorGuard(decap_port, upstream=socket_path, origins=loopback.origins(port), root=Path.cwd(),
                                    mode=mode)
            except OSError:
                raise EditError(say.edit_port_busy(decap_port)) from None
            guard.start()
            try:
                preview = {**os.environ, "DECAP_SERVER": f"http://127.0.0.1:{decap_port}/api/v1"}
                return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                                        "-a", f"127.0.0.1:{port}"], env=preview)
            finally:
                # Only its socket is closed: its serving thread is a daemon and ends with this process, while
                # shutdown() waits for that thread and never returned when a stop came at the wrong moment.
                guard.server_close()
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=10)
