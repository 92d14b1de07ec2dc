"""Publishing (generator deploy): to the school's own server over SSH, or to S3-protocol object storage."""

from __future__ import annotations

__all__ = ["BUCKET_NO_ROLLBACK", "DEPLOY_NO_TARGET", "DEPLOY_NO_ROLLBACK", "DEPLOY_NO_ENDPOINT",
           "bad_target", "deploy_done", "deploy_failed",
           "bucket_done", "bucket_failed", "disk_full", "deploy_progress", "missing_secret", "rolled_back", "unreadable_site"]

DEPLOY_NO_TARGET = ("没有说发布到哪里：请用 --to 指定（例如 --to sftp://deploy@web.example.edu.cn/srv/dangjian），"
                    "或在 site.yml 里写 deploy: {to: …}。")
DEPLOY_NO_ROLLBACK = "服务器上没有更早的一次发布，无法回退。"
DEPLOY_NO_ENDPOINT = ("发布到对象存储要写明它的服务地址：请用 --endpoint 指定（例如阿里云 OSS 杭州 "
                      "https://oss-cn-hangzhou.aliyuncs.com），或在 site.yml 的 deploy 里写 endpoint。")
BUCKET_NO_ROLLBACK = ("对象存储没有版本可以回退：请在 Forgejo 或 GitHub 里重新运行上一次成功的发布，"
                      "或把 main 改回去后再发布。")


def bad_target(target: str) -> str:
    return (f"看不懂发布目标“{target}”：学校自己的服务器写成 sftp://用户@主机[:端口]/目录，"
            "对象存储写成 s3://存储桶[/前缀]。")


def missing_secret(name: str, what: str) -> str:
    return (f"缺少环境变量 {name}（{what}）：请在 Forgejo 或 GitHub 仓库的“密钥”（Secrets）里设置它，"
            "在自己电脑上发布时先 export 它。它的内容不会写进项目或日志。")


def unreadable_site(folder: str) -> str:
    return f"要发布的网站目录 {folder}/ 不存在或不是构建好的网站（里面没有 index.html）。请先运行 make site。"


def deploy_failed(what: str) -> str:
    return f"发布没有完成：{what}。线上的网站没有改动，仍是上一次发布的版本。"


def bucket_failed(what: str) -> str:
    return (f"发布没有完成：{what}。网站仍然完整可用（照片和样式先传、页面后传、删除最后做，可能已有一部分页面更新）；"
            "排除问题后再发布一次即可补齐。")


def disk_full(free: int, needed: int) -> str:
    return (f"服务器的磁盘空间不够了（发布目录所在的磁盘还剩 {free / 10**6:.1f} MB，网站有 {needed / 10**6:.1f} MB）；"
            "请清理服务器或扩大磁盘后再发布")


def deploy_done(where: str, release: str, uploaded: int, linked: int, size: int, removed: int) -> str:
    return (f"已发布到 {where}（版本 {release}）：上传 {uploaded} 个文件（{size / 10**6:.1f} MB），"
            f"未变而直接沿用 {linked} 个，删除 {removed} 个。")


def deploy_progress(sent: int, total: int, size: int) -> str:
    return f"正在发布：已传 {sent}/{total} 个文件（{size / 10**6:.1f} MB）……"


def bucket_done(where: str, uploaded: int, unchanged: int, size: int, removed: int) -> str:
    return (f"已发布到 {where}：上传 {uploaded} 个文件（{size / 10**6:.1f} MB），"
            f"未变 {unchanged} 个，删除 {removed} 个。")


def rolled_back(where: str, release: str) -> str:
    return f"已回退：{where} 现在是版本 {release}。"


# What went wrong, read from what ssh and rclone print (in English): the first pattern found names the cause.
DEPLOY_CAUSES = [
    ("Host key verification failed", "服务器的主机密钥与 DEPLOY_SSH_KNOWN_HOSTS 不符（可能连到了别的机器，或服务器重装过）；"
                                     "请向服务器管理员核对后更新这个密钥"),
    ("knownhosts: key mismatch", "服务器的主机密钥与 DEPLOY_SSH_KNOWN_HOSTS 不符（可能连到了别的机器，或服务器重装过）；"
                                 "请向服务器管理员核对后更新这个密钥"),
    ("knownhosts: key is unknown", "DEPLOY_SSH_KNOWN_HOSTS 里没有这台服务器的主机密钥；请把服务器的 known_hosts 行填进去"),
    ("Permission denied", "服务器拒绝了登录：DEPLOY_SSH_KEY 对应的公钥不在部署用户的 authorized_keys 里，或用户名不对"),
    ("unable to authenticate", "服务器拒绝了登录：DEPLOY_SSH_KEY 对应的公钥不在部署用户的 authorized_keys 里，或用户名不对"),
    ("No space left on device", "服务器的磁盘满了；请清理服务器后再发布"),
    ("Connection refused", "连不上服务器（端口上没有 SSH 服务）；请检查主机名和端口"),
    ("connect: connection refused", "连不上对象存储的服务地址（--endpoint）；请检查地址和端口"),
    ("Could not resolve hostname", "找不到这台服务器（主机名不对，或网络不通）"),
    ("no such host", "找不到这台服务器（主机名不对，或网络不通）"),
    ("timed out", "连接服务器超时（网络不通，或防火墙挡住了端口）"),
    ("NoSuchBucket", "对象存储里没有这个存储桶；请先在控制台建好它"),
    ("AccessDenied", "对象存储拒绝了访问：DEPLOY_ACCESS_KEY_ID 或 DEPLOY_SECRET_ACCESS_KEY 不对，或没有写这个存储桶的权限"),
    ("InvalidAccessKeyId", "对象存储不认识 DEPLOY_ACCESS_KEY_ID"),
    ("SignatureDoesNotMatch", "DEPLOY_SECRET_ACCESS_KEY 不对"),
    ("Forbidden", "对象存储拒绝了访问：DEPLOY_ACCESS_KEY_ID 或 DEPLOY_SECRET_ACCESS_KEY 不对，或没有写这个存储桶的权限"),
]
DEPLOY_CAUSE_OTHER = "传输出错"
__all__ += ["DEPLOY_CAUSES", "DEPLOY_CAUSE_OTHER"]

SSH_KEY = "发布用的 SSH 私钥的全文"
SSH_KNOWN_HOSTS = "服务器的主机密钥，即 known_hosts 里的那一行，例如 web.example.edu.cn ssh-ed25519 AAAA…"
ACCESS_KEY_ID = "对象存储的 AccessKey ID（访问密钥 ID）"
SECRET_ACCESS_KEY = "对象存储的 AccessKey Secret（访问密钥）"
__all__ += ["SSH_KEY", "SSH_KNOWN_HOSTS", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY"]

NO_ICP = ("警告：site.yml 没有写 icp（ICP 备案号）。放在中国大陆服务器上的公开网站要先备案，"
          "备案后把备案号写进 site.yml 的 icp，它会显示在每页页脚。")
__all__ += ["NO_ICP"]
