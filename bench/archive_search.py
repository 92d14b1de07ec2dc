"""Search in a large offline archive, measured in Debian's Chromium from file://.

    .venv/bin/python bench/archive_search.py [N ...]     (default: 5000)

For each N: a synthetic records tree of N activities (bench/make_tree.py), the
archive built by `python -m generator archive`, unzipped, and opened from
file://. Reported: the search index's size, then, typing a Chinese word from one
activity's body (median of several runs, each in a fresh page):
  - at once: from the page's load event, type and wait for the first result
    (includes the browser building the index in its worker);
  - settled: from a keystroke on a page that loaded 10 s earlier.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from make_tree import make_tree  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic"]
RUNS = 3
QUERY = "党性日记"  # occurs in activity bodies (see make_tree.SENTENCES)


def build(n: int, work: Path) -> Path:
    records = make_tree(work / "records", n)
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "archive", "--records", str(records), "--out", str(work / "out"),
                           "--config", str(ROOT / "mkdocs.yml")], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr)
    print(f"  archive built in {time.perf_counter() - t:.0f} s", flush=True)
    (zip_path,) = (work / "out").glob("*.zip")
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(work / "site")
    (root,) = (work / "site").iterdir()
    return root


def first_result_ms(browser, home: str, settle: float) -> float:
    page = browser.new_page()
    page.goto(home, wait_until="load")
    if settle:
        time.sleep(settle)
    page.locator(".md-search__input").click()
    box = page.locator("input.md-search__input")
    box.fill(QUERY)
    t = time.perf_counter()
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
    ms = (time.perf_counter() - t) * 1000
    page.close()
    return ms


def main(sizes: list[int]) -> None:
    print("| activities | search index (MB) | first result, typed at once (ms) | first result, settled page (ms) |")
    print("| ---: | ---: | ---: | ---: |")
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"archive-bench-{n}-"))
        try:
            root = build(n, work)
            index_mb = (root / "search/search_index.js").stat().st_size / 2**20
            home = (root / "index.html").as_uri()
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                at_once = statistics.median(first_result_ms(browser, home, 0) for _ in range(RUNS))
                settled = statistics.median(first_result_ms(browser, home, 10) for _ in range(RUNS))
                browser.close()
            print(f"| {n} | {index_mb:.1f} | {at_once:.0f} | {settled:.0f} |", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    main([int(a) for a in sys.argv[1:]] or [5000])
