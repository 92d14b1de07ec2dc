"""Screenshots of every kind of page at a desktop and a phone width, and the two pages a secretary prints (the
述职评议 with its 测评表, and an activity) as A4 PDFs: what the site looks like, for review and for the record.

    make screenshots        (builds the site, then runs this with the test environment's Playwright)

Uses Debian's Chromium (never a downloaded browser). Writes screenshots/, replacing what was there."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chromium import chromium  # noqa: E402
from sitebuild import http_server, mkdocs_build  # noqa: E402

# name -> address, one page of each kind
PAGES = {
    "home": "",
    "work": "work/",
    "pillar": "work/rongru/",
    "program": "programs/san-tong-san-yi/",
    "places": "places/",
    "place": "places/dangyuan-huodongshi/",
    "activities": "activities/",
    "activity-year": "activities/2011/",
    "activities-by-program": "activities/by-program/",
    "activity": "activities/2011/2011-03-16-tongke-yigou/",
    "members": "members/",
    "member": "members/zhang-hua/",
    "publications": "publications/",
    "publication": "publications/dangxing-riji/",
    "issue": "publications/dangxing-riji/2011-01/",
    "duties": "duties/",
    "forum": "forum/",
    "suggestion": "forum/2011/2011-04-12-fangxiaozhou-jianyi/",
    "reviews": "reviews/",
    "review": "reviews/2011/",
    "tags": "tags/",
    "404": "404.html",
}
WIDTHS = {"desktop": 1280, "phone": 390}
PRINTED = {"review": "reviews/2011/", "activity": "activities/2011/2011-03-16-tongke-yigou/"}


def main() -> None:
    out = ROOT / "screenshots"
    work = ROOT / ".cache/screenshots"
    shutil.rmtree(work, ignore_errors=True)
    site = work / "site"
    done = mkdocs_build(ROOT / "mkdocs.yml", site)
    if done.returncode != 0:
        sys.exit(done.stderr)
    shots = work / "out"
    shots.mkdir(parents=True)
    with http_server(site) as url, chromium() as browser:
        for kind, width in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(url + path, wait_until="networkidle")
                png = page.screenshot(full_page=True)
                Image.open(io.BytesIO(png)).convert("RGB").save(shots / f"{name}-{kind}.jpg", "JPEG", quality=70,
                                                                 optimize=True)
            context.close()
        page = browser.new_page()
        for name, path in PRINTED.items():
            page.goto(url + path, wait_until="networkidle")
            page.emulate_media(media="print")
            page.pdf(path=str(shots / f"{name}-a4.pdf"), format="A4", print_background=True)
        page.close()
    shutil.rmtree(out, ignore_errors=True)
    shots.rename(out)
    shutil.rmtree(work, ignore_errors=True)
    print(f"screenshots/：{len(PAGES) * len(WIDTHS)} 张截图，{len(PRINTED)} 个 PDF")


if __name__ == "__main__":
    main()
