"""Records as YAML 1.2 readers see them: the `yaml` npm package that VS Code's YAML extension and the web
editor use, run with Node."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _finite(value):
    if isinstance(value, dict):
        if set(value) == {"nonfinite"}:
            return float(value["nonfinite"].replace("Infinity", "inf"))
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def read_as_yaml12(files: list[Path]) -> list:
    done = subprocess.run(["node", str(ROOT / "tests/node/yaml12.mjs"), *map(str, files)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", check=True)
    return [_finite(v) for v in json.loads(done.stdout)]


def written_by_the_editor(cases: list[dict]) -> list[str]:
    """What the web editor's writer (docs/admin/format.js) makes of each case: {"text", "order"} is a file opened
    and saved; {"data", "order"} is what a form holds."""
    done = subprocess.run(["node", str(ROOT / "tests/node/format.mjs")], cwd=ROOT, input=json.dumps(cases),
                          capture_output=True, text=True, encoding="utf-8", check=True)
    return json.loads(done.stdout)
