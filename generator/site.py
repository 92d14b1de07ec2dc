"""`python -m generator site`: the whole site built aside and swapped in, one build at a time.

The build goes to a folder of its own beside the output and replaces the output only when complete, so a
failed, interrupted or concurrent build never leaves a site that is half one and half another (or empty). Only a
folder that is absent, empty or an earlier site (outputs.SITE) is replaced.
"""

from __future__ import annotations

from pathlib import Path

from . import messages as say
from . import outputs
from .mkdocs_run import mkdocs_build


class SiteError(Exception):
    """The site was not built; the message says why, in Chinese. The previous site is as it was."""


def build_site(config: Path, out: Path) -> None:
    def build(new: Path) -> None:
        done = mkdocs_build(config, new)
        if done.returncode != 0:
            raise SiteError(say.site_build_failed(done.stderr.strip()))

    outputs.replace(out, outputs.SITE, say.site_folder(out.name), build)
