"""The web editor: its configuration (cms.py) and its server on this computer (editguard.py)."""

from __future__ import annotations

__all__ = [
    "CMS_HEADER",
    "CMS_LABELS",
    "CMS_WIDGET_HINTS",
    "CMS_FILE_TALK",
    "CMS_FORMAT_WORDS",
    "CMS_ONE_A_LINE",
    "CMS_PATH_WORD",
    "CMS_PARENS",
    "CMS_LEADING",
    "CMS_CLAUSE_BREAK",
    "CMS_CLAUSE_JOIN",
    "cms_named",
    "CMS_SETTINGS",
    "EDIT_BAD_REQUEST",
    "EDIT_FOREIGN_HOST",
    "EDIT_FOREIGN_ORIGIN",
    "EDIT_NOT_A_REPOSITORY",
    "EDIT_TOO_LARGE",
    "NO_DECAP_SERVER",
    "PREVIEW_FOREIGN_HOST",
    "cms_relation_hint",
    "edit_decap_failed",
    "edit_git_dirty",
    "edit_port_busy",
    "edit_refused_link",
    "edit_refused_path",
    "edit_unknown_action",
    "editor_at",
]


NO_DECAP_SERVER = "找不到 decap-server（node_modules/decap-server）：请用 make edit 启动（它会先安装），不要直接运行这个命令"
EDIT_NOT_A_REPOSITORY = "审核模式（--mode git）要在 git 仓库里运行：这里不是 git 仓库"


def edit_git_dirty(paths: list[str]) -> str:
    listed = "、".join(paths[:5]) + (f" 等 {len(paths)} 个" if len(paths) > 5 else "")
    return (f"审核模式会把工作区里所有没有提交的改动一起提交到审核分支，所以要先提交或收起它们（git stash）：{listed}")


def cms_relation_hint(many: bool) -> str:
    return "输入名称中的几个字，从出现的列表里选" + ("；可以选多个" if many else "")


def editor_at(url: str) -> str:
    return f"网页编辑器：{url} （保存的记录写进 records/，预览随之更新；按 Ctrl+C 停止）"


CMS_HEADER = "# 网页编辑器（Decap CMS）的配置：每次构建网站时由 generator/cms.py 按记录的模型和 site.yml 的 editor 生成。\n"
CMS_SETTINGS = "网站设置"
# The form labels of the fields whose descriptions start with their values, not their names (every content
# record's common fields, a suggestion's state).
# How a form's hint is made from a model's description (cms._hint): what a teacher has no use for in a form (a
# file's name or folder, Markdown's name), how clauses are cut and joined, how another field is named.
CMS_FILE_TALK = ("文件名", "文件夹", "records/", "相对于", ".yml")
CMS_FORMAT_WORDS = ("Markdown", "纯文字")
CMS_ONE_A_LINE = "每项一行"  # Decap's list of words is typed on one line, with commas
CMS_PATH_WORD = "路径"  # 照片路径: the form shows a photo, not a path
CMS_PARENS = ("（", "）")
CMS_LEADING = "，：:；; "
CMS_CLAUSE_BREAK = r"[，；;]"
CMS_CLAUSE_JOIN = "，"


def cms_named(label: str) -> str:
    return f"“{label}”"


# Under a field whose description leaves nothing to say in a form: what to do in that kind of field.
CMS_WIDGET_HINTS = {"datetime": "点右边的日历选一天，或直接输入，例如 2024-05-10",
                    "image": "点“选择图片”，从电脑或手机里选一张照片（JPEG、PNG、WebP 或 HEIC）",
                    "words": "几项之间用逗号隔开"}  # a list of short texts: Decap's one-line list input
CMS_LABELS = {"status": "状态", "visibility": "公开范围", "example": "示例记录", "tags": "标签",
                     "state": "办理情况"}


# ---------------------------------------------------------------- the editor's server (editguard.py)

EDIT_FOREIGN_HOST = "这个请求不是发给本机网页编辑器的地址，已拒绝。请在本机打开 make edit 显示的地址。"
EDIT_FOREIGN_ORIGIN = "这个请求不是来自本机的网页编辑器页面，已拒绝。请在本机打开 make edit 显示的地址。"
EDIT_BAD_REQUEST = "请求的格式不对，已拒绝：网页编辑器只发送 JSON。"
PREVIEW_FOREIGN_HOST = (
    "这个预览只回答本机的地址（127.0.0.1 或 localhost），已拒绝。请在本机打开 make serve 或 make edit 显示的地址。"
)
EDIT_TOO_LARGE = "一次上传的内容超过 50 MB，已拒绝：请把照片缩小后再上传（make shrink 可以缩小已有的照片）。"


def edit_unknown_action(action: str) -> str:
    return f"网页编辑器不做“{action}”这种操作，已拒绝。"


def edit_refused_path(path: str) -> str:
    return (f"不能读写“{path}”：网页编辑器只能改动 records/ 里各类记录的 .yml 文件"
            "和 records/assets/ 里的照片（JPEG、PNG、WebP、HEIC）。")


def edit_refused_link(path: str) -> str:
    return f"不能读写“{path}”：这条路径经过一个链接（快捷方式），它可能指向 records/ 以外。请把链接换成真正的文件或文件夹。"


def edit_port_busy(port: int) -> str:
    return f"端口 {port} 已被别的程序占用：请关掉那个程序，或换一个端口（例如 make edit DECAP_PORT={port + 1}）。"


def edit_decap_failed(output: str) -> str:
    return f"decap-server 没有启动起来：{output or '没有输出'}。请运行 make edit 重试（它会先安装需要的软件）。"
