"""Output folders (outputs.py): which a command may write into, replace or delete from."""

from __future__ import annotations

__all__ = [
    "BUG_BANNER",
    "ERRORS_NOTHING_WRITTEN",
    "EXPORT_MARK_TEXT",
    "MADE_BY",
    "METAVARS",
    "NOTHING_CHANGED",
    "NOTHING_WRITTEN",
    "archive_folder",
    "bookkeeping_outside",
    "busy",
    "export_config_unknown",
    "formatted",
    "kinds_help",
    "mark_text",
    "not_ours",
    "output_holds_home",
    "output_holds_project",
    "output_in_project_folder",
    "output_is_root",
    "output_not_a_folder",
    "output_not_ours",
    "pages_written",
    "site_folder",
    "system_failure",
    "waiting_for",
]


# How a refusal names the folders each command makes: "… 不是{它}目录".
MADE_BY = {"site": "以前生成的网站", "export": "以前导出的", "archive": "以前存放存档的", "pages": "以前生成页面的",
           "screenshots": "截图", "ledger": "以前存放台账的"}


def output_not_ours(out: str, made_by: str) -> str:
    return (f"{out}/ 已经存在，但不是{made_by}目录：里面的文件不是生成器写的，不会替换或改动它。"
            "请换一个新的目录（--out），或先移走它。")


def output_not_a_folder(out: str) -> str:
    return f"{out} 不是一个普通的目录（是文件或链接），不会替换它。请换一个新的目录（--out）。"


def output_is_root(out: str) -> str:
    return f"{out} 是整个磁盘的根目录，不能用作输出目录。请换一个新的目录（--out），例如 --out site。"


def output_holds_home(out: str) -> str:
    return (f"{out} 是你的主目录（或包含它），不能用作输出目录：里面的文件会被替换或删除。"
            "请换一个新的目录（--out），例如 --out site。")


def output_holds_project(out: str) -> str:
    return (f"{out} 是项目本身所在的目录（或包含它），不能用作输出目录：记录、代码和 .git 都会被替换或删除。"
            "请换一个新的目录（--out），例如 --out site。")


def output_in_project_folder(out: str, own: str) -> str:
    return (f"{out} 是项目自己的目录 {own}/（或在它里面），不能用作输出目录：里面的文件会被替换或删除。"
            "请换一个新的目录（--out），例如 --out site。")


def mark_text(command: str) -> str:
    return f"这个目录是 {command} 生成的，再次运行时会被整体替换或更新。请不要在这里存放自己的文件。\n"


def bookkeeping_outside(out: str, name: str, entry: str) -> str:
    return (f"{out}/{name} 里记着目录以外的路径“{entry}”：这不是生成器写的记录，不会按它删除或覆盖任何文件。"
            f"请删除 {out}/{name}（或整个 {out}/）后再运行。")


def export_config_unknown(config: str) -> str:
    return (f"{config} 的写法和导出程序认识的不一样（dangjian 插件、docs_dir、custom_dir 或主题的 language: custom 找不到），"
            "没有导出。请把这几项改回原来的写法，或同时修改 generator/export.py。")


EXPORT_MARK_TEXT = "这个目录是 python -m generator export 导出的，再次导出时会被整体替换。请不要在这里手工修改。\n"


def site_folder(name: str) -> str:
    return f"网站目录 {name}/ "


def archive_folder(out) -> str:
    return f"存档目录 {out}/ "


NOTHING_CHANGED = "记录和生成器都没有变化，页面都是最新的：没有写入任何文件。"
ERRORS_NOTHING_WRITTEN = "有错误，没有写入任何文件。"


def formatted(paths: list[str], written: bool) -> str:
    if not paths:
        return "全部记录已是网页编辑器的写法，没有改动。"
    listed = "\n".join(f"  {p}" for p in paths)
    if written:
        return f"已改写 {len(paths)} 个文件（内容不变）：\n{listed}"
    return f"{len(paths)} 个文件不是网页编辑器的写法（运行 make fmt 改写，内容不变）：\n{listed}"
NOTHING_WRITTEN = "没有写入任何文件。"


def not_ours(path: str) -> str:
    return f"{path}: 错误：这个文件不是生成器写的，不会覆盖它。请换一个输出目录，或先移走它。"


def pages_written(total: int, written: int, unchanged: int, removed: int) -> str:
    return f"已生成 {total} 个页面：写入 {written} 个，未变 {unchanged} 个，删除过时的 {removed} 个。"


def system_failure(cause: str) -> str:
    return f"{cause}。没有写出不完整的结果；请处理后再运行一次。"


def waiting_for(what: str) -> str:
    return f"{what}正在被另一次运行写入，等它完成……"


def busy(what: str, seconds: int) -> str:
    return f"{what}一直被另一次运行占用，等了 {seconds} 秒仍未结束；请等它完成后再运行"


BUG_BANNER = "内部错误：这是生成器程序的缺陷，不是记录写错了。请把下面的全部信息发给网站维护者。"
# What an option's value is called in the help, where it takes one.
METAVARS = {
    "--port": "端口",
    "--decap-port": "端口",
    "--title": "标题",
    "--date": "年-月-日",
    "--program": "编号",
    "--pillar": "编号",
    "--kind": "类别",
    "--name": "姓名",
    "--pub": "编号",
    "--year": "年份",
    "--from": "群体",
    "--place": "编号",
    "--member": "编号",
}


def kinds_help(kinds) -> str:
    """The record types `new` makes, each with what it is; spaced, so that argparse wraps between them."""
    return " ".join(f"{name}（{label}）" for name, label in kinds)
