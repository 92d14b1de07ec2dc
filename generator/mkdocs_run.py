"""MkDocs run as a child process that ends with its parent (a killed command leaves no build running)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


def die_with_parent() -> None:
    """Run in the child before mkdocs starts: on Linux, it is killed when the command that started it dies."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def mkdocs_build(config: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
                          cwd=config.parent, env=env, capture_output=True, text=True, encoding="utf-8",
                          preexec_fn=die_with_parent if sys.platform == "linux" else None)
