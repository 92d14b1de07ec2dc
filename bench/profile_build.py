"""One full in-process `mkdocs build`, with a stopwatch around each part of it.

    .venv/bin/python bench/profile_build.py RECORDS SITE_DIR

Prints a line per part, then one JSON line (read by bench/speed.py). The parts
overlap by design: "pages read" includes our on_page_content, "pages built"
includes the search plugin's indexing and so the word segmentation.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mkdocs.plugins import CombinedEvent  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)
PARTS = {  # label: (module, attribute path)
    "our plugin: records → pages (on_files)": ("generator.plugin", "RecordsPlugin.on_files"),
    "our plugin: sanitising (on_page_content)": ("generator.plugin", "RecordsPlugin.on_page_content"),
    "our plugin: portal links (on_page_context)": ("generator.plugin", "RecordsPlugin.on_page_context"),
    "our plugin: edit links (on_page_markdown)": ("generator.plugin", "RecordsPlugin.on_page_markdown"),
    "our plugin: search index (on_post_build)": ("generator.plugin", "RecordsPlugin.on_post_build"),
    "word segmentation (ours)": ("generator.segment", "Segmenter.segment_entry"),
    "word segmentation (Material with jieba)": ("material.plugins.search.plugin", "SearchIndex._segment_chinese"),
    "MkDocs: pages read (Markdown → HTML)": ("mkdocs.commands.build", "_populate_page"),
    "MkDocs: pages built (theme, search)": ("mkdocs.commands.build", "_build_page"),
    "search plugin: index written": ("material.plugins.search.plugin", "SearchPlugin.on_post_build"),
    # Waiting for, and taking, what the second core rendered (generator/render_beside.py): its share of the pages.
    "second core: Markdown taken": ("generator.render_beside", "RenderBeside._render"),
    "second core: templates taken": ("generator.render_beside", "RenderBeside._templated"),
}


def stopwatch(label, fn):
    @functools.wraps(fn)  # keeps MkDocs' event priority attributes
    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[label] += time.perf_counter() - t
    return timed


def install() -> None:
    for label, (module_name, path) in PARTS.items():
        try:
            owner = importlib.import_module(module_name)
        except ImportError:
            continue
        *parents, name = path.split(".")
        for p in parents:
            owner = getattr(owner, p)
        if not hasattr(owner, name):
            continue
        hook = owner.__dict__.get(name) if isinstance(owner, type) else None
        if isinstance(hook, CombinedEvent):  # several handlers under one event's name: each timed, the event kept
            setattr(owner, name, CombinedEvent(*(stopwatch(label, m) for m in hook.methods)))
        else:
            setattr(owner, name, stopwatch(label, getattr(owner, name)))


def main(records: str, site_dir: str) -> None:
    os.environ["SITE_RECORDS"] = records
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    install()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    t = time.perf_counter()
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    total = time.perf_counter() - t
    result = {"in-process build (s)": total}
    for label in PARTS:
        if label in SPENT:
            result[f"{label} (s)"] = SPENT[label]
            print(f"{label}: {SPENT[label]:.2f} s ({SPENT[label] / total:.0%})")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:])
