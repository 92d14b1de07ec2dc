"""Publishing to S3-protocol object storage (Aliyun OSS, Tencent COS, Qiniu Kodo, a bureau's MinIO) serving the
bucket as a website.

A bucket has no symlink to switch, so the order of the steps is what keeps the site whole for a visitor: every
changed file that is not a page first (photos, styles, scripts, the search index), the pages after them, and
deletions last — a page never names a photo or style that is not there yet, and a file is removed only once no
published page names it. Only changed objects are sent (rclone compares checksums with the bucket's).

Each object is sent with its Content-Type (UTF-8 named for text) and Cache-Control: pages and everything else
revalidated on every visit, files whose name carries their content's fingerprint kept for a year — the same rule
as deploy/nginx.conf.

A command deletes only what it made: the bucket keeps a list of what was published (MANIFEST) and a later deploy
deletes only objects on that list that the new site no longer has; anything else in the bucket is left alone.
"""

from __future__ import annotations

import mimetypes
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .. import messages as say
from . import rclone
from .rclone import DeployError
from .targets import Bucket

MANIFEST = ".dangjian-published"  # one published path a line, beside the site's files
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.min\.(css|js)$")  # deploy/nginx.conf says the same
LONG = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Python's own table only: the same on every machine, whatever the system's mime.types says.
_TYPES = mimetypes.MimeTypes()
_TYPES.add_type("text/javascript", ".js")  # RFC 9239 (Python 3.12's table says so too)
_TYPES.add_type("application/json", ".map")
_TYPES.add_type("application/manifest+json", ".webmanifest")
_TEXT = {"application/json", "application/javascript", "application/xml", "image/svg+xml",
         "application/manifest+json"}
_ENCODED = {"gzip": "application/gzip", "bzip2": "application/x-bzip2", "xz": "application/x-xz"}


def content_type(name: str) -> str:
    kind, encoding = _TYPES.guess_type(name, strict=False)
    if encoding:  # sitemap.xml.gz is a gzip file, not XML sent compressed
        kind = _ENCODED.get(encoding, "application/octet-stream")
    kind = kind or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind in _TEXT else kind


def cache_control(name: str) -> str:
    return LONG if FINGERPRINTED.search(name) else REVALIDATE


@dataclass(frozen=True)
class Sent:
    uploaded: int
    unchanged: int
    size: int
    removed: int


def _credentials(endpoint: str | None, provider: str | None) -> dict[str, str]:
    if not endpoint:
        raise DeployError(say.DEPLOY_NO_ENDPOINT)
    key_id = os.environ.get("DEPLOY_ACCESS_KEY_ID", "")
    secret = os.environ.get("DEPLOY_SECRET_ACCESS_KEY", "")
    if not key_id.strip():
        raise DeployError(say.missing_secret("DEPLOY_ACCESS_KEY_ID", say.ACCESS_KEY_ID))
    if not secret.strip():
        raise DeployError(say.missing_secret("DEPLOY_SECRET_ACCESS_KEY", say.SECRET_ACCESS_KEY))
    # Never the machine's own AWS settings, never a bucket made by accident (a missing bucket is an error).
    return {"RCLONE_S3_PROVIDER": provider or "Other", "RCLONE_S3_ENDPOINT": endpoint,
            "RCLONE_S3_ACCESS_KEY_ID": key_id.strip(), "RCLONE_S3_SECRET_ACCESS_KEY": secret.strip(),
            "RCLONE_S3_ENV_AUTH": "false", "RCLONE_S3_NO_CHECK_BUCKET": "true",
            "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}


def _site_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and not p.name.startswith("."))


def _steps(files: list[str]) -> list[tuple[str, str, list[str]]]:
    """(Content-Type, Cache-Control, files) in the order they are sent: everything else, then the pages."""
    groups: dict[tuple[bool, str, str], list[str]] = defaultdict(list)
    for name in files:
        groups[(name.endswith(".html"), content_type(name), cache_control(name))].append(name)
    return [(kind, cache, names) for (_, kind, cache), names in sorted(groups.items())]


class _Remote:
    def __init__(self, bucket: Bucket, env: dict[str, str], folder: Path):
        self.root = f":s3:{bucket.bucket}/{bucket.prefix}".rstrip("/")
        self.env, self.folder = env, folder

    def listed(self) -> set[str]:
        """What the last deploy published (none: the bucket is new to us)."""
        done = rclone.output(["cat", f"{self.root}/{MANIFEST}"], self.env, self.folder, missing_ok=True)
        return {line for line in done.splitlines() if line}

    def write_list(self, names: set[str]) -> None:
        local = self.folder / MANIFEST
        local.write_text("".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")
        rclone.run(["copyto", str(local), f"{self.root}/{MANIFEST}", "--header-upload", f"Cache-Control: {REVALIDATE}",
                    "--header-upload", "Content-Type: text/plain; charset=utf-8"], self.env, self.folder)

    def send(self, site: Path, kind: str, cache: str, names: list[str], step: int) -> rclone.Stats:
        listing = self.folder / f"files-{step}.txt"
        listing.write_text("".join(f"{n}\n" for n in names), encoding="utf-8")
        return rclone.run(["copy", str(site), self.root, "--files-from-raw", str(listing), "--checksum",
                           "--transfers", "8", "--header-upload", f"Content-Type: {kind}",
                           "--header-upload", f"Cache-Control: {cache}"], self.env, self.folder)

    def delete(self, names: set[str]) -> None:
        listing = self.folder / "stale.txt"
        listing.write_text("".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")
        rclone.run(["delete", self.root, "--files-from-raw", str(listing)], self.env, self.folder)


def deploy(site: Path, bucket: Bucket, folder: Path, endpoint: str | None, provider: str | None) -> Sent:
    remote = _Remote(bucket, _credentials(endpoint, provider), folder)
    files = _site_files(site)
    before = remote.listed()
    uploaded = size = 0
    for step, (kind, cache, names) in enumerate(_steps(files)):
        stats = remote.send(site, kind, cache, names, step)
        uploaded, size = uploaded + stats.uploaded, size + stats.size
    stale = before - set(files)
    if stale:
        remote.write_list(before | set(files))  # killed while deleting: the next run still knows what to delete
        remote.delete(stale)
    remote.write_list(set(files))
    return Sent(uploaded, len(files) - uploaded, size, len(stale))


__all__ = ["MANIFEST", "Sent", "content_type", "cache_control", "deploy"]
