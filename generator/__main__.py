"""Command line: python -m generator check | ..."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .errors import BUG_BANNER, render_report
from .link import BuildMode
from .pipeline import check_records

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own text stays, introduced in Chinese
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"用法错误：{message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m generator", description="党建记录生成器")
    sub = p.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    sub.required = True
    c = sub.add_parser("check", help="检查 records/ 中的全部记录", description="检查全部记录，报告每一个问题")
    c.add_argument("--records", default="records", metavar="目录", help="记录文件夹（默认 records）")
    c.add_argument("--format", choices=("text", "github", "json"), default="text", help="输出格式（默认 text）")
    c.add_argument("--drafts", action="store_true", help="按包含草稿的预览构建来检查")
    c.add_argument("--internal", action="store_true", help="按包含内部记录的内部构建来检查")
    return p


def _check(args) -> int:
    result = check_records(Path(args.records), BuildMode(drafts=args.drafts, internal=args.internal))
    print(render_report(result.problems, result.files_checked, args.format))
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"check": _check}[args.command](args)
    except KeyboardInterrupt:
        return 130
    except Exception:
        print(BUG_BANNER, file=sys.stderr)
        traceback.print_exc()
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
