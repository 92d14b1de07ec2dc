"""Command line: python -m generator check | ..."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import traceback
from pathlib import Path

from . import build, new
from .errors import BUG_BANNER, is_system_error, render_report, system_error
from .outlock import Busy

# The rest is imported by the commands that need it: `build` with nothing to do must not spend
# most of its second importing pydantic, Jinja and Pillow.

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


# argparse's own words, which it looks up through gettext each time it prints: in Chinese, like ours.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示这段帮助，然后退出",
    "the following arguments are required: %s": "缺少必须的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "“%(value)s”不是可选的值（可选：%(choices)s）",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "expected one argument": "后面要跟一个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
}
argparse._ = lambda text: _ARGPARSE_ZH.get(text, text)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
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
    b = sub.add_parser("build", help="把记录生成的 Markdown 页面写到目录里", description="生成 Markdown 页面并写入目录；只改写有变化的文件")
    b.add_argument("--records", default="records", metavar="目录", help="记录文件夹（默认 records）")
    b.add_argument("--out", required=True, metavar="目录", help="输出目录")
    b.add_argument("--drafts", action="store_true", help="包含草稿（预览）")
    b.add_argument("--internal", action="store_true", help="包含内部记录")
    n = sub.add_parser("new", help="新建一条记录（草稿）", description="在正确的位置新建一条记录，每个字段都有中文说明")
    n.add_argument("type", choices=new.TYPES, metavar="类型", help="、".join(new.TYPES))
    n.add_argument("--records", default="records", metavar="目录", help="记录文件夹（默认 records）")
    n.add_argument("--title", help="标题（activity、suggestion、program、place）")
    n.add_argument("--date", type=_date, help="日期 年-月-日（默认今天）")
    n.add_argument("--program", help="activity 所属特色做法的编号")
    n.add_argument("--pillar", help="program 所属“四句话”的编号")
    n.add_argument("--kind", dest="kind_of_place", help="place 的类别")
    n.add_argument("--name", help="member 的姓名")
    n.add_argument("--pub", help="issue 所属刊物的编号")
    n.add_argument("--year", type=int, help="issue、review 的年份（默认今年）")
    n.add_argument("--from", dest="origin", help="suggestion 提出者所属群体")
    n.add_argument("--place", help="duty 的地点编号（默认 shequ-fuwuzhan）")
    n.add_argument("--member", help="responsibility 的党员编号")
    st = sub.add_parser("site", help="构建整个网站（先在旁边构建，完成后整体替换）",
                        description="用 MkDocs 构建网站：在旁边构建，完成后整体替换；同一时间只有一次构建写入")
    st.add_argument("--out", default="site", metavar="目录", help="网站目录（默认 site）")
    st.add_argument("--config", default="mkdocs.yml", metavar="文件", help="MkDocs 配置（默认 mkdocs.yml）")
    a = sub.add_parser("archive", help="生成离线存档（zip）", description="生成可在没有网络的电脑上双击打开的网站存档（含搜索）")
    a.add_argument("--records", default="records", metavar="目录", help="记录文件夹（默认 records）")
    a.add_argument("--internal", action="store_true", help="内部版：包含内部记录，每页有“内部资料”横幅")
    a.add_argument("--out", default="archive", metavar="目录", help="存档放在哪里（默认 archive）")
    a.add_argument("--config", default="mkdocs.yml", metavar="文件", help="MkDocs 配置（默认 mkdocs.yml）")
    v = sub.add_parser("verify-archive", help="核对存档是否完好", description="按存档里的清单重新计算每个文件的 SHA-256")
    v.add_argument("zip", metavar="存档.zip")
    sc = sub.add_parser("schema", help="生成每种记录的 JSON Schema", description="生成每种记录的 JSON Schema，供编辑器校验和补全")
    sc.add_argument("--out", default="schemas", metavar="目录", help="输出目录（默认 schemas）")
    return p


def _fail(message: str, code: int) -> int:
    """A command-level error (not a record's): one line on stderr, and the exit code."""
    print(f"错误：{message}", file=sys.stderr)
    return code


def _archive(args) -> int:
    from . import archive

    config = Path(args.config).resolve()
    if not config.is_file():
        return _fail(f"找不到 MkDocs 配置 {args.config}", EXIT_USAGE)
    try:
        made = archive.make_archive(Path(args.records), Path(args.out), config=config, internal=args.internal)
    except archive.ArchiveError as e:
        return _fail(str(e), EXIT_PROBLEMS)
    print(f"已生成存档 {made.zip_path.as_posix()}（{made.files} 个文件），校验值在 {made.sha256_path.as_posix()}。")
    return EXIT_OK


def _verify(args) -> int:
    from . import archive

    path = Path(args.zip)
    if not path.is_file():
        return _fail(f"找不到存档 {args.zip}", EXIT_USAGE)
    checked, problems = archive.verify_archive(path)
    for p in problems:
        print(p)
    if problems:
        print(f"存档没有通过核对：共 {len(problems)} 处问题。")
        return EXIT_PROBLEMS
    print(f"存档完好：{checked} 个文件都与清单一致。")
    return EXIT_OK


def _schema(args) -> int:
    from .schema import write_editor_settings, write_schemas

    written = write_schemas(Path(args.out))
    if write_editor_settings(Path(args.out).parent / ".vscode/settings.json"):
        written.append(".vscode/settings.json")
    print(f"已更新 {len(written)} 个 JSON Schema 文件。" if written else "JSON Schema 都是最新的，没有改动。")
    return EXIT_OK


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，请写成 年-月-日，例如 2024-03-12") from None


def _new(args) -> int:
    records = Path(args.records)
    options = {k: getattr(args, k) for k in ("title", "date", "program", "pillar", "kind_of_place", "name", "pub", "year", "origin", "place", "member")}
    try:
        path = new.write(records, new.make(args.type, records, **options))
    except new.NewError as e:
        return _fail(str(e), EXIT_USAGE)
    print(f"已新建 {path.as_posix()}。请编辑它，然后运行 make check 检查。")
    return EXIT_OK


def _site(args) -> int:
    from .site import SiteError, build_site

    config = Path(args.config).resolve()
    if not config.is_file():
        return _fail(f"找不到 MkDocs 配置 {args.config}", EXIT_USAGE)
    try:
        build_site(config, Path(args.out))
    except SiteError as e:
        return _fail(str(e), EXIT_PROBLEMS)
    print(f"网站已构建到 {args.out}/。")
    return EXIT_OK


def _build(args) -> int:
    from .outlock import locked

    with locked(Path(args.out), f"输出目录 {args.out}/ "):
        return _build_locked(args)


def _build_locked(args) -> int:
    out = Path(args.out)
    digest = build.inputs_digest(Path(args.records), f"drafts={args.drafts} internal={args.internal}")
    if build.up_to_date(out, digest):
        print("记录和生成器都没有变化，页面都是最新的：没有写入任何文件。")
        return EXIT_OK
    from .pages import make_pages

    result = _checked(args)
    if not result.ok:
        print(render_report(result.problems, result.files_checked, "text"))
        print("有错误，没有写入任何文件。")
        return EXIT_PROBLEMS
    try:
        report = build.write_pages(make_pages(result.site), out, digest)
    except build.ConflictError as e:
        for path in e.paths:
            print(f"{out / path}: 错误：这个文件不是生成器写的，不会覆盖它。请换一个输出目录，或先移走它。")
        print("没有写入任何文件。")
        return EXIT_PROBLEMS
    print(f"已生成 {len(report.written) + report.unchanged} 个页面：写入 {len(report.written)} 个，"
          f"未变 {report.unchanged} 个，删除过时的 {len(report.removed)} 个。")
    return EXIT_OK


def _checked(args):
    from .link import BuildMode
    from .pipeline import check_records

    return check_records(Path(args.records), BuildMode(drafts=args.drafts, internal=args.internal))


def _check(args) -> int:
    result = _checked(args)
    print(render_report(result.problems, result.files_checked, args.format))
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        commands = {"check": _check, "site": _site, "build": _build, "new": _new, "schema": _schema,
                    "archive": _archive, "verify-archive": _verify}
        return commands[args.command](args)
    except KeyboardInterrupt:
        return 130
    except Busy as e:
        return _fail(str(e), EXIT_PROBLEMS)
    except Exception as e:
        if is_system_error(e):  # the disk, not the records nor the generator: what, where; nothing half-written
            return _fail(f"{system_error(e)}。没有写出不完整的结果；请处理后再运行一次。", EXIT_PROBLEMS)
        print(BUG_BANNER, file=sys.stderr)
        traceback.print_exc()
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
