from __future__ import annotations

import struct
import textwrap
import zlib
from pathlib import Path

import pytest
from PIL import Image
from support.chromium import chromium
from support.sitebuild import ROOT, http_server, mkdocs_build

from generator.errors import format_text
from generator.link import BuildMode
from generator.pipeline import check_records

# A small records tree that passes check; each test breaks one thing in it.
VALID = {
    "site.yml": """
        school: 测试小学
        organization: 中共测试小学总支部委员会
        founded: 2004-07
        member_count: 10
        honors:
          - {title: 先进基层党组织}
        branches:
          - {id: di-yi, name: 第一党支部}
          - {id: di-er, name: 第二党支部}
        pillars:
          - {id: rongru, title: 学校党建既融入教育教学，又彰显自身价值, short: 融入教学}
        """,
    "programs/san-tong-san-yi.yml": """
        title: 三同三异
        pillar: rongru
        summary: 同课异构、同书异读、同题异论。
        """,
    "places/dangyuan-huodongshi.yml": """
        title: 党员活动室
        kind: position
        """,
    "members/zhang-hua.yml": """
        name: 张华
        branch: di-yi
        story: 她的故事。
        consent: true
        """,
    "activities/2024/2024-03-12-tongke-yigou.yml": """
        title: 同课异构研讨
        date: 2024-03-12
        program: san-tong-san-yi
        places: [dangyuan-huodongshi]
        branches: [di-yi]
        members: [zhang-hua]
        photos:
          - src: 2024/a.jpg
            caption: 现场
        """,
    "publications/dangxing-riji/index.yml": """
        title: 党性日记
        """,
    "publications/dangxing-riji/2024-01.yml": """
        date: 2024-06-01
        articles:
          - title: 一篇文章
            author: 张华
            member: zhang-hua
            body: 正文。
        """,
    "suggestions/2024/2024-05-20-jianyi.yml": """
        title: 一条建议
        date: 2024-05-20
        from: 家长
        content: 建议内容。
        state: replied
        reply: 回复内容。
        replied: 2024-05-27
        """,
    "reviews/2024.yml": """
        year: 2024
        report: 述职报告。
        highlights: [2024-03-12-tongke-yigou]
        evaluation:
          date: 2025-01-10
          voters: 10
          items:
            - item: 融入教学
              counts: {好: 6, 较好: 2, 一般: 1, 差: 1}
        """,
}


class Tree:
    """A records tree in a temporary folder, checked from its parent so paths read records/…"""

    def __init__(self, root: Path):
        self.root = root
        self.records = root / "records"
        for rel, text in VALID.items():
            self.write(rel, text)
        self.image("2024/a.jpg")

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.records / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, str):
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        else:
            path.write_bytes(text)
        return path

    def image(self, rel: str, fmt: str = "JPEG", size=(40, 30)) -> Path:
        path = self.records / "assets" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, (200, 30, 30)).save(path, fmt)
        return path

    def huge_png(self, rel: str, side: int = 20000) -> Path:
        """A complete, valid black 1-bit PNG of side x side pixels, made without Pillow's cost."""
        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        row = b"\0" * (1 + (side + 7) // 8)  # filter byte, then packed pixels
        png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
        png += chunk(b"IDAT", zlib.compress(row * side, 9)) + chunk(b"IEND", b"")
        return self.write(f"assets/{rel}", png)

    def remove(self, rel: str) -> None:
        (self.records / rel).unlink()

    def check(self, mode: BuildMode = BuildMode()):
        return check_records(Path("records"), mode)

    def lines(self, mode: BuildMode = BuildMode()) -> list[str]:
        return [format_text(p) for p in sorted(self.check(mode).problems, key=lambda p: p.sort_key)]


@pytest.fixture(scope="session")
def browsers():
    """One Debian Chromium for every browser test, and one whose interface is in English (the web editor must
    show no English word even there)."""
    with chromium("en-US") as (b, others):
        yield b, others["en-US"]


@pytest.fixture(scope="session")
def browser(browsers):
    return browsers[0]


@pytest.fixture(scope="session")
def english_browser(browsers):
    return browsers[1]


@pytest.fixture
def tree(tmp_path, monkeypatch) -> Tree:
    monkeypatch.chdir(tmp_path)
    return Tree(tmp_path)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The site built from the shipped records with the shipped mkdocs.yml: built once for every test that only
    reads it (a test that changes a site builds its own)."""
    site = tmp_path_factory.mktemp("shipped") / "site"
    done = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert done.returncode == 0, done.stderr
    return site


@pytest.fixture(scope="session")
def shipped_url(shipped_site) -> str:
    """The shipped site served over HTTP."""
    with http_server(shipped_site) as url:
        yield url


@pytest.fixture
def server(shipped_url) -> str:
    """The shipped site's address, as the browser, layout and accessibility tests call it."""
    return shipped_url


# Fixtures that build the shipped site or start a server: a test that uses one is a `build` test.
BUILDING = {"shipped_site", "shipped_url", "server", "shipped_archive", "published", "exported", "editing", "edit"}


def pytest_collection_modifyitems(items):
    """`browser` and `build` follow from the fixtures a test uses; a module may mark the rest (pytestmark)."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "browsers" in names:  # `browser` and `english_browser` both come from it
            item.add_marker(pytest.mark.browser)
        if names & BUILDING:
            item.add_marker(pytest.mark.build)
