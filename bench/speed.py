"""Speed and memory of the whole pipeline on synthetic records trees.

    .venv/bin/python bench/speed.py [N ...] [--runs R] [--skip STEP ...]

Default: N = 1000 5000, R = 3 (the median is reported). Steps, in order:

  check     `python -m generator check` as a command; and in-process against the
            floor of parsing the same files with PyYAML's C loader (bench/check_speed.py)
  largest   the largest generated page's Markdown, and how many pages are over 150 KB
  out       `python -m generator build --out DIR`: cold (empty DIR), then again with
            nothing changed (and how many files that second run wrote: must be 0)
  build     the full `mkdocs build` with the project's mkdocs.yml; peak memory
  profile   one in-process build, timing our plugin's hooks and the search index's
            Chinese word segmentation
  floor     `python -m generator export` (timed), then plain `mkdocs build` of the exported
            project (the same Markdown, docs/ and photos) without our plugin or its search hook
  properdocs  ProperDocs building the exported project (mkdocs.yml, with the word-segmentation hook)
  zensical  Zensical building the exported project (zensical.yml)
  serve     `mkdocs serve --dirty --no-strict` (what `make serve` runs): from saving one record to
            the rebuilt page being served, polled over HTTP; a typo in the body, and a title
  servefloor  the same for plain MkDocs on the exported Markdown: one page's text edited

Trees come from bench/make_tree.py (bench/out/records-N, made again only when missing).
Every command runs as its own process with the warm file cache of the runs before it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import yaml  # noqa: E402
from check_speed import check as check_in_process  # noqa: E402
from check_speed import floor as parse_floor  # noqa: E402
from make_tree import make_tree  # noqa: E402

from generator.pages import make_pages  # noqa: E402
from generator.pipeline import check_records  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
STEPS = ("check", "largest", "out", "build", "profile", "floor", "properdocs", "zensical", "serve", "servefloor")


# ---------------------------------------------------------------- running and timing


class Run(NamedTuple):
    seconds: float | None
    rss: int  # MB: the largest process's peak resident memory
    pss: int  # MB: the peak of all its processes together, each shared page counted once (the build may fork)


def _tree(pid: int) -> list[int]:
    found = [pid]
    for p in found:
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                found += [int(c) for c in Path(f"/proc/{p}/task/{task}/children").read_text().split()]
        except OSError:
            pass
    return found


def _pss(pid: int) -> int:
    try:
        return int(re.search(r"^Pss:\s+(\d+)", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.M).group(1))
    except (OSError, AttributeError):
        return 0


def timed(cmd: list[str], *, env=None, cwd=ROOT, fatal=True) -> Run:
    """Wall-clock seconds and peak memory of one command (its processes' memory looked at every 0.1 s); fails
    loudly (or gives None)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = [0]

    def sample():
        while proc.returncode is None and os.path.exists(f"/proc/{proc.pid}"):
            peak[0] = max(peak[0], sum(_pss(p) for p in _tree(proc.pid)))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    if proc.returncode:
        message = f"failed ({proc.returncode}): {' '.join(cmd)}\n{out.decode('utf-8', 'replace')[-4000:]}"
        if fatal:
            sys.exit(message)
        print(message, flush=True)
        return Run(None, 0, 0)
    return Run(elapsed, usage.ru_maxrss // 1024, peak[0] // 1024)  # Linux reports kilobytes


def median_of(runs: int, fn) -> tuple[float, list[float]]:
    times = [fn() for _ in range(runs)]
    return statistics.median(times), times


def in_process(runs: int, fn, *args) -> float:
    fn(*args)  # warm: imports, pydantic's first validations, the file cache

    def once():
        t = time.perf_counter()
        fn(*args)
        return time.perf_counter() - t
    return median_of(runs, once)[0]


def fmt(times: list[float]) -> str:
    return " / ".join(f"{t:.2f}" for t in times)


def tree(n: int) -> Path:
    path = OUT / f"records-{n}"
    if not (path / "site.yml").is_file():
        make_tree(path, n)
    return path


def yml_count(records: Path) -> int:
    return sum(name.endswith(".yml") for _, _, fs in os.walk(records) for name in fs)


def snapshot(folder: Path) -> dict[str, int]:
    return {os.path.join(d, f): os.stat(os.path.join(d, f)).st_mtime_ns for d, _, fs in os.walk(folder) for f in fs}


# ---------------------------------------------------------------- the steps


def step_check(n: int, records: Path, runs: int, work: Path) -> dict:
    wall, times = median_of(runs, lambda: timed([PY, "-m", "generator", "check", "--records", str(records)])[0])
    floor = in_process(runs, parse_floor, records)
    check = in_process(runs, check_in_process, records)
    return {"check command (s)": wall, "check runs": fmt(times), "parse floor (s)": floor,
            "check in-process (s)": check, "check / floor": check / floor}


def step_out(n: int, records: Path, runs: int, work: Path) -> dict:
    out = work / "out"
    cmd = [PY, "-m", "generator", "build", "--records", str(records), "--out", str(out)]

    def cold():
        shutil.rmtree(out, ignore_errors=True)
        return timed(cmd)[0]

    cold_median, cold_times = median_of(runs, cold)
    before = snapshot(out)
    warm_median, warm_times = median_of(runs, lambda: timed(cmd)[0])
    after = snapshot(out)
    written = sum(before.get(p) != m for p, m in after.items()) + len(before.keys() - after.keys())
    return {"build --out cold (s)": cold_median, "cold runs": fmt(cold_times),
            "build --out unchanged (s)": warm_median, "unchanged runs": fmt(warm_times),
            "files written when unchanged": written, "pages": len(after) - 1}


def mkdocs_build(config: Path, site: Path, records: Path | None = None) -> Run:
    env = {**ENV, "SITE_RECORDS": str(records)} if records else ENV
    shutil.rmtree(site, ignore_errors=True)
    return timed([PY, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)], env=env)


def step_build(n: int, records: Path, runs: int, work: Path) -> dict:
    results = [mkdocs_build(ROOT / "mkdocs.yml", work / "site", records) for _ in range(runs)]
    times = [r.seconds for r in results]
    pages = sum(1 for _ in (work / "site").rglob("*.html"))
    return {"full mkdocs build (s)": statistics.median(times), "build runs": fmt(times),
            "peak memory (MB)": max(r.rss for r in results),
            "peak memory, all processes (PSS, MB)": max(r.pss for r in results), "HTML pages": pages}


def step_profile(n: int, records: Path, runs: int, work: Path) -> dict:
    done = subprocess.run([PY, str(HERE / "profile_build.py"), str(records), str(work / "site-profile")],
                          cwd=ROOT, env=ENV, capture_output=True, text=True, encoding="utf-8")
    if done.returncode:
        sys.exit(done.stdout + done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def export(records: Path, work: Path) -> tuple[Path, float | None]:
    """`generator export` of the tree, once per tree: the folder every builder after it builds, and how long the
    export took (None when an earlier step made it)."""
    folder = work / "export"
    if (folder / "mkdocs.yml").is_file():
        return folder, None
    took = timed([PY, "-m", "generator", "export", "--records", str(records), "--out", str(folder)]).seconds
    # The floor: plain Material, without the export's word-segmentation hook (what our plugin adds).
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nhooks:\n- hooks/segment.py\n" in text
    (folder / "floor.yml").write_text(text.replace("\nhooks:\n- hooks/segment.py\n", "\n"), encoding="utf-8")
    return folder, took


def step_largest(n: int, records: Path, runs: int, work: Path) -> dict:
    """The largest generated pages (Markdown), in-process: what paging keeps small."""
    sizes = sorted(((len(p.markdown.encode("utf-8")), p.path) for p in make_pages(check_records(records).site).pages),
                   reverse=True)
    return {"largest page (KB)": f"{sizes[0][0] / 1024:.1f} ({sizes[0][1]})",
            "pages over 150 KB": sum(1 for size, _ in sizes if size > 150 * 1024), "generated pages": len(sizes)}


def builder(name: str, cmd: list[str], folder: Path, runs: int) -> dict:
    """A builder on the export folder, building into folder/site, cold each time (its site and caches removed first)."""
    def once():
        for leftover in ("site", ".cache"):
            shutil.rmtree(folder / leftover, ignore_errors=True)
        return timed(cmd, cwd=folder, fatal=False)
    results = [once() for _ in range(runs)]
    times = [r.seconds for r in results]
    if any(t is None for t in times):
        return {f"{name} build": "failed (see the output above)"}
    return {f"{name} build of the export (s)": statistics.median(times), f"{name} runs": fmt(times),
            f"{name} peak memory (MB)": max(r.rss for r in results),
            f"{name} peak memory, all processes (PSS, MB)": max(r.pss for r in results)}


def step_floor(n: int, records: Path, runs: int, work: Path) -> dict:
    folder, took = export(records, work)
    out = {"generator export (s)": took} if took is not None else {}
    out.update(builder("floor: plain Material", [PY, "-m", "mkdocs", "build", "-f", "floor.yml", "-d", "site"], folder, runs))
    return out


def step_properdocs(n: int, records: Path, runs: int, work: Path) -> dict:
    folder, _ = export(records, work)
    properdocs = str(Path(PY).parent / "properdocs")
    version = subprocess.run([properdocs, "--version"], capture_output=True, text=True).stdout.strip()
    return {"properdocs": version, **builder("ProperDocs", [properdocs, "build", "-f", "mkdocs.yml", "-d", "site"], folder, runs)}


def step_zensical(n: int, records: Path, runs: int, work: Path) -> dict:
    folder, _ = export(records, work)
    zensical = str(Path(PY).parent / "zensical")
    version = subprocess.run([zensical, "--version"], capture_output=True, text=True).stdout.strip()
    return {"zensical version": version, **builder("Zensical", [zensical, "build", "-f", "zensical.yml"], folder, runs)}


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:  # still building: it only stops between builds
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, marker: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if marker in fetch(url):
            return time.perf_counter()
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show {marker!r} within {timeout:.0f} s")


def step_serve(n: int, records: Path, runs: int, work: Path) -> dict:
    copy = work / "serve-records"  # edited, so a copy
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(records, copy)
    port = free_port()
    log = open(work / "serve.log", "wb")
    proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],
                            cwd=ROOT, env={**ENV, "SITE_RECORDS": str(copy)}, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        t = time.perf_counter()
        first = wait_for(base, "</html>", 1800) - t
        files = sorted((copy / "activities").rglob("*.yml"))
        times: dict[str, list[float]] = {"body": [], "title": []}
        for k in range(runs):
            for kind, times_of_kind in times.items():
                path = files[(2 * k + (kind == "title")) * max(1, len(files) // (2 * runs + 1))]
                url = base + str(path.relative_to(copy).with_suffix("")).replace(os.sep, "/") + "/"
                wait_for(url, "</html>", 60)
                marker = f"修改标记{kind}{k}号"
                text = path.read_text(encoding="utf-8")
                if kind == "body":  # a typo fixed in the text: only the activity's own page shows it
                    at = text.index("body: |")
                    text = text[:at] + text[at:].replace("。", f"。{marker}", 1)
                else:  # the title: also every listing that names the activity
                    text = re.sub(r"^(title: .*)$", rf"\g<1>{marker}", text, count=1, flags=re.M)
                time.sleep(1.5)  # let the watcher settle after the previous rebuild
                saved = time.perf_counter()
                path.write_text(text, encoding="utf-8")
                times_of_kind.append(wait_for(url, marker, 600) - saved)
        return {
            "serve: first build (s)": first,
            "serve: body edit saved → page served (s)": statistics.median(times["body"]),
            "body edits": fmt(times["body"]),
            "serve: title edit saved → page served (s)": statistics.median(times["title"]),
            "title edits": fmt(times["title"]),
        }
    finally:
        stop(proc)
        log.close()


def step_servefloor(n: int, records: Path, runs: int, work: Path) -> dict:
    folder, _ = export(records, work)
    config = folder / "floor.yml"
    port = free_port()
    log = open(work / "serve-floor.log", "wb")
    proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                            cwd=folder, env=ENV, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base, "</html>", 1800)
        pages = sorted((folder / "docs/activities").rglob("2*-huodong-*.md"))
        edits = []
        for k in range(runs):
            path = pages[(2 * k + 1) * max(1, len(pages) // (2 * runs + 1))]
            url = base + str(path.relative_to(folder / "docs").with_suffix("")).replace(os.sep, "/") + "/"
            wait_for(url, "</html>", 60)
            marker = f"修改标记{k}号"
            text = path.read_text(encoding="utf-8")
            time.sleep(1.5)
            saved = time.perf_counter()
            path.write_text(text.replace("。", f"。{marker}", 1), encoding="utf-8")
            edits.append(wait_for(url, marker, 600) - saved)
        return {"serve floor: plain MkDocs, one page edited → served (s)": statistics.median(edits), "floor edits": fmt(edits)}
    finally:
        stop(proc)
        log.close()


# ---------------------------------------------------------------- main


def machine() -> str:
    import material
    import mkdocs
    return (f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
            f"Material {material.__version__}, PyYAML {yaml.__version__} (libyaml {yaml.__with_libyaml__})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip", nargs="*", default=[], choices=STEPS)
    args = ap.parse_args()
    print(f"# {machine()}", flush=True)
    steps = {name: globals()[f"step_{name}"] for name in STEPS if name not in args.skip}
    for n in args.sizes:
        records = tree(n)
        print(f"\n## {n} activities ({yml_count(records)} record files)", flush=True)
        with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
            for step in steps.values():
                for key, value in step(n, records, args.runs, Path(tmp)).items():
                    print(f"- {key}: {value:.2f}" if isinstance(value, float) else f"- {key}: {value}", flush=True)


if __name__ == "__main__":
    main()
