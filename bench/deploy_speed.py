"""`generator deploy` of a big site to servers on loopback, against the floor of rclone alone.

    .venv/bin/python bench/deploy_speed.py [N]

Default N = 5000. Builds the synthetic tree of N activities (bench/make_tree.py) with `mkdocs build`, then:

  server  `generator deploy --site` to a real sshd on loopback (tests/support/sshd.py): cold (empty server), then
          after one activity's title changed and the site was built again; time, files and bytes sent (from
          the command's own summary). Floor: rclone over the same SFTP sending exactly those files and nothing
          else (`copy --no-check-dest`: the whole site, then only the files that differ) — the bytes on the wire
          without comparing, releases, links or the switch.
  bucket  the same to `rclone serve s3` on loopback (tests/support/s3.py); floor: `rclone sync --checksum`
          into another bucket of the same server (S3 lists checksums, so comparing costs one listing).

The redeploy's share of the site: bytes sent / bytes of the site.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from make_tree import make_tree  # noqa: E402
from support.s3 import s3  # noqa: E402
from support.sshd import sshd  # noqa: E402

from generator.deploy.rclone import binary  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
_SENT = re.compile(r"上传 (\d+) 个文件（([\d.]+) MB）")


def build(records: Path, site: Path) -> None:
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([PY, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                   env={**ENV, "SITE_RECORDS": str(records)}, check=True, cwd=ROOT)


def timed(cmd: list[str], env: dict) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    took = time.perf_counter() - start
    assert done.returncode == 0, done.stderr
    return took, done.stdout


def deploy(site: Path, to: str, env: dict, *extra: str) -> tuple[float, int, float]:
    took, out = timed([PY, "-m", "generator", "deploy", "--site", str(site), "--to", to, *extra], env)
    files, mb = _SENT.search(out).groups()
    return took, int(files), float(mb)


def floor(site: Path, remote: str, env: dict) -> float:
    return timed([binary(), "sync", str(site), remote, "--checksum", "--transfers", "8"], env)[0]


def bare_copy(site: Path, remote: str, env: dict, only: list[str] | None = None) -> float:
    args = [binary(), "copy", str(site), remote, "--no-check-dest", "--transfers", "8"]
    if only is not None:
        listing = site.parent / "only.txt"
        listing.write_text("".join(f"{p}\n" for p in only), encoding="utf-8")
        args += ["--files-from-raw", str(listing)]
    return timed(args, env)[0]


def differing(first: Path, second: Path) -> list[str]:
    return sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()
                  and (not (first / p.relative_to(second)).is_file()
                       or (first / p.relative_to(second)).read_bytes() != p.read_bytes()))


def size(site: Path) -> tuple[int, float]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files) / 10**6


def edit_one_title(records: Path) -> None:
    record = sorted((records / "activities").rglob("*.yml"))[len(list((records / "activities").rglob("*.yml"))) // 2]
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1（修改）", text, count=1), encoding="utf-8")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    work = Path(tempfile.mkdtemp(prefix="dangjian-bench-deploy-"))
    try:
        records = work / "records"
        make_tree(records, n)
        first, second = work / "site-1", work / "site-2"
        build(records, first)
        edit_one_title(records)
        build(records, second)
        files, mb = size(first)
        print(f"site: {n} activities, {files} files, {mb:.1f} MB")
        rows = []
        with sshd(work / "sshd") as server:
            env = server.env()
            ssh_env = {**ENV, "RCLONE_CONFIG": os.devnull, "RCLONE_SFTP_HOST": "127.0.0.1",
                       "RCLONE_SFTP_PORT": str(server.port), "RCLONE_SFTP_USER": server.user,
                       "RCLONE_SFTP_KEY_FILE": str(work / "sshd/client"),
                       "RCLONE_SFTP_KNOWN_HOSTS_FILE": str(work / "known_hosts"), "RCLONE_SFTP_DISABLE_HASHCHECK": "true"}
            (work / "known_hosts").write_text(server.known_hosts + "\n", encoding="utf-8")
            www = work / "www"
            cold = deploy(first, server.to(www), env)
            time.sleep(1.1)  # releases are named by the second
            again = deploy(second, server.to(www), env)
            floor_cold = bare_copy(first, f":sftp:{work / 'floor'}", ssh_env)
            floor_again = bare_copy(second, f":sftp:{work / 'floor'}", ssh_env, differing(first, second))
            rows.append(("server (sftp)", cold, again, floor_cold, floor_again))
        with s3(work / "s3", ("site", "floor")) as storage:
            env = {**ENV, **storage.env()}
            args = ("--endpoint", storage.endpoint, "--provider", "Minio")
            cold = deploy(first, "s3://site", env, *args)
            again = deploy(second, "s3://site", env, *args)
            client = storage.client_env()
            floor_cold = floor(first, ":s3:floor", client)
            floor_again = floor(second, ":s3:floor", client)
            rows.append(("bucket (s3)", cold, again, floor_cold, floor_again))
        print("| target | cold deploy (s) | files / MB sent | floor (s) | after one edit (s) "
              "| files / MB sent | share of the site | floor (s) |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, cold, again, floor_cold, floor_again in rows:
            print(f"| {name} | {cold[0]:.1f} | {cold[1]} / {cold[2]:.1f} | {floor_cold:.1f} | {again[0]:.1f} "
                  f"| {again[1]} / {again[2]:.2f} | {again[2] / mb:.2%} | {floor_again:.1f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
