"""Running `python -m generator deploy` as a school would, and what it says before anything else."""

from __future__ import annotations

import subprocess
import sys

from .sitebuild import ROOT

NO_ICP = ("警告：site.yml 没有写 icp（ICP 备案号）。放在中国大陆服务器上的公开网站要先备案，"
          "备案后把备案号写进 site.yml 的 icp，它会显示在每页页脚。\n")  # the shipped site.yml has none


def run_deploy(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "deploy", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", env=env)
