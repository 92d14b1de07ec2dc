"""An original is decoded once per content, ever: a warm `check` and a warm build open no original (followed by the
processes' own file opens, workers included); a changed photo is checked again, a broken one refused at its line
every time, and a cache that is corrupt or edited is not believed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from PIL import Image
from support.opens import Opens
from support.sitebuild import config_for, mkdocs_build

from generator import messages as say

PHOTOS = {"2024/a.jpg": (200, 30, 30), "2024/b.jpg": (30, 120, 200), "2024/c.png": (40, 160, 60)}


@pytest.fixture
def photos(tree, tmp_path):
    for rel, colour in PHOTOS.items():
        path = tree.records / "assets" / rel
        Image.new("RGB", (320, 240), colour).save(path, "PNG" if rel.endswith(".png") else "JPEG")
    tree.write("activities/2024/2024-04-01-zhanshi.yml", "title: 展示\ndate: 2024-04-01\nprogram: san-tong-san-yi\n"
               "photos:\n  - src: 2024/b.jpg\n  - src: 2024/c.png\n    caption: 说明\n")
    return Opens(tmp_path, tree.records / "assets")


def test_a_warm_check_opens_no_original(tree, photos):
    done, cold = photos.check(tree.root)
    assert done.returncode == 0, done.stdout
    assert cold == sorted(PHOTOS)
    done, warm = photos.check(tree.root)
    assert (done.returncode, warm) == (0, [])
    assert done.stdout.strip() == "检查通过：10 个文件，没有发现问题。"


@pytest.mark.build
def test_a_warm_build_opens_no_original(tree, photos):
    config = config_for(tree.records, tree.root)
    build = ["-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(tree.root / "site")]
    done, first = photos.run(build, tree.root)
    assert done.returncode == 0, done.stderr
    assert sorted({rel for _, rel in first}) == sorted(PHOTOS)  # checked, and each published copy made from it
    done, again = photos.run(build, tree.root)
    assert done.returncode == 0, done.stderr
    assert again == []
    assert mkdocs_build(config, tree.root / "site2").returncode == 0


def test_a_changed_photo_is_checked_again_and_a_broken_one_is_refused_every_time(tree, photos):
    photos.check(tree.root)
    Image.new("RGB", (300, 200), (10, 10, 10)).save(tree.records / "assets/2024/b.jpg", "JPEG")
    done, opened = photos.check(tree.root)
    assert (done.returncode, opened) == (0, ["2024/b.jpg"])

    good = (tree.records / "assets/2024/b.jpg").read_bytes()
    (tree.records / "assets/2024/b.jpg").write_bytes(good[: len(good) // 2])  # an upload cut short
    broken = ("records/activities/2024/2024-04-01-zhanshi.yml:5:10: 错误：字段 photos 第 1 张照片的 src："
              + say.asset_broken("2024/b.jpg"))
    for _ in range(2):
        done, opened = photos.check(tree.root)
        assert done.returncode == 1
        assert done.stdout.splitlines()[0] == broken
        assert opened == ["2024/b.jpg"]


def test_a_fresh_checkout_with_the_cache_restored_opens_no_original(tree, photos, tmp_path):
    """CI: a new clone (every file a new time and inode) and .cache/ from the last run. git names the content."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e"}
    (tree.root / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "records"]):
        subprocess.run(["git", *args], cwd=tree.root, env=env, check=True)
    photos.check(tree.root)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(tree.root), str(clone)], check=True)
    shutil.copytree(tree.root / ".cache", clone / ".cache")
    (tmp_path / "second").mkdir()
    opens = Opens(tmp_path / "second", clone / "records/assets")
    done, opened = opens.run(["-m", "generator", "check"], clone)
    assert (done.returncode, opened) == (0, [])


@pytest.mark.parametrize("spoil", ["garbage", "edited", "truncated"])
def test_a_corrupt_or_edited_memory_is_not_believed(tree, photos, spoil):
    photos.check(tree.root)
    memory = tree.root / ".cache/photos/checked.json"
    doc = json.loads(memory.read_bytes())
    if spoil == "garbage":
        memory.write_bytes(b"\x00not json")
    elif spoil == "edited":  # a photo made to look smaller than it is, its checksum left as it was
        doc["entries"]["2024/a.jpg"][4] = 1
        memory.write_text(json.dumps(doc), encoding="utf-8")
    else:
        memory.write_bytes(memory.read_bytes()[:-20])
    done, opened = photos.check(tree.root)
    assert (done.returncode, opened) == (0, sorted(PHOTOS))
    size = (tree.records / "assets/2024/a.jpg").stat().st_size
    assert json.loads(memory.read_bytes())["entries"]["2024/a.jpg"][4:] == [320, 240, size]


def test_a_cold_check_decodes_on_every_core(tree, photos):
    for i in range(12):
        Image.new("RGB", (640, 480), (i * 20, 90, 90)).save(tree.records / f"assets/2024/m{i}.jpg", "JPEG")
    listed = "".join(f"  - src: 2024/m{i}.jpg\n" for i in range(12))
    tree.write("activities/2024/2024-05-01-duo.yml", f"title: 多\ndate: 2024-05-01\nprogram: san-tong-san-yi\nphotos:\n{listed}")
    done, opened = photos.run(["-m", "generator", "check"], tree.root)
    assert done.returncode == 0, done.stdout
    assert len({rel for _, rel in opened}) == 15
    assert len({pid for pid, _ in opened}) == min(os.cpu_count(), 15)  # the workers opened them, not one process
