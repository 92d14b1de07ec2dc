"""How long Python-Markdown takes on the worst bodies `check` still accepts, against a real report-style body.

    .venv/bin/python bench/markdown_limits.py

Each body is first passed through the same rule `check` applies (generator.fields._too_complex): refused ones
are shown as such. Times are the best of three conversions with the project's Markdown extensions.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import markdown

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.fields import MAX_BRACKET_DEPTH, _too_complex  # noqa: E402
from generator.render import MARKDOWN_EXTENSIONS  # noqa: E402

REPORT = (Path(__file__).resolve().parent.parent.parent / "shared/seeds/000_d0716883f6d2c899.txt")
D = MAX_BRACKET_DEPTH


def bodies(size: int) -> dict[str, str]:
    report = REPORT.read_text(encoding="utf-8") if REPORT.is_file() else "党建工作报告。" * 300
    return {
        "report-style (the school's report, repeated)": (report * (size // len(report) + 1))[:size],
        f"'[' then '](' at depth {D}, repeated": (("[a" * D + "](" * (D // 2) + ")]" * D + "\n") * size)[:size],
        f"'[a' x {D} unclosed, repeated": (("[a" * D + "\n\n") * size)[:size],
        "'[' x 8000, '](' x 4000 (the issue's)": "[" * 8000 + "](" * 4000,
        "'_*' alternating": ("_*" * size)[:size],
        "links [a](b) back to back": ("[a](b)" * size)[:size],
    }


def main() -> None:
    for size in (16_000, 100_000):
        print(f"\n{size:,} characters")
        for name, text in bodies(size).items():
            why = _too_complex(text)
            if why:
                print(f"  {name:48} refused by check: {why[:40]}…")
                continue
            best = min(_time(text) for _ in range(3))
            print(f"  {name:48} {best * 1000:8.1f} ms")


def _time(text: str) -> float:
    t = time.perf_counter()
    markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).convert(text)
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
