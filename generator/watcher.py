"""How `mkdocs serve` learns of a save: from the system's file events rather than MkDocs' polling.

MkDocs 1.6 polls every watched file twice a second: at 5,000 records a save is seen 0.3 s late on average and
the poll itself takes 60 ms of the preview's time twice a second, four times that at twenty years' 20,000. The
system (inotify, FSEvents, ReadDirectoryChangesW) says at once, for nothing. Uses MkDocs' LiveReloadServer as
it is (mkdocs<2 is pinned): its watched paths are scheduled again on the system's observer, started at once so
that a system refusing to watch leaves MkDocs' polling instead of a preview that does not start.
"""

from __future__ import annotations

import errno
import logging
import warnings

import watchdog.events as ev
import watchdog.observers
import watchdog.observers.polling

from . import messages as say
from .errors import system_error

log = logging.getLogger("mkdocs.plugins.dangjian")

# What changes a file. The system also tells of files opened and closed unwritten, which MkDocs (made for
# polling, which never sees those) would take for saves: every build reads the records it checks and the editor
# reads the photos it lists, so each would start another rebuild, and the preview would reload under the reader.
CHANGES = [ev.FileCreatedEvent, ev.FileModifiedEvent, ev.FileMovedEvent, ev.FileDeletedEvent, ev.FileClosedEvent,
           ev.DirCreatedEvent, ev.DirMovedEvent, ev.DirDeletedEvent]

# How long MkDocs waits, after a change, for the changes to stop before it rebuilds. Its 0.1 s suits its polling; the
# system tells of a save's few events (an editor's write and rename, a photo and then its record) within
# milliseconds of each other, and every save waits this long before its page is made.
QUIET = 0.05


class _ChangesObserver(watchdog.observers.Observer):
    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)

    def start(self):
        if not self.is_alive():  # watch_natively started it already; MkDocs' server.serve() starts it again
            super().start()


def _watch_with(server, observer, paths: dict[str, int]) -> None:
    server.observer.unschedule_all()
    server.observer, server._watched_paths, server._watch_refs = observer, {}, {}
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)


def watch_natively(server) -> bool:
    """Whether the server now watches by the system's events: not where the system has none, nor where it refuses
    (inotify's limits on watches, shared by every program of the user), which leaves MkDocs' polling."""
    if issubclass(watchdog.observers.Observer, watchdog.observers.polling.PollingObserver):
        return False
    # A folder made with its parents (the editor's first photo of a year) is added to inotify twice, once for each
    # event that shows it; watchdog keeps one watch and says so in English on the preview's console.
    warnings.filterwarnings("ignore", r"Callback with id .* already exists for watch", RuntimeWarning)
    polling, paths = server.observer, dict(server._watched_paths)
    _watch_with(server, _ChangesObserver(), paths)
    try:
        server.observer.start()  # now, not in server.serve(): a refusal must still leave a preview
    except OSError as e:
        _watch_with(server, polling, paths)
        log.warning(say.watching_by_polling(say.WATCH_LIMIT if e.errno in (errno.ENOSPC, errno.EMFILE)
                                            else system_error(e)))
        return False
    server.build_delay = QUIET
    return True
