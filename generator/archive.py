"""The offline archive: the whole site in one zip that opens from a USB stick, search included.

The site is built with the project's own mkdocs.yml in offline mode (Material's
offline plugin, iframe-worker's shim shipped locally, nothing from any network),
then zipped under one folder with a manifest of every file's SHA-256, and a
`.sha256` file beside the zip. The zip is written under a temporary name and
renamed when complete, so an interrupted run never leaves a half archive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from . import messages as say
from .indexes import build_index
from .kinds import KINDS
from .kinds.site import FILE_NAME_UNSAFE
from .link import BuildMode
from .mkdocs_run import mkdocs_build
from .outlock import locked
from .outputs import ARCHIVE, mark
from .pipeline import Checked, check_records
from .rundir import alive, sweep

MANIFEST = "manifest.json"
README = say.ARCHIVE_README


class ArchiveError(Exception):
    """The archive could not be made; the message says why, in Chinese."""


@dataclass(frozen=True, slots=True)
class Archive:
    zip_path: Path
    sha256_path: Path
    files: int


def _git_commit(project: Path) -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def record_counts(checked: Checked) -> dict[str, int]:
    """How many records of each kind the archive shows."""
    counts = {name: 0 for name in KINDS}
    for entry in {checked.site.site, *build_index(checked.site).shown_entries()}:  # site.yml is always shown
        counts[entry.kind.name] += 1
    return counts


def safe_name(text: str) -> str:
    """A file name from site.yml text (check already refuses the unsafe characters; this holds without it)."""
    name = FILE_NAME_UNSAFE.sub("-", text).strip(" .-")
    return name[:80] or "archive"


_TEMP_PREFIX = "dangjian-archive-"


def _remove_leftovers(out: Path) -> None:
    """What a killed run left: its .partial files in --out and its build folder in the temporary folder.
    Each carries the run's process id; a run still alive keeps its own."""
    sweep(_TEMP_PREFIX)
    for path in out.glob(".*.partial"):
        pid = re.search(r"\.(\d+)\.(?:zip|sha256)\.partial$", path.name)
        if pid and not alive(int(pid[1])):
            path.unlink(missing_ok=True)


def make_archive(records: Path, out: Path, *, config: Path, internal: bool = False,
                 now: dt.datetime | None = None) -> Archive:
    """One archive run at a time per output folder (a second waits): leftovers are only swept under the lock."""
    checked = check_records(records, BuildMode(internal=internal))
    if not checked.ok:
        raise ArchiveError(say.RECORDS_HAVE_ERRORS_NO_ARCHIVE)
    with locked(out, say.archive_folder(out)):
        return _make_archive(checked, records, out, config=config, internal=internal, now=now)


def _make_archive(checked: Checked, records: Path, out: Path, *, config: Path, internal: bool,
                  now: dt.datetime | None) -> Archive:
    now = now or dt.datetime.now().astimezone()
    s = checked.site.organization
    name = say.archive_name(safe_name(s.short_name or s.school), f"{now:%Y%m%d}", internal)
    _remove_leftovers(out)
    if not (out / ARCHIVE.mark).is_file():
        mark(out, ARCHIVE)  # archives are added beside earlier ones: the folder is marked, not replaced

    with tempfile.TemporaryDirectory(prefix=f"{_TEMP_PREFIX}{os.getpid()}-") as tmp:
        site = Path(tmp) / name
        env = {"SITE_OFFLINE": "true", "SITE_DRAFTS": "false", "SITE_VISIBILITY": "internal" if internal else "public",
               "SITE_RECORDS": str(Path(records).resolve()),
               "SITE_EDIT_URI": ""}  # an archive is read, not edited
        done = mkdocs_build(config, site, env)
        if done.returncode != 0:
            raise ArchiveError(say.archive_build_failed(done.stderr.strip()))
        (site / README).write_text(say.archive_readme(s.organization, internal, f"{name}.zip"), encoding="utf-8")
        files = {p.relative_to(site).as_posix(): _file_sha256(p) for p in sorted(site.rglob("*")) if p.is_file()}
        manifest = {
            "organization": s.organization,
            "archive": name,
            "built_at": now.isoformat(timespec="seconds"),
            "git_commit": _git_commit(config.parent),
            "visibility": "internal" if internal else "public",
            "records": record_counts(checked),
            "files": files,
        }
        (site / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

        zip_path = out / f"{name}.zip"
        sha_path = out / f"{name}.zip.sha256"
        zip_partial = out / f".{name}.{os.getpid()}.zip.partial"
        sha_partial = out / f".{name}.{os.getpid()}.sha256.partial"
        try:
            with zipfile.ZipFile(zip_partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
                for p in sorted(site.rglob("*")):
                    if p.is_file():
                        z.write(p, f"{name}/{p.relative_to(site).as_posix()}")
            sha_partial.write_text(f"{_file_sha256(zip_partial)}  {zip_path.name}\n", encoding="utf-8")
            for p in (zip_partial, sha_partial):
                os.chmod(p, 0o644)  # an archive is meant to be copied and read
            # Both are complete before either is published. An older .sha256 goes first: stopped in between,
            # the new zip stands without one (verify says so) rather than beside one that calls it corrupt.
            sha_path.unlink(missing_ok=True)
            os.replace(zip_partial, zip_path)
            os.replace(sha_partial, sha_path)
        finally:
            zip_partial.unlink(missing_ok=True)
            sha_partial.unlink(missing_ok=True)
    return Archive(zip_path, sha_path, len(files) + 1)


# ---------------------------------------------------------------- verifying


CHUNK = 1 << 20
MAX_ENTRY = 1 << 31  # 2 GiB: far beyond any page or photo of the site
MAX_RATIO = 200  # a deflated entry this many times smaller than its content is a bomb, not a web page
_SIDECAR = re.compile(r"([0-9a-fA-F]{64}) [ *](.+)")


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _unsafe(name: str) -> str | None:
    """Why an entry name must not be trusted, if it must not."""
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return say.ABSOLUTE_PATH
    if "\\" in name:
        return say.BACKSLASH
    if ".." in name.split("/"):
        return say.DOT_DOT
    return None


def _sidecar_problems(path: Path) -> list[str]:
    sidecar = path.with_name(path.name + ".sha256")
    if not sidecar.is_file():
        return [say.no_sidecar(sidecar.name)]
    try:
        text = sidecar.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    m = _SIDECAR.fullmatch(text.strip())
    if not m:
        return [say.bad_sidecar(sidecar.name)]
    if m[2] != path.name:
        return [say.sidecar_of_other(sidecar.name, m[2])]
    if _file_sha256(path) != m[1].lower():
        return [say.sidecar_mismatch(sidecar.name)]
    return []


def _entry_sha256(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    """Streamed, in bounded memory; never more than the entry says it holds (zipfile stops there)."""
    h = hashlib.sha256()
    with z.open(info) as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def verify_archive(path: Path) -> tuple[int, list[str]]:
    """Re-hash everything in the archive against its manifest. Returns (files checked, problems in Chinese)."""
    sidecar_problems = _sidecar_problems(path)
    problems = list(sidecar_problems)
    try:
        z = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        return 0, problems + [say.cannot_open_archive(e)]
    with z:
        infos = [i for i in z.infolist() if not i.is_dir()]
        names = [i.filename for i in infos]
        manifests = [n for n in names if n.count("/") == 1 and n.endswith("/" + MANIFEST)]
        if len(set(manifests)) != 1:
            return 0, problems + [say.NO_MANIFEST]
        root = manifests[0].split("/", 1)[0]
        counts: dict[str, int] = {}
        for n in names:
            counts[n] = counts.get(n, 0) + 1
        for name in sorted(n for n, c in counts.items() if c > 1):
            problems.append(say.duplicate_entry(name))
        for info in infos:
            why = _unsafe(info.filename)
            if why:
                problems.append(say.unsafe_entry(why, info.filename))
            elif not info.filename.startswith(root + "/"):
                problems.append(say.entry_outside(info.filename))
            elif (info.external_attr >> 16) & 0o170000 == 0o120000:
                problems.append(say.entry_is_link(info.filename))
            elif info.file_size > MAX_ENTRY or (
                info.file_size > CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1)
            ):
                problems.append(say.entry_too_large(info.file_size, info.compress_size, info.filename))
        if len(problems) > len(sidecar_problems):
            return 0, problems  # an entry that cannot be trusted: nothing inside is read
        try:
            manifest = json.loads(z.read(manifests[0]).decode("utf-8"))
            listed = manifest["files"]
            if not isinstance(listed, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in listed.items()):
                raise ValueError
        except (KeyError, TypeError, ValueError, UnicodeDecodeError, zipfile.BadZipFile, zlib.error):
            return 0, problems + [say.BROKEN_MANIFEST]
        by_name = {i.filename[len(root) + 1:]: i for i in infos}
        present = set(by_name) - {MANIFEST}
        for rel in sorted(listed):
            if _unsafe(rel):
                problems.append(say.unsafe_listed(_unsafe(rel), rel))
                continue
            if rel not in present:
                problems.append(say.entry_missing(rel))
                continue
            try:
                digest = _entry_sha256(z, by_name[rel])
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
                problems.append(say.entry_broken(rel))
                continue
            if digest != listed[rel]:
                problems.append(say.entry_changed(rel))
        problems += [say.entry_unlisted(rel) for rel in sorted(present - listed.keys())]
    return len(listed), problems
