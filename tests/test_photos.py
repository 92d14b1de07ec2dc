"""Published photos: upright, no metadata at all, no larger than the set size; originals untouched; cached."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PIL import Image
from sitebuild import config_for, mkdocs_build

from generator.photos import LONG_EDGE, THUMB_EDGE, PhotoPublisher

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
