"""The organisation itself: site.yml, the one record of its kind."""

from __future__ import annotations

import re
from typing import ClassVar, Iterator

from pydantic import Field

from .. import messages as say
from ..fields import Boolean, Count, ListOf, LongText, Markdown, Slug, Text, Year, YearMonth, choice
from .base import FileIdentity, Finding, Record, Strict, _duplicates, example_title
from .files import Single
from .kind import Kind


class Honor(Strict):
    title: Text = Field(description="荣誉名称")
    year: Year | None = Field(None, description="获得年份（知道时才写）")


class Branch(Strict):
    id: Slug = Field(description="支部编号（拼音），例如 di-yi")
    name: Text = Field(description="支部名称，例如 第一党支部")
    example: Boolean = Field(False, description="true：名称是示例，不是真实的支部名称；网站会标上“示例”")

    @property
    def label(self) -> str:
        """The name as a reader sees it: an invented one says so."""
        return example_title(self.name) if self.example else self.name


class Pillar(Strict):
    id: Slug = Field(description="编号（拼音），例如 rongru")
    title: Text = Field(description="这句话的全文")
    short: Text | None = Field(None, description="简称，用于导航和卡片")
    summary: LongText | None = Field(None, description="一段说明（纯文字）")


class Contact(Strict):
    address: Text | None = Field(None, description="地址，例如 江苏省泰州市姜堰区××路××号")
    phone: Text | None = Field(None, description="办公电话（不要写个人手机号码）")
    email: Text | None = Field(None, description="接收建议的电子邮箱")
    suggestion_box: Text | None = Field(None, description="意见箱放在哪里，例如 学校大门东侧")


class Deploy(Strict):
    """Where `generator deploy` publishes the site when the command line does not say (never a secret)."""

    to: Text = Field(description="发布到哪里（只写地址，不写密码和密钥），例如 sftp://deploy@web.example.edu.cn/srv/dangjian"
                                 " 或 s3://dangjian-site")
    endpoint: Text | None = Field(None, description="对象存储的服务地址，例如 https://oss-cn-hangzhou.aliyuncs.com")
    provider: Text | None = Field(None, description="对象存储的厂商：Alibaba、TencentCOS、Qiniu、Minio 等（默认 Other）")


class Editor(Strict):
    """Where the web editor (/admin/) saves: every save becomes a pull request there (generator/cms.py)."""

    host: choice(("github", "GitHub"), ("forgejo", "Forgejo（学校自己架设的代码托管平台）")) = Field(
        description="仓库放在哪里：github 或 forgejo")
    repo: Text = Field(description="仓库：组织名/仓库名，例如 shixiao/dangjian")
    branch: Text = Field("main", description="网站从哪个分支发布（默认 main）；每次保存都会向它提一个拉取请求")
    base_url: Text | None = Field(None, description="GitHub：登录服务（OAuth）的网址，例如 https://auth.example.edu.cn；"
                                                    "Forgejo：平台的网址，例如 https://git.example.edu.cn")
    auth_endpoint: Text | None = Field(None, description="GitHub 登录服务上的路径（默认 auth）")
    app_id: Text | None = Field(None, description="Forgejo：为网页编辑器建的 OAuth 应用的客户端 ID")
    api_root: Text | None = Field(None, description="Forgejo：API 的网址（默认 平台网址/api/v1）")

    def findings(self) -> Iterator[Finding]:
        for key in ("base_url", "api_root"):
            value = getattr(self, key)
            if value and not value.startswith("https://"):
                yield Finding(("editor", key), say.editor_url_not_https(value))
        if self.host == "forgejo":
            for key in ("base_url", "app_id"):
                if not getattr(self, key):
                    yield Finding(("editor",), say.editor_forgejo_needs(key))


# What a file name on a USB stick (FAT, exFAT, NTFS) or any other disk cannot hold, or would make a path of.
FILE_NAME_UNSAFE = re.compile(r'\.\.|[/\\:*?"<>|\x00-\x1f]|^\.')


class Organization(Record):
    kind_label: ClassVar[str] = "组织概况"

    school: Text = Field(description="学校名称")
    organization: Text = Field(description="党组织全称，作为网站标题")
    short_name: Text | None = Field(None, description="简称，用于存档文件名等")
    founded: YearMonth | None = Field(None, description="成立时间：年-月 或 年-月-日")
    member_count: Count | None = Field(None, description="党员人数")
    honors: ListOf(Honor) = Field(default_factory=list, description="荣誉")
    intro: Markdown | None = Field(None, description="首页开头的介绍（Markdown）")
    branches: ListOf(Branch) = Field(min_length=1, description="下设支部")
    pillars: ListOf(Pillar) = Field(min_length=1, description="“四句话”：工作的几条主线")
    contact: Contact | None = Field(None, description="联系方式：显示在每页页脚和党性论坛的“怎样提建议”里")
    icp: Text | None = Field(None, description="ICP 备案号，例如 苏ICP备12345678号-1：网站备案后填写，显示在页脚")
    police_filing: Text | None = Field(None, description="公安联网备案号，例如 苏公网安备32120402000123号："
                                                         "备案后填写，显示在页脚")
    editor: Editor | None = Field(None, description="网页编辑器保存到哪里（GitHub 或学校的 Forgejo）；"
                                                    "不写时只能在本机编辑（make edit）")
    deploy: Deploy | None = Field(None, description="make deploy 把网站发布到哪里：学校的服务器或对象存储")

    def findings(self, ident: FileIdentity) -> Iterator[Finding]:
        yield from _duplicates(self.branches, ("branches",), "id", "支部编号")
        yield from _duplicates(self.pillars, ("pillars",), "id", "编号")
        if self.editor:
            yield from self.editor.findings()
        for key in ("short_name", "school"):  # the archive's file name is made of the first one written
            value = getattr(self, key)
            if value and (bad := FILE_NAME_UNSAFE.findall(value)):
                yield Finding((key,), say.unsafe_file_name(bad))
                break
            if value:
                break


KIND = Kind("site", Organization, Single("site.yml"), "site.yml", "records/site.yml",
            named_by="organization", referable=False)
