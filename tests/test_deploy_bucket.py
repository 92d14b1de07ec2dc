"""`generator deploy` to S3-protocol object storage, against a real S3 server on loopback (rclone's `serve s3`,
tests/support/s3.py): exactly the site's files with their types and cache rules, only what changed sent, pages
after what they show, deletions last and only of what a deploy made; causes in Chinese."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support.deploying import NO_ICP, run_deploy
from support.s3 import s3
from support.sitebuild import ROOT

from generator.deploy import bucket

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def storage(tmp_path_factory):
    with s3(tmp_path_factory.mktemp("s3")) as server:
        yield server


TAIL = "网站仍然完整可用（照片和样式先传、页面后传、删除最后做，可能已有一部分页面更新）；排除问题后再发布一次即可补齐。\n"


def deploy(storage, *args, env=None) -> subprocess.CompletedProcess:
    return run_deploy("--endpoint", storage.endpoint, "--provider", "Minio", *args, env=env or storage.env())


def published(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and not p.name.startswith(".")}


def test_the_bucket_holds_exactly_the_site_with_types_and_cache_rules_then_only_changes_travel(storage, shipped_site,
                                                                                               tmp_path):
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    (storage.data / "dangjian/notes").mkdir(parents=True)
    (storage.data / "dangjian/notes/keep.txt").write_text("学校自己放的文件", encoding="utf-8")  # not ours

    first = deploy(storage, "--site", str(site), "--to", "s3://dangjian/www")
    names = published(site)
    assert (first.returncode, first.stderr) == (0, NO_ICP)
    assert re.fullmatch(rf"已发布到 s3://dangjian/www：上传 {len(names)} 个文件（\d+\.\d MB），未变 0 个，删除 0 个。\n",
                        first.stdout)
    objects = storage.objects("dangjian/www")
    assert set(objects) == names | {bucket.MANIFEST}
    for name in names:
        assert (storage.data / "dangjian/www" / name).read_bytes() == (site / name).read_bytes(), name
    types = {name.rsplit(".", 1)[-1]: objects[name]["content-type"] for name in names}
    assert types == {"html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
                     "js": "text/javascript; charset=utf-8", "json": "application/json; charset=utf-8",
                     "map": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8",
                     "gz": "application/gzip", "jpg": "image/jpeg", "png": "image/png"}
    long = sorted(n for n in names if objects[n]["cache-control"] == "public, max-age=31536000, immutable")
    assert long == ["assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/workers/search.a7633da7.min.js",
                    "assets/stylesheets/main.57a0d79d.min.css", "assets/stylesheets/palette.fb2fffe2.min.css"]
    assert {objects[n]["cache-control"] for n in names if n not in long} == {"no-cache"}

    # one page changed, one file gone, one new style the page now uses
    page = site / "members/zhang-hua/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</head>", '<link rel="stylesheet" href="../../new.css">'
                                                             "</head>"), encoding="utf-8")
    (site / "new.css").write_text("body {}", encoding="utf-8")
    (site / "sitemap.xml.gz").unlink()
    start = len(storage.operations())
    second = deploy(storage, "--site", str(site), "--to", "s3://dangjian/www")
    assert second.returncode == 0, second.stderr
    assert re.fullmatch(rf"已发布到 s3://dangjian/www：上传 2 个文件（0\.0 MB），未变 {len(names) - 2} 个，删除 1 个。\n",
                        second.stdout)
    done = [(op, key) for op, key in storage.operations()[start:] if not key.endswith(bucket.MANIFEST)]
    assert done == [("CREATE", "www/new.css"), ("CREATE", "www/members/zhang-hua/index.html"),
                    ("DELETE", "www/sitemap.xml.gz")]  # what a page uses, then the page, then deletions
    assert set(storage.objects("dangjian/www")) == published(site) | {bucket.MANIFEST}
    assert (storage.data / "dangjian/notes/keep.txt").is_file()  # deletes only what a deploy made

    third = deploy(storage, "--site", str(site), "--to", "s3://dangjian/www")
    assert re.fullmatch(rf"已发布到 s3://dangjian/www：上传 0 个文件（0\.0 MB），未变 {len(names)} 个，删除 0 个。\n",
                        third.stdout)


def test_what_goes_wrong_is_said_in_chinese_and_nothing_is_sent(storage, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>首页</title>", encoding="utf-8")
    cases = [
        ("s3://meiyou", storage.env(), "发布没有完成：对象存储里没有这个存储桶；请先在控制台建好它。"),
        ("s3://dangjian", storage.env(DEPLOY_SECRET_ACCESS_KEY="wrong-secret-0123456789"),
         "发布没有完成：DEPLOY_SECRET_ACCESS_KEY 不对。"),
        ("s3://dangjian", storage.env(DEPLOY_ACCESS_KEY_ID="someone-else"),
         "发布没有完成：对象存储不认识 DEPLOY_ACCESS_KEY_ID。"),
    ]
    for to, env, said in cases:
        done = deploy(storage, "--site", str(site), "--to", to, env=env)
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr == NO_ICP + "错误：" + said + TAIL
        assert "wrong-secret" not in done.stderr
    assert not (storage.data / "dangjian/index.html").exists()

    env = storage.env()
    del env["DEPLOY_SECRET_ACCESS_KEY"]
    done = deploy(storage, "--site", str(site), "--to", "s3://dangjian", env=env)
    assert done.stderr == NO_ICP + ("错误：缺少环境变量 DEPLOY_SECRET_ACCESS_KEY（对象存储的 AccessKey Secret（访问密钥））："
                                    "请在 Forgejo 或 GitHub 仓库的“密钥”（Secrets）里设置它，在自己电脑上发布时先 export 它。"
                                    "它的内容不会写进项目或日志。\n")
    done = run_deploy("--site", str(site), "--to", "s3://dangjian", env=storage.env())
    assert done.stderr == NO_ICP + ("错误：发布到对象存储要写明它的服务地址：请用 --endpoint 指定（例如阿里云 OSS 杭州 "
                                    "https://oss-cn-hangzhou.aliyuncs.com），或在 site.yml 的 deploy 里写 endpoint。\n")
    rollback = deploy(storage, "--rollback", "--to", "s3://dangjian")
    assert rollback.stderr == ("错误：对象存储没有版本可以回退：请在 Forgejo 或 GitHub 里重新运行上一次成功的发布，"
                               "或把 main 改回去后再发布。\n")


def test_nginx_and_the_bucket_keep_the_same_files_for_a_year():
    conf = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    assert f'location ~ "{bucket.FINGERPRINTED.pattern}"' in conf and "expires 1y;" in conf


@pytest.mark.parametrize(("name", "kind"), [("a/b.html", "text/html; charset=utf-8"), ("sitemap.xml.gz", "application/gzip"),
                                            ("x.svg", "image/svg+xml; charset=utf-8"), ("x.webp", "image/webp"),
                                            ("feed.xml", "text/xml; charset=utf-8"), ("noext", "application/octet-stream")])
def test_content_types_come_from_python_s_own_table(name, kind):
    assert bucket.content_type(name) == kind
