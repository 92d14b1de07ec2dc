"""`python -m generator deploy` (make deploy): the public site, published where the school serves it.

Targets (targets.py): the school's own server over SSH (server.py: releases and an atomic `current` switch,
rollback) — object storage over the S3 protocol is the next step of this command. The transfer tool is rclone
(rclone.py), locked like every other dependency; secrets come only from the environment.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import messages as say
from ..rundir import run_folder
from . import server
from .rclone import DeployError, TransferError
from .targets import Server, TargetError, parse

__all__ = ["DeployError", "TargetError", "publish", "roll_back"]


def _target(text: str | None) -> Server:
    if not text:
        raise DeployError(say.DEPLOY_NO_TARGET)
    target = parse(text)
    if not isinstance(target, Server):
        raise DeployError(say.bad_target(text))  # object storage: not yet
    return target


def _on_server(to: str | None, act):
    """`act(server, folder)` with a private folder for the key, a failed transfer said as one."""
    target = _target(to)
    with run_folder("dangjian-deploy-") as folder:  # 0700: the key lives here, briefly (a killed run's: swept)
        try:
            return target, act(target, folder)
        except TransferError as e:
            raise DeployError(say.deploy_failed(str(e))) from None


def publish(site: Path, to: str | None, now: dt.datetime | None = None) -> str:
    """Publish the built site in `site`; what to print."""
    if not (site / "index.html").is_file():
        raise DeployError(say.unreadable_site(str(site)))
    target, (release, stats) = _on_server(to, lambda s, folder: server.deploy(site, s, folder, now or dt.datetime.now()))
    return say.deploy_done(str(target), release, stats.uploaded, stats.linked, stats.size, stats.removed)


def roll_back(to: str | None) -> str:
    target, release = _on_server(to, server.rollback)
    return say.rolled_back(str(target), release)
