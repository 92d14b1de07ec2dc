"""Publishing to the school's own server over SSH, as a sysadmin would: every deploy is a release of its own,
switched live in one step.

    PATH/releases/20261207-080000/   one complete site each; the last five are kept
    PATH/current -> releases/…       what nginx serves (root PATH/current)

A release is sent to `releases/.<name>.partial` with rclone over SFTP: a file the live release already has (same
checksum) is hard-linked on the server, not sent again; a photo or style the live release has and the new one no
longer does is kept for one more release (see _carry); only then is it renamed complete, and `current` is
switched to it by renaming a new symlink over the old one (rename(2): a visitor gets the old site or the new, never
a mix). Killed at any moment before that rename, the live site is as it was and the next run starts afresh.
The server's host key is checked against DEPLOY_SSH_KNOWN_HOSTS, never skipped; the key is DEPLOY_SSH_KEY.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
from pathlib import Path

from .. import messages as say
from . import rclone
from .rclone import DeployError, Stats, TransferError, cause
from .targets import Server

KEEP = 5  # releases kept on the server (rollback goes back through them)
RELEASES = "releases"
CARRIED = ".carried"  # in a release: what it holds from the release before (deploy/nginx.conf serves no dotfile)


class Connection:
    """SSH to the server with the deploy key and known host, both from the environment, in a private folder."""

    def __init__(self, server: Server, folder: Path):
        self.server = server
        self.folder = folder
        key, known = _secret("DEPLOY_SSH_KEY", say.SSH_KEY), _secret("DEPLOY_SSH_KNOWN_HOSTS", say.SSH_KNOWN_HOSTS)
        self.key = folder / "key"
        self.key.write_text(key.strip() + "\n", encoding="utf-8")
        self.key.chmod(0o600)
        self.known = folder / "known_hosts"
        self.known.write_text(known.strip() + "\n", encoding="utf-8")

    def ssh(self, command: str) -> str:
        s = self.server
        done = subprocess.run(
            ["ssh", "-i", str(self.key), "-p", str(s.port), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
             "-o", "StrictHostKeyChecking=yes", "-o", f"UserKnownHostsFile={self.known}",
             "-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout=20", "-F", "/dev/null",
             f"{s.user}@{s.host}", command], capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise TransferError(cause(done.stderr))
        return done.stdout

    def rclone_env(self) -> dict[str, str]:
        s = self.server
        return {"RCLONE_SFTP_HOST": s.host, "RCLONE_SFTP_USER": s.user, "RCLONE_SFTP_PORT": str(s.port),
                "RCLONE_SFTP_KEY_FILE": str(self.key), "RCLONE_SFTP_KNOWN_HOSTS_FILE": str(self.known),
                "RCLONE_SFTP_COPY_IS_HARDLINK": "true"}


def _secret(name: str, what: str) -> str:
    value = os.environ.get(name, "")
    if not value.strip():
        raise DeployError(say.missing_secret(name, what))
    return value


def _releases(c: Connection) -> tuple[list[str], str | None]:
    """The complete releases, oldest first, and the live one."""
    path = shlex.quote(c.server.path)
    out = c.ssh(f"mkdir -p {path}/{RELEASES} && cd {path} && ls -1 {RELEASES} && echo '--' && "
                f"(readlink current || true)")
    listed, _, live = out.partition("--\n")
    names = sorted(n for n in listed.split() if not n.startswith("."))
    live = live.strip().rsplit("/", 1)[-1] or None
    return names, live


def _switch(c: Connection, release: str) -> None:
    path = shlex.quote(c.server.path)
    c.ssh(f"cd {path} && ln -sfn {RELEASES}/{shlex.quote(release)} .current.new && mv -Tf .current.new current")


def _prune(c: Connection, live: str) -> None:
    """Keep the newest KEEP releases (and the live one); remove what a killed run left half-sent."""
    path = shlex.quote(f"{c.server.path}/{RELEASES}")
    c.ssh(f"cd {path} && rm -rf .*.partial && ls -1 | sort | head -n -{KEEP} | grep -vxF {shlex.quote(live)} "
          f"| xargs -r rm -rf --")


def _carry(c: Connection, site: Path, live: str, partial: str, folder: Path) -> None:
    """Into the new release, hard-linked: what the live release has beside its pages and the new site no longer
    does — kept for one release, so a visitor who opened a page just before the switch still gets its photos and
    styles after it. Pages are never carried; what was carried once is not carried again."""
    env = c.rclone_env()
    before = set(c.ssh(f"cat {shlex.quote(live + '/' + CARRIED)} 2>/dev/null || true").splitlines())
    have = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    listed = rclone.output(["lsf", "-R", "--files-only", f":sftp:{live}"], env, folder).splitlines()
    keep = sorted(n for n in listed if not n.endswith(".html") and not n.rsplit("/", 1)[-1].startswith(".")
                  and n not in have and n not in before)
    if keep:
        (folder / CARRIED).write_text("".join(f"{n}\n" for n in keep), encoding="utf-8")
        rclone.run(["copy", f":sftp:{live}", f":sftp:{partial}", "--files-from-raw", str(folder / CARRIED)], env, folder)
        rclone.run(["copyto", str(folder / CARRIED), f":sftp:{partial}/{CARRIED}"], env, folder)


def _diagnosed(c: Connection, error: TransferError, site: Path, partial: str) -> TransferError:
    """A failed transfer, its cause found: over SFTP a full disk is only "Failure", so the server is asked for
    its free space; the half-sent release is removed, so the space it took is free again."""
    if str(error) != say.DEPLOY_CAUSE_OTHER:
        return error
    try:
        c.ssh(f"rm -rf {shlex.quote(partial)}")
        free = int(c.ssh(f"df -Pk {shlex.quote(c.server.path)} | tail -n 1").split()[3]) * 1024
    except (TransferError, ValueError, IndexError):
        return error
    needed = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return TransferError(say.disk_full(free, needed)) if free < needed else error


def deploy(site: Path, server: Server, folder: Path, now: dt.datetime) -> tuple[str, Stats]:
    c = Connection(server, folder)
    names, live = _releases(c)
    release = now.strftime("%Y%m%d-%H%M%S")
    while release in names:  # two deploys in one second
        release += "-1"
    partial = f"{server.path}/{RELEASES}/.{release}.partial"
    args = ["sync", str(site), f":sftp:{partial}", "--checksum", "--transfers", "8"]
    if live in names:
        args += ["--copy-dest", f":sftp:{server.path}/{RELEASES}/{live}"]
    quoted = shlex.quote(f"{server.path}/{RELEASES}")
    c.ssh(f"cd {quoted} && rm -rf .*.partial")  # what a killed or failed run left: its space is needed now
    try:
        stats = rclone.run(args, c.rclone_env(), folder)
        if live in names:
            _carry(c, site, f"{server.path}/{RELEASES}/{live}", partial, folder)
    except TransferError as e:
        raise _diagnosed(c, e, site, partial) from None
    c.ssh(f"cd {quoted} && mv -T {shlex.quote('.' + release + '.partial')} {shlex.quote(release)}")
    _switch(c, release)
    _prune(c, release)
    return release, stats


def rollback(server: Server, folder: Path) -> str:
    c = Connection(server, folder)
    names, live = _releases(c)
    earlier = [n for n in names if live is None or n < live]
    if not earlier:
        raise DeployError(say.DEPLOY_NO_ROLLBACK)
    _switch(c, earlier[-1])
    return earlier[-1]
