"""`python -m generator export --out DIR`: the site as a plain MkDocs project that needs no plugin of ours.

DIR/docs holds the generated Markdown, the hand-written pages and the published photos; DIR/overrides the
theme's overrides; DIR/mkdocs.yml a configuration made for them (the project's, without our plugin, with the
navigation, the site's name, footer and tag links written in). MkDocs with Material and ProperDocs (a fork of
MkDocs 1.6) build DIR/mkdocs.yml, Zensical DIR/zensical.yml: the way off Material when it stops (README:
“换一个构建工具”).

Chinese search: MkDocs and ProperDocs run DIR/hooks/segment.py (a copy of generator/segment.py), which
segments the search index with jieba-rs as the plugin does. Zensical runs no hooks; it segments in the
browser (Intl.Segmenter) for a site whose language is zh, so zensical.yml says zh where mkdocs.yml says
custom (Material's Chinese with the page language zh-CN, docs/overrides/partials/languages/custom.html).

Like `generator site`, the project is made aside and swapped in whole; DIR is replaced only if it is absent,
empty or an earlier export (it holds the export's mark: outputs.EXPORT), never a folder of anyone's own files.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import yaml

from . import messages as say
from . import outputs
from .link import Site
from .pages import footer, make_pages, navigation, theme_tags
from .photos import PhotoPublisher, published_path
from .render import css_string, is_link, map_strings
from .structure import Output

# Hand-written folders of docs/ that stay out: the web editor edits records, which an export has none of;
# the search words and overrides are not pages (overrides go beside docs/, as custom_dir).
LEFT_OUT = ("admin", "search", "overrides")
HOOK = Path(__file__).with_name("segment.py")


class ExportError(Exception):
    """Nothing was exported; the message says why, in Chinese."""


def url_of(path: str) -> str:
    """A docs path as MkDocs addresses it with directory URLs: activities/index.md → activities/."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def _home(markdown: str) -> str:
    _, matter, body = markdown.split("---\n", 2)
    meta = yaml.safe_load(matter)
    # The portal's strings are escaped text, which the plugin marks so; the home page's template escapes what is
    # not marked, so an export hands it the text as typed, to be escaped once. Its links (render.is_link) are docs
    # paths the plugin resolves; an export has no plugin, and the home page is at the root: relative addresses.
    meta["portal"] = map_strings(meta.get("portal", {}),
                                 lambda key, text: url_of(html.unescape(text)) if is_link(key) else html.unescape(text))
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body


_PLUGIN_BLOCK = re.compile(r"\n  - dangjian:.*?\n(?=  - )", re.S)  # our plugin's entry in mkdocs.yml's plugins


def search_words(project_config: Path) -> str | None:
    """The plugin's `search_words` option: the word list for the search index's segmenter, a path from the project.
    The export's hook reads it beside itself."""
    block = _PLUGIN_BLOCK.search(project_config.read_text(encoding="utf-8"))
    found = block and re.search(r"(?m)^ +search_words: *([^\s#]+)", block.group(0))
    return found.group(1) if found else None


def plain_configs(project_config: Path) -> dict[str, str]:
    """The project's mkdocs.yml without our plugin, for the exported folder: as mkdocs.yml (MkDocs, ProperDocs) and
    zensical.yml. Read before anything is made: a mkdocs.yml of another shape exports nothing."""
    text = project_config.read_text(encoding="utf-8")
    text = re.sub(r"\A(#[^\n]*\n)+", "# Made by python -m generator export from the project's mkdocs.yml: a site that needs "
                                     "no plugin.\n", text)
    text, plugin = _PLUGIN_BLOCK.subn("\n", text)
    text, docs = re.subn(r"(?m)^docs_dir: .*$", "docs_dir: docs", text)
    text, custom = re.subn(r"(?m)^(  custom_dir: )docs/overrides", r"\1overrides", text)
    zensical, language = re.subn(r"(?m)^(  language: )custom\b.*$", r"\1zh", text)
    if (plugin, docs, custom, language) != (1, 1, 1, 1):  # mkdocs.yml changed shape: better no export than a wrong one
        raise ExportError(say.export_config_unknown(project_config.name))
    return {"mkdocs.yml": text, "zensical.yml": zensical}


def config_texts(plain: dict[str, str], site: Site, output: Output, handwritten: list[str]) -> dict[str, str]:
    """The plain configs (plain_configs) with what our plugin does at build time written in."""
    s = site.organization
    extra = {
        "dj_footer": footer(site),
        "dj_short_name": str(css_string(s.short_name or s.school)),
        "dj_print_name": str(css_string(s.organization)),
        "dj_tag_slugs": theme_tags(output),
    }
    added = {"site_name": html.escape(s.organization), "extra": extra, "nav": navigation(output.pages) + handwritten}

    def config(text: str, **more) -> str:
        text = re.sub(r"(?m)^site_name: .*\n", "", text)
        return text.rstrip("\n") + "\n\n# Written by python -m generator export\n" + yaml.safe_dump(
            {**added, **more}, allow_unicode=True, sort_keys=False, width=10_000)

    return {"mkdocs.yml": config(plain["mkdocs.yml"], hooks=["hooks/segment.py"]),
            "zensical.yml": config(plain["zensical.yml"])}


def _write(out: Path, project: Path, records: Path, site: Site, plain: dict[str, str], words: Path | None) -> int:
    """The whole export into `out` (a new folder); the number of pages."""
    output = make_pages(site)
    docs = out / "docs"
    shutil.copytree(project / "docs", docs, ignore=lambda d, names: [n for n in names if Path(d) == project / "docs"
                                                                        and n in LEFT_OUT])
    shutil.copytree(project / "docs/overrides", out / "overrides")
    generated = {p.path for p in output.pages}
    handwritten = sorted(str(p.relative_to(docs)).replace(os.sep, "/") for p in docs.rglob("*.md"))
    for page in output.pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_home(page.markdown) if page.path == "index.md" else page.markdown, encoding="utf-8")
    publisher = PhotoPublisher(records / "assets", project / ".cache/photos")
    for rel, published in publisher.publish_all(output.media).items():
        for source, thumb in ((published.large, False), (published.thumb, True)):
            target = docs / published_path(rel, thumb=thumb)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    extra_pages = [h for h in handwritten if h not in generated]
    for name, text in config_texts(plain, site, output, extra_pages).items():
        (out / name).write_text(text, encoding="utf-8")
    (out / "hooks").mkdir()
    shutil.copyfile(HOOK, out / "hooks/segment.py")
    if words:
        shutil.copyfile(words, out / "hooks/jieba-user-dict.txt")
    return len(output.pages)


def export(project: Path, records: Path, site: Site, out: Path) -> int:
    """Export into `out`, swapped in whole; the number of pages."""
    # The project's configuration is read and checked before anything is made.
    plain = plain_configs(project / "mkdocs.yml")
    words = search_words(project / "mkdocs.yml")
    if words and not (project / words).is_file():
        raise ExportError(say.no_search_words(words))

    def write(new: Path) -> int:
        new.mkdir()
        return _write(new, project, records, site, plain, project / words if words else None)

    return outputs.replace(out, outputs.EXPORT, say.output_folder(out.name), write)
