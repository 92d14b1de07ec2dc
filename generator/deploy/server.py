"""Publishing to the school's own server over SSH, as a sysadmin would: every deploy is a release of its own,
switched live in one step.

    PATH/releases/20261207-080000/   one complete site each; the last five are kept
    PATH/current -> releases/…       what nginx serves (root PATH/current)

Each release holds a manifest (.manifest: every file's SHA-256, and what it carries from the release before), so a
deploy knows what changed without reading the server's files: the new release starts as a hard-linked copy of the
live one (`cp -al`, one command on the server), what changed or went is unlinked from it, and only the changed
files are sent (rclone over SFTP). A photo or style the live release has and the new one no longer does is kept
for one more release, so a visitor who opened a page just before the switch still gets it. The release is built as
`releases/.<name>.partial`, renamed complete, and `current` is switched to it by renaming a new symlink over the
old one (rename(2): a visitor gets the old site or the new, never a mix). Killed at any moment before that rename,
the live site is as it was and the next run starts afresh.
The server's host key is checked against DEPLOY_SSH_KNOWN_HOSTS, never skipped; the key is DEPLOY_SSH_KEY.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .. import messages as say
from ..relpaths import inner_parts
from . import rclone
from .rclone import DeployError, Stats, TransferError, cause
from .targets import Server

KEEP = 5  # releases kept on the server (rollback goes back through them)
RELEASES = "releases"
MANIFEST = ".manifest"  # in a release: what it holds, by SHA-256 (deploy/nginx.conf serves no dotfile)


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

    def ssh(self, command: str, given: str | None = None) -> str:
        """`command` run on the server; `given`: its standard input."""
        s = self.server
        done = subprocess.run(
            ["ssh", "-i", str(self.key), "-p", str(s.port), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
             "-o", "StrictHostKeyChecking=yes", "-o", f"UserKnownHostsFile={self.known}",
             "-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout=20", "-F", "/dev/null",
             f"{s.user}@{s.host}", command], capture_output=True, text=True, encoding="utf-8",
            **({"input": given} if given is not None else {"stdin": subprocess.DEVNULL}))
        if done.returncode != 0:
            raise TransferError(cause(done.stderr))
        return done.stdout

    def rclone_env(self) -> dict[str, str]:
        s = self.server
        return {"RCLONE_SFTP_HOST": s.host, "RCLONE_SFTP_USER": s.user, "RCLONE_SFTP_PORT": str(s.port),
                "RCLONE_SFTP_KEY_FILE": str(self.key), "RCLONE_SFTP_KNOWN_HOSTS_FILE": str(self.known),
                # SSH already guards every byte in transit; rclone's own check would run md5sum on the server once
                # a file, a command each (at 7,000 files: minutes).
                "RCLONE_SFTP_DISABLE_HASHCHECK": "true"}


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
    """Keep the newest KEEP releases (and the live one). What a killed run left half-made, deploy removes first."""
    path = shlex.quote(f"{c.server.path}/{RELEASES}")
    c.ssh(f"cd {path} && ls -1 | sort | head -n -{KEEP} | grep -vxF {shlex.quote(live)} | xargs -r rm -rf --")


@dataclass(frozen=True)
class Manifest:
    files: dict[str, str]  # path in the release -> SHA-256
    carried: frozenset[str]  # of those, what it keeps from the release before

    def text(self) -> str:
        return json.dumps({"files": self.files, "carried": sorted(self.carried)}, ensure_ascii=False, indent=0)

    @classmethod
    def read(cls, text: str) -> Manifest:
        """The live release's manifest; none (a release made otherwise, or damaged): an empty one, so everything is
        sent. Only plain relative paths are believed."""
        try:
            data = json.loads(text)
            files = {p: d for p, d in data["files"].items() if inner_parts(p) and isinstance(d, str)}
            return cls(files, frozenset(p for p in data["carried"] if p in files))
        except (ValueError, KeyError, TypeError, AttributeError):
            return cls({}, frozenset())


def _digests(site: Path) -> dict[str, str]:
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            with path.open("rb") as f:
                out[path.relative_to(site).as_posix()] = hashlib.file_digest(f, "sha256").hexdigest()
    return out


@dataclass(frozen=True)
class Plan:
    """What the new release takes from the live one and what is sent."""

    send: list[str]
    keep: list[str]  # hard-linked from the live release, unchanged
    carry: list[str]  # hard-linked from the live release, no longer in the site: one release more
    unlink: list[str]  # in the live release, not wanted in the new one as they are

    @classmethod
    def of(cls, digests: dict[str, str], live: Manifest) -> Plan:
        keep = [p for p, d in digests.items() if live.files.get(p) == d]
        carry = [p for p in live.files if p not in digests and p not in live.carried and not p.endswith(".html")
                 and not p.rsplit("/", 1)[-1].startswith(".")]
        wanted = set(keep) | set(carry)
        return cls([p for p in digests if p not in wanted], keep, carry, [p for p in live.files if p not in wanted])


def _prepare(c: Connection, live: str | None, partial: str, plan: Plan) -> None:
    """The new release on the server: the live one hard-linked (no file's bytes copied), less what is not wanted
    as it is. A changed file is unlinked before its new copy is sent, so the live release's copy is never written."""
    quoted = shlex.quote(partial)
    if live is None:
        c.ssh(f"mkdir -p {quoted}")
        return
    c.ssh(f"cp -al {shlex.quote(live)} {quoted} && cd {quoted} && rm -f {MANIFEST} && xargs -0 -r rm -f -- "
          f"&& find . -mindepth 1 -type d -empty -delete", "\0".join(plan.unlink))


def _diagnosed(c: Connection, error: TransferError, site: Path, partial: str) -> TransferError:
    """A failed transfer, its cause found: over SFTP a full disk is only "Failure", so the server is asked for
    its free space; the half-made release is removed, so the space it took is free again."""
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
    releases = f"{server.path}/{RELEASES}"
    partial = f"{releases}/.{release}.partial"
    c.ssh(f"cd {shlex.quote(releases)} && rm -rf .*.partial")  # what a killed or failed run left: its space is needed
    live_dir = f"{releases}/{live}" if live in names else None
    manifest = Manifest.read(c.ssh(f"cat {shlex.quote(live_dir + '/' + MANIFEST)} 2>/dev/null || true")) \
        if live_dir else Manifest({}, frozenset())
    digests = _digests(site)
    plan = Plan.of(digests, manifest)
    if not manifest.files:
        live_dir = None  # nothing known of the live release: a complete one is sent
    try:
        _prepare(c, live_dir, partial, plan)
        if plan.send:
            listing = folder / "send.txt"
            listing.write_text("".join(f"{p}\n" for p in plan.send), encoding="utf-8")
            rclone.run(["copy", str(site), f":sftp:{partial}", "--files-from-raw", str(listing), "--no-check-dest",
                        "--transfers", "8"], c.rclone_env(), folder)
        kept = digests | {p: manifest.files[p] for p in plan.carry}
        c.ssh(f"cat > {shlex.quote(partial + '/' + MANIFEST)}", Manifest(kept, frozenset(plan.carry)).text())
    except TransferError as e:
        raise _diagnosed(c, e, site, partial) from None
    c.ssh(f"cd {shlex.quote(releases)} && mv -T {shlex.quote('.' + release + '.partial')} {shlex.quote(release)}")
    _switch(c, release)
    _prune(c, release)
    sent = sum((site / p).stat().st_size for p in plan.send)
    gone = len(set(manifest.files) - set(digests) - set(plan.carry))
    return release, Stats(len(plan.send), len(plan.keep), sent, gone)


def rollback(server: Server, folder: Path) -> str:
    c = Connection(server, folder)
    names, live = _releases(c)
    earlier = [n for n in names if live is None or n < live]
    if not earlier:
        raise DeployError(say.DEPLOY_NO_ROLLBACK)
    _switch(c, earlier[-1])
    return earlier[-1]
