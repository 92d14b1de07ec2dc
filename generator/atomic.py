"""Writing a file so that no reader, and no crash, ever sees it half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


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


def replace_folder(out: Path, what: str, make: Callable[[Path], T]) -> T:
    """Make a whole folder aside (`make(new folder)`) and swap it in for `out` only when complete, one run at a
    time: a failed, interrupted or concurrent run never leaves a folder half one and half another (or empty).
    `what` names the folder in "… 正在被另一次运行写入". Returns what `make` returns."""
    from .outlock import locked

    out = out.resolve()
    with locked(out.parent, what):  # the parent: the output itself is replaced
        new = out.with_name(f".{out.name}-new-{os.getpid()}")
        old = out.with_name(f".{out.name}-old-{os.getpid()}")
        for stale in [*out.parent.glob(f".{out.name}-new-*"), *out.parent.glob(f".{out.name}-old-*")]:  # a killed run's
            shutil.rmtree(stale, ignore_errors=True)
        try:
            made = make(new)
            if out.exists():
                os.replace(out, old)
            os.replace(new, out)
        finally:
            shutil.rmtree(new, ignore_errors=True)
            shutil.rmtree(old, ignore_errors=True)
    return made
