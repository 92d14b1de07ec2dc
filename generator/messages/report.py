"""A report of problems, as `check` prints it."""

from __future__ import annotations

from .where import field_label

__all__ = ["ERROR", "PREVIEW_HEADING", "PREVIEW_LEAD", "SYSTEM", "WARNING", "report_summary", "system_cause", "with_field"]


ERROR = "错误"
WARNING = "警告"


def with_field(field: str, message: str) -> str:
    return f"字段 {field_label(field)}：{message}"


def report_summary(files: int, errors: int, warnings: int) -> str:
    if not errors and not warnings:
        return f"检查通过：{files} 个文件，没有发现问题。"
    verdict = "检查未通过" if errors else "检查通过"
    return f"{verdict}：{files} 个文件中有 {errors} 个错误、{warnings} 个警告。"


PREVIEW_HEADING = "记录有错误，预览没有更新"
PREVIEW_LEAD = "请按下面的提示改正。改好并保存后，这一页会自动换回网站。"

# What went wrong with the machine, not the records, by errno name.
SYSTEM = {
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出了磁盘配额",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "EROFS": "磁盘是只读的",
    "ENAMETOOLONG": "路径或文件名太长",
    "ELOOP": "符号链接绕成了圈",
    "ENOENT": "找不到",
    "EISDIR": "这是文件夹，不是文件",
    "ENOTDIR": "路径中的某一段不是文件夹",
    "EIO": "读写磁盘时出错（磁盘可能有故障）",
}


def system_cause(cause: str, path) -> str:
    return f"{cause}：{path}" if path else cause
