"""`python -m generator site`: the whole site built aside and swapped in, one build at a time.

The build goes to a folder of its own beside the output and replaces the output only when complete, so a
failed, interrupted or concurrent build never leaves a site that is half one and half another (or empty).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from . import messages as say
from .mkdocs_run import mkdocs_build
from .outlock import locked


class SiteError(Exception):
    """The site was not built; the message says why, in Chinese. The previous site is as it was."""


def build_site(config: Path, out: Path) -> None:
    out = out.resolve()
    with locked(out.parent, say.site_folder(out.name)):  # the parent: the output itself is replaced
        new = out.with_name(f".{out.name}-new-{os.getpid()}")
        old = out.with_name(f".{out.name}-old-{os.getpid()}")
        for stale in [*out.parent.glob(f".{out.name}-new-*"), *out.parent.glob(f".{out.name}-old-*")]:  # a killed build's
            shutil.rmtree(stale, ignore_errors=True)
        try:
            done = mkdocs_build(config, new)
            if done.returncode != 0:
                raise SiteError(say.site_build_failed(done.stderr.strip()))
            if out.exists():
                os.replace(out, old)
            os.replace(new, out)
        finally:
            shutil.rmtree(new, ignore_errors=True)
            shutil.rmtree(old, ignore_errors=True)
