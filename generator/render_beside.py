"""Half of a build's Markdown turned into HTML on the second core.

MkDocs reads every page in turn, on one core: at 5,000 activities Python-Markdown alone takes 17 s of a 45 s build,
while the second core of the school's server or CI runner idles (bench/RESULTS.md). Once the navigation is final,
`RenderBeside.start` forks a process that renders every other page with MkDocs' own code — the page's `pre_page`
and `page_markdown` events, then `Page.render` — and sends back what rendering set on the page. MkDocs, in the
build itself, runs every event of every page as ever; only its call to render one of those pages takes the result
instead, and only if the page's Markdown is the very text the other process rendered. Anything the other process
could not do (an error, a value it cannot send, the process gone) is rendered here, so the build meets the error
itself; what MkDocs logged while rendering a page there is logged here, at that page's turn, so `--strict` counts it.

Only a build on Linux with a second core and no other thread (a fork copies one thread): never `mkdocs serve`,
whose rebuilds render a few pages, and whose server runs threads.
"""

from __future__ import annotations

import gc
import hashlib
import io
import logging
import os
import pickle
import struct
import sys
import threading
from collections.abc import Callable

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .mkdocs_run import die_with_parent

FEW = 40  # pages below which a second process costs more than it saves
_LENGTH = struct.Struct(">Q")
_MISSING = object()


def _digest(markdown: str) -> bytes:
    return hashlib.blake2b(markdown.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _second_core() -> bool:
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and len(os.sched_getaffinity(0)) > 1
            and threading.active_count() == 1)


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


class RenderBeside:
    def __init__(self):
        self._pid = 0
        self._pipe = None
        self._files: Files | None = None
        self._waiting: set[str] = set()
        self._arrived: dict[str, tuple] = {}
        self._extras: dict[str, tuple[str, object]] = {}
        self.rendered = 0  # pages whose rendering was taken from the other process, this build
        self.pages = 0  # pages this build read, if it rendered some beside (0: all here)

    def start(self, files: Files, config, after: Callable[[Page], object] | None = None) -> None:
        """Fork, if this machine can, the process rendering every other page. `after(page)`, run there once a page
        is rendered, is work of the caller's own on the page's fresh HTML, handed back by `extra`."""
        self.close()
        self.rendered = self.pages = 0
        pages = []
        for file in files.documentation_pages(inclusion=lambda level: level.is_included()):
            if file.page is None:  # a page outside the navigation: MkDocs makes it so, at its turn
                Page(None, file, config)
            pages.append(file.page)
        if len(pages) < FEW or not _second_core():
            return
        theirs = pages[1::2]
        read, write = os.pipe()
        sys.stdout.flush(), sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the other process: it never returns)
            os.close(read)
            _child(theirs, config, files, write, after)
        os.close(write)
        self._pid, self._pipe, self._files = pid, os.fdopen(read, "rb"), files
        self._waiting = {p.file.src_uri for p in theirs}
        self.pages = len(pages)
        for page in theirs:  # only this build's call to render them; the class's render is untouched
            page.render = _Deferred(self, page)

    def extra(self, page: Page, html: str):
        """What `after` made of this page in the other process, if `html` is the HTML it was made of."""
        made = self._extras.pop(page.file.src_uri, None)
        return made[1] if made is not None and made[0] is html else None

    def _render(self, page: Page, config, files: Files) -> None:
        del page.render
        got = self._take(page.file.src_uri)
        if got is None or got[0] != _digest(page.markdown):
            type(page).render(page, config, files)
            return
        _, delta, extra, records = got
        for record in records:
            logging.getLogger(record.name).handle(record)
        page.__dict__.update(delta)
        if extra is not None:
            self._extras[page.file.src_uri] = (page.content, extra)
        self.rendered += 1

    def _take(self, uri: str):
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
        except Exception:  # noqa: BLE001 — a page that cannot be taken is rendered here
            return uri, None

    def close(self) -> None:
        """The other process ended and waited for (at the end of its pages, an error, or the build's end)."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._pid:
            try:
                os.kill(self._pid, 9)
            except ProcessLookupError:
                pass
            os.waitpid(self._pid, 0)
            self._pid = 0
        self._arrived.clear()


class _Deferred:
    """A page's `render`, for this build: its result taken from the other process."""

    def __init__(self, beside: RenderBeside, page: Page):
        self._beside, self._page = beside, page

    def __call__(self, config, files):
        self._beside._render(self._page, config, files)


def _child(pages: list[Page], config, files: Files, write: int, after) -> None:  # pragma: no cover
    code = 1
    try:
        die_with_parent()  # a build killed leaves nothing rendering
        gc.freeze()  # what the build made stays shared with it, not copied by the collector's visits
        kept = _keep_logs()
        with os.fdopen(write, "wb") as out:
            for page in pages:
                kept.records.clear()
                payload = _rendered(page, config, files, after)
                try:
                    data = b"" if payload is None else _pickled(payload + (kept.records,))
                except Exception:  # noqa: BLE001 — something on the page cannot be sent: rendered there
                    data = b""
                uri = page.file.src_uri.encode("utf-8", "surrogateescape")
                out.write(_LENGTH.pack(len(uri) + 1 + len(data)) + uri + b"\0" + data)
                out.flush()
        code = 0
    except BaseException:  # noqa: BLE001 — the build renders what is left itself
        pass
    finally:
        os._exit(code)


def _pickled(payload) -> bytes:
    buffer = io.BytesIO()
    _Sender(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(payload)
    return buffer.getvalue()


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
