"""Draw the two example pictures the shipped example records use: neutral grey cards that say 示例图片, so that
no invented photo passes for a real one (and none looks like a flag). Run once when they need to change:

    .venv/bin/python scripts/example-photos.py

Needs the Noto CJK fonts (Debian: fonts-noto-cjk, which `make test` installs). Writes records/assets/2011/."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
SC = 2  # the Simplified Chinese face in the collection
OUT = Path(__file__).resolve().parent.parent / "records/assets/2011"

PAPER = (236, 233, 228)
INK = (92, 88, 84)
LINE = (178, 172, 165)


def _centred(draw: ImageDraw.ImageDraw, y: int, text: str, font, width: int) -> None:
    left, _, right, _ = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - (right - left)) // 2, y), text, font=font, fill=INK)


def card(size: tuple[int, int], hint: str, path: Path) -> None:
    width, height = size
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    margin = width // 24
    draw.rectangle((margin, margin, width - margin, height - margin), outline=LINE, width=max(2, width // 300))
    # A simple picture sign: a frame with a hill and a sun, in outline.
    w = width // 5
    x0, y0 = (width - w) // 2, height // 2 - w
    draw.rectangle((x0, y0, x0 + w, y0 + w * 3 // 4), outline=LINE, width=max(3, w // 30))
    draw.line((x0 + w // 10, y0 + w * 2 // 3, x0 + w * 2 // 5, y0 + w * 3 // 8, x0 + w * 3 // 5, y0 + w // 2,
               x0 + w * 9 // 10, y0 + w // 4), fill=LINE, width=max(3, w // 30))
    r = w // 10
    draw.ellipse(
        (x0 + w * 3 // 4 - r, y0 + w // 5 - r, x0 + w * 3 // 4 + r, y0 + w // 5 + r), outline=LINE, width=max(3, w // 30)
    )
    _centred(draw, height // 2 + w // 8, "示例图片", ImageFont.truetype(BOLD, width // 12, index=SC), width)
    _centred(draw, height // 2 + w // 8 + width // 9, hint, ImageFont.truetype(FONT, width // 30, index=SC), width)
    image.save(path, "JPEG", quality=85, optimize=True)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    card((1200, 800), "请换成活动现场的照片", OUT / "shili-huodong.jpg")
    card((600, 850), "请换成刊物的封面", OUT / "shili-fengmian.jpg")
