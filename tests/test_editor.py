"""The web editor as a teacher uses it on the school's own machine: `make edit` on a copy of the project (the real
Decap CMS, vendored, against the real decap-server, with the live preview beside it), driven in Debian's Chromium,
with no request leaving the machine."""

from __future__ import annotations

import contextlib
import re
import subprocess
import time

import pytest
from PIL import Image
from support.decap import login, mark_ready, open_form, pick, upload_photo, use_chosen_photo
from support.sitebuild import config_for, http_server, make_edit, mkdocs_build, project_copy, published_with_editor

from generator.cms import LOCAL_SERVER
from generator.link import BuildMode
from generator.pipeline import check_records

pytestmark = pytest.mark.build

PENDING = """\
title: 希望延长图书室开放时间
date: 2024-05-20
from: 家长
content: 希望图书室周末也能开放。
"""


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    """`make edit` in a copy of the project; yields the preview's address and the copy."""
    project = project_copy(tmp_path_factory.mktemp("edit") / "project")
    (project / "records/suggestions/2024").mkdir()
    (project / "records/suggestions/2024/2024-05-20-tushushi.yml").write_text(PENDING, encoding="utf-8")
    with make_edit(project) as url:
        yield url, project


@contextlib.contextmanager
def _session(browser, url: str, decap_server: str | None = None):
    """A logged-in editor page; every request that would leave the machine is refused and recorded, and so is
    every error the page logs. Dialogs (the editor's "publish?") are accepted. decap_server: where the requests
    for decap-server's usual address (a built site's) go instead."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    seen = {"outside": [], "errors": []}

    def route(r):
        address = r.request.url
        host = address.split("/")[2].split(":")[0]
        if host not in ("127.0.0.1", "localhost"):
            seen["outside"].append(address)
            return r.abort()
        if decap_server and address.startswith(LOCAL_SERVER):
            return r.continue_(url=decap_server + address[len(LOCAL_SERVER):])
        return r.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("response", lambda r: seen["errors"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("dialog", lambda d: d.accept())
    login(page, url)
    yield page, seen
    context.close()
    assert seen == {"outside": [], "errors": []}


@pytest.fixture
def editor(browser, editing):
    url, project = editing
    with _session(browser, url) as (page, seen):
        yield page, url, project, seen


def _markdown(page, name: str):
    """A Markdown field's text box (its label names no control: the box is an editable block beside it)."""
    label = page.locator(f"label[for^='{name}-field']")
    return label.locator("xpath=ancestor::div[contains(@class, 'ControlContainer')][1]").locator("[contenteditable=true]")


def _publish(page) -> None:
    page.get_by_text("含未保存的修改").first.wait_for(timeout=10_000)
    page.get_by_role("button", name="发布", exact=True).click()
    page.get_by_text("立即发布").first.click()
    page.get_by_text("修改已保存").first.wait_for(timeout=20_000)


def _appears(path, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} was not written"
        time.sleep(0.1)


def _settles(condition, seconds: float = 20, explain=lambda: "") -> None:
    """Until `condition()` holds (what decap-server does in git mode takes several git commands after it answers).
    `explain()`: what to show if it never does."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the editor's server never finished\n" + explain()
        time.sleep(0.1)


def _git_state(project, page) -> str:
    """The repository and the editor as they stand, for a step of git mode that never finished."""
    log = project.parent / "edit.log"
    return "\n".join([
        "branches: " + _git(project, "branch", "-a", "-vv"),
        "status: " + _git(project, "status", "--short", "--branch"),
        "log: " + _git(project, "log", "--oneline", "-3", "--all"),
        "editor says: " + " | ".join(page.locator("[role=alert], [class*=Toast], [class*=toast]").all_inner_texts()),
        "make edit's log (end): " + (log.read_text(encoding="utf-8")[-3000:] if log.exists() else "none"),
    ])


def _problems(project, rel: str) -> list:
    result = check_records(project / "records", BuildMode(drafts=True))
    return [p for p in result.problems if p.file.endswith(rel)]


def test_the_published_sites_editor_loads_nothing_from_the_internet_and_logs_no_error(browser, tree, tmp_path):
    """/admin/ of a site built for publishing with site.yml's editor (GitHub here): the login page, in Chinese,
    with nothing fetched from elsewhere until the teacher logs in."""
    with http_server(published_with_editor(tree.records, tmp_path)) as url:
        context = browser.new_context()
        outside, errors = [], []
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url)
                      else (outside.append(r.request.url), r.abort()))
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "admin/")
        page.get_by_role("button", name="使用 GitHub 登录").wait_for(timeout=30_000)
        context.close()
    assert (outside, errors) == ([], [])


def test_the_editor_opens_in_chinese_and_lists_every_kind(editor):
    page, *_ = editor
    for label in ("党建活动", "党员风采", "特色做法", "阵地与基地", "党性论坛", "述职评议", "网站设置"):
        page.get_by_role("link", name=label).first.wait_for(timeout=20_000)
    page.get_by_role("link", name="党建活动").first.click()
    page.get_by_text("党员教师“同课异构”课堂教学研讨").first.wait_for(timeout=20_000)


def test_a_saved_activitys_photo_and_one_chosen_from_the_library_show_in_its_form(editor):
    """Decap 3 left both as an empty grey box (docs/admin/photos.js): each shows, at its own size."""
    page, url, project, _ = editor

    def shows(photo: str) -> None:
        with Image.open(project / "records/assets" / photo) as picture:
            size = list(picture.size)
        shown = "([w, h]) => [...document.images].some(i => i.complete && i.naturalWidth === w && i.naturalHeight === h)"
        page.wait_for_function(shown, arg=size, timeout=10_000)

    page.goto(url + "admin/#/collections/activity/entries/2011/2011-03-16-tongke-yigou")
    page.get_by_text("2011/shili-huodong.jpg").locator("xpath=..").locator("button").first.click(timeout=20_000)
    shows("2011/shili-huodong.jpg")
    page.get_by_role("button", name="新增照片").click()
    page.get_by_role("button", name="选择图片").last.click()
    page.get_by_text("shili-fengmian.jpg").first.click(timeout=20_000)  # a photo already in the library
    use_chosen_photo(page)
    shows("2011/shili-fengmian.jpg")


def test_a_teacher_makes_an_activity_with_two_photos_without_typing_pinyin(editor, tmp_path):
    """A Chinese title, a date, a practice, two places and a member chosen by their Chinese names, and two photos
    from a phone (one with a Chinese name): the file lands where the spec says with an ASCII name made from the
    date, the photos beside the year with names check accepts, and the preview shows the page with both."""
    page, url, project, _ = editor
    Image.new("RGB", (800, 600), (120, 160, 200)).save(tmp_path / "现场 1.jpg", quality=85)
    exif = Image.Exif()
    exif[0x0112] = 6  # held upright, stored sideways: a phone's 12-megapixel photo
    Image.new("RGB", (4000, 3000), (200, 160, 120)).save(tmp_path / "IMG_20240510_093011.JPG", quality=85,
                                                         exif=exif.tobytes())
    open_form(page, url, "collections/activity/new")
    page.get_by_label("活动标题").fill("党员教师读书沙龙")
    date = page.get_by_label("日期", exact=True)
    assert date.get_attribute("type") == "date"  # a date, no time (issue 29)
    form = page.locator("form, [class*='ControlPane']").first.inner_text()
    assert "UTC" not in form and "文件名" not in form and "records/" not in form
    assert "点右边的日历选一天，或直接输入，例如 2024-05-10" in form
    date.fill("2024-05-10")
    pick(page, "所属特色做法", "三同", "“三同三异”展示教学风采")
    pick(page, "地点 (可选)", "活动室", "党员活动室")
    pick(page, "地点 (可选)", "业余", "业余党校")
    pick(page, "相关党员 (可选)", "张", "张华")
    for i, name in enumerate(["现场 1.jpg", "IMG_20240510_093011.JPG"]):
        upload_photo(page, tmp_path / name)
        use_chosen_photo(page)
        page.get_by_label("照片说明 (可选)").nth(i).fill(f"读书沙龙现场{'一二'[i]}")
    _publish(page)

    made = project / "records/activities/2024/2024-05-10-000000.yml"
    _appears(made)
    text = made.read_text(encoding="utf-8")
    assert re.fullmatch(
        r"title: 党员教师读书沙龙\ndate: 2024-05-10\nprogram: san-tong-san-yi\n"
        r"places: \[dangyuan-huodongshi, yeyu-dangxiao\]\nmembers: \[zhang-hua\]\n"
        r"photos:\n  - src: 2024/(photo-\d{8}-\d{6}-1\.jpg)\n    caption: 读书沙龙现场一\n"
        r"  - src: 2024/img_20240510_093011\.jpg\n    caption: 读书沙龙现场二\n"
        r"status: published\nvisibility: public\n", text), text
    assert _problems(project, "2024-05-10-000000.yml") == []
    with Image.open(project / "records/assets/2024/img_20240510_093011.jpg") as img:  # redrawn before upload
        assert img.size == (1920, 2560) and not img.getexif()  # upright, the originals' size, no metadata

    preview = page.context.new_page()
    deadline = time.monotonic() + 30
    while True:  # the preview rebuilds on its own once the file is saved
        response = preview.goto(url + "activities/2024/2024-05-10-000000/")
        if response.ok:
            break
        assert time.monotonic() < deadline, "the preview never showed the new activity"
        time.sleep(0.5)
    preview.get_by_role("heading", name="党员教师读书沙龙").wait_for()
    images = preview.locator("article .dj-photos img")
    assert images.count() == 2 and all(images.nth(i).evaluate("i => i.complete && i.naturalWidth > 0") for i in range(2))
    preview.close()

    site = tmp_path / "site"
    done = mkdocs_build(config_for(project / "records", tmp_path), site)
    assert done.returncode == 0, done.stderr
    built = (site / "activities/2024/2024-05-10-000000/index.html").read_text(encoding="utf-8")
    assert built.count('class="dj-photo') >= 2 and "img_20240510_093011.jpg" in built


def test_a_second_activity_on_the_same_day_gets_a_name_of_its_own(editor):
    page, url, project, _ = editor
    first = project / "records/activities/2024/2024-05-11-000000.yml"
    for title in ("上午的活动", "下午的活动"):
        open_form(page, url, "collections/activity/new")
        page.get_by_label("活动标题").fill(title)
        page.get_by_label("日期", exact=True).fill("2024-05-11")
        pick(page, "所属特色做法", "三同", "“三同三异”展示教学风采")
        _publish(page)
    second = project / "records/activities/2024/2024-05-11-000000-1.yml"
    _appears(second)
    assert first.read_text(encoding="utf-8").startswith("title: 上午的活动\n")
    assert second.read_text(encoding="utf-8").startswith("title: 下午的活动\n")
    assert _problems(project, "2024-05-11-000000-1.yml") == []


def test_a_member_edited_and_put_back_is_byte_for_byte_the_file_it_was(editor):
    """The form keeps every other field as it was: one change changes one line, and undoing it restores the
    file exactly (the shipped records are in the form the editor writes)."""
    page, url, project, _ = editor
    path = project / "records/members/zhang-hua.yml"
    before = path.read_text(encoding="utf-8")
    open_form(page, url, "collections/member/entries/zhang-hua")
    motto = page.get_by_label("格言 (可选)")
    motto.press("End")
    motto.type("！")
    _publish(page)
    _changes_to(path, before.replace("motto: 一岗双责，身正为范。\n", "motto: 一岗双责，身正为范。！\n"))
    open_form(page, url, "collections/member/entries/zhang-hua")  # opened again, as the next day
    motto.press("End")
    motto.press("Backspace")
    _publish(page)
    _changes_to(path, before)


def _changes_to(path, text: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while path.read_text(encoding="utf-8") != text:
        assert time.monotonic() < deadline, path.read_text(encoding="utf-8")
        time.sleep(0.1)


def test_a_suggestion_is_answered_in_the_form(editor):
    page, url, project, _ = editor
    path = project / "records/suggestions/2024/2024-05-20-tushushi.yml"
    open_form(page, url, "collections/suggestion/entries/2024/2024-05-20-tushushi")
    page.get_by_label("办理情况 (可选)").click()
    page.get_by_text("已回复", exact=True).last.click()
    _markdown(page, "reply").fill("感谢建议，周六上午开放。")
    page.get_by_label("回复日期 (可选)").fill("2024-05-27")
    _publish(page)
    _changes_to(path, PENDING + "state: replied\nreply: 感谢建议，周六上午开放。\nreplied: 2024-05-27\n")
    assert _problems(project, "2024-05-20-tushushi.yml") == []


def test_a_required_field_left_empty_is_refused_in_chinese(editor):
    page, url, project, seen = editor
    before = sorted(p.name for p in (project / "records/activities").rglob("*.yml"))
    open_form(page, url, "collections/activity/new")
    page.get_by_label("日期", exact=True).fill("2024-06-01")
    page.get_by_role("button", name="发布", exact=True).click()
    page.get_by_text("立即发布").first.click()
    page.get_by_text("你漏掉了一个必填项，请在保存之前将它填写好").wait_for(timeout=10_000)
    for label in ("活动标题", "所属特色做法"):
        page.get_by_text(f"“{label}”是必填项").wait_for()
    assert sorted(p.name for p in (project / "records/activities").rglob("*.yml")) == before
    # Decap 3.16.3 leaves the refused save as an unhandled rejection with no reason: its own, and harmless.
    assert seen["errors"] == ["undefined"]
    seen["errors"].clear()


def _git(project, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, encoding="utf-8",
                          check=True).stdout


def test_in_review_mode_a_save_waits_on_a_branch_until_it_is_published(browser, tmp_path):
    """`make edit EDIT_MODE=git`: the editor's review board (工作流) over git branches, as on GitHub or Forgejo:
    saving makes a branch and leaves main alone; publishing a record marked 就绪 brings it into main."""
    project = project_copy(tmp_path / "project", git=True)
    rel = "records/activities/2024/2024-05-12-000000.yml"
    with make_edit(project, mode="git") as url, _session(browser, url) as (page, seen):
        open_form(page, url, "collections/activity/new")
        page.get_by_label("活动标题").fill("党员教师读书沙龙")
        page.get_by_label("日期", exact=True).fill("2024-05-12")
        pick(page, "所属特色做法", "三同", "“三同三异”展示教学风采")
        page.get_by_role("button", name="保存", exact=True).click()
        page.get_by_text("修改已保存").first.wait_for(timeout=20_000)
        branch = "cms/activity/2024/2024-05-12-000000"
        assert _git(project, "branch", "--list", "cms/*").split() == [branch]
        assert _git(project, "show", f"{branch}:{rel}") == ("title: 党员教师读书沙龙\ndate: 2024-05-12\n"
                                                            "program: san-tong-san-yi\nstatus: published\nvisibility: public\n")
        # decap-server's git mode checks the branch out to commit on it, then main again: once it is back, the
        # record is on the branch only (the editor may still be asking about the branch just after the save)
        _settles(lambda: not (project / rel).exists() and _git(project, "branch", "--show-current").strip() == "main",
                 explain=lambda: _git_state(project, page))

        mark_ready(page)
        page.get_by_role("button", name="发布", exact=True).click()
        page.get_by_text("立即发布").first.click()
        # merged into main, its branch deleted, main checked out: decap-server's steps, each in its own time
        _settles(lambda: (project / rel).exists() and _git(project, "branch", "--list", "cms/*") == ""
                 and _git(project, "branch", "--show-current").strip() == "main", 60, lambda: _git_state(project, page))
        # Asked whether a branch for this record exists yet, decap-server answers 404 when none does: the editor's
        # own way of finding a free name, not a failure.
        api = [e for e in seen["errors"] if re.fullmatch(r"404 http://127\.0\.0\.1:\d+/api/v1", e)]
        echoes = [e for e in seen["errors"] if e == "Failed to load resource: the server responded with a status of "
                                                    "404 (Not Found)"]
        assert api and len(seen["errors"]) == len(api) + len(echoes), seen["errors"]
        seen["errors"].clear()
    assert _git(project, "log", "-1", "--format=%s").strip() == "Create 党建活动 “2024/2024-05-12-000000”"
    assert _problems(project, "2024-05-12-000000.yml") == []


ENGLISH = re.compile(r"[A-Za-z]{2,}")
FLAT = """() => {
    const flat = (o, p = "") => Object.entries(o).flatMap(([k, v]) => v && typeof v === "object" ? flat(v, p + k + ".")
                                                                                                 : [p + k]);
    const zh = new Set(flat(CMS.getLocale("zh_Hans")));
    return flat(CMS.getLocale("en")).filter(k => !zh.has(k));
}"""


def test_the_editor_shows_no_english_word_even_in_a_browser_set_to_english(english_browser, tmp_path):
    """Chromium started with --lang=en-US: every string of Decap's English locale has its Chinese one, and the
    login page, the collection list, a form, the media library and the review board (its dates as M月D日) show no
    English word (issue 29)."""
    project = project_copy(tmp_path / "project", git=True)
    with make_edit(project, mode="git") as url:
        page = english_browser.new_page()
        page.goto(url + "admin/")
        page.get_by_role("button", name="登录").wait_for(timeout=30_000)
        assert page.evaluate(FLAT) == []  # no string left to fall back to English
        shown = {"login": page.locator("body").inner_text()}
        login(page, url)
        shown["collections"] = page.locator("body").inner_text()
        open_form(page, url, "collections/activity/new")
        shown["form"] = page.locator("body").inner_text()
        page.get_by_label("活动标题").fill("党员教师读书沙龙")
        page.get_by_label("日期", exact=True).fill("2024-05-12")
        pick(page, "所属特色做法", "三同", "“三同三异”展示教学风采")
        page.get_by_role("button", name="保存", exact=True).click()
        page.get_by_text("修改已保存").first.wait_for(timeout=20_000)
        page.goto(url + "admin/#/media")
        page.get_by_text("媒体").first.wait_for(timeout=20_000)
        shown["media"] = page.locator("body").inner_text()
        page.goto(url + "admin/#/workflow")
        page.get_by_text("党员教师读书沙龙").first.wait_for(timeout=20_000)
        shown["review board"] = page.locator("body").inner_text()
        page.close()
    assert {where: ENGLISH.findall(text) for where, text in shown.items()} == {where: [] for where in shown}
    assert re.search(r"\n\d{1,2}月\d{1,2}日\n", shown["review board"])  # the card's date: was "December 7"


@pytest.mark.parametrize("editor, button", [
    ("{host: github, repo: shixiao/dangjian}", "使用 GitHub 登录"),
    ("{host: forgejo, repo: shixiao/dangjian, base_url: 'https://git.example.edu.cn', app_id: 7d1c}", "使用 Forgejo 登录"),
])
def test_the_published_login_page_is_chinese_for_github_and_forgejo(english_browser, tree, tmp_path, editor, button):
    with http_server(published_with_editor(tree.records, tmp_path, editor)) as url:
        context = english_browser.new_context()
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
        page = context.new_page()
        page.goto(url + "admin/")
        page.get_by_role("button", name=button).wait_for(timeout=30_000)
        assert ENGLISH.findall(page.locator("body").inner_text().replace(button, "")) == []
        context.close()


def test_text_pasted_from_word_into_the_body_saves_in_a_form_check_accepts(editor):
    """A Word paragraph pasted into the body — full-width-space and tab indents, CRLF, a zero-width space, a
    soft hyphen, Word's manual line break — is saved plain, and `check` accepts it (issue 29)."""
    page, url, project, _ = editor
    open_form(page, url, "collections/activity/new")
    page.get_by_label("活动标题").fill("粘贴的简报")
    page.get_by_label("日期", exact=True).fill("2024-05-13")
    pick(page, "所属特色做法", "三同", "“三同三异”展示教学风采")
    body = _markdown(page, "body")
    body.click()
    word = "\u3000\u3000第一段，党员教\u00ad师开展研\u200b讨。\r\n\t第二段\u000b手动换行。\r\n"
    body.evaluate("""(el, text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
    }""", word)
    _publish(page)
    made = project / "records/activities/2024/2024-05-13-000000.yml"
    _appears(made)
    assert made.read_text(encoding="utf-8") == (
        "title: 粘贴的简报\ndate: 2024-05-13\nprogram: san-tong-san-yi\n"
        "body: |\n  第一段，党员教师开展研讨。\n  第二段\n  手动换行。\n"
        "status: published\nvisibility: public\n")
    assert _problems(project, "2024-05-13-000000.yml") == []
