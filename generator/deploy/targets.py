"""Where a site is published, as `--to` writes it: the school's server (sftp://USER@HOST[:PORT]/PATH) or
S3-protocol object storage (s3://BUCKET[/PREFIX])."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import messages as say

_SFTP = re.compile(r"sftp://(?P<user>[A-Za-z0-9._-]+)@(?P<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::(?P<port>\d{1,5}))?"
                   r"(?P<path>/[A-Za-z0-9._/-]*)")
_S3 = re.compile(r"s3://(?P<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(?P<prefix>[A-Za-z0-9._/-]*))?")


class TargetError(Exception):
    """The target is not one this command can publish to; the message says how to write it."""


@dataclass(frozen=True)
class Server:
    """The school's own server: releases under `path`, the web server serving `path`/current."""

    user: str
    host: str
    port: int
    path: str

    def __str__(self) -> str:
        return f"sftp://{self.user}@{self.host}:{self.port}{self.path}"


@dataclass(frozen=True)
class Bucket:
    bucket: str
    prefix: str

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}".rstrip("/")


def parse(text: str) -> Server | Bucket:
    if m := _SFTP.fullmatch(text):
        path = m["path"].rstrip("/") or "/"
        if ".." in path.split("/") or path == "/":
            raise TargetError(say.bad_target(text))
        return Server(m["user"], m["host"].strip("[]"), int(m["port"] or 22), path)
    if m := _S3.fullmatch(text):
        return Bucket(m["bucket"], (m["prefix"] or "").strip("/"))
    raise TargetError(say.bad_target(text))
