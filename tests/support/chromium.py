"""Debian's Chromium under Playwright (never a downloaded browser), and a page that records what goes wrong."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# As root in CI, and without background traffic to Google's hosts (the machine has no network).
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic"]


@contextlib.contextmanager
def chromium(*languages: str):
    """Debian's Chromium; with `languages` (e.g. "en-US"), also one started in each of those interface languages
    (--lang), as a teacher's might be: then yields (browser, {language: browser})."""
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: make test installs it (scripts/system-packages.sh)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        others = {}
        try:
            for language in languages:
                others[language] = p.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, f"--lang={language}"])
            yield (browser, others) if languages else browser
        finally:
            for other in others.values():
                other.close()
            browser.close()


@dataclass
class Watch:
    """What a page did: console errors and warnings, failed responses (by address), dialogs, and requests
    that tried to leave the local server (each refused)."""

    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    requested: set[str] = field(default_factory=set)


@contextlib.contextmanager
def watched_page(browser, base: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    watch = Watch()

    def route(r):
        if r.request.url.startswith(base):
            return r.continue_()
        watch.outside.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    page = context.new_page()
    # A failed load is in `failed` with its address; the console's own line for it names none.
    page.on("console", lambda m: watch.console.append(f"{page.url} {m.type}: {m.text}")
            if m.type in ("error", "warning") and not m.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda e: watch.console.append(f"{page.url} pageerror: {e}"))
    page.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
    page.on("response", lambda r: (watch.requested.add(r.url.removeprefix(base)),
                                   watch.failed.append(r.url.removeprefix(base)) if r.status >= 400 else None))
    try:
        yield page, watch
    finally:
        context.close()
