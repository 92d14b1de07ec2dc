"""Writing a file so that no reader, and no crash, ever sees it half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once, at import, before any thread starts: os.umask can only be read by setting it.
_CREATE_MODE = 0o666 & ~_umask()


def stage(path: Path, data: bytes, *, prefix: str = ".tmp-", sync: bool = False) -> Path:
    """Write data beside path under a temporary name (starting with prefix) and return that name. It gets the
    mode path has, or a new file's under the umask (mkstemp's own 0600 would make a page, a record or a photo
    unreadable to the web server, a colleague or a group)."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = _CREATE_MODE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            f.write(data)
            if sync:
                f.flush()
                os.fsync(f.fileno())
    except OSError as e:
        os.unlink(tmp)
        if e.filename is None:  # a failed write names no file; the user needs to know which disk is full
            raise OSError(e.errno, e.strerror, str(path)) from e
        raise
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


def write(path: Path, data: bytes, *, prefix: str = ".tmp-", sync: bool = False) -> None:
    """Replace path with data in one step: before it, the old file; after it, the whole new one."""
    os.replace(stage(path, data, prefix=prefix, sync=sync), path)
