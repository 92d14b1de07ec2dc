"""One writer at a time for an output: `make site`, `build --out` and `archive` lock what they write.

A second run waits for the first, saying so, and then works on what the first left (whole, as each writes
aside and swaps in); after WAIT seconds it stops and says why. The lock is the kernel's (flock) on the folder
itself: no lock file lands among the output, and a killed run's lock goes with it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from pathlib import Path

from . import messages as say

WAIT = 30 * 60  # a cold build of twenty years of photos takes a while


class Busy(Exception):
    """Another run still holds the output after WAIT seconds."""


@contextlib.contextmanager
def locked(folder: Path, what: str, wait: float = WAIT):
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        if not _try(fd):
            print(say.waiting_for(what), file=sys.stderr, flush=True)
            deadline = time.monotonic() + wait
            while not _try(fd):
                if time.monotonic() > deadline:
                    raise Busy(say.busy(what, int(wait)))
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)  # releases the lock


def _try(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
