"""A preview lists the theme's folders once, and again only when they change: the same files as MkDocs finds."""

from __future__ import annotations

import os

from mkdocs.config import load_config
from mkdocs.structure.files import Files
from support.sitebuild import ROOT, config_for

from generator.theme_reuse import ThemeListing


def theme_files(config) -> list[str]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return [f.src_uri for f in files]


def project_config(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(config_for(ROOT / "records", tmp_path, own_docs=True)))


def test_the_listing_finds_the_files_mkdocs_finds(tmp_path, monkeypatch):
    config = project_config(tmp_path, monkeypatch)
    found = theme_files(config)
    assert any(f.startswith("assets/javascripts/bundle.") for f in found)
    listing = ThemeListing()
    listing.install(config.theme)
    assert theme_files(config) == found
    assert theme_files(config) == found  # from what the listing kept


def test_a_file_added_to_or_removed_from_the_theme_is_listed_again(tmp_path, monkeypatch):
    config = project_config(tmp_path, monkeypatch)
    ThemeListing().install(config.theme)
    before = theme_files(config)
    folder = tmp_path / "docs/overrides/assets/stylesheets"
    folder.mkdir(parents=True)  # a new folder
    (folder / "one.css").write_text("body{}", encoding="utf-8")
    assert set(theme_files(config)) == {*before, "assets/stylesheets/one.css"}
    (folder / "two.css").write_text("p{}", encoding="utf-8")  # a new file in a folder listed already
    assert set(theme_files(config)) == {*before, "assets/stylesheets/one.css", "assets/stylesheets/two.css"}
    os.remove(folder / "one.css")
    os.remove(folder / "two.css")
    assert theme_files(config) == before
