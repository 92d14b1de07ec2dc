"""A real S3 server on loopback for the deploy tests: rclone's own `serve s3` (the S3 protocol with Signature V4,
as OSS, COS and MinIO speak it) over a folder, one access key; started and stopped by the test. Its debug log
records each object created and deleted, in order."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.deploy.rclone import binary

from .daemon import free_port, running

KEY_ID, SECRET = "dangjian-deploy-test", "loopback-only-secret-0123456789"


@dataclass(frozen=True)
class S3:
    endpoint: str
    data: Path  # the buckets, one folder each
    log: Path

    def env(self, **changed) -> dict[str, str]:
        return {**os.environ, "DEPLOY_ACCESS_KEY_ID": KEY_ID, "DEPLOY_SECRET_ACCESS_KEY": SECRET, **changed}

    def client_env(self) -> dict[str, str]:
        return {**os.environ, "RCLONE_CONFIG": os.devnull, "RCLONE_S3_PROVIDER": "Minio",
                "RCLONE_S3_ENDPOINT": self.endpoint, "RCLONE_S3_ACCESS_KEY_ID": KEY_ID,
                "RCLONE_S3_SECRET_ACCESS_KEY": SECRET, "RCLONE_S3_ENV_AUTH": "false"}

    def objects(self, root: str) -> dict[str, dict]:
        """Each object under `root` (bucket/prefix) with the headers the server gives it, read over S3."""
        done = subprocess.run([binary(), "lsjson", "-R", "--files-only", "-M", f":s3:{root}"], env=self.client_env(),
                              capture_output=True, text=True, check=True)
        return {o["Path"]: o["Metadata"] for o in json.loads(done.stdout)}

    def operations(self) -> list[tuple[str, str]]:
        """("CREATE"|"DELETE", key) in the order the server did them."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return [(m[1], m[2]) for m in re.finditer(r"serve s3: (CREATE|DELETE)(?: OBJECT)?: ?\S+ (\S+)", text)]


@contextlib.contextmanager
def s3(folder: Path, buckets: tuple[str, ...] = ("dangjian",)):
    data = folder / "data"
    for name in buckets:
        (data / name).mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = folder / "s3.log"
    command = [binary(), "serve", "s3", "--addr", f"127.0.0.1:{port}", "--auth-key", f"{KEY_ID},{SECRET}", "-vv",
               "--log-file", str(log), str(data)]
    with running(command, port, log, env={**os.environ, "RCLONE_CONFIG": os.devnull}):
        yield S3(f"http://127.0.0.1:{port}", data, log)
