"""`python -m generator deploy` (make deploy): the public site, published where the school serves it.

Targets (targets.py): the school's own server over SSH (server.py: releases and an atomic `current` switch,
rollback), or S3-protocol object storage (bucket.py: assets before pages, deletions last). The transfer tool is
rclone (rclone.py), locked like every other dependency; secrets come only from the environment.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import messages as say
from ..rundir import run_folder
from . import bucket, server
from .rclone import DeployError, TransferError
from .targets import Bucket, Server, TargetError, parse

__all__ = ["DeployError", "TargetError", "publish", "roll_back"]


def _target(text: str | None) -> Server | Bucket:
    if not text:
        raise DeployError(say.DEPLOY_NO_TARGET)
    return parse(text)


def _privately(target: Server | Bucket, act):
    """`act(folder)` with a private folder for keys and lists, a failed transfer said as one."""
    with run_folder("dangjian-deploy-") as folder:  # 0700: the key lives here, briefly (a killed run's: swept)
        try:
            return act(folder)
        except TransferError as e:
            failed = say.bucket_failed if isinstance(target, Bucket) else say.deploy_failed
            raise DeployError(failed(str(e))) from None


def publish(site: Path, to: str | None, endpoint: str | None = None, provider: str | None = None,
            now: dt.datetime | None = None) -> str:
    """Publish the built site in `site`; what to print."""
    if not (site / "index.html").is_file():
        raise DeployError(say.unreadable_site(str(site)))
    target = _target(to)
    if isinstance(target, Bucket):
        sent = _privately(target, lambda folder: bucket.deploy(site, target, folder, endpoint, provider))
        return say.bucket_done(str(target), sent.uploaded, sent.unchanged, sent.size, sent.removed)
    release, stats = _privately(target, lambda folder: server.deploy(site, target, folder, now or dt.datetime.now()))
    return say.deploy_done(str(target), release, stats.uploaded, stats.linked, stats.size, stats.removed)


def roll_back(to: str | None) -> str:
    target = _target(to)
    if isinstance(target, Bucket):  # objects have no release to switch back to
        raise DeployError(say.BUCKET_NO_ROLLBACK)
    release = _privately(target, lambda folder: server.rollback(target, folder))
    return say.rolled_back(str(target), release)
