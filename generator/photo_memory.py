"""What `check` learned of each photo original — it decodes, its width, height and bytes — remembered by content in
.cache/photos/checked.json beside the published copies' index, so an original is decoded once per content, ever.

A photo is known by what names its content without reading it: git's blob id while it is committed and unmodified
(as in a fresh CI checkout with the cache restored), else its size, time and inode. Only photos that decoded are
remembered: a broken one is decoded, and refused, on every run. The file carries a SHA-256 of its own entries; one
that does not match, or does not have the expected shape, is ignored as a whole."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from . import atomic
from .photos import committed_blobs

FILE = "checked.json"
PHOTO_CACHE = ".cache/photos"  # under the project: the published copies' folder (the plugin's cache_dir default)
_VERSION = 1


@dataclass(frozen=True, slots=True)
class Facts:
    width: int
    height: int
    size: int  # bytes


def _digest(entries: dict) -> str:
    return hashlib.sha256(json.dumps(entries, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _valid(entries) -> bool:
    """{rel: [mtime_ns, size, inode, blob id or "", width, height, bytes]}"""
    return isinstance(entries, dict) and all(
        isinstance(k, str) and isinstance(v, list) and len(v) == 7 and isinstance(v[3], str)
        and all(type(n) is int and n >= 0 for n in (*v[:3], *v[4:])) for k, v in entries.items())


class PhotoMemory:
    def __init__(self, assets_dir: Path, cache_dir: Path | None):
        self.assets_dir = assets_dir
        self.path = cache_dir / FILE if cache_dir is not None else None
        self._known = self._read()
        self._entries = dict(self._known)
        self._used: set[str] = set()
        self._blobs: dict[str, str] | None = None
        self._by_blob: dict[str, list[int]] | None = None

    def _read(self) -> dict[str, list]:
        if self.path is None:
            return {}
        try:
            doc = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(doc, dict) or doc.get("version") != _VERSION or not _valid(doc.get("entries")) \
                or doc.get("sha256") != _digest(doc["entries"]):
            return {}
        return doc["entries"]

    def _blob(self, rel: str) -> str:
        if self._blobs is None:
            self._blobs = committed_blobs(self.assets_dir)  # one git call, and only when a photo's stat is new
        return self._blobs.get(rel, "")

    def recall(self, rel: str, stat: tuple | None) -> Facts | None:
        """What is known of this original's content, if anything, without reading it."""
        if stat is None:
            return None
        self._used.add(rel)
        entry = self._entries.get(rel)
        if entry and tuple(entry[:3]) == tuple(stat):
            return Facts(*entry[4:])
        blob = self._blob(rel)
        if not blob:
            return None
        if self._by_blob is None:
            self._by_blob = {e[3]: e[4:] for e in self._entries.values() if e[3]}
        facts = self._by_blob.get(blob)
        if facts is None:
            return None
        self._entries[rel] = [*stat, blob, *facts]
        return Facts(*facts)

    def remember(self, rel: str, stat: tuple | None, facts: Facts) -> None:
        if stat is None:
            return
        self._used.add(rel)
        blob = self._blob(rel)
        self._entries[rel] = [*stat, blob, facts.width, facts.height, facts.size]
        if blob and self._by_blob is not None:
            self._by_blob[blob] = [facts.width, facts.height, facts.size]

    def save(self) -> None:
        """Keep what this process used (photos no record names any more are forgotten); written only when that
        differs from what is on disk. A cache that cannot be written is no error: the next run decodes again."""
        if self.path is None:
            return
        entries = {rel: self._entries[rel] for rel in sorted(self._used) if rel in self._entries}
        if entries == self._known:
            return
        doc = {"version": _VERSION, "sha256": _digest(entries), "entries": entries}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic.write(self.path, json.dumps(doc, separators=(",", ":")).encode())
        except OSError:
            return
        self._known = entries
