"""`python -m generator deploy` (make deploy): the public site, published where the school serves it.

Targets (targets.py): the school's own server over SSH (server.py: releases and an atomic `current` switch,
rollback) — object storage over the S3 protocol is the next step of this command. The transfer tool is rclone
(rclone.py), locked like every other dependency; secrets come only from the environment.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from .. import messages as say
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


def publish(site: Path, to: str | None, now: dt.datetime | None = None) -> str:
    """Publish the built site in `site`; what to print."""
    target = _target(to)
    if not (site / "index.html").is_file():
        raise DeployError(say.unreadable_site(str(site)))
    with tempfile.TemporaryDirectory(prefix="dangjian-deploy-") as folder:  # 0700: the key lives here, briefly
        try:
            release, stats = server.deploy(site, target, Path(folder), now or dt.datetime.now())
        except TransferError as e:
            raise DeployError(say.deploy_failed(str(e))) from None
    return say.deploy_done(str(target), release, stats.uploaded, stats.linked, stats.size, stats.removed)


def roll_back(to: str | None) -> str:
    target = _target(to)
    with tempfile.TemporaryDirectory(prefix="dangjian-deploy-") as folder:
        try:
            release = server.rollback(target, Path(folder))
        except TransferError as e:
            raise DeployError(say.deploy_failed(str(e))) from None
    return say.rolled_back(str(target), release)
