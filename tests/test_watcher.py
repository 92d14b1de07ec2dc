"""The preview's watcher (generator/watcher.py) on MkDocs' own LiveReloadServer, with the system's real events."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import warnings

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.inotify_c import InotifyFD
from watchdog.observers.polling import PollingObserver

from generator.watcher import _ChangesObserver, watch_natively

pytestmark = pytest.mark.build


@contextlib.contextmanager
def _server(records):
    """MkDocs' preview server watching `records`, as `mkdocs serve` has it when the plugin's on_serve is called
    (not serving: only its watcher runs)."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(records.parent))
    server.watch(str(records))
    try:
        yield server
    finally:
        server.observer.stop()
        if server.observer.is_alive():
            server.observer.join()
        server.server_close()


def _wants_rebuild(server, within: float) -> bool:
    with server._rebuild_cond:
        return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=within)


def test_a_save_is_seen_at_once_and_a_read_not_at_all(tmp_path, recwarn):
    records = tmp_path / "records"
    (records / "activities").mkdir(parents=True)
    record = records / "activities/a.yml"
    record.write_text("title: 一\n", encoding="utf-8")
    warnings.simplefilter("always")  # every warning recorded, not only a place's first (pytest restores the filters)
    with _server(records) as server:
        assert watch_natively(server)  # Linux: inotify, never MkDocs' polling
        assert isinstance(server.observer, _ChangesObserver) and list(server._watched_paths) == [str(records)]
        assert server.build_delay == 0.05  # a save's events come together: MkDocs need not wait 0.1 s for more
        server.observer.start()  # as server.serve() does: the observer runs already
        record.read_text(encoding="utf-8")  # what a build and the web editor do to every record: not a save
        assert not _wants_rebuild(server, 1.0)

        record.write_text("title: 二\n", encoding="utf-8")
        assert _wants_rebuild(server, 5.0)

        server._want_rebuild = False  # a photo in a folder made a moment before, as the editor uploads it
        (records / "assets/2024").mkdir(parents=True)
        (records / "assets/2024/a.jpg").write_bytes(b"\xff\xd8")
        assert _wants_rebuild(server, 5.0)
        # What watchdog does, now and then, when a folder is made with its parents: it adds the new folder twice
        # (once for each event that shows it) and warns on the second, in English, on the preview's console.
        emitter = next(iter(server.observer.emitters))
        emitter._inotify._add_callback(os.fsencode(records / "assets/2024"))
    assert [str(w.message) for w in recwarn] == []  # nothing on the preview's console but MkDocs' own lines


def test_where_the_system_refuses_the_preview_polls_and_says_so(tmp_path, monkeypatch, caplog):
    """inotify's limits are shared by every program of the user: where they are used up, the preview starts all
    the same, polling as MkDocs does, and says why in Chinese."""
    def refuse(self, *args):  # what watchdog raises when the kernel refuses a watch (inotify_add_watch: ENOSPC)
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(InotifyFD, "add_callback", refuse)
    records = tmp_path / "records"
    records.mkdir()
    with _server(records) as server:
        with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.dangjian"):
            assert not watch_natively(server)
        assert type(server.observer) is PollingObserver and list(server._watched_paths) == [str(records)]
        assert server.build_delay == 0.1  # MkDocs' own
        assert caplog.messages == ["无法用系统的文件通知监视记录（系统允许的文件监视数已经用完；Linux 上可以调大 "
                                   "fs.inotify.max_user_watches 和 max_user_instances），预览改为每半秒检查一次文件："
                                   "保存后要稍等才会更新"]
        server.observer.start()
        (records / "a.yml").write_text("title: 一\n", encoding="utf-8")
        assert _wants_rebuild(server, 5.0)
