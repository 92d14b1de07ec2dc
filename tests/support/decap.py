"""Driving the web editor (Decap CMS) in a Playwright page as a teacher does: shared by tests/test_editor.py and
scripts/screenshots.py."""

from __future__ import annotations

from playwright.sync_api import expect


def login(page, url: str) -> None:
    """The local backend's login: one button, no account."""
    page.goto(url + "admin/")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="党建活动").first.wait_for(timeout=30_000)


def open_form(page, url: str, route: str) -> None:
    """An editor page by its address, loaded afresh (a change of the # alone can leave the last form's state)."""
    page.goto(url + "admin/#/" + route)
    page.reload()
    page.get_by_text("正在集合").first.wait_for(timeout=30_000)  # 正在集合“党建活动”中编写


def pick(page, label: str, typed: str, option: str) -> None:
    """A relation field: type part of the Chinese name, take the option that shows it."""
    page.get_by_label(label).click()
    page.keyboard.type(typed)
    page.get_by_text(option).last.wait_for(timeout=10_000)
    page.keyboard.press("Enter")


def upload_photo(page, path) -> None:
    """A new photo in the list, and a file uploaded into the photo library (left open, the file chosen)."""
    page.get_by_role("button", name="新增照片").click()
    page.get_by_role("button", name="选择图片").last.click()
    page.locator("input[type=file]").set_input_files([path])
    expect(page.get_by_role("button", name="选用已选中项目")).to_be_enabled(timeout=20_000)  # uploaded, chosen


def use_chosen_photo(page) -> None:
    page.get_by_role("button", name="选用已选中项目").click()
    page.get_by_text("选用已选中项目").wait_for(state="hidden")


def mark_ready(page) -> None:
    """Review mode: a saved draft set to 就绪 (ready to publish)."""
    page.get_by_role("button", name="状态: 草稿").click()
    page.get_by_text("就绪", exact=True).click()
    page.get_by_role("button", name="状态: 就绪").wait_for(timeout=10_000)
