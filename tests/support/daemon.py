"""A real server the tests start on a loopback port (sshd, nginx, an S3 server): started, awaited until it
listens, stopped after; if it dies first, its log says why."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from pathlib import Path

from .sitebuild import free_port

__all__ = ["free_port", "running"]


@contextlib.contextmanager
def running(command: list[str], port: int, log: Path, *, stderr_is_log: bool = False, env: dict | None = None):
    """`command` listening on 127.0.0.1:`port`; `log`: where it writes (its stderr, with `stderr_is_log`)."""
    stderr = log.open("w") if stderr_is_log else subprocess.DEVNULL
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text() if log.exists() else ""
                time.sleep(0.05)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=10)
        if stderr_is_log:
            stderr.close()
