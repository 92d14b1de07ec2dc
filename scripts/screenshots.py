"""Screenshots of every kind of page at a desktop and a phone width, the two pages a secretary prints (the
述职评议 with its 测评表, and an activity) as A4 PDFs, and the web editor as a teacher uses it (make edit, in its
review mode): what the site looks like, for review and for the record.

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

from support.chromium import chromium  # noqa: E402
from support.decap import login, mark_ready, open_form, pick, upload_photo, use_chosen_photo  # noqa: E402
from support.sitebuild import http_server, make_edit, mkdocs_build, project_copy  # noqa: E402

from generator import outputs  # noqa: E402

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


def _jpeg(png: bytes, path: Path) -> None:
    Image.open(io.BytesIO(png)).convert("RGB").save(path, "JPEG", quality=70, optimize=True)


def editor(browser, work: Path, shots: Path) -> int:
    """The editor in review mode (branches, as pull requests): the list, a new activity with a photo, the photo
    library, a required field left empty, the review board, and publishing."""
    project = project_copy(work / "edit/project", git=True)
    photo = work / "现场 1.jpg"
    Image.new("RGB", (800, 600), (120, 160, 200)).save(photo, quality=85)
    with make_edit(project, mode="git") as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")  # a Chinese teacher's browser
        page.on("dialog", lambda d: d.accept())
        login(page, url)
        page.get_by_role("link", name="党建活动").first.click()
        page.get_by_text("党员教师“同课异构”课堂教学研讨").first.wait_for(timeout=30_000)
        _jpeg(page.screenshot(), shots / "editor-list.jpg")
        open_form(page, url, "collections/activity/new")
        page.get_by_label("日期", exact=True).fill("2024-05-10")
        page.get_by_label("活动标题").fill("党员教师读书沙龙")
        pick(page, "所属特色做法", "三同", "“三同三异”展示教学风采")
        pick(page, "地点 (可选)", "活动室", "党员活动室")
        upload_photo(page, photo)
        _jpeg(page.screenshot(), shots / "editor-photos.jpg")
        use_chosen_photo(page)
        page.get_by_label("照片说明 (可选)").fill("读书沙龙现场")
        page.set_viewport_size({"width": 1280, "height": 2900})  # the form scrolls inside the page: show it whole
        page.get_by_label("活动标题").scroll_into_view_if_needed()
        _jpeg(page.screenshot(), shots / "editor-activity.jpg")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.get_by_role("button", name="保存", exact=True).click()
        page.get_by_text("修改已保存").first.wait_for(timeout=20_000)
        mark_ready(page)
        page.get_by_role("button", name="发布", exact=True).click()
        page.get_by_text("立即发布").first.wait_for()
        _jpeg(page.screenshot(), shots / "editor-publish.jpg")
        page.keyboard.press("Escape")
        page.goto(url + "admin/#/workflow")
        page.get_by_text("党员教师读书沙龙").first.wait_for(timeout=20_000)
        _jpeg(page.screenshot(), shots / "editor-workflow.jpg")
        open_form(page, url, "collections/activity/new")
        page.get_by_label("日期", exact=True).fill("2024-05-12")
        page.get_by_role("button", name="保存", exact=True).click()
        page.get_by_text("“活动标题”是必填项").wait_for()
        _jpeg(page.screenshot(), shots / "editor-required.jpg")
        page.close()
    return 6


def imported(browser, work: Path, shots: Path) -> int:
    """A Word 简报 (masthead, headline, body, a photo and its caption, foot) after `make import`, opened in the
    editor: the draft a teacher checks before publishing it."""
    import subprocess

    import docx
    from docx.shared import Inches
    from PIL import ImageDraw

    project = project_copy(work / "import/project")
    photo = io.BytesIO()
    picture = Image.new("RGB", (800, 600), (236, 220, 200))
    draw = ImageDraw.Draw(picture)
    for i, colour in enumerate([(180, 40, 40), (200, 150, 60), (90, 120, 160), (120, 90, 70)]):
        draw.ellipse((120 + i * 150, 240, 220 + i * 150, 340), fill=colour)  # four people round a table
    draw.rectangle((80, 360, 720, 420), fill=(150, 100, 60))
    picture.save(photo, "JPEG", quality=85)
    d = docx.Document()
    for line in ("实验小学党建工作简报", "2024年第9期", "实验小学党总支编印\t\t2024年10月14日", "━━━━━━━━━━━━"):
        d.add_paragraph(line)
    d.add_paragraph().add_run("发挥夕阳余热　共话学校发展").bold = True
    d.add_paragraph("\u3000\u300010月11日上午，学校党总支召开重阳节座谈会，二十多位离退休教师围坐一堂，"
                    "为学校的科学发展建言献策。（示例：虚构的简报，用来演示导入）")
    d.add_picture(photo, width=Inches(4))
    d.add_paragraph("离退休教师在座谈会上发言")
    for line in ("报：区教育局党委", "送：各党支部", "共印20份"):
        d.add_paragraph(line)
    source = work / "import/2024年第9期简报.docx"
    d.save(source)
    subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "generator", "import", str(source)], cwd=project, check=True)
    entry = next((project / "records/activities/2024").glob("2024-10-11-*.yml")).stem
    with make_edit(project) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 2300}, locale="zh-CN")
        login(page, url)
        open_form(page, url, f"collections/activity/entries/2024/{entry}")
        # The photo's entry opened (its toggle is the first button of the box that shows its path): picture, caption.
        page.get_by_text(f"2024/{entry}-1.jpg").locator("xpath=ancestor::div[.//button][1]//button").first.click()
        page.get_by_label("照片说明 (可选)").wait_for()
        # The photo itself, read through decap-server (docs/admin/photos.js: not Decap's empty placeholder).
        page.wait_for_function("[...document.images].some(i => i.complete && i.naturalWidth === 800)")
        page.get_by_label("活动标题").scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        _jpeg(page.screenshot(), shots / "editor-imported.jpg")
        page.close()
    return 1


def ledger(work: Path, shots: Path) -> int:
    """The internal 台账 of the shipped records' year (make ledger YEAR=2011 INTERNAL=1): its cover, contents, the
    first page of activities and the 制度落实情况 table, as pdftoppm draws them."""
    import functools
    import re
    import subprocess
    import tempfile

    out = Path(tempfile.mkdtemp(prefix="ledger-")) / "books"  # outside the project: ledger writes nowhere in it
    subprocess.run([sys.executable, "-m", "generator", "ledger", "--year", "2011", "--internal", "--out", str(out)],
                   cwd=ROOT, check=True, capture_output=True)
    pdf = next(out.glob("*.pdf"))

    @functools.cache  # each page is read for the contents' end and again for the heading sought
    def text(page: int) -> str:
        return re.sub(r"\s+", "", subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                                                 capture_output=True, text=True, check=True).stdout)

    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                            check=True).stdout)[1])
    body = [n for n in range(3, pages + 1) if "·目录" not in text(n)[:80]]  # past the contents
    chosen = {"cover": 1, "contents": 2, "activity": next(n for n in body if "一、党建活动" in text(n)),
              "compliance": next(n for n in body if "八、制度落实情况" in text(n))}
    for name, page in chosen.items():
        subprocess.run(["pdftoppm", "-r", "90", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf),
                        str(work / f"ledger-{name}")], check=True)
        _jpeg((work / f"ledger-{name}.png").read_bytes(), shots / f"ledger-{name}.jpg")
    shutil.rmtree(out.parent)
    return len(chosen)


def main() -> None:
    out = ROOT / "screenshots"
    try:  # only a folder this script made (it holds its mark) is replaced
        outputs.refuse_foreign(out, outputs.SCREENSHOTS)
    except outputs.OutputRefused as e:
        sys.exit(str(e))
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
                _jpeg(page.screenshot(full_page=True), shots / f"{name}-{kind}.jpg")
            context.close()
        page = browser.new_page()
        for name, path in PRINTED.items():
            page.goto(url + path, wait_until="networkidle")
            page.emulate_media(media="print")
            page.pdf(path=str(shots / f"{name}-a4.pdf"), format="A4", print_background=True)
        page.close()
        edited = editor(browser, work, shots) + imported(browser, work, shots)
    printed = ledger(work, shots)
    shutil.copy2(out / "README.md", shots / "README.md")
    outputs.mark(shots, outputs.SCREENSHOTS)
    shutil.rmtree(out, ignore_errors=True)
    shots.rename(out)
    shutil.rmtree(work, ignore_errors=True)
    print(f"screenshots/：{len(PAGES) * len(WIDTHS)} 张网站截图，{edited} 张网页编辑器截图，{len(PRINTED)} 个 PDF，"
          f"{printed} 张台账页面")


if __name__ == "__main__":
    main()
