"""The web editor's configuration is made from the record kinds: every kind a collection, every field of every
model a widget of the right type, and every build serves the configuration made from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from generator import messages as say
from generator.cms import CMS_CONFIG, LOCAL_SERVER, cms_config, render_cms_config
from generator.fields import model_in
from generator.kinds import KINDS
from generator.load import load

ROOT = Path(__file__).resolve().parent.parent
CONFIG = yaml.safe_load(render_cms_config())


def collection(kind: str) -> dict:
    if kind == "site":
        return next(c for c in CONFIG["collections"] if c["name"] == "settings")["files"][0]
    return next(c for c in CONFIG["collections"] if c["name"] == kind)


def widget(kind: str, path: str) -> dict:
    fields = collection(kind)["fields"]
    *parents, last = path.split(".")
    for part in parents:
        fields = next(w for w in fields if w["name"] == part)["fields"]
    return next(w for w in fields if w["name"] == last)


def test_a_public_build_has_the_editor_only_where_site_yml_names_one(shipped_site, tree, tmp_path):
    """Without `editor` the site has no /admin/ (a login that could never work); with it, the build serves the
    configuration made from the models and site.yml."""
    from support.sitebuild import published_with_editor

    assert not (shipped_site / "admin").exists()
    site = published_with_editor(tree.records, tmp_path)
    organization = next(e.record for e in load(tree.records).entries if e.kind.name == "site")
    served = (site / CMS_CONFIG).read_text(encoding="utf-8")
    assert served == render_cms_config(organization) and (site / "admin/index.html").is_file()
    assert yaml.safe_load(served)["backend"] == {"name": "github", "repo": "shixiao/dangjian", "branch": "main"}
    assert "local_backend" not in yaml.safe_load(served)  # never decap-server on the machine it is opened from


def test_the_editor_s_local_configuration_saves_through_decap_server():
    assert yaml.safe_load(render_cms_config())["backend"] == {"name": "proxy", "proxy_url": LOCAL_SERVER, "branch": "main"}


@pytest.mark.parametrize("editor, backend", [
    ({"host": "github", "repo": "shixiao/dangjian"}, {"name": "github", "repo": "shixiao/dangjian", "branch": "main"}),
    ({"host": "github", "repo": "a/b", "branch": "pages", "base_url": "https://auth.example.edu.cn",
      "auth_endpoint": "oauth/authorize"},
     {"name": "github", "repo": "a/b", "branch": "pages", "base_url": "https://auth.example.edu.cn",
      "auth_endpoint": "oauth/authorize"}),
    ({"host": "forgejo", "repo": "a/b", "base_url": "https://git.example.edu.cn/", "app_id": "7d1c"},
     {"name": "forgejo", "repo": "a/b", "branch": "main", "app_id": "7d1c", "base_url": "https://git.example.edu.cn/",
      "api_root": "https://git.example.edu.cn/api/v1"}),
])
def test_saves_go_where_site_yml_says(tree, editor, backend):
    site = tree.records / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + yaml.safe_dump({"editor": editor}, allow_unicode=True),
                    encoding="utf-8")
    checked = tree.check()
    assert checked.ok, checked.problems
    assert cms_config(checked.site.organization)["backend"] == backend


@pytest.mark.parametrize("editor, line", [
    ({"host": "forgejo", "repo": "a/b", "base_url": "https://git.example.edu.cn"},
     "用 Forgejo 时必须写 app_id（在 Forgejo 里为网页编辑器建的 OAuth 应用的客户端 ID）"),
    ({"host": "github", "repo": "a/b", "base_url": "http://auth.example.edu.cn"},
     "“http://auth.example.edu.cn”不是 https:// 开头的网址：网页编辑器要通过加密连接登录，请写完整的 https:// 网址"),
    ({"host": "gitee", "repo": "a/b"}, "“gitee”不是可选的值"),
])
def test_a_wrong_editor_setting_is_a_chinese_error(tree, editor, line):
    site = tree.records / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + yaml.safe_dump({"editor": editor}, allow_unicode=True),
                    encoding="utf-8")
    assert any(line in text for text in tree.lines()), tree.lines()


def test_hints_are_written_for_a_teacher():
    """Under each field: what to put there, with an example — made from the models, less what a form has no use
    for (issue 29)."""
    def hint(kind: str, path: str) -> str | None:
        return widget(kind, path).get("hint")

    assert widget("activity", "date") | {"hint": None} == {
        "name": "date", "label": "日期", "required": True, "hint": None, "widget": "datetime",
        "date_format": "YYYY-MM-DD", "time_format": False, "format": "YYYY-MM-DD"}  # a date, no time, no UTC
    assert hint("activity", "date") == "点右边的日历选一天，或直接输入，例如 2024-05-10"  # was: 须与文件名中的日期相同
    assert hint("activity", "end_date") == "多日活动，不早于“日期”"  # was: 不早于 date
    assert hint("activity", "title") is None and hint("activity", "participants") is None  # was: the label again
    assert (widget("activity", "photos.src")["label"], hint("activity", "photos.src")) == (
        "照片", "点“选择图片”，从电脑或手机里选一张照片（JPEG、PNG、WebP 或 HEIC）")  # was: a path under records/assets/
    assert hint("suggestion", "reply") == "“办理情况”不是“待回复”时必填"  # was: state 不是 open 时必填
    assert hint("suggestion", "state") is None and hint("member", "consent") is None  # the choices and the switch say it
    assert hint("responsibility", "party_targets") == "几项之间用逗号隔开"  # Decap's one-line list input
    assert hint("activity", "tags") == "例如 课堂教学, 师德师风"
    assert hint("duty", "reception.summary") == "不写家长的姓名、电话"


def test_the_editor_speaks_chinese_and_opens_pull_requests():
    assert CONFIG["locale"] == "zh_Hans" and CONFIG["publish_mode"] == "editorial_workflow"
    assert CONFIG["media_folder"] == "records/assets" and CONFIG["local_backend"] is True
    assert cms_config(local_server="http://localhost:9999/api/v1")["local_backend"] == {"url": "http://localhost:9999/api/v1"}


def _names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _check_fields(model: type[BaseModel], widgets: list[dict], where: str) -> None:
    assert sorted(w["name"] for w in widgets) == sorted(_names(model)), where
    for name, info in model.model_fields.items():
        w = next(x for x in widgets if x["name"] == (info.alias or name))
        # Required in the form: what the model requires, and what only a draft may leave empty (activity.program)
        form_required = info.is_required() or (info.json_schema_extra or {}).get("x-form-required", False)
        assert w["required"] == form_required, (where, name)
        if w["widget"] == "relation":
            assert w["hint"] == say.cms_relation_hint(w.get("multiple")), (where, name)
        elif hint := w.get("hint"):  # for a teacher: no file, folder, key or YAML value, never the label again
            assert hint != w["label"] and not re.search(r"文件|records/|assets/|\.yml|\btrue\b|\{", hint), (where, hint)
            assert not any(re.search(rf"(?<![A-Za-z_]){other}(?![A-Za-z_])", hint) for other in _names(model)
                           if other != w["name"] and len(other) > 2), (where, hint)
        nested = model_in(info.annotation)
        if nested is not None and w["widget"] in ("list", "object"):
            _check_fields(nested, w["fields"], f"{where}.{name}")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_a_collection_with_every_field_of_its_model(kind):
    _check_fields(KINDS[kind].model, collection(kind)["fields"], kind)


@pytest.mark.parametrize("kind, path, expected", [
    ("activity", "date", {"widget": "datetime", "date_format": "YYYY-MM-DD", "time_format": False}),
    ("activity", "program", {"widget": "relation", "collection": "program", "value_field": "{{slug}}", "multiple": False,
                             "required": True}),
    ("activity", "members", {"widget": "relation", "collection": "member", "display_fields": ["name"], "multiple": True,
                             "hint": "输入名称中的几个字，从出现的列表里选；可以选多个"}),
    ("activity", "branches", {"widget": "relation", "collection": "settings", "file": "site",
                              "value_field": "branches.*.id", "display_fields": ["branches.*.name"]}),
    ("activity", "photos.src", {"widget": "image"}),
    ("activity", "body", {"widget": "markdown", "modes": ["raw"]}),
    ("activity", "summary", {"widget": "text"}),
    ("activity", "participants", {"widget": "number", "value_type": "int"}),
    ("activity", "status", {"widget": "select", "options": [{"label": "已发布", "value": "published"},
                                                            {"label": "草稿", "value": "draft"}]}),
    ("member", "consent", {"widget": "boolean"}),
    ("issue", "articles.member", {"widget": "relation", "collection": "member"}),
    ("review", "evaluation.items", {"widget": "list"}),
    ("program", "pillar", {"widget": "relation", "collection": "settings", "value_field": "pillars.*.id"}),
])
def test_each_field_type_becomes_its_widget(kind, path, expected):
    w = widget(kind, path)
    assert {k: w.get(k) for k in expected} == expected


def test_a_kinds_own_fields_come_before_the_common_ones():
    assert [w["name"] for w in collection("activity")["fields"]][:3] == ["title", "date", "end_date"]
    assert [w["name"] for w in collection("activity")["fields"]][-4:] == ["status", "visibility", "tags", "example"]


def test_a_new_record_needs_no_pinyin_typed():
    for kind in ("activity", "suggestion", "duty"):  # dated: the file name is the date and the time it was made
        assert collection(kind)["path"] == "{{year}}/{{year}}-{{month}}-{{day}}-{{hour}}{{minute}}{{second}}"
    for kind in ("program", "place", "member"):
        assert collection(kind)["slug"] == "{{year}}{{month}}{{day}}-{{hour}}{{minute}}{{second}}"
