"""A build's rendering shared with the second core.

MkDocs builds on one core: at 5,000 activities Python-Markdown takes 17 s of a 45 s build and the theme's templates
about 14 s, while the second core of the school's server or CI runner idles (bench/RESULTS.md). Twice in a build a
forked process does part of that work with MkDocs' own code, in the state the build has reached, and sends back
the result; MkDocs, in the build itself, runs every event of every page as ever, and only its call to render one of
those pages takes the result instead:

- once the navigation is final, the Markdown of every other page (`Page.render`, after the page's `pre_page` and
  `page_markdown` events), taken only if the page's Markdown is the very text rendered there;
- once every page is read (`on_env`), the theme's template for a share of the pages, after the page's context and
  its `page_context` events, taken only if the page's HTML, title, front matter and table of contents are what
  they were there.

Whatever the other process could not do (an error, a value it cannot send, the process gone) is done here, so the
build meets the error itself; what MkDocs logged while rendering a page there is logged here, at that page's turn,
so `--strict` counts it. A plugin whose page events depend on the pages before it would see the other process skip
those; none of this site's does (tests/test_render_beside.py builds the site on one core and on two: byte for byte
the same).

Only on Linux with a second core and no other thread (a fork copies one thread): a build, or the first build of
`mkdocs serve` (before its server starts a thread); never a preview's rebuild, which renders the few pages a save
changed.
"""

from __future__ import annotations

import gc
import hashlib
import io
import logging
import os
import pickle
import signal
import struct
import sys
import threading
from collections.abc import Callable

from mkdocs.commands.build import get_context
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .mkdocs_run import die_with_parent

FEW = 40  # pages below which a second process costs more than it saves
MARKDOWN_SHARE = 0.5  # of the pages, rendered there: both processes then run the pages' events for as long
TEMPLATE_SHARE = 0.7  # here the build also indexes every page for search and runs every page's post_page events
_LENGTH = struct.Struct(">Q")
_MISSING = object()


def _digest(*texts: str) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for text in texts:
        h.update(text.encode("utf-8", "surrogatepass") + b"\0")
    return h.digest()


def _as_read(page: Page) -> bytes:
    """What a page's template reads of the page itself, beyond the state every page shares."""
    return _digest(page.content or "", str(page.title), repr(page.meta), str(page.toc))


def _second_core() -> bool:
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and len(os.sched_getaffinity(0)) > 1
            and threading.active_count() == 1)


def _share(pages: list[Page], fraction: float) -> list[Page]:
    """`fraction` of the pages, spread evenly through them (both processes meet their pages in the same order)."""
    return [p for i, p in enumerate(pages) if int((i + 1) * fraction) > int(i * fraction)]


class _Sender(pickle.Pickler):
    """Files and pages go by their path: the build's own objects stand for them again on arrival."""

    def persistent_id(self, obj):
        if isinstance(obj, File):
            return ("file", obj.src_uri)
        if isinstance(obj, Page):
            return ("page", obj.file.src_uri)
        return None


class _Receiver(pickle.Unpickler):
    def __init__(self, data: bytes, files: Files):
        super().__init__(io.BytesIO(data))
        self._files = files

    def persistent_load(self, pid):
        kind, uri = pid
        file = self._files.get_file_from_path(uri)
        if file is None or (kind == "page" and file.page is None):
            raise pickle.UnpicklingError(uri)
        return file if kind == "file" else file.page


class _Kept(logging.Handler):
    """The other process's log records, kept to be logged by the build at their page's turn."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        if self.records and self.records[-1] is record:  # met again on a parent logger
            return
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


def _keep_logs() -> _Kept:
    kept = _Kept()
    loggers = [logging.getLogger()] + [x for x in logging.Logger.manager.loggerDict.values()
                                       if isinstance(x, logging.Logger)]
    for logger in loggers:
        if logger.handlers:
            logger.handlers = [kept]
    return kept


class _Beside:
    """A forked process running `work(page)` for each of `pages` in turn, its results taken here by page."""

    def __init__(self, pages: list[Page], files: Files, work: Callable[[Page], object]):
        read, write = os.pipe()
        sys.stdout.flush(), sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the other process: it never returns)
            os.close(read)
            _child(pages, write, work)
        os.close(write)
        self._pid, self._pipe, self._files = pid, os.fdopen(read, "rb"), files
        self._theirs = frozenset(p.file.src_uri for p in pages)
        self._waiting = set(self._theirs)
        self._arrived: dict[str, object] = {}

    def take(self, uri: str):
        """The result for this page and what was logged making it, or None: then the build does it itself."""
        if uri not in self._theirs:
            return None
        self._waiting.discard(uri)
        got = self._arrived.pop(uri, _MISSING)
        while got is _MISSING and self._pipe is not None:
            message = self._next()
            if message is None:
                self.close()
                break
            sent, payload = message
            if sent == uri:
                got = payload
            else:
                self._arrived[sent] = payload
        if not self._waiting:
            self.close()
        return None if got is _MISSING else got

    def _next(self):
        head = self._pipe.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            return None
        data = self._pipe.read(_LENGTH.unpack(head)[0])
        uri, _, payload = data.partition(b"\0")
        uri = uri.decode("utf-8", "surrogateescape")
        try:
            return uri, _Receiver(payload, self._files).load() if payload else None
        except Exception:  # noqa: BLE001 — a page that cannot be taken is done here
            return uri, None

    def close(self) -> None:
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)  # done, or no longer needed
            except ProcessLookupError:
                pass
            os.waitpid(self._pid, 0)
            self._pid = 0
        self._arrived.clear()


def _child(pages: list[Page], write: int, work) -> None:  # pragma: no cover
    code = 1
    try:
        die_with_parent()  # a build killed leaves nothing rendering
        gc.freeze()  # what the build made stays shared with it, not copied by the collector's visits
        kept = _keep_logs()
        with os.fdopen(write, "wb") as out:
            for page in pages:
                kept.records.clear()
                payload = work(page)
                try:
                    data = b"" if payload is None else _pickled((payload, kept.records))
                except Exception:  # noqa: BLE001 — something on the page cannot be sent: done by the build
                    data = b""
                uri = page.file.src_uri.encode("utf-8", "surrogateescape")
                out.write(_LENGTH.pack(len(uri) + 1 + len(data)) + uri + b"\0" + data)
                out.flush()
        code = 0
    except BaseException:  # noqa: BLE001 — the build does what is left itself
        pass
    finally:
        os._exit(code)


def _pickled(payload) -> bytes:
    buffer = io.BytesIO()
    _Sender(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(payload)
    return buffer.getvalue()


def _replay(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


class RenderBeside:
    def __init__(self):
        self._markdown: _Beside | None = None
        self._templates: _Beside | None = None
        self._extras: dict[str, tuple[str, object]] = {}
        self._nav = None  # the build's final navigation, which the templates show
        self._shown = InclusionLevel.is_included  # which pages MkDocs reads in this build
        self.rendered = self.templated = 0  # pages whose Markdown, whose template, were taken, this build
        self.pages = 0  # pages this build read, if it shared their rendering (0: all here)

    # ---------------------------------------------------------------- Markdown

    def start(self, files: Files, config, nav, shown: Callable[[InclusionLevel], bool],
              after: Callable[[Page], object] | None = None) -> None:
        """Fork, if this machine can, the process rendering every other page's Markdown, of the pages `shown` (the
        inclusion levels MkDocs reads in this build). `after(page)`, run there once a page is rendered, is work of
        the caller's own on the page's fresh HTML, handed back by `extra`."""
        self.close()
        self.rendered = self.templated = self.pages = 0
        self._extras.clear()
        self._nav, self._shown = nav, shown
        pages = []
        for file in files.documentation_pages(inclusion=shown):
            if file.page is None:  # a page outside the navigation: MkDocs makes it so, at its turn
                Page(None, file, config)
            pages.append(file.page)
        if len(pages) < FEW or not _second_core():
            return
        theirs = _share(pages, MARKDOWN_SHARE)
        self._markdown = _Beside(theirs, files, lambda page: _rendered(page, config, files, after))
        self.pages = len(pages)
        for page in theirs:  # only this build's call to render them; the class's render is untouched
            page.render = _Deferred(self, page)

    def extra(self, page: Page, html: str):
        """What `after` made of this page in the other process, if `html` is the HTML it was made of."""
        made = self._extras.pop(page.file.src_uri, None)
        return made[1] if made is not None and made[0] is html else None

    def _render(self, page: Page, config, files: Files) -> None:
        del page.render
        got = self._markdown.take(page.file.src_uri) if self._markdown else None
        if got is None or got[0][0] != _digest(page.markdown):
            type(page).render(page, config, files)
            return
        (_, delta, extra), records = got
        _replay(records)
        page.__dict__.update(delta)
        if extra is not None:
            self._extras[page.file.src_uri] = (page.content, extra)
        self.rendered += 1

    # ---------------------------------------------------------------- templates

    def templates(self, env, files: Files, config):
        """At `on_env`: fork, if the Markdown was shared, the process rendering a share of the pages' templates;
        the environment to build with, whose page templates take those pages' HTML from it."""
        self._close_markdown()
        if not self.pages or not _second_core():  # a plugin may have started a thread since
            return env
        doc_files = files.documentation_pages(inclusion=self._shown)
        pages = [f.page for f in doc_files]
        self._templates = _Beside(_share(pages, TEMPLATE_SHARE), files,
                                  lambda page: _templated(page, config, env, self._nav, doc_files))
        return _SharedEnvironment(env, self)

    def _templated(self, page: Page, name: str):
        """The template `name`'s HTML for this page from the other process, if it rendered the page as it is."""
        got = self._templates.take(page.file.src_uri) if self._templates else None
        if got is None:
            return None
        (their_name, read, html), records = got
        if their_name != name or read != _as_read(page):
            return None
        _replay(records)
        self.templated += 1
        return html

    def _close_markdown(self) -> None:
        if self._markdown is not None:
            self._markdown.close()
            self._markdown = None

    def close(self) -> None:
        """The other process ended and waited for (when its pages are done, at an error, or at the build's end)."""
        self._close_markdown()
        if self._templates is not None:
            self._templates.close()
            self._templates = None


class _Deferred:
    """A page's `render`, for this build: its result taken from the other process."""

    def __init__(self, beside: RenderBeside, page: Page):
        self._beside, self._page = beside, page

    def __call__(self, config, files):
        self._beside._render(self._page, config, files)


class _SharedEnvironment:
    """The theme's Jinja environment, whose templates, rendering a page the other process rendered, take its HTML."""

    def __init__(self, env, beside: RenderBeside):
        self._env, self._beside = env, beside

    def __getattr__(self, name):
        return getattr(self._env, name)

    def get_template(self, name, *args, **kwargs):
        return _SharedTemplate(self._env.get_template(name, *args, **kwargs), name, self._beside)


class _SharedTemplate:
    def __init__(self, template, name, beside: RenderBeside):
        self._template, self._name, self._beside = template, name, beside

    def __getattr__(self, name):
        return getattr(self._template, name)

    def render(self, *args, **kwargs):
        page = args[0].get("page") if len(args) == 1 and not kwargs and isinstance(args[0], dict) else None
        html = self._beside._templated(page, self._name) if isinstance(page, Page) else None
        return self._template.render(*args, **kwargs) if html is None else html


def _rendered(page: Page, config, files: Files, after):  # pragma: no cover (runs in the other process)
    """What MkDocs' _populate_page does up to rendering, with what rendering set on the page."""
    config._current_page = page
    try:
        if config.plugins.on_pre_page(page, config=config, files=files) is not page:
            return None
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        before = dict(page.__dict__)
        type(page).render(page, config, files)
        delta = {k: v for k, v in page.__dict__.items() if before.get(k, _MISSING) is not v}
        return _digest(page.markdown), delta, after(page) if after else None
    except Exception:  # noqa: BLE001 — the build renders it and meets the error itself
        return None
    finally:
        config._current_page = None


def _templated(page: Page, config, env, nav, doc_files):  # pragma: no cover (runs in the other process)
    """What MkDocs' _build_page does up to the template's HTML."""
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        name = page.meta.get("template", "main.html")
        template = env.get_template(name)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        return name, _as_read(page), template.render(context)
    except Exception:  # noqa: BLE001 — the build renders it and meets the error itself
        return None
    finally:
        page.active = False
        config._current_page = None
