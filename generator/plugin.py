"""The MkDocs plugin: records become pages in memory, never files in docs/.

Thin on purpose: the pipeline does the work; this only hands its pages to MkDocs.
"""

from __future__ import annotations

import gc
import logging
import os
import posixpath
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import jinja2
import jinja2.bccache
from markupsafe import Markup
from material.plugins.search import plugin as search
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from . import messages as say
from . import sanitize
from .cms import CMS_CONFIG, render_cms_config
from .errors import Severity, format_text, is_system_error, summary, system_error
from .feeds import make_feeds
from .link import BuildMode
from .load import RecordCache
from .loopback import local_only
from .pagecache import PageCache
from .pages import footer, make_pages, navigation, theme_tags
from .photos import PhotoPublisher, published_path
from .pipeline import check_records
from .render import TEMPLATES, css_string, is_link, map_strings, serve_error_page
from .segment import Segmenter, rewrite_index
from .watcher import watch_natively

log = logging.getLogger("mkdocs.plugins.dangjian")
SHIM = "assets/javascripts/iframe-worker-shim.js"


class RecordsConfig(base.Config):
    records_dir = c.Type(str, default="records")
    drafts = c.Type(bool, default=False)
    visibility = c.Choice(("public", "internal"), default="public")
    cache_dir = c.Type(str, default=".cache/photos")  # published photo copies, reused across builds
    offline = c.Type(bool, default=False)  # for the archive: ship iframe-worker's shim, load nothing from a CDN
    search_words = c.Optional(c.Type(str))  # words for the search index's segmenter (jieba's user-dictionary format)


def _escaped(data):
    """Front matter strings of a generated page are HTML-escaped already (render.front_matter): marked so,
    a theme's `| e` leaves them as they are and the overrides' autoescape does not escape them twice."""
    return map_strings(data, lambda _, text: Markup(text))


def _resolve_links(data, page, files: Files):
    """Docs paths in the portal data -> links relative to the page (site or offline archive alike)."""
    def resolve(key, value):
        if not is_link(key):
            return value
        target = files.get_file_from_path(value)
        return Markup.escape(quote(get_relative_url(target.url, page.url))) if target else None

    return map_strings(data, resolve)


EDITOR = "admin/"  # the web editor's folder in docs/ and in the site (its config.yml is made by each build)


# An edit link is the maintainers' SITE_EDIT_URI plus a record's path, printed raw in an href by the theme.
# A branch name is part of it in a pull-request preview, so nothing in it may end the attribute.
_URL_SAFE = ":/?#@!$()*+,;=%~"


def _edit_link(url: str | None) -> Markup | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    url = urlunsplit(parts._replace(path=posixpath.normpath(parts.path) if "/../" in parts.path else parts.path))
    return Markup(quote(url, safe=_URL_SAFE))


def _material_segments() -> bool:
    """Whether Material's search plugin segments Chinese itself (it does when jieba is installed)."""
    return getattr(search, "jieba", None) is not None


class _GeneratedFile(File):
    """A page or file made in memory. MkDocs counts every such file as modified, which makes
    `mkdocs serve --dirty` rebuild all generated pages on every save; this one is modified only
    when its content differs from the previous build's."""

    modified = True
    in_nav = False

    def is_modified(self) -> bool:
        return self.modified


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per `mkdocs serve`: MkDocs makes a new template environment for every
    rebuild, which compiles the theme's 40-odd templates again (a third of a second at every save). Jinja checks
    each template's source against what was compiled, so an edited override is compiled anew."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class RecordsPlugin(BasePlugin[RecordsConfig]):
    # MkDocs keeps a plugin that has on_startup across `mkdocs serve` rebuilds: so do these caches.
    def __init__(self):
        self._records_cache: RecordCache | None = RecordCache()
        self._page_cache: PageCache | None = PageCache()
        self._photos: dict[tuple[Path, Path], PhotoPublisher] = {}
        self._previous: dict[str, _GeneratedFile] = {}  # generated page path -> its File in the last good build
        self._made_from: tuple = ()  # what those Files were made from (on_files)
        self._search = None  # Material's search plugin, whose index entries are segmented
        self._segmenter: Segmenter | None = None
        self._dirty = False
        self._indexed: tuple[list, int] = ([], 0)  # the search plugin's entries, and how many are segmented
        self._page_entries: dict[str, list] = {}  # a dirty preview: each page's search entries when last rendered
        self._own_nav = False
        self._serving = False
        self._error_page: str | None = None  # under `mkdocs serve`, while a record has an error
        self._shown: list[File] = []  # the last good build's generated pages
        self._compiled = _CompiledTemplates()
        self._built_once = False
        self._cms: tuple = (None, None, "")  # site.yml's record, decap-server's address -> the editor's config

    def on_startup(self, *, command, dirty):
        self._dirty = dirty  # `mkdocs serve --dirty`: the preview is rebuilt in place, page by page
        self._serving = command == "serve"
        if command != "serve":  # one build: nothing to reuse, so no keys to compute
            self._records_cache, self._page_cache = None, None
        elif self._page_cache is None:
            self._records_cache, self._page_cache = RecordCache(), PageCache()

    def _project(self, config) -> Path:
        return Path(config.config_file_path or ".").parent

    def _records_dir(self, config) -> Path:
        return self._project(config) / self.config.records_dir

    def on_config(self, config):
        config.extra["internal"] = self.config.visibility == "internal"  # the theme shows the 内部资料 banner
        if self._dirty and self._built_once:
            # A dirty preview keeps its first build's sitemap (the theme reads it; nothing crawls a preview) rather
            # than make one of every page again at each save.
            config.theme.static_templates.discard("sitemap.xml")
        if self._segmenter is None and not _material_segments():
            words = self.config.search_words
            path = self._project(config) / words if words else None
            if path and not path.is_file():
                raise PluginError(say.no_search_words(words))
            self._segmenter = Segmenter(path)
        self._search = next((p for p in config.plugins.values() if isinstance(p, search.SearchPlugin)), None)
        if self.config.offline:
            # Listed before Material's offline plugin looks, so it adds no CDN address of its own.
            config.extra["polyfills"] = [SHIM]
        return config

    def on_files(self, files: Files, /, *, config) -> Files:
        records = self._records_dir(config)
        mode = BuildMode(drafts=self.config.drafts, internal=self.config.visibility == "internal")
        result = check_records(records, mode, self._records_cache)
        for p in result.problems:
            if p.severity is Severity.WARNING:
                log.info(format_text(p))  # a warning must not fail `mkdocs build --strict`
        self._error_page = None
        if not result.ok:
            errors = [format_text(p) for p in result.problems if p.severity is Severity.ERROR]
            report = "\n".join(errors) + "\n" + summary(result.problems, result.files_checked)
            if not self._serving:
                raise PluginError(say.records_have_errors_no_site(report))
            # A failed rebuild would leave the preview waiting for ever (MkDocs serves nothing until a build
            # succeeds). Instead this build succeeds with no generated page, and every page of the preview
            # becomes the list of errors (on_post_build); the next good save builds every page again.
            log.error(say.records_have_errors_preview(report))
            self._error_page = serve_error_page(result.problems, result.files_checked)
            if self._previous:  # the first error after a good build: these pages show the errors until the next one
                self._shown, self._previous = list(self._previous.values()), {}
            config.nav = []
            return files

        # site.yml's organization is the site title. Themes print site_name raw (also in attributes) and
        # sometimes with `| e`: escaped and marked so, it is right in both.
        config.site_name = Markup.escape(result.site.site.record.organization)
        config.extra["dj_footer"] = footer(result.site)
        organization = result.site.site.record
        config.extra["dj_short_name"] = css_string(organization.short_name or organization.school)
        config.extra["dj_print_name"] = css_string(organization.organization)
        output = make_pages(result.site, self._page_cache)
        config.extra["dj_tag_slugs"] = theme_tags(output)
        to_records = os.path.relpath(records, config.docs_dir).replace(os.sep, "/")
        taken = {f.src_uri for f in files}
        # In a dirty preview a page whose Markdown is unchanged keeps its File, and with it its MkDocs Page: the
        # rebuild then makes neither again for the thousands of pages a save did not touch. Anything in the config
        # that a File or Page is made from starts them all afresh.
        made_from = (config.docs_dir, config.site_dir, config.use_directory_urls, config.site_url, config.repo_url,
                     config.edit_uri, config.edit_uri_template, to_records)
        keep = self._dirty and self._serving and made_from == self._made_from
        previous, self._previous, self._made_from = self._previous, {}, made_from
        for page in output.pages:
            if page.path in taken:
                raise PluginError(say.handwritten_page(page.path))
            f = previous.get(page.path)
            same = f is not None and f.content_string == page.markdown and f.in_nav == page.in_nav
            if not (same and keep):
                f = _GeneratedFile.generated(config, page.path, content=page.markdown,
                                             inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV)
                f.in_nav = page.in_nav
                # "编辑此页" opens the record, not the generated Markdown.
                f.edit_uri = f"{to_records}/{page.source}" if page.source else None
            f.modified = not same
            files.append(f)
            self._previous[page.path] = f
        self._files = files
        if not self.config.offline:
            # Made from the models and site.yml's editor on every build, so it can never disagree with either.
            # DECAP_SERVER: where `make edit` runs decap-server, if not at its usual port.
            server = os.environ.get("DECAP_SERVER")
            if self._cms[:2] != (organization, server):  # site.yml unchanged: the record is the same object
                self._cms = (organization, server, render_cms_config(organization, server))
            files.append(File.generated(config, CMS_CONFIG, content=self._cms[2]))
        else:
            # An archive is read, not edited: the web editor (docs/admin/) stays out of it.
            for f in [f for f in files if f.src_uri.startswith(EDITOR)]:
                files.remove(f)
            shim = self._project(config) / "node_modules/iframe-worker/shim/index.js"
            if not shim.is_file():
                raise PluginError(say.no_offline_shim(shim))
            files.append(File.generated(config, SHIM, abs_src_path=str(shim)))
        key = (records / "assets", self._project(config) / self.config.cache_dir)
        publisher = self._photos.setdefault(key, PhotoPublisher(*key))
        try:  # upright, sRGB, no metadata, resized, on every core; the originals are only read
            photos = publisher.publish_all(output.media, lambda done, total: log.info(say.photos_made(done, total)))
            if not self._serving:
                publisher.prune()
        except OSError as e:
            if not is_system_error(e):
                raise
            raise PluginError(say.cannot_publish_photos(system_error(e))) from e
        for rel, published in photos.items():
            files.append(File.generated(config, published_path(rel), abs_src_path=str(published.large)))
            files.append(File.generated(config, published_path(rel, thumb=True), abs_src_path=str(published.thumb)))

        if config.site_url:  # feeds need absolute addresses; an offline archive has none and needs no feeds
            for path, xml in make_feeds(result.site, config.site_url).items():
                files.append(File.generated(config, path, content=xml))

        self._own_nav = config.nav is None
        if self._own_nav:
            generated = {p.path for p in output.pages}
            handwritten = [f.src_uri for f in files.documentation_pages() if f.src_uri not in generated]
            config.nav = navigation(output.pages) + sorted(handwritten)
        return files

    def on_env(self, env, /, *, config, files):
        if self._serving:
            env.bytecode_cache = self._compiled
        return env

    def on_page_content(self, html, /, *, page, config, files):
        # Record Markdown may carry raw HTML; hand-written pages are the maintainers' own.
        return sanitize.clean(html) if page.file.src_uri in self._previous else html

    @event_priority(-10)  # after the search plugin (0) has indexed the page
    def on_page_context(self, context, /, *, page, config, nav):
        self._index_new_entries(page)
        portal = page.meta.get("portal")
        if portal and page.file.src_uri in self._previous:
            page.meta["portal"] = _resolve_links(portal, page, self._files)
        return context

    def on_nav(self, nav, /, *, config, files):
        if self._own_nav:  # titles in our navigation are escaped text (pages.navigation)
            def mark(items):
                for item in items:
                    if item.is_section:
                        item.title = Markup(item.title)
                        mark(item.children)
                    elif item.is_page and item.__dict__.get("title") is not None:
                        item.title = Markup(item.title)
            mark(nav.items)
        return nav

    def on_page_markdown(self, markdown, /, *, page, config, files):
        # MkDocs joins edit_uri and the file's path as text; "docs/../records/x.yml" works in a browser
        # but reads badly on hover and in the HTML, so it is resolved; and it is made safe in an attribute.
        page.edit_url = _edit_link(page.edit_url)
        if page.file.src_uri in self._previous:
            for key in ("title", "portal", "tags"):
                if key in page.meta:
                    page.meta[key] = _escaped(page.meta[key])
        return markdown

    def _index_new_entries(self, page) -> None:
        """The search entries of the page just indexed: segmented in memory, before the index is written (a rebuild
        under `mkdocs serve --dirty` then never reads the whole index back), and in a dirty preview kept."""
        if self._search is None or not self._search.config.enabled:
            return
        entries = self._search.search_index.entries  # Material's SearchIndex; a new one for every build
        done_list, done = self._indexed
        if done_list is not entries:
            done = 0
        if self._segmenter is not None:
            for entry in entries[done:]:
                self._segmenter.segment_entry(entry)
        if self._dirty and self._serving:
            self._page_entries[page.file.src_uri] = entries[done:]
        self._indexed = (entries, len(entries))

    @event_priority(10)  # before the search plugin writes its index (0)
    def _whole_search_index(self, *, config):
        """A dirty preview renders only the pages a save changed, so only they are in the new index: the others'
        entries are added as last rendered, and the preview's search still finds every page. (Material's own merge
        assumes one changed page, and drops every other page's entries when the home page is among them.)"""
        if not (self._dirty and self._serving) or self._error_page is not None or self._search is None \
                or not self._search.config.enabled:
            return
        pages = [f.src_uri for f in self._files.documentation_pages()]
        self._page_entries = {uri: self._page_entries[uri] for uri in pages if uri in self._page_entries}
        self._search.search_index.entries = [e for entries in self._page_entries.values() for e in entries]
        self._search.search_index_prev = None

    @event_priority(-50)  # after the search plugin writes its index (0), before the offline plugin inlines it (-100)
    def _finish(self, *, config):
        if self._error_page is not None:
            site = Path(config.site_dir)
            for dest in {*(f.dest_uri for f in self._shown), "index.html", "404.html"}:  # 404.html: what the preview serves elsewhere
                path = site / dest
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(self._error_page, encoding="utf-8")
            return
        if self._serving and not self._built_once:
            # The first build of a preview makes what every later one keeps (records, pages, templates): moved out
            # of the garbage collector's sight, a save no longer pays for the collector walking all of it again
            # (up to half a second a save at 5,000 activities, bench/RESULTS.md). Objects made later are collected
            # as ever; what the first build alone used stays, once.
            gc.collect()
            gc.freeze()
            self._built_once = True
        # The index as UTF-8 (segment.rewrite_index). Not for a dirty preview: there, reading the whole index back
        # would cost more than the page that changed.
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file() and not self._dirty:
            rewrite_index(index)

    on_post_build = CombinedEvent(_whole_search_index, _finish)

    def on_serve(self, server, /, *, config, builder):
        if os.environ.get("DECAP_SERVER"):  # make edit: say where the editor is, beside MkDocs' own address
            log.info(say.editor_at(f"http://{config.dev_addr.host}:{config.dev_addr.port}/{EDITOR}"))
        server.watch(str(self._records_dir(config)))
        server.watch(str(TEMPLATES))
        watch_natively(server)
        server.set_app(local_only(server.get_app(), config.dev_addr.port))  # no page elsewhere reads drafts
        return server
