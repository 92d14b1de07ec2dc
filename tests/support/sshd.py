"""A real OpenSSH server on loopback for the deploy tests: its own host key, one authorized client key, the user
running the tests, the sftp subsystem; started and stopped by the test."""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

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
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
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
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(folder / "sshd_config")], stdout=subprocess.DEVNULL,
                              stderr=(folder / "sshd.log").open("w"))
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (folder / "sshd.log").read_text()
                time.sleep(0.05)
        host_key = (folder / "host.pub").read_text().split()[:2]
        yield Sshd(port, getpass.getuser(), (folder / "client").read_text(), f"[127.0.0.1]:{port} {' '.join(host_key)}")
    finally:
        server.terminate()
        server.wait(timeout=10)
