"""A build's rendering shared with the second core (generator/render_beside.py): the very site one core writes, the
same warnings at the same turn, and any page the other process could not render exactly rendered by the build."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

import pytest
from support.sitebuild import ROOT, config_for, free_port, wait_for

from generator import messages as say
from generator.render_beside import MARKDOWN_SHARE, TEMPLATE_SHARE

PAGES = 72  # the shipped project's pages: records and hand-written


def shared(pages: int, markdown_not_taken: int = 0, templates_not_taken: int = 0) -> str:
    return say.rendered_beside(int(pages * MARKDOWN_SHARE) - markdown_not_taken,
                               int(pages * TEMPLATE_SHARE) - templates_not_taken, pages)
TWO_CORES = len(os.sched_getaffinity(0)) >= 2


def _one_core():
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def build(config: Path, site: Path, *, one_core: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-f", str(config), "-d", str(site)],
        cwd=config.parent, capture_output=True, text=True, encoding="utf-8",
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, preexec_fn=_one_core if one_core else None,
    )


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def beside_lines(log: str) -> list[str]:
    return [line.split("-  ", 1)[1] for line in log.splitlines() if "第二个处理器核" in line]


def problems(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]


@pytest.fixture
def project(tmp_path) -> Path:
    assert TWO_CORES, "these tests need a machine with two cores or more (the CI runner and the school's server have)"
    return config_for(ROOT / "records", tmp_path, own_docs=True)


def test_a_build_renders_half_its_pages_beside_and_writes_the_site_one_core_writes(project, tmp_path):
    two = build(project, tmp_path / "two")
    one = build(project, tmp_path / "one", one_core=True)
    assert two.returncode == 0, two.stderr
    assert one.returncode == 0, one.stderr
    assert beside_lines(two.stderr) == [shared(PAGES)]
    assert beside_lines(one.stderr) == []  # one core: nothing forked, every page rendered in turn
    assert files(tmp_path / "two") == files(tmp_path / "one")


def test_a_warning_from_a_page_rendered_beside_is_logged_at_its_turn_and_fails_the_strict_build(project, tmp_path):
    pages = project.parent / "docs" / "beside"
    pages.mkdir()
    for n in range(1, 7):  # consecutive pages: every other one is rendered in the other process
        (pages / f"p{n}.md").write_text(f"# 第{n}页\n\n[链接](missing-{n}.md)\n", encoding="utf-8")
    two = build(project, tmp_path / "two")
    one = build(project, tmp_path / "one", one_core=True)
    expected = [f"WARNING -  Doc file 'beside/p{n}.md' contains a link 'missing-{n}.md', but the target "
                f"'beside/missing-{n}.md' is not found among documentation files." for n in range(1, 7)]
    assert [p for p in problems(two.stderr) if "beside/" in p] == expected
    assert problems(two.stderr) == problems(one.stderr)
    assert two.returncode == 1
    assert "Aborted with 6 warnings in strict mode!" in two.stdout + two.stderr
    assert beside_lines(two.stderr) == [shared(PAGES + 6)]


HOOK = """
    import os

    PARENT = os.getpid()  # imported before the build forks
    seen = []
    contexts = []


    def on_page_markdown(markdown, page, **kwargs):
        if os.getpid() == PARENT:
            return markdown
        seen.append(page.file.src_uri)
        if len(seen) == 1:
            raise RuntimeError("只在另一个进程里出错")
        if len(seen) == 2:
            return markdown + "\\n\\n另一个进程的版本\\n"
        return markdown


    def on_page_context(context, page, **kwargs):
        if os.getpid() == PARENT:
            return context
        contexts.append(page.file.src_uri)
        if len(contexts) == 1:
            raise RuntimeError("只在另一个进程里出错")
        if len(contexts) == 2:
            page.content += "<p>另一个进程的版本</p>"
        return context
    """


def test_a_page_the_other_process_failed_or_rendered_from_another_state_is_rendered_by_the_build(project, tmp_path):
    hook = tmp_path / "other_process.py"
    hook.write_text(textwrap.dedent(HOOK), encoding="utf-8")
    project.write_text(project.read_text(encoding="utf-8") + f"\nhooks:\n  - {hook}\n", encoding="utf-8")
    two = build(project, tmp_path / "two")
    one = build(project, tmp_path / "one", one_core=True)
    assert two.returncode == 0, two.stderr
    assert one.returncode == 0, one.stderr
    assert beside_lines(two.stderr) == [shared(PAGES, 2, 2)]
    built = files(tmp_path / "two")
    assert built == files(tmp_path / "one")
    assert not [name for name, data in built.items() if "另一个进程的版本".encode() in data]


@contextlib.contextmanager
def preview(config: Path, log: Path, *, one_core: bool = False):
    """`make serve` on the project, verbose; its address once the first build is served."""
    port = free_port()
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-v", "-f", str(config),
             "-a", f"127.0.0.1:{port}"], cwd=config.parent, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, preexec_fn=_one_core if one_core else None)
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_for(url, 120)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


def served(url: str, pages: list[str]) -> dict[str, str]:
    """Each page as the preview sends it, without what differs from one server to another: its address, and the
    live-reload script's numbers."""
    port = re.escape(url.rsplit(":", 1)[1].rstrip("/"))
    answers = {}
    for page in pages:
        with urllib.request.urlopen(url + page, timeout=10) as answer:
            text = answer.read().decode("utf-8")
        answers[page] = re.sub(r"livereload\(\d+, \d+\)", "livereload()", re.sub(f":{port}\\b", ":PORT", text))
    return answers


def test_a_previews_first_build_is_shared_too_and_serves_what_one_core_serves(project, tmp_path):
    assert build(project, tmp_path / "site", one_core=True).returncode == 0
    pages = sorted(p.parent.relative_to(tmp_path / "site").as_posix() + "/" for p in (tmp_path / "site").rglob("index.html"))
    pages = [p.removeprefix("./") for p in pages]
    assert len(pages) > 60
    with preview(project, tmp_path / "two.log") as url:
        two = served(url, pages)
    with preview(project, tmp_path / "one.log", one_core=True) as url:
        one = served(url, pages)
    assert beside_lines((tmp_path / "two.log").read_text(encoding="utf-8")) == [shared(PAGES)]
    assert beside_lines((tmp_path / "one.log").read_text(encoding="utf-8")) == []
    assert two == one
    assert all("livereload()" in text for text in two.values())
