"""The command line: its help, its words for argparse, and the commands' own lines."""

from __future__ import annotations

__all__ = [
    "ARGPARSE",
    "COMMAND",
    "COMMANDS",
    "FILE",
    "FOLDER",
    "OPTIONS",
    "PROGRAM",
    "TYPE",
    "TARGET",
    "ADDRESS",
    "NAME",
    "ZIP",
    "archive_failed_check",
    "archive_intact",
    "archive_made",
    "bad_date_option",
    "command_error",
    "exported",
    "no_archive",
    "no_config",
    "output_folder",
    "schemas_written",
    "site_built",
    "usage_error",
]


# argparse's own words, which it looks up through gettext each time it prints: in Chinese, like ours.
ARGPARSE = {
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
PROGRAM = "党建记录生成器"
COMMAND = "命令"
FOLDER = "目录"
FILE = "文件"
TYPE = "类型"
ZIP = "存档.zip"
TARGET = "目标"
ADDRESS = "网址"
NAME = "名称"
# command: (its line in the list of commands, its own help's first line)
COMMANDS = {
    "check": ("检查 records/ 中的全部记录", "检查全部记录，报告每一个问题"),
    "build": ("把记录生成的 Markdown 页面写到目录里", "生成 Markdown 页面并写入目录；只改写有变化的文件"),
    "new": ("新建一条记录（草稿）", "在正确的位置新建一条记录，每个字段都有中文说明"),
    "site": ("构建整个网站（先在旁边构建，完成后整体替换）",
             "用 MkDocs 构建网站：在旁边构建，完成后整体替换；同一时间只有一次构建写入"),
    "archive": ("生成离线存档（zip）", "生成可在没有网络的电脑上双击打开的网站存档（含搜索）"),
    "verify-archive": ("核对存档是否完好", "按存档里的清单重新计算每个文件的 SHA-256"),
    "edit": ("在本机打开网页编辑器和预览",
             "在本机启动网页编辑器（decap-server）和预览：不需要账号，也不需要联网；保存的记录写进 records/，"
             "预览随之更新。按 Ctrl+C 停止"),
    "shrink": ("把过大的照片原图缩小",
               "把 records/assets/ 里长边超过 2560 像素或大于 3 MB 的照片原图缩小：转正、转成 sRGB、去掉拍摄地点等元数据，"
               "格式和文件名不变。先检查全部记录，有错误就什么也不改"),
    "fmt": ("把记录改写成网页编辑器的写法",
            "把每条记录改写成网页编辑器保存时的写法（字段顺序、列表和引号），内容不变；这样在网页编辑器里打开再保存，"
            "文件不会变。先检查全部记录，有错误就什么也不改写。注意：记录里的注释（# 开头的说明）会被删去，"
            "网页编辑器保存时也会删去它们"),
    "export": ("导出为不需要本项目插件的 MkDocs 项目",
               "把网站导出为一个普通的 MkDocs 项目（页面、主题改动和配置）：不需要本项目的插件，"
               "MkDocs（Material 主题）、ProperDocs 或 Zensical 都能直接构建它。在旁边生成，完成后整体替换；"
               "只会替换以前导出的目录"),
    "schema": ("生成编辑辅助：JSON Schema 和“常见错误”",
               "生成每种记录的 JSON Schema（供编辑器校验和补全）、VS Code 的设置，"
               "和 records/README.md 的“常见错误”一节（网页编辑器的配置在每次构建网站时生成）"),
    "ledger": ("生成一年的党建工作台账（PDF）",
               "把一年的记录排成一本可打印的党建工作台账（A4 PDF）：封面、带页码的目录、书签，按“四句话”和特色做法排列的"
               "党建活动（附照片），值班、刊物、建议与回复、述职评议；--internal 生成内部版，另有三会一课会议记录（附签字栏）、"
               "一岗双责目标责任书和制度落实情况表。草稿不会出现"),
    "import": ("把 Word 简报导入为活动草稿",
               "把学校以前的 Word 简报（.docx）导入为党建活动的草稿，一篇简报一条：标题、日期、正文和照片（照片下面的一段"
               "是它的说明），去掉报头（第X期、编印单位）和报尾（报/送/发、共印X份），按用词猜所属的特色做法。"
               "先读完全部文件：有一个不能导入，就什么也不写。和已有活动重复的简报会跳过"),
    "deploy": ("发布网站：检查、构建，发到学校的服务器",
               "检查记录、构建公开网站，再发布到学校自己的服务器（SSH）：每次发布是一个新版本，传完后一步切换上线，"
               "只传有变化的文件，保留最近 5 个版本，可以回退。密钥只从环境变量读取："
               "DEPLOY_SSH_KEY（私钥全文）和 DEPLOY_SSH_KNOWN_HOSTS（服务器的主机密钥）"),
}
_RECORDS = "记录文件夹（默认 records）"
_CONFIG = "MkDocs 配置（默认 mkdocs.yml）"
OPTIONS = {
    ("check", "--records"): _RECORDS,
    ("check", "--format"): "输出格式（默认 text）",
    ("check", "--drafts"): "按包含草稿的预览构建来检查",
    ("check", "--internal"): "按包含内部记录的内部构建来检查",
    ("build", "--records"): _RECORDS,
    ("build", "--out"): "输出目录",
    ("build", "--drafts"): "包含草稿（预览）",
    ("build", "--internal"): "包含内部记录",
    ("new", "--records"): _RECORDS,
    ("new", "--title"): "标题（activity、suggestion、program、place）",
    ("new", "--date"): "日期 年-月-日（默认今天）",
    ("new", "--program"): "activity 所属特色做法的编号",
    ("new", "--pillar"): "program 所属“四句话”的编号",
    ("new", "--kind"): "place 的类别；meeting 的会议类型",
    ("new", "--name"): "member 的姓名",
    ("new", "--pub"): "issue 所属刊物的编号",
    ("new", "--year"): "issue、review 的年份（默认今年）",
    ("new", "--from"): "suggestion 提出者所属群体",
    ("new", "--place"): "duty 的地点编号（默认 shequ-fuwuzhan）",
    ("new", "--member"): "responsibility 的党员编号",
    ("new", "--branch"): "meeting 的支部编号（site.yml 中 branches 的 id）",
    ("site", "--out"): "网站目录（默认 site）",
    ("site", "--config"): _CONFIG,
    ("archive", "--records"): _RECORDS,
    ("archive", "--internal"): "内部版：包含内部记录，每页有“内部资料”横幅",
    ("archive", "--out"): "存档放在哪里（默认 archive）",
    ("archive", "--config"): _CONFIG,
    ("schema", "--out"): "输出目录（默认 schemas）",
    ("deploy", "--records"): _RECORDS,
    ("deploy", "--config"): _CONFIG,
    ("deploy", "--to"): ("发布到哪里：sftp://用户@主机[:端口]/目录（学校的服务器）或 s3://存储桶[/前缀]（对象存储）；"
                         "默认是 site.yml 的 deploy.to"),
    ("deploy", "--endpoint"): "对象存储的服务地址，例如 https://oss-cn-hangzhou.aliyuncs.com；默认是 site.yml 的 deploy.endpoint",
    ("deploy", "--provider"): ("对象存储的厂商（rclone 的叫法）：Alibaba（阿里云 OSS）、TencentCOS（腾讯云 COS）、"
                               "Qiniu（七牛云）、Minio 等；默认 Other"),
    ("deploy", "--site"): "发布这个已经构建好的网站目录，不再构建",
    ("deploy", "--rollback"): "回到上一次发布的版本（只换“当前版本”的指向，不传输文件；只用于学校的服务器）",
    ("export", "--records"): _RECORDS,
    ("export", "--out"): "导出到哪里（默认 export）",
    ("export", "--config"): _CONFIG,
    ("edit", "--port"): "预览和编辑器的端口（默认 8000）",
    ("edit", "--decap-port"): "decap-server 的端口（默认 8081）",
    ("edit", "--mode"): "fs：保存直接写进 records/（默认）；git：每次保存是一个审核分支，发布后才进入 main，和拉取请求一样",
    ("shrink", "--records"): _RECORDS,
    ("ledger", "--records"): _RECORDS,
    ("ledger", "--year"): "年份，例如 2024",
    ("ledger", "--internal"): "生成内部版（含三会一课、一岗双责和制度落实情况，页眉印“内部资料”）",
    ("ledger", "--out"): "存放台账的目录（默认 ledger）",
    ("import", "files"): "要导入的 .docx 文件，或放着它们的文件夹（导入其中所有的 .docx）",
    ("import", "--records"): _RECORDS,
    ("fmt", "--records"): _RECORDS,
    ("fmt", "--check"): "只列出不是这种写法的文件，不改写（有这样的文件时退出码为 1）",
}


def usage_error(message: str) -> str:
    return f"用法错误：{message}\n"


def command_error(message: str) -> str:
    """A command-level error (not a record's): one line on stderr."""
    return f"错误：{message}"


def bad_date_option(text: str) -> str:
    return f"“{text}”不是日期，请写成 年-月-日，例如 2024-03-12"


def no_config(path: str) -> str:
    return f"找不到 MkDocs 配置 {path}"


def no_archive(path: str) -> str:
    return f"找不到存档 {path}"


def archive_made(zip_path: str, files: int, sha_path: str) -> str:
    return f"已生成存档 {zip_path}（{files} 个文件），校验值在 {sha_path}。"


def archive_failed_check(count: int) -> str:
    return f"存档没有通过核对：共 {count} 处问题。"


def archive_intact(count: int) -> str:
    return f"存档完好：{count} 个文件都与清单一致。"


def schemas_written(count: int) -> str:
    return f"已更新 {count} 个文件。" if count else "JSON Schema、VS Code 设置和“常见错误”都是最新的，没有改动。"


def site_built(out: str) -> str:
    return f"网站已构建到 {out}/。"


def output_folder(out: str) -> str:
    """How a lock names what it guards, in "… 正在被另一次运行写入"."""
    return f"输出目录 {out}/ "


def exported(out: str, pages: int) -> str:
    return (f"已导出到 {out}/（{pages} 个生成的页面）。在那里运行 mkdocs build、properdocs build 或 "
            "zensical build -f zensical.yml 都能构建网站。")
