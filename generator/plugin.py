"""The MkDocs plugin: records become pages in memory, never files in docs/.

A conductor, in the manner of Material's tags plugin: the pipeline makes the pages; this class says when each
step runs, and three small managers hold what lasts from one build of a preview to the next — the generated
Files (preview_files.py), the search index (search_keeper.py) and the error preview (error_preview.py).
"""

from __future__ import annotations

import gc
import logging
import os
import posixpath
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from . import csp, sanitize
from . import messages as say
from .cms import CMS_CONFIG, render_cms_config
from .error_preview import ErrorPreview
from .errors import Severity, format_text, is_system_error, summary, system_error
from .feeds import make_feeds
from .link import BuildMode
from .load import RecordCache
from .loopback import local_only
from .pagecache import PageCache
from .pages import footer, make_pages, navigation, theme_tags
from .photos import PhotoPublisher, published_path
from .pipeline import check_records
from .preview_files import GeneratedFiles
from .render import TEMPLATES, css_string, is_link, map_strings
from .render_beside import RenderBeside
from .search_keeper import SearchKeeper
from .theme_reuse import CompiledTemplates, ThemeListing
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


class RecordsPlugin(BasePlugin[RecordsConfig]):
    # MkDocs keeps a plugin that has on_startup across `mkdocs serve` rebuilds: so do these caches.
    def __init__(self):
        self._records_cache: RecordCache | None = RecordCache()
        self._page_cache: PageCache | None = PageCache()
        self._photos: dict[tuple[Path, Path], PhotoPublisher] = {}
        self._generated = GeneratedFiles()
        self._search = SearchKeeper()
        self._beside = RenderBeside()
        self._errors = ErrorPreview()
        self._dirty = False
        self._own_nav = False
        self._serving = False
        self._compiled = CompiledTemplates()
        self._theme_listing = ThemeListing()
        self._built_once = False
        self._cms: tuple = (None, None, "")  # site.yml's record, decap-server's address -> the editor's config

    def on_startup(self, *, command, dirty):
        self._dirty = dirty  # `mkdocs serve --dirty`: the preview is rebuilt in place, page by page
        self._serving = command == "serve"
        if command != "serve":  # one build: nothing to reuse, so no keys to compute
            self._records_cache, self._page_cache = None, None
        elif self._page_cache is None:
            self._records_cache, self._page_cache = RecordCache(), PageCache()

    @property
    def _dirty_preview(self) -> bool:
        return self._dirty and self._serving

    def _project(self, config) -> Path:
        return Path(config.config_file_path or ".").parent

    def _records_dir(self, config) -> Path:
        return self._project(config) / self.config.records_dir

    def on_config(self, config):
        config.extra["internal"] = self.config.visibility == "internal"  # the theme shows the 内部资料 banner
        if self._serving:
            self._theme_listing.install(config.theme)
        if self._dirty and self._built_once:
            # A dirty preview keeps its first build's sitemap (the theme reads it; nothing crawls a preview) rather
            # than make one of every page again at each save.
            config.theme.static_templates.discard("sitemap.xml")
        words = self.config.search_words
        self._search.configure(config, self._project(config) / words if words else None, words)
        if self.config.offline:
            # Listed before Material's offline plugin looks, so it adds no CDN address of its own.
            config.extra["polyfills"] = [SHIM]
        return config

    def on_files(self, files: Files, /, *, config) -> Files:
        records = self._records_dir(config)
        result = self._check(records)
        if not result.ok:
            config.nav = []
            return files
        self._site_config(config, result.site)
        output = make_pages(result.site, self._page_cache)
        config.extra["dj_tag_slugs"] = theme_tags(output)
        self._generated.add(files, config, output, str(records), reuse=self._dirty_preview)
        self._files = files
        if self.config.offline:
            self._offline_files(files, config)
        elif result.site.organization.editor or os.environ.get("DECAP_SERVER"):
            self._editor_config(files, config, result.site.organization)
        else:  # no editor in site.yml and not `make edit`: a login that could never work is not published
            self._drop_editor(files)
        self._photo_files(files, config, records, output.media)
        if config.site_url:  # feeds need absolute addresses; an offline archive has none and needs no feeds
            for path, xml in make_feeds(result.site, config.site_url).items():
                files.append(File.generated(config, path, content=xml))
        self._own_nav = config.nav is None
        if self._own_nav:
            generated = {p.path for p in output.pages}
            handwritten = [f.src_uri for f in files.documentation_pages() if f.src_uri not in generated]
            config.nav = navigation(output.pages) + sorted(handwritten)
        return files

    def _check(self, records: Path):
        """The records, checked as this build shows them; their errors stop a build, or show in the preview."""
        mode = BuildMode(drafts=self.config.drafts, internal=self.config.visibility == "internal")
        result = check_records(records, mode, self._records_cache)
        for p in result.problems:
            if p.severity is Severity.WARNING:
                log.info(format_text(p))  # a warning must not fail `mkdocs build --strict`
        self._errors.clear()
        if not result.ok:
            errors = [format_text(p) for p in result.problems if p.severity is Severity.ERROR]
            report = "\n".join(errors) + "\n" + summary(result.problems, result.files_checked)
            if not self._serving:
                raise PluginError(say.records_have_errors_no_site(report))
            log.error(say.records_have_errors_preview(report))
            self._errors.show(result.problems, result.files_checked, self._generated.forget())
        return result

    @staticmethod
    def _site_config(config, site) -> None:
        """What the theme shows of site.yml. Its organization is the site title: themes print site_name raw (also
        in attributes) and sometimes with `| e`; escaped and marked so, it is right in both."""
        organization = site.organization
        config.site_name = Markup.escape(organization.organization)
        config.extra["dj_footer"] = footer(site)
        config.extra["dj_short_name"] = css_string(organization.short_name or organization.school)
        config.extra["dj_print_name"] = css_string(organization.organization)

    def _editor_config(self, files: Files, config, organization) -> None:
        """The web editor's configuration, made from the models and site.yml's editor on every build, so it can
        never disagree with either. DECAP_SERVER: where `make edit` runs its server, if not at the usual port."""
        server = os.environ.get("DECAP_SERVER")
        if self._cms[:2] != (organization, server):  # site.yml unchanged: the record is the same object
            self._cms = (organization, server, render_cms_config(organization, server))
        files.append(File.generated(config, CMS_CONFIG, content=self._cms[2]))

    @staticmethod
    def _drop_editor(files: Files) -> None:
        for f in [f for f in files if f.src_uri.startswith(EDITOR)]:
            files.remove(f)

    def _offline_files(self, files: Files, config) -> None:
        """An archive is read, not edited: the web editor (docs/admin/) stays out of it; iframe-worker's shim goes
        in, so search works from file:// with nothing loaded from a CDN."""
        self._drop_editor(files)
        shim = self._project(config) / "node_modules/iframe-worker/shim/index.js"
        if not shim.is_file():
            raise PluginError(say.no_offline_shim(shim))
        files.append(File.generated(config, SHIM, abs_src_path=str(shim)))

    def _photo_files(self, files: Files, config, records: Path, media: list[str]) -> None:
        """The published copies of the photos the shown records use: upright, sRGB, no metadata, resized, on every
        core; the originals are only read."""
        key = (records / "assets", self._project(config) / self.config.cache_dir)
        publisher = self._photos.setdefault(key, PhotoPublisher(*key))
        try:
            photos = publisher.publish_all(media, lambda done, total: log.info(say.photos_made(done, total)))
            if not self._serving:
                publisher.prune()
        except OSError as e:
            if not is_system_error(e):
                raise
            raise PluginError(say.cannot_publish_photos(system_error(e))) from e
        for rel, published in photos.items():
            files.append(File.generated(config, published_path(rel), abs_src_path=str(published.large)))
            files.append(File.generated(config, published_path(rel, thumb=True), abs_src_path=str(published.thumb)))

    @event_priority(-100)  # last: the environment is final when the templates' process is forked from it
    def on_env(self, env, /, *, config, files):
        if self._serving:
            env.bytecode_cache = self._compiled
        return self._beside.templates(env, files, config)

    def on_page_content(self, html, /, *, page, config, files):
        # Record Markdown may carry raw HTML; hand-written pages are the maintainers' own.
        if page.file.src_uri not in self._generated:
            return html
        cleaned = self._beside.extra(page, html)  # cleaned where it was rendered, if it was the second core
        return sanitize.clean(html) if cleaned is None else cleaned

    def _cleaned(self, page) -> str | None:
        return sanitize.clean(page.content) if page.file.src_uri in self._generated else None

    @event_priority(-10)  # after the search plugin (0) has indexed the page
    def on_page_context(self, context, /, *, page, config, nav):
        self._search.page_indexed(page.file.src_uri, keep=self._dirty_preview)
        portal = page.meta.get("portal")
        if portal and page.file.src_uri in self._generated:
            page.meta["portal"] = _resolve_links(portal, page, self._files)
        return context

    def _own_titles(self, nav, /, *, config, files):
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

    @event_priority(-100)  # last: the navigation, and so every page's address and links, are final
    def _render_beside(self, nav, /, *, config, files):
        # A build, and a preview's first build, render every page; a preview's rebuild, the few that changed.
        if not (self._serving and self._built_once):
            shown = InclusionLevel.is_in_serve if self._serving else InclusionLevel.is_included  # as MkDocs reads them
            self._beside.start(files, config, nav, shown, after=self._cleaned)
        return nav

    on_nav = CombinedEvent(_own_titles, _render_beside)

    def on_page_markdown(self, markdown, /, *, page, config, files):
        # MkDocs joins edit_uri and the file's path as text; "docs/../records/x.yml" works in a browser
        # but reads badly on hover and in the HTML, so it is resolved; and it is made safe in an attribute.
        page.edit_url = _edit_link(page.edit_url)
        if page.file.src_uri in self._generated:
            for key in ("title", "portal", "tags"):
                if key in page.meta:
                    page.meta[key] = _escaped(page.meta[key])
        return markdown

    @event_priority(10)  # before the search plugin writes its index (0)
    def _whole_search_index(self, *, config):
        if self._dirty_preview and not self._errors.showing:
            self._search.complete([f.src_uri for f in self._files.documentation_pages()])

    @event_priority(-50)  # after the search plugin writes its index (0), before the offline plugin inlines it (-100)
    def _finish(self, *, config):
        self._beside.close()
        if self._beside.pages:
            log.debug(say.rendered_beside(self._beside.rendered, self._beside.templated, self._beside.pages))
        if self._errors.showing:
            self._errors.write(config.site_dir)
            return
        if self._serving and not self._built_once:
            # The first build of a preview makes what every later one keeps (records, pages, templates): moved out
            # of the garbage collector's sight, a save no longer pays for the collector walking all of it again
            # (up to half a second a save at 5,000 activities, bench/RESULTS.md). Objects made later are collected
            # as ever; what the first build alone used stays, once.
            gc.collect()
            gc.freeze()
            self._built_once = True
        # The index as UTF-8. Not for a dirty preview: there, reading the whole index back would cost more than the
        # page that changed.
        if not self._dirty:
            self._search.rewrite(config.site_dir)

    on_post_build = CombinedEvent(_whole_search_index, _finish)

    # Last of all plugins (the lightbox adds its script in its own on_post_page): the policy allows what the
    # finished page runs. Only in a published site: not in an archive, opened from files, where 'self' names no
    # origin; not in the preview, whose server adds its live-reload script to every page as it sends it.
    @property
    def _published(self) -> bool:
        return not (self.config.offline or self._serving)

    @event_priority(-100)
    def on_post_page(self, output, /, *, page, config):
        return csp.with_policy(output) if self._published else output

    @event_priority(-100)
    def on_post_template(self, output, /, *, template_name, config):
        return csp.with_policy(output) if self._published and template_name.endswith(".html") else output

    def on_build_error(self, *, error):
        self._beside.close()

    def on_serve(self, server, /, *, config, builder):
        if os.environ.get("DECAP_SERVER"):  # make edit: say where the editor is, beside MkDocs' own address
            log.info(say.editor_at(f"http://{config.dev_addr.host}:{config.dev_addr.port}/{EDITOR}"))
        server.watch(str(self._records_dir(config)))
        server.watch(str(TEMPLATES))
        watch_natively(server)
        server.set_app(local_only(server.get_app(), config.dev_addr.port))  # no page elsewhere reads drafts
        return server
