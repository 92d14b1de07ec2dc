"""Published photos: upright, no metadata at all, no larger than the set size; originals untouched; cached."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
import support.icc as icc
from PIL import Image
from support.sitebuild import config_for, mkdocs_build

from generator.photos import LONG_EDGE, THUMB_EDGE, PhotoPublisher

pytestmark = pytest.mark.build

ORIENTATION, GPS_IFD = 0x0112, 0x8825


def camera_jpeg(path, size=(4000, 3000)):
    """A JPEG as a phone writes it when held upright: pixels stored sideways, EXIF orientation 6, GPS position."""
    w, h = size
    img = Image.new("RGB", (w, h), (0, 0, 255))
    img.paste((255, 0, 0), (0, 0, w // 2, h))  # stored: left half red, right half blue
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # display: rotate 90° clockwise, so the red half ends up on top
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (32.0, 30.0, 0.0), "E", (120.0, 9.0, 0.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", exif=exif.tobytes(), quality=90)
    with Image.open(path) as check:  # the fixture really carries what the test is about
        assert check.getexif()[ORIENTATION] == 6 and check.getexif().get_ifd(GPS_IFD)[1] == "N"


def test_published_copy_is_upright_without_metadata_and_resized(tree, tmp_path):
    original = tree.records / "assets/2024/phone.jpg"
    camera_jpeg(original)
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml",
               "title: 研讨\ndate: 2024-03-12\nprogram: san-tong-san-yi\nphotos:\n  - src: 2024/phone.jpg\n    caption: 现场\n")
    site = tmp_path / "site"
    done = mkdocs_build(config_for(tree.records, tmp_path), site)
    assert done.returncode == 0, done.stderr

    for path, edge in ((site / "media/2024/phone.jpg", LONG_EDGE), (site / "media/thumbs/2024/phone.jpg", THUMB_EDGE)):
        with Image.open(path) as img:
            assert img.format == "JPEG"
            assert img.size == (edge * 3 // 4, edge)  # portrait now: 3000×4000 scaled to the long edge
            assert "exif" not in img.info and len(img.getexif()) == 0  # no EXIF at all, GPS included
            assert not {"icc_profile", "xmp", "comment"} & set(img.info)
            top, bottom = img.getpixel((img.width // 2, 5)), img.getpixel((img.width // 2, img.height - 5))
            assert top[0] > 200 and top[2] < 60, top  # red on top: turned upright
            assert bottom[2] > 200 and bottom[0] < 60, bottom
    assert hashlib.sha256(original.read_bytes()).hexdigest() == digest  # the original is never modified
    with Image.open(original) as img:
        assert img.getexif()[ORIENTATION] == 6


def test_small_photos_are_not_enlarged_and_png_stays_png(tmp_path):
    assets = tmp_path / "assets"
    (assets / "x").mkdir(parents=True)
    Image.new("RGBA", (300, 200), (10, 20, 30, 128)).save(assets / "x/small.png")
    out = PhotoPublisher(assets, tmp_path / "cache").publish("x/small.png")
    with Image.open(out.large) as img:
        assert (img.format, img.size, img.mode) == ("PNG", (300, 200), "RGBA")


def test_copies_are_cached_by_content(tmp_path):
    assets = tmp_path / "assets"
    camera_jpeg(assets / "a.jpg", size=(800, 600))
    publisher = PhotoPublisher(assets, tmp_path / "cache")
    first = publisher.publish("a.jpg")
    stamp = first.large.stat().st_mtime_ns
    again = publisher.publish("a.jpg")
    assert again == first and first.large.stat().st_mtime_ns == stamp  # reused, not redone
    camera_jpeg(assets / "a.jpg", size=(900, 600))
    assert publisher.publish("a.jpg").large != first.large  # new content, new copy


def test_the_shipped_example_pictures_are_grey_cards_not_a_photo_or_a_flag():
    from PIL import ImageStat

    root = Path(__file__).resolve().parent.parent
    for name in ("shili-huodong.jpg", "shili-fengmian.jpg"):
        with Image.open(root / "records/assets/2011" / name) as img:
            r, g, b = ImageStat.Stat(img.convert("RGB")).mean
            saturation = ImageStat.Stat(img.convert("HSV")).mean[1]
        assert max(r, g, b) - min(r, g, b) < 12 and saturation < 20, (name, r, g, b, saturation)


def _uniform(path: Path, fmt: str, colour, *, icc: bytes | None = None, size=(640, 480), **options) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = {"icc_profile": icc} if icc else {}
    Image.new("RGB", size, colour).save(path, fmt, **extra, **options)
    return path


def _centre(path: Path) -> tuple:
    with Image.open(path) as img:
        assert "icc_profile" not in img.info  # published without a profile: browsers read it as sRGB
        return img.convert("RGB").getpixel((img.width // 2, img.height // 2))


def _near(a, b, tolerance=4) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("fmt, name, primaries", [
    ("HEIF", "p3.heic", icc.DISPLAY_P3),  # an iPhone photo: HEIC in Display P3
    ("JPEG", "p3.jpg", icc.DISPLAY_P3),  # the same saved as JPEG ("兼容性最佳")
    ("JPEG", "adobe.jpg", icc.ADOBE_RGB),  # a camera set to Adobe RGB
])
def test_a_wide_gamut_photo_is_published_in_srgb_with_its_colours(tmp_path, fmt, name, primaries):
    colour = (200, 120, 60)
    profile = icc.profile(primaries, 2.2, name)
    _uniform(tmp_path / "assets" / name, fmt, colour, icc=profile, quality=95)
    expected = icc.in_srgb(colour, primaries, 2.2)  # computed without littlecms
    assert not _near(colour, expected, 10)  # dropping the profile would be visible
    out = PhotoPublisher(tmp_path / "assets", tmp_path / "cache").publish(name)
    assert out.large.suffix == ".jpg" and _near(_centre(out.large), expected) and _near(_centre(out.thumb), expected)
    with Image.open(out.large) as img:
        assert img.format == "JPEG"


def test_a_heic_photo_passes_check(tree):
    _uniform(tree.records / "assets/2024/a.jpg", "HEIF", (200, 30, 30), quality=90)  # named .jpg, HEIC inside
    assert tree.lines() == []


def test_cmyk_sixteen_bit_and_palette_images_are_published(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    Image.new("CMYK", (64, 48), (0, 255, 255, 0)).save(assets / "cmyk.jpg", "JPEG", quality=95)  # a press red
    Image.new("I;16", (64, 48), 0x8000).save(assets / "grey16.png")
    palette = Image.new("P", (64, 48), 1)
    palette.putpalette([0, 0, 0, 30, 144, 255] + [0] * 762)
    palette.save(assets / "palette.png", transparency=0)
    publisher = PhotoPublisher(assets, tmp_path / "cache")
    assert _near(_centre(publisher.publish("cmyk.jpg").large), (255, 0, 0), 6)
    with Image.open(publisher.publish("grey16.png").large) as img:
        assert (img.format, img.mode, img.getpixel((10, 10))) == ("PNG", "L", 128)
    with Image.open(publisher.publish("palette.png").large) as img:
        assert (img.format, img.mode, img.getpixel((10, 10))) == ("PNG", "RGBA", (30, 144, 255, 255))  # transparency kept


def _photos(assets: Path, n: int) -> list[str]:
    names = []
    for i in range(n):
        _uniform(assets / f"p{i}.jpg", "JPEG", (i * 40 % 256, 100, 200), size=(2400, 1800))
        names.append(f"p{i}.jpg")
    return names


def test_on_every_core_the_copies_are_the_same_as_on_one(tmp_path):
    names = _photos(tmp_path / "assets", 4)
    told = []
    many = PhotoPublisher(tmp_path / "assets", tmp_path / "many").publish_all(names, lambda *a: told.append(a), workers=2)
    one = PhotoPublisher(tmp_path / "assets", tmp_path / "one").publish_all(names, workers=1)
    assert [many[n].large.read_bytes() for n in names] == [one[n].large.read_bytes() for n in names]
    assert told[-1] == (4, 4)


def test_a_warm_build_reads_no_photo(tmp_path, monkeypatch):
    import generator.photos as photos

    names = _photos(tmp_path / "assets", 3)
    first = PhotoPublisher(tmp_path / "assets", tmp_path / "cache").publish_all(names)

    def never(*args, **kwargs):
        raise AssertionError("a photo was read")

    monkeypatch.setattr(photos.Image, "open", never)
    monkeypatch.setattr(photos, "render", never)
    monkeypatch.setattr(Path, "read_bytes", never)
    assert PhotoPublisher(tmp_path / "assets", tmp_path / "cache").publish_all(names) == first  # a new run


def test_after_a_fresh_checkout_git_knows_the_photos_so_none_is_read(tmp_path, monkeypatch):
    """In CI the cache comes back from the last run but every file has a new time: git's own record of the
    committed content stands in for reading them."""
    import subprocess

    import generator.photos as photos

    names = _photos(tmp_path / "assets", 2)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e",
           "PATH": os.environ["PATH"]}
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "photos"]):
        subprocess.run(["git", *args], cwd=tmp_path / "assets", env=env, check=True)
    first = PhotoPublisher(tmp_path / "assets", tmp_path / "cache").publish_all(names)
    for name in names:  # what a checkout does to them
        os.utime(tmp_path / "assets" / name, ns=(1, 1))
    monkeypatch.setattr(photos.Image, "open", lambda *a, **k: pytest.fail("a photo was opened"))
    monkeypatch.setattr(Path, "read_bytes", lambda *a, **k: pytest.fail("a photo was read"))
    assert PhotoPublisher(tmp_path / "assets", tmp_path / "cache").publish_all(names) == first


def test_the_cache_keeps_only_copies_of_the_photos_there_are(tmp_path):
    names = _photos(tmp_path / "assets", 3)
    publisher = PhotoPublisher(tmp_path / "assets", tmp_path / "cache")
    made = publisher.publish_all(names)
    (tmp_path / "cache/0123-large.jpg").write_bytes(b"from older settings")
    (tmp_path / "assets/p2.jpg").unlink()
    assert publisher.prune() == 3
    left = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert left == sorted([made[n].large.name for n in names[:2]] + [made[n].thumb.name for n in names[:2]] + ["index.json"])


def test_oversized_originals_are_warned_about_and_shrink_makes_them_small_enough_for_git(tree):
    import subprocess
    import sys

    big = tree.records / "assets/2024/a.jpg"
    camera_jpeg(big)  # 4000×3000, stored sideways, with GPS
    small = tree.image("2024/b.jpg")
    before_small = small.read_bytes()
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml",
               "title: 研讨\ndate: 2024-03-12\nprogram: san-tong-san-yi\nphotos:\n  - src: 2024/a.jpg\n  - src: 2024/b.jpg\n")
    assert tree.lines() == [
        "records/activities/2024/2024-03-12-tongke-yigou.yml:5:10: 警告：字段 photos 第 1 张照片的 src：records/assets/2024/a.jpg"
        " 比需要的大（长边超过 2560 像素或文件超过 3 MB），会让仓库越来越大。运行 make shrink 把它缩小（网站上看起来一样）"]
    done = subprocess.run([sys.executable, "-m", "generator", "shrink"], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"已缩小 1 张照片，\d+\.\d MB → \d+\.\d MB，省下 \d+\.\d MB：\n  2024/a\.jpg：\d+\.\d MB → \d+\.\d MB\n",
                        done.stdout), done.stdout
    with Image.open(big) as img:
        assert (img.format, img.size) == ("JPEG", (1920, 2560)) and len(img.getexif()) == 0
        top = img.getpixel((img.width // 2, 5))
        assert top[0] > 200 and top[2] < 60  # upright: red on top
    assert small.read_bytes() == before_small
    assert tree.lines() == []


def test_a_heic_photo_is_published_under_a_jpeg_name(tree, tmp_path):
    _uniform(tree.records / "assets/2024/iphone.heic", "HEIF", (200, 30, 30), quality=90)
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml",
               "title: 研讨\ndate: 2024-03-12\nprogram: san-tong-san-yi\nphotos:\n  - src: 2024/iphone.heic\n")
    site = tmp_path / "site"
    done = mkdocs_build(config_for(tree.records, tmp_path), site)
    assert done.returncode == 0, done.stderr
    page = (site / "activities/2024/2024-03-12-tongke-yigou/index.html").read_text(encoding="utf-8")
    assert "media/2024/iphone.heic.jpg" in page and "iphone.heic\"" not in page
    for path in (site / "media/2024/iphone.heic.jpg", site / "media/thumbs/2024/iphone.heic.jpg"):
        with Image.open(path) as img:
            assert img.format == "JPEG"
    assert not (site / "media/2024/iphone.heic").exists()
