"""A private temporary folder for one run (0700, named with its process id), and the sweeping of those a killed
run left: a run killed with kill -9 cannot clean up, so the next run of the same command removes every folder of
its kind whose process is gone. Deploy keys and the editor's socket live in such folders."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def sweep(prefix: str) -> None:
    """Remove the folders `<prefix><pid>-…` in the temporary folder whose process is gone."""
    for path in Path(tempfile.gettempdir()).glob(prefix + "*"):
        found = re.match(re.escape(prefix) + r"(\d+)-", path.name)
        if found and not alive(int(found[1])):
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def run_folder(prefix: str):
    """A new private folder `<prefix><pid>-…` for this run, removed after it; leftovers of dead runs swept first."""
    sweep(prefix)
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
