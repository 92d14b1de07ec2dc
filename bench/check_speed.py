"""Time `check` on synthetic trees against the floor of merely parsing the same files.

    .venv/bin/python bench/check_speed.py [N ...]     (default: 1000 5000)

The floor reads every .yml file and parses it with PyYAML's C loader
(yaml.load with CSafeLoader) and nothing else. `check` does everything: walk,
strict reading, validation, photos, personal-data scan, references. Each figure
is the median of several runs in this process (warm file cache).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_tree import make_tree  # noqa: E402

from generator.pipeline import check_records  # noqa: E402

RUNS = 5


def floor(records: Path) -> None:
    for dirpath, _, files in os.walk(records):
        for name in files:
            if name.endswith(".yml"):
                with open(os.path.join(dirpath, name), "rb") as f:
                    yaml.load(f.read(), Loader=yaml.CSafeLoader)


def check(records: Path) -> None:
    result = check_records(records)
    assert result.ok, result.problems[:3]


def median_time(fn, records: Path) -> float:
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn(records)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(sizes: list[int]) -> None:
    print(f"# {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · PyYAML {yaml.__version__} "
          f"(libyaml: {yaml.__with_libyaml__})")
    print("| activities | files | parse floor (s) | check (s) | ratio |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        records = make_tree(Path(__file__).parent / "out" / f"records-{n}", n)
        files = sum(name.endswith(".yml") for _, _, fs in os.walk(records) for name in fs)
        f = median_time(floor, records)
        c = median_time(check, records)
        print(f"| {n} | {files} | {f:.2f} | {c:.2f} | {c / f:.2f}× |", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
