"""A real OpenSSH server on loopback for the deploy tests: its own host key, one authorized client key, the user
running the tests, the sftp subsystem; started and stopped by the test."""

from __future__ import annotations

import contextlib
import getpass
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .daemon import free_port, running

SSHD = "/usr/sbin/sshd"


@dataclass(frozen=True)
class Sshd:
    port: int
    user: str
    key: str  # the client's private key, as DEPLOY_SSH_KEY holds it
    known_hosts: str  # the server's line, as DEPLOY_SSH_KNOWN_HOSTS holds it

    def env(self, **changed) -> dict[str, str]:
        return {**os.environ, "DEPLOY_SSH_KEY": self.key, "DEPLOY_SSH_KNOWN_HOSTS": self.known_hosts, **changed}

    def to(self, path: Path) -> str:
        return f"sftp://{self.user}@127.0.0.1:{self.port}{path}"


def _keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)


@contextlib.contextmanager
def sshd(folder: Path):
    assert Path(SSHD).exists(), "OpenSSH's sshd is missing: make test installs it (scripts/system-packages.sh)"
    folder.mkdir(parents=True, exist_ok=True)
    _keygen(folder / "host")
    _keygen(folder / "client")
    (folder / "authorized_keys").write_text((folder / "client.pub").read_text())
    port = free_port()
    (folder / "sshd_config").write_text(f"""Port {port}
ListenAddress 127.0.0.1
HostKey {folder / "host"}
AuthorizedKeysFile {folder / "authorized_keys"}
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PidFile {folder / "sshd.pid"}
Subsystem sftp internal-sftp
""")
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    with running([SSHD, "-D", "-e", "-f", str(folder / "sshd_config")], port, folder / "sshd.log", stderr_is_log=True):
        host_key = (folder / "host.pub").read_text().split()[:2]
        yield Sshd(port, getpass.getuser(), (folder / "client").read_text(), f"[127.0.0.1]:{port} {' '.join(host_key)}")
