"""`generator deploy` to the school's own server, against a real OpenSSH server on loopback (tests/support/sshd.py):
releases switched live in one step, only what changed sent, rollback, the host key checked, secrets only from the
environment, and a killed deploy that leaves the live site as it was."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from support.deploying import NO_ICP, run_deploy
from support.sitebuild import ROOT
from support.sshd import sshd

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with sshd(tmp_path_factory.mktemp("sshd")) as s:
        yield s


def deploy(server, *args, env=None) -> subprocess.CompletedProcess:
    return run_deploy(*args, env=env or server.env())


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def served(www: Path) -> dict[str, bytes]:
    """The live release's files, less its manifest."""
    return {p: b for p, b in files(www / "current").items() if p != ".manifest"}


def carried(www: Path) -> list[str]:
    return json.loads((www / "current/.manifest").read_text(encoding="utf-8"))["carried"]


def live(www: Path) -> str:
    return os.readlink(www / "current")


def small_site(folder: Path, css: str = "x {}") -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html><title>首页</title>", encoding="utf-8")
    (folder / "assets").mkdir()
    (folder / "assets/site.css").write_text(css, encoding="utf-8")
    return folder


def test_the_site_is_served_file_for_file_and_a_second_deploy_sends_only_what_changed(server, shipped_site, tmp_path):
    site, www = tmp_path / "site", tmp_path / "www"
    shutil.copytree(shipped_site, site)
    first = deploy(server, "--site", str(site), "--to", server.to(www))
    assert (first.returncode, first.stderr) == (0, NO_ICP)
    release = live(www)
    assert release.startswith("releases/") and served(www) == files(site) and carried(www) == []
    manifest = json.loads((www / "current/.manifest").read_text(encoding="utf-8"))["files"]
    assert manifest == {p: hashlib.sha256(b).hexdigest() for p, b in files(site).items()}
    count = len(files(site))
    assert f"：上传 {count} 个文件（" in first.stdout and "未变而直接沿用 0 个，删除 0 个。" in first.stdout

    page = site / "members/zhang-hua/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("张华", "张华（已修改）"), encoding="utf-8")
    (site / "sitemap.xml.gz").unlink()
    second = deploy(server, "--site", str(site), "--to", server.to(www))
    assert second.returncode == 0, second.stderr
    assert "：上传 1 个文件（" in second.stdout and f"未变而直接沿用 {count - 2} 个" in second.stdout
    gone = {"sitemap.xml.gz": files(www / release)["sitemap.xml.gz"]}  # kept one release for pages still open
    assert live(www) != release and served(www) == {**files(site), **gone} and carried(www) == ["sitemap.xml.gz"]
    # the unchanged files of the new release are the old release's own, linked on the server, not copies
    css = next(p for p in (www / release).rglob("*.css"))
    again = www / live(www) / css.relative_to(www / release)
    assert os.stat(css).st_ino == os.stat(again).st_ino
    assert (www / release / "members/zhang-hua/index.html").read_text(encoding="utf-8").count("（已修改）") == 0
    time.sleep(1.1)  # releases are named by the second
    third = deploy(server, "--site", str(site), "--to", server.to(www))
    assert third.returncode == 0 and "：上传 0 个文件（" in third.stdout
    assert served(www) == files(site) and carried(www) == []  # carried once, not again


def test_rollback_switches_back_to_the_release_before_and_sends_nothing(server, tmp_path):
    www = tmp_path / "www"
    for css in ("first {}", "second {}"):
        done = deploy(server, "--site", str(small_site(tmp_path / css.split()[0], css)), "--to", server.to(www))
        assert done.returncode == 0, done.stderr
        time.sleep(1.1)  # releases are named by the second
    first, second = sorted(p.name for p in (www / "releases").iterdir())
    assert live(www) == f"releases/{second}"
    back = deploy(server, "--rollback", "--to", server.to(www))
    assert (back.returncode, back.stdout) == (0, f"已回退：{server.to(www)} 现在是版本 {first}。\n")
    assert live(www) == f"releases/{first}"
    assert (www / "current/assets/site.css").read_text(encoding="utf-8") == "first {}"
    nothing_before = deploy(server, "--rollback", "--to", server.to(www))
    assert (nothing_before.returncode, nothing_before.stderr) == (1, "错误：服务器上没有更早的一次发布，无法回退。\n")


def test_only_the_last_five_releases_are_kept(server, tmp_path):
    www = tmp_path / "www"
    for n in range(7):
        done = deploy(server, "--site", str(small_site(tmp_path / f"s{n}", f"n{n} {{}}")), "--to", server.to(www))
        assert done.returncode == 0, done.stderr
        time.sleep(1.1)
    kept = sorted(p.name for p in (www / "releases").iterdir())
    assert len(kept) == 5 and live(www) == f"releases/{kept[-1]}"
    assert (www / "current/assets/site.css").read_text(encoding="utf-8") == "n6 {}"


def test_a_server_with_another_host_key_gets_nothing(server, tmp_path):
    """DEPLOY_SSH_KNOWN_HOSTS names the server's key: another machine answering at that address is refused."""
    www = tmp_path / "www"
    site = small_site(tmp_path / "site")
    assert deploy(server, "--site", str(site), "--to", server.to(www)).returncode == 0
    before = live(www), files(www)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "other")], check=True)
    other = " ".join((tmp_path / "other.pub").read_text().split()[:2])
    env = server.env(DEPLOY_SSH_KNOWN_HOSTS=f"[127.0.0.1]:{server.port} {other}")
    (site / "assets/site.css").write_text("changed {}", encoding="utf-8")
    done = deploy(server, "--site", str(site), "--to", server.to(www), env=env)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == NO_ICP + ("错误：发布没有完成：服务器的主机密钥与 DEPLOY_SSH_KNOWN_HOSTS 不符"
                           "（可能连到了别的机器，或服务器重装过）；请向服务器管理员核对后更新这个密钥。"
                           "线上的网站没有改动，仍是上一次发布的版本。\n")
    assert (live(www), files(www)) == before


def test_a_site_with_its_icp_number_deploys_without_the_warning(server, tree, tmp_path):
    tree.write("site.yml", (tree.records / "site.yml").read_text(encoding="utf-8") + "icp: 苏ICP备12345678号-1\n")
    done = deploy(server, "--records", str(tree.records), "--site", str(small_site(tmp_path / "site")),
                  "--to", server.to(tmp_path / "www"))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"已发布到 {server.to(tmp_path / 'www')}（版本 ")


@pytest.mark.parametrize(("name", "what"), [("DEPLOY_SSH_KEY", "发布用的 SSH 私钥的全文"),
                                            ("DEPLOY_SSH_KNOWN_HOSTS", "服务器的主机密钥，即 known_hosts 里的那一行，"
                                                                       "例如 web.example.edu.cn ssh-ed25519 AAAA…")])
def test_a_missing_secret_is_named_and_nothing_is_sent(server, tmp_path, name, what):
    env = {k: v for k, v in server.env().items() if k != name}
    done = deploy(server, "--site", str(small_site(tmp_path / "site")), "--to", server.to(tmp_path / "www"), env=env)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == NO_ICP + (f"错误：缺少环境变量 {name}（{what}）：请在 Forgejo 或 GitHub 仓库的“密钥”"
                                    "（Secrets）里设置它，在自己电脑上发布时先 export 它。它的内容不会写进项目或日志。\n")
    assert not (tmp_path / "www").exists()


@pytest.mark.parametrize("target", ["ftp://web.example.edu.cn/srv", "sftp://web.example.edu.cn/srv", "sftp://a@b/",
                                    "sftp://a@b/srv/../etc", "s3://"])
def test_a_target_that_cannot_be_read_is_refused_with_how_to_write_it(server, tmp_path, target):
    done = deploy(server, "--site", str(small_site(tmp_path / "site")), "--to", target)
    assert (done.returncode, done.stderr) == (1, NO_ICP + f"错误：看不懂发布目标“{target}”：学校自己的服务器写成 "
                                                 "sftp://用户@主机[:端口]/目录，对象存储写成 s3://存储桶[/前缀]。\n")


def test_a_deploy_killed_midway_leaves_the_live_site_as_it_was_and_the_next_one_finishes(server, shipped_site, tmp_path):
    www = tmp_path / "www"
    first = small_site(tmp_path / "first")
    assert deploy(server, "--site", str(first), "--to", server.to(www)).returncode == 0
    before = live(www), files(www / "current")
    time.sleep(1.1)
    run = subprocess.Popen([sys.executable, "-m", "generator", "deploy", "--site", str(shipped_site),
                            "--to", server.to(www)], cwd=ROOT, env=server.env(), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".partial") for p in (www / "releases").iterdir()):
        assert run.poll() is None and time.monotonic() < deadline, "the transfer never started"
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGKILL)  # the command and its rclone, as a cut network or a closed laptop would
    run.wait()
    assert (live(www), files(www / "current")) == before
    again = deploy(server, "--site", str(shipped_site), "--to", server.to(www))
    assert again.returncode == 0, again.stderr
    kept = {"assets/site.css": b"x {}"}  # the first site's style: one release more
    assert served(www) == {**files(shipped_site), **kept} and carried(www) == ["assets/site.css"]
    assert not [p for p in (www / "releases").iterdir() if p.name.startswith(".")]
    # the killed run's private folder (its copy of the key) is gone too: the next run swept it
    assert list(Path(tempfile.gettempdir()).glob(f"dangjian-deploy-{run.pid}-*")) == []


def test_a_key_the_server_does_not_know_is_refused_with_the_reason(server, tmp_path):
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "stranger")], check=True)
    env = server.env(DEPLOY_SSH_KEY=(tmp_path / "stranger").read_text())
    done = deploy(server, "--site", str(small_site(tmp_path / "site")), "--to", server.to(tmp_path / "www"), env=env)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == NO_ICP + ("错误：发布没有完成：服务器拒绝了登录：DEPLOY_SSH_KEY 对应的公钥不在部署用户的 "
                                    "authorized_keys 里，或用户名不对。线上的网站没有改动，仍是上一次发布的版本。\n")
    assert "PRIVATE KEY" not in done.stderr


def test_a_full_disk_on_the_server_is_named_and_its_half_sent_release_removed(server, shipped_site, tmp_path):
    """SFTP reports a full disk only as "Failure": the deploy asks the server for its free space. A real full disk:
    a 2 MB tmpfs (mounting needs root, as the CI runs)."""
    assert os.geteuid() == 0, "this test mounts a small tmpfs as the server's disk: run the suite as root (CI does)"
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], check=True)
    try:
        www = disk / "www"
        assert deploy(server, "--site", str(small_site(tmp_path / "small")), "--to", server.to(www)).returncode == 0
        before = live(www), files(www / "current")
        time.sleep(1.1)
        done = deploy(server, "--site", str(shipped_site), "--to", server.to(www))
        assert (done.returncode, done.stdout) == (1, "")
        size = sum(p.stat().st_size for p in shipped_site.rglob("*") if p.is_file()) / 10**6
        assert re.fullmatch(re.escape(NO_ICP) + r"错误：发布没有完成：服务器的磁盘空间不够了（发布目录所在的磁盘还剩 "
                            rf"\d+\.\d MB，网站有 {size:.1f} MB）；请清理服务器或扩大磁盘后再发布。"
                            r"线上的网站没有改动，仍是上一次发布的版本。\n", done.stderr), done.stderr
        assert (live(www), files(www / "current")) == before
        assert [p.name for p in (www / "releases").iterdir() if p.name.startswith(".")] == []  # space given back
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_tampered_manifest_on_the_server_cannot_make_a_deploy_remove_anything_outside_its_release(server, tmp_path):
    www = tmp_path / "www"
    assert deploy(server, "--site", str(small_site(tmp_path / "first")), "--to", server.to(www)).returncode == 0
    (www / "keep.txt").write_text("服务器上别人的文件", encoding="utf-8")
    manifest = www / "current/.manifest"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"].update({"../../keep.txt": "0" * 64, "/etc/hostname": "0" * 64, "a/./b": "0" * 64})
    manifest.write_text(json.dumps(data), encoding="utf-8")
    time.sleep(1.1)
    done = deploy(server, "--site", str(small_site(tmp_path / "second", "changed {}")), "--to", server.to(www))
    assert done.returncode == 0, done.stderr
    assert (www / "keep.txt").read_text(encoding="utf-8") == "服务器上别人的文件"
    assert served(www) == files(tmp_path / "second") and carried(www) == []
