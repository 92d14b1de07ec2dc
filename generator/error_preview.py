"""The preview while a record has an error: MkDocs serves nothing until a build succeeds, so a failed rebuild
would leave the preview waiting for ever. Instead the build succeeds with no generated page, and every page the
preview showed becomes the list of errors, until the next good save builds every page again."""

from __future__ import annotations

from pathlib import Path

from .render import serve_error_page


class ErrorPreview:
    def __init__(self):
        self.page: str | None = None  # the list of errors, while there are errors
        self._shown: list = []  # the Files of the last good build's generated pages

    @property
    def showing(self) -> bool:
        return self.page is not None

    def clear(self) -> None:
        self.page = None

    def show(self, problems, files_checked: int, last_good: list) -> None:
        """Show the errors at every page of the last good build (`last_good`: its Files; empty after the first
        error, which keeps the pages it found)."""
        self.page = serve_error_page(problems, files_checked)
        if last_good:
            self._shown = last_good

    def write(self, site_dir: str) -> None:
        site = Path(site_dir)
        for dest in {*(f.dest_uri for f in self._shown), "index.html", "404.html"}:  # 404.html: served elsewhere
            path = site / dest
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.page, encoding="utf-8")
