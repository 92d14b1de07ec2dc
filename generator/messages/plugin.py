"""The MkDocs plugin and the preview."""

from __future__ import annotations

__all__ = [
    "WATCH_LIMIT",
    "cannot_publish_photos",
    "handwritten_page",
    "no_offline_shim",
    "no_search_words",
    "photos_made",
    "records_have_errors_no_site",
    "records_have_errors_preview",
    "rendered_beside",
    "watching_by_polling",
]


def no_search_words(path) -> str:
    return f"找不到搜索分词词典 {path}（dangjian 插件的 search_words 选项）"


def records_have_errors_no_site(report: str) -> str:
    return "记录有错误，网站没有构建：\n" + report


def records_have_errors_preview(report: str) -> str:
    return "记录有错误，预览显示错误列表：\n" + report


def handwritten_page(path: str) -> str:
    return f"docs/{path} 是手写页面，与记录生成的页面同名；请给手写页面换个名字。"


def no_offline_shim(path) -> str:
    return f"缺少 {path}：离线存档要用它代替网上的脚本。请先运行 make（它会执行 npm ci）。"


def cannot_publish_photos(reason: str) -> str:
    return f"无法发布照片：{reason}"


def photos_made(done: int, total: int) -> str:
    return f"照片 {done:,} / {total:,}"


def rendered_beside(markdown: int, templates: int, pages: int) -> str:
    return f"另一个进程在第二个处理器核上转换了 {markdown:,} / {pages:,} 个页面的 Markdown，套用了 {templates:,} 个页面的模板"


def watching_by_polling(reason: str) -> str:
    return f"无法用系统的文件通知监视记录（{reason}），预览改为每半秒检查一次文件：保存后要稍等才会更新"


WATCH_LIMIT = "系统允许的文件监视数已经用完；Linux 上可以调大 fs.inotify.max_user_watches 和 max_user_instances"
