"""A file's stat signature: what tells, without reading it, that a file is as it was."""

from __future__ import annotations

import os


def signature(path: str | os.PathLike) -> tuple[int, int, int] | None:
    """Modification time, size and inode; None when there is no such file (or the path is unusable).

    Any write changes the time, and a replacement (git checkout, an editor's save-and-rename) the inode.
    """
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino
