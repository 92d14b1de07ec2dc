"""Which files a Python process opens under a folder — it and every process it starts (the settings are inherited
by spawned workers): an audit hook put in through `sitecustomize`, so nothing in the code under test changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Every file a Python process (and each process it spawns: the variable is inherited) opens under a folder.
SITECUSTOMIZE = '''
import os, sys
_log, _watch = os.environ.get("OPEN_LOG"), os.environ.get("OPEN_WATCH")
if _log and _watch:
    def _opened(event, args):
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.realpath(os.fsdecode(args[0]))
            if path.startswith(_watch):
                with open(_log, "a", encoding="utf-8") as f:
                    f.write(f"{os.getpid()} {path}\\n")
    sys.addaudithook(_opened)
'''


class Opens:
    """Runs Python commands with the hook; `tmp` holds the hook and its log, `watched` is the folder followed."""

    def __init__(self, tmp: Path, watched: Path):
        self.site = tmp / "opens-site"
        self.site.mkdir()
        (self.site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        self.log = tmp / "opens.log"
        self.watched = watched.resolve()

    def run(self, args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, list[tuple[int, str]]]:
        self.log.unlink(missing_ok=True)
        env = {**os.environ, "PYTHONPATH": str(self.site), "OPEN_LOG": str(self.log), "OPEN_WATCH": str(self.watched),
               "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8")
        lines = self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []
        opened = [(int(pid), Path(path).relative_to(self.watched).as_posix())
                  for pid, path in (line.split(" ", 1) for line in lines)]
        return done, opened

    def check(self, root: Path, *extra: str) -> tuple[subprocess.CompletedProcess, list[str]]:
        """`python -m generator check` in `root`, and the files it opened (each once, sorted)."""
        done, opened = self.run(["-m", "generator", "check", *extra], root)
        return done, sorted({rel for _, rel in opened})
