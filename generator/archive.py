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
import subprocess
import sys
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .indexes import build_index
from .link import BuildMode
from .pipeline import Checked, check_records

MANIFEST = "manifest.json"
README = "请先阅读.txt"


class ArchiveError(Exception):
    """The archive could not be made; the message says why, in Chinese."""


@dataclass(frozen=True, slots=True)
class Archive:
    zip_path: Path
    sha256_path: Path
    files: int


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _git_commit(project: Path) -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def record_counts(checked: Checked) -> dict[str, int]:
    ix = build_index(checked.site)
    return {
        "site": 1, "program": len(ix.programs), "place": len(ix.places), "activity": len(ix.activities),
        "member": len(ix.members), "publication": len(ix.publications),
        "issue": sum(len(v) for v in ix.issues.values()), "suggestion": len(ix.suggestions), "review": len(ix.reviews),
    }


def make_archive(records: Path, out: Path, *, config: Path, internal: bool = False,
                 now: dt.datetime | None = None) -> Archive:
    now = now or dt.datetime.now().astimezone()
    checked = check_records(records, BuildMode(internal=internal))
    if not checked.ok:
        raise ArchiveError("记录有错误，没有生成存档。请先运行 make check 查看。")
    s = checked.site.site.record
    name = f"{s.short_name or s.school}-党建存档-{now:%Y%m%d}" + ("-内部" if internal else "")
    out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="dangjian-archive-") as tmp:
        site = Path(tmp) / name
        env = {**os.environ, "SITE_OFFLINE": "true", "SITE_DRAFTS": "false",
               "SITE_VISIBILITY": "internal" if internal else "public",
               "SITE_RECORDS": str(Path(records).resolve()), "NO_MKDOCS_2_WARNING": "1"}
        env.pop("SITE_EDIT_URI", None)  # an archive is read, not edited
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
                              cwd=config.parent, env=env, capture_output=True, text=True, encoding="utf-8")
        if done.returncode != 0:
            raise ArchiveError("网站构建失败，没有生成存档：\n" + done.stderr.strip())
        (site / README).write_text(
            f"{s.organization}\n党建工作存档（{'内部资料，请勿外传' if internal else '公开版'}）\n\n"
            "打开方法：双击本文件夹里的 index.html，用浏览器查看。不需要联网，搜索也可以使用。\n"
            f"核对文件是否完好：在项目文件夹里运行 make verify-archive ARCHIVE={name}.zip\n",
            encoding="utf-8",
        )
        files = {p.relative_to(site).as_posix(): _sha256(p.read_bytes()) for p in sorted(site.rglob("*")) if p.is_file()}
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
        fd, partial = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".partial")
        os.close(fd)
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
                for p in sorted(site.rglob("*")):
                    if p.is_file():
                        z.write(p, f"{name}/{p.relative_to(site).as_posix()}")
            os.chmod(partial, 0o644)  # mkstemp made it private; an archive is meant to be copied and read
            os.replace(partial, zip_path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    digest = _sha256(zip_path.read_bytes())
    sha_path = out / f"{name}.zip.sha256"
    sha_path.write_text(f"{digest}  {zip_path.name}\n", encoding="utf-8")
    return Archive(zip_path, sha_path, len(files) + 1)


def verify_archive(path: Path) -> tuple[int, list[str]]:
    """Re-hash everything in the archive against its manifest. Returns (files checked, problems in Chinese)."""
    problems: list[str] = []
    sidecar = path.with_name(path.name + ".sha256")
    if sidecar.is_file():
        expected = sidecar.read_text(encoding="utf-8").split()[0]
        if _sha256(path.read_bytes()) != expected:
            problems.append(f"整个存档文件的 SHA-256 与 {sidecar.name} 不符")
    try:
        z = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        return 0, problems + [f"无法打开存档：{e}"]
    with z:
        names = [n for n in z.namelist() if not n.endswith("/")]
        roots = {n.split("/", 1)[0] for n in names}
        manifests = [n for n in names if n.count("/") == 1 and n.endswith("/" + MANIFEST)]
        if len(roots) != 1 or not manifests:
            return 0, problems + ["存档里找不到清单 manifest.json"]
        root = manifests[0].split("/", 1)[0]
        try:
            manifest = json.loads(z.read(manifests[0]).decode("utf-8"))
            listed: dict[str, str] = manifest["files"]
        except (KeyError, ValueError, zipfile.BadZipFile, zlib.error):
            return 0, problems + ["清单 manifest.json 已损坏"]
        present = {n[len(root) + 1:] for n in names} - {MANIFEST}
        for rel in sorted(listed):
            if rel not in present:
                problems.append(f"缺少：{rel}")
                continue
            try:
                data = z.read(f"{root}/{rel}")
            except (zipfile.BadZipFile, zlib.error, OSError):
                problems.append(f"已损坏：{rel}")
                continue
            if _sha256(data) != listed[rel]:
                problems.append(f"内容已改变：{rel}")
        problems += [f"清单里没有：{rel}" for rel in sorted(present - listed.keys())]
    return len(listed), problems
