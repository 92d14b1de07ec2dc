"""The site and the offline archive."""

from __future__ import annotations

__all__ = [
    "ABSOLUTE_PATH",
    "ARCHIVE_README",
    "BACKSLASH",
    "BROKEN_MANIFEST",
    "DOT_DOT",
    "NO_MANIFEST",
    "RECORDS_HAVE_ERRORS_NO_ARCHIVE",
    "archive_build_failed",
    "archive_name",
    "archive_readme",
    "bad_sidecar",
    "cannot_open_archive",
    "duplicate_entry",
    "entry_broken",
    "entry_changed",
    "entry_is_link",
    "entry_missing",
    "entry_outside",
    "entry_too_large",
    "entry_unlisted",
    "no_sidecar",
    "sidecar_mismatch",
    "sidecar_of_other",
    "site_build_failed",
    "unsafe_entry",
    "unsafe_listed",
]


RECORDS_HAVE_ERRORS_NO_ARCHIVE = "记录有错误，没有生成存档。请先运行 make check 查看。"


def archive_build_failed(output: str) -> str:
    return "网站构建失败，没有生成存档：\n" + output


def site_build_failed(output: str) -> str:
    return "网站构建失败，原来的网站保持不变：\n" + output


ARCHIVE_README = "请先阅读.txt"


def archive_name(name: str, date: str, internal: bool) -> str:
    return f"{name}-党建存档-{date}" + ("-内部" if internal else "")


def archive_readme(organization: str, internal: bool, zip_name: str) -> str:
    return (f"{organization}\n党建工作存档（{'内部资料，请勿外传' if internal else '公开版'}）\n\n"
            "打开方法：双击本文件夹里的 index.html，用浏览器查看。不需要联网，搜索也可以使用。\n"
            f"核对文件是否完好：在项目文件夹里运行 make verify-archive ARCHIVE={zip_name}\n")


ABSOLUTE_PATH = "绝对路径"
BACKSLASH = "含有反斜杠"
DOT_DOT = "含有“..”"


def no_sidecar(name: str) -> str:
    return (f"没有找到校验文件 {name}：它与存档一起生成、一起保存。没有它，只能确认各个文件与存档里的清单一致，"
            "不能确认清单本身没有被改过，所以这个存档不能算核对通过。")


def bad_sidecar(name: str) -> str:
    return f"校验文件 {name} 的格式不对：应是一行“64 位十六进制的 SHA-256、两个空格、存档文件名”"


def sidecar_of_other(name: str, other: str) -> str:
    return f"校验文件 {name} 写的是另一个存档“{other}”"


def sidecar_mismatch(name: str) -> str:
    return f"整个存档文件的 SHA-256 与 {name} 不符"


def cannot_open_archive(reason) -> str:
    return f"无法打开存档：{reason}"


NO_MANIFEST = "存档里找不到清单 manifest.json，或不止一份"
BROKEN_MANIFEST = "清单 manifest.json 已损坏，无法读取"


def duplicate_entry(name: str) -> str:
    return f"同一个名字出现了不止一次，无法判断哪一份是真的：{name}"


def unsafe_entry(why: str, name: str) -> str:
    return f"不安全的文件名（{why}）：{name}"


def entry_outside(name: str) -> str:
    return f"在存档的文件夹之外：{name}"


def entry_is_link(name: str) -> str:
    return f"是符号链接，不是文件：{name}"


def entry_too_large(size: int, compressed: int, name: str) -> str:
    return f"解压后过大（{size:,} 字节，压缩后 {compressed:,} 字节），不像网站的文件：{name}"


def unsafe_listed(why: str, name: str) -> str:
    return f"清单里有不安全的路径（{why}）：{name}"


def entry_missing(name: str) -> str:
    return f"缺少：{name}"


def entry_broken(name: str) -> str:
    return f"已损坏：{name}"


def entry_changed(name: str) -> str:
    return f"内容已改变：{name}"


def entry_unlisted(name: str) -> str:
    return f"清单里没有：{name}"
