"""`generator export`: the site as a plain MkDocs project, built by each builder after Material — MkDocs with
Material, ProperDocs and Zensical — with Chinese search that finds what a visitor means, in Debian's Chromium;
and ProperDocs building the project itself, with the project's plugin."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.sitebuild import ROOT, http_server

from generator.outputs import EXPORT

pytestmark = pytest.mark.build

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def run(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=ENV)


def export(out: Path, records: Path = ROOT / "records", config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    return run(sys.executable, "-m", "generator", "export", "--records", records, "--out", out, "--config", config)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "export"
    done = export(out)
    assert done.returncode == 0, done.stdout + done.stderr
    pages = len([p for p in (out / "docs").rglob("*.md")])
    assert done.stdout == (f"已导出到 {out}/（{pages} 个生成的页面）。在那里运行 mkdocs build、properdocs build 或 "
                           "zensical build -f zensical.yml 都能构建网站。\n")
    return out


def test_the_export_is_a_project_of_its_own(exported):
    assert sorted(p.name for p in exported.iterdir()) == [EXPORT.mark, "docs", "hooks", "mkdocs.yml", "overrides",
                                                          "zensical.yml"]
    assert (exported / "hooks/segment.py").read_bytes() == (ROOT / "generator/segment.py").read_bytes()
    assert (exported / "hooks/jieba-user-dict.txt").read_bytes() == (ROOT / "docs/search/jieba-user-dict.txt").read_bytes()
    assert not (exported / "docs/admin").exists() and (exported / "overrides/partials/tags.html").is_file()
    assert (exported / "docs/tags/ke-tang-jiao-xue.md").is_file() and any((exported / "docs/media/thumbs").rglob("*.jpg"))
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "dangjian" not in config and "records_dir" not in config
    assert "docs_dir: docs\n" in config and "  custom_dir: overrides\n" in config
    assert "\nsite_name: 中共姜堰市实验小学总支部委员会\n" in config and "\nhooks:\n- hooks/segment.py\n" in config
    assert "    课堂教学: ke-tang-jiao-xue\n" in config and "  - 按支部: activities/by-branch.md\n" in config
    zensical = (exported / "zensical.yml").read_text(encoding="utf-8")
    assert zensical == config.replace("  language: custom     # Material's zh with lang=\"zh-CN\": "
                                      "docs/overrides/partials/languages/custom.html\n", "  language: zh\n").replace(
        "hooks:\n- hooks/segment.py\n", "")
    home = (exported / "docs/index.md").read_text(encoding="utf-8")
    assert "    activities_url: activities/\n" in home and "    url: work/rongru/\n" in home  # no plugin to resolve them


def test_an_export_replaces_only_an_earlier_export(exported, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.md").write_text("手写", encoding="utf-8")
    done = export(mine)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"错误：{mine}/ 已经存在，但不是以前导出的目录：里面的文件不是生成器写的，不会替换或改动它。"
                           "请换一个新的目录（--out），或先移走它。\n")
    assert [p.name for p in mine.iterdir()] == ["notes.md"]
    again = tmp_path / "again"
    shutil.copytree(exported, again)
    (again / "docs/stale.md").write_text("旧的", encoding="utf-8")
    assert export(again).returncode == 0
    assert not (again / "docs/stale.md").exists() and (again / "mkdocs.yml").is_file()


def test_records_with_errors_export_nothing(tree):
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 缺日期\nprogram: san-tong-san-yi\n")
    done = export(tree.root / "export", tree.records)
    assert done.returncode == 1 and "有错误，没有写入任何文件。" in done.stdout
    assert not (tree.root / "export").exists()


def test_the_word_list_is_the_one_the_plugin_is_told(tmp_path):
    """The hook segments with the plugin's `search_words`, wherever mkdocs.yml says it is; a list that is not
    there stops the export before anything is written, with the plugin's own message."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "docs/search/jieba-user-dict.txt").rename(project / "words.txt")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("search_words: docs/search/jieba-user-dict.txt",
                                                       "search_words: words.txt"), encoding="utf-8")
    done = export(project / "export", config=project / "mkdocs.yml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "export/hooks/jieba-user-dict.txt").read_bytes() == (project / "words.txt").read_bytes()

    (project / "words.txt").unlink()
    shutil.rmtree(project / "export")
    done = export(project / "export", config=project / "mkdocs.yml")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "错误：找不到搜索分词词典 words.txt（dangjian 插件的 search_words 选项）\n"
    assert not (project / "export").exists()


def test_the_home_page_of_an_export_shows_text_as_typed(tree):
    """Characters that HTML escapes, in the site's name and an activity's title: escaped once on the exported
    home page as on the site (the plugin marks the page's strings escaped; the export has no plugin)."""
    site_yml = tree.records / "site.yml"
    site_yml.write_text(
        site_yml.read_text(encoding="utf-8").replace("中共测试小学总支部委员会", "中共测试小学总支部委员会 <R&D>"),
        encoding="utf-8",
    )
    tree.write("activities/2024/2024-03-13-dushu.yml", """
        title: '读书&分享 "四史" <一>'
        date: 2024-03-13
        program: san-tong-san-yi
        """)
    out = tree.root / "export"
    done = export(out, tree.records)
    assert done.returncode == 0, done.stdout + done.stderr
    built = run(sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", cwd=out)
    assert built.returncode == 0, built.stderr
    home = (out / "site/index.html").read_text(encoding="utf-8")
    assert "<title>中共测试小学总支部委员会 &lt;R&amp;D&gt;</title>" in home
    assert "<h1>中共测试小学总支部委员会 &lt;R&amp;D&gt;</h1>" in home
    assert '<strong>读书&amp;分享 "四史" &lt;一&gt;</strong>' in home  # the minifier writes &#34; as " in text
    # Only Material's own logo tooltip escapes the name a second time (`title="{{ config.site_name | e }}"`).
    assert home.count("&amp;amp;") == 2 and home.count('title="中共测试小学总支部委员会 &amp;lt;R&amp;amp;D&amp;gt;"') == 2


def test_a_mkdocs_yml_of_another_shape_exports_nothing(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("language: custom", "language: zh"), encoding="utf-8")
    done = export(project / "export", config=project / "mkdocs.yml")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == ("错误：mkdocs.yml 的写法和导出程序认识的不一样（dangjian 插件、docs_dir、custom_dir 或主题的 "
                           "language: custom 找不到），没有导出。请把这几项改回原来的写法，或同时修改 generator/export.py。\n")
    assert not (project / "export").exists()


# ---------------------------------------------------------------- each builder, and a search in Chromium

BUILDERS = {  # builder -> (its command in the export folder, the config it reads)
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"],
    "properdocs": [BIN / "properdocs", "build", "-f", "mkdocs.yml"],
    "zensical": [BIN / "zensical", "build", "-f", "zensical.yml"],
}


def material_search(page, query: str) -> list[str]:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.locator(".md-search-result__meta", has_text="个").wait_for(timeout=15_000)
    return [a.get_attribute("href") for a in page.locator("li.md-search-result__item > a.md-search-result__link").all()]


def zensical_search(page, query: str) -> list[str]:
    """Zensical's own search dialog (in a shadow root, which Playwright's locators enter)."""
    page.locator(".md-search__button").click()
    page.locator("input[role=combobox]").fill(query)  # the whole query at once, as a paste
    page.locator("[role=status]", has_text="results").wait_for(timeout=15_000)
    found: list[str] = []
    while True:  # until the list stops changing: it is drawn as the index answers
        page.wait_for_timeout(300)
        now = [a.get_attribute("href") for a in page.locator("ol[role=listbox] a[role=option]").all()]
        if now == found:
            return found
        found = now


def first_page(browser, site: Path, query: str, search) -> str:
    with http_server(site) as url:
        page = browser.new_page()
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(url) else None)
        try:
            page.goto(url)
            found = search(page, query)
        finally:
            page.close()
    assert outside == []  # nothing from the internet
    assert found, f"{query}: nothing found"
    return found[0].removeprefix(url).split("?")[0].split("#")[0]


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_each_builder_builds_the_export_and_its_chinese_search_finds_the_page(exported, tmp_path, browser, builder):
    project = shutil.copytree(exported, tmp_path / "export")
    done = run(*BUILDERS[builder], cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    site = project / "site"
    assert (site / "activities/by-branch/index.html").is_file() and (site / "tags/ke-tang-jiao-xue/index.html").is_file()
    search = zensical_search if builder == "zensical" else material_search
    # Zensical ranks the first issue of 《党性日记》 above the periodical's own page; both are what was meant.
    want = "publications/dangxing-riji/2011-01/" if builder == "zensical" else "publications/dangxing-riji/"
    assert first_page(browser, site, "党性日记", search) == want
    assert first_page(browser, site, "业余党校", search) == "places/yeyu-dangxiao/"


def test_properdocs_builds_the_project_itself_with_its_plugin(tmp_path, browser):
    site = tmp_path / "site"
    done = run(BIN / "properdocs", "build", "--strict", "-f", ROOT / "mkdocs.yml", "-d", site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (site / "admin").exists()  # the plugin's choice: no editor in site.yml, no /admin/
    assert "\u200b" in (site / "search/search_index.json").read_text(encoding="utf-8")  # segmented by the plugin
    assert first_page(browser, site, "党性日记", material_search) == "publications/dangxing-riji/"
