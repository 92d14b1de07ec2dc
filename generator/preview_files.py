"""The generated pages as MkDocs Files, kept from one build to the next.

In a dirty preview (`mkdocs serve --dirty`) a page whose Markdown is unchanged keeps its File, and with it its
MkDocs Page: a save then makes neither again for the thousands of pages it did not touch. Anything in the
config that a File or Page is made from starts them all afresh.
"""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from . import messages as say
from .structure import Output


class GeneratedFile(File):
    """A page made in memory. MkDocs counts every such file as modified, which makes `mkdocs serve --dirty`
    rebuild all generated pages on every save; this one is modified only when its content differs from the
    previous build's."""

    modified = True
    in_nav = False

    def is_modified(self) -> bool:
        return self.modified


class GeneratedFiles:
    """The Files of the last good build's generated pages, by page path."""

    def __init__(self):
        self.by_path: dict[str, GeneratedFile] = {}
        self._made_from: tuple = ()

    def __contains__(self, src_uri: str) -> bool:
        return src_uri in self.by_path

    def add(self, files: Files, config, output: Output, records_dir: str, *, reuse: bool) -> None:
        """Every page of `output` into `files`; with `reuse`, an unchanged page keeps its File of the last build.
        `records_dir`: the records' folder, from where MkDocs reads docs/ (an edit link opens the record)."""
        to_records = os.path.relpath(records_dir, config.docs_dir).replace(os.sep, "/")
        taken = {f.src_uri for f in files}
        made_from = (config.docs_dir, config.site_dir, config.use_directory_urls, config.site_url, config.repo_url,
                     config.edit_uri, config.edit_uri_template, to_records)
        keep = reuse and made_from == self._made_from
        previous, self.by_path, self._made_from = self.by_path, {}, made_from
        for page in output.pages:
            if page.path in taken:
                raise PluginError(say.handwritten_page(page.path))
            f = previous.get(page.path)
            same = f is not None and f.content_string == page.markdown and f.in_nav == page.in_nav
            if not (same and keep):
                f = GeneratedFile.generated(config, page.path, content=page.markdown,
                                            inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV)
                f.in_nav = page.in_nav
                f.edit_uri = f"{to_records}/{page.source}" if page.source else None  # "编辑此页" opens the record
            f.modified = not same
            files.append(f)
            self.by_path[page.path] = f

    def forget(self) -> list[GeneratedFile]:
        """The last good build's Files, no longer kept (a record has an error: the next good build makes all)."""
        files, self.by_path = list(self.by_path.values()), {}
        return files
