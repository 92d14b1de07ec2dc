"""`python -m generator check`: exit codes, output formats, and bugs kept apart from user errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import __main__ as cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


def test_shipped_records_pass():
    done = run("check", cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("检查通过：")
    assert "个文件，没有发现问题。" in done.stdout


def break_tree(tree):
    tree.write("programs/san-tong-san-yi.yml", "title: 三同三异\npillar: rongru\nsumary: x\n")
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", "title: 研讨\ndate: 2024-03-12\nprogram: san-tong-san-yi\nsummary: "
                                                              "电话 13812345678\nvisibility: internal\n")
    tree.write("reviews/2024.yml", "year: 2024\n")


def test_text_output_sorted_with_summary_and_exit_1(tree):
    break_tree(tree)
    done = run("check", cwd=tree.root)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "records/activities/2024/2024-03-12-tongke-yigou.yml:4:13: 警告：字段 summary：内部记录中有疑似手机号码 138****5678："
            "请确认确有必要保留",
        "records/programs/san-tong-san-yi.yml:1:1: 错误：字段 summary：必须填写，但没有写",
        "records/programs/san-tong-san-yi.yml:3:1: 错误：字段 sumary：不认识这个字段“sumary”，是不是想写“summary”？",
        "检查未通过：9 个文件中有 2 个错误、1 个警告。",
    ]
    assert done.stderr == ""


def test_github_format(tree):
    break_tree(tree)
    done = run("check", "--format", "github", cwd=tree.root)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "::warning file=records/activities/2024/2024-03-12-tongke-yigou.yml,line=4,col=13::字段 summary："
            "内部记录中有疑似手机号码 138****5678：请确认确有必要保留",
        "::error file=records/programs/san-tong-san-yi.yml,line=1,col=1::字段 summary：必须填写，但没有写",
        "::error file=records/programs/san-tong-san-yi.yml,line=3,col=1::字段 sumary：不认识这个字段“sumary”，"
            "是不是想写“summary”？",
        "检查未通过：9 个文件中有 2 个错误、1 个警告。",
    ]


def test_github_format_escapes_newlines_and_percent():
    from generator.errors import Problem, Severity, format_github

    p = Problem("records/a,b:c.yml", 2, 3, Severity.ERROR, "100% 错\n误")
    assert format_github(p) == "::error file=records/a%2Cb%3Ac.yml,line=2,col=3::100%25 错%0A误"


def test_json_format(tree):
    break_tree(tree)
    done = run("check", "--format", "json", cwd=tree.root)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["ok"] is False
    assert (report["files"], report["errors"], report["warnings"]) == (9, 2, 1)
    assert report["problems"][1] == {
        "file": "records/programs/san-tong-san-yi.yml",
        "line": 1,
        "col": 1,
        "severity": "error",
        "message": "必须填写，但没有写",
        "field": "summary",
    }


def test_clean_tree_exits_0(tree):
    done = run("check", cwd=tree.root)
    assert (done.returncode, done.stdout) == (0, "检查通过：9 个文件，没有发现问题。\n")


def test_records_option(tree, tmp_path):
    elsewhere = tmp_path / "copy"
    tree.records.rename(elsewhere)
    done = run("check", "--records", "copy", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    done = run("check", "--records", "nowhere", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "nowhere:0:0: 错误：找不到记录文件夹\n检查未通过：0 个文件中有 1 个错误、"
                                                 "0 个警告。\n")


@pytest.mark.parametrize("args", [("check", "--format", "xml"), ("check", "--bogus"), ("publish",), ()])
def test_usage_errors_exit_2(args, tmp_path):
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert "用法错误：" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bug_is_reported_as_a_bug(tree, monkeypatch, capsys):
    def explode(*a, **k):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("generator.pipeline.check_records", explode)
    assert cli.main(["check"]) == cli.EXIT_BUG
    err = capsys.readouterr().err
    assert err.startswith("内部错误：这是生成器程序的缺陷，不是记录写错了。请把下面的全部信息发给网站维护者。\nTraceback")
    assert "ZeroDivisionError: boom" in err


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["build", "--help"], ["new", "--help"],
                                  ["site", "--help"], ["archive", "--help"], ["verify-archive", "--help"],
                                  ["schema", "--help"], ["export", "--help"], ["deploy", "--help"], ["import", "--help"],
                                  ["ledger", "--help"]])
def test_help_is_in_chinese(args):
    done = subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0
    assert done.stdout.startswith("用法：python -m generator")
    english = {w for w in re.findall(r"\b[a-z]{3,}\b", done.stdout)} - {
        "python", "generator", "records", "text", "github", "json", "help", "check", "build", "new", "site", "archive",
        "verify", "schema", "html", "internal", "drafts", "format", "out", "config", "mkdocs", "yml", "zip", "title",
        "date", "program", "pillar", "kind", "name", "pub", "year", "from", "activity", "member", "issue",
        "suggestion", "review", "place", "markdown", "type", "index", "sha", "schemas", "duty", "shequ", "fuwuzhan",
        "view", "responsibility", "zhang", "hua", "fmt", "edit", "fs", "git", "shrink", "export", "deploy", "sftp",
        "rollback", "endpoint", "provider", "rclone", "https", "oss", "cn", "hangzhou", "aliyuncs", "com", "import",
        "files", "docx", "meeting", "branch", "branches", "ledger"}
    assert english == set(), english


def test_usage_errors_are_in_chinese():
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--format", "x"], capture_output=True, text=True, encoding="utf-8"
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "用法错误：参数 --format：“x”不是可选的值（可选：'text', 'github', 'json'）"
