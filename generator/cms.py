"""The web editor's configuration (Decap CMS, admin/config.yml of the built site), made from the record kinds and
their models: every kind a collection, every field a widget with the model's Chinese description as its hint
(a reference's hint says how to choose, as the form shows names, not ids).
Never written by hand: every build makes it (plugin), with where saves go from site.yml's `editor`.

What a form cannot say (an end date after its start, a reply's date, consent, personal numbers) stays with `check`,
which runs on every pull request the editor opens."""

from __future__ import annotations

import re
import typing

import yaml
from pydantic import BaseModel

from . import fields as f
from . import messages as say
from .kinds import KINDS, Kind
from .kinds.base import Content
from .kinds.files import Dated, IssueFile, Named, PerMemberYear, PublicationIndex, Single, Yearly
from .kinds.kind import SITE_LIST_NAMES, SITE_LISTS

# The field types of fields.py, by the function that reads them.
_WIDGETS = {
    f._line: "string", f._multiline: "text", f._markdown: "markdown", f._tag: "string", f._slug: "string",
    f._date: "datetime", f._year_month: "string", f._year: "number", f._count: "number", f._boolean: "boolean",
}
# A date and nothing else: a date input (no time), stored as YYYY-MM-DD as typed, no "UTC" beside it.
_DATE = {"date_format": "YYYY-MM-DD", "time_format": False, "format": "YYYY-MM-DD"}


def _reader(annotation) -> tuple[object | None, dict | None]:
    """The reading function of a field type, and its choice labels if it is a choice."""
    for meta in getattr(annotation, "__metadata__", ()):
        func = getattr(meta, "func", None)
        if func in _WIDGETS:
            return func, None
        extra = getattr(meta, "json_schema_extra", None)
        if extra and "x-labels" in extra:
            return "choice", extra["x-labels"]
    for arg in typing.get_args(annotation):
        found = _reader(arg)
        if found[0] is not None:
            return found
    return None, None


def _is_list(annotation) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(_is_list(a) for a in typing.get_args(annotation) if a is not type(None))


def _relation(target: str) -> dict:
    if target in SITE_LISTS:  # a list of site.yml: its items' ids, shown by name
        shown = f"{SITE_LISTS[target]}.*.{SITE_LIST_NAMES[target]}"
        return {"widget": "relation", "collection": "settings", "file": "site", "search_fields": [shown],
                "display_fields": [shown], "value_field": f"{SITE_LISTS[target]}.*.id"}
    shown = KINDS[target].named_by
    return {"widget": "relation", "collection": KINDS[target].name, "search_fields": [shown],
            "display_fields": [shown], "value_field": "{{slug}}"}


def _label(description: str | None, key: str) -> str:
    """A form's label: the description up to its first explanation (学校名称, ICP 备案号), else the key."""
    if key in say.CMS_LABELS:
        return say.CMS_LABELS[key]
    if not description:
        return key
    return re.split(r"[，：（(；;]", description, maxsplit=1)[0].strip() or key


# What a teacher in a form has no use for: a file's name or folder (the form has none), the YAML spelling of a
# switch or a choice (the form shows a switch and the choices' names).
_FILE_TALK = re.compile("|".join(map(re.escape, say.CMS_FILE_TALK)))


def _hint(description: str | None, label: str, widget: str, names: dict[str, str]) -> str | None:
    """The line under a field: the model's description less its label, less any clause about files, Markdown or
    YAML, with other fields' keys and choices' values named as the form shows them (`names`); where nothing is
    left, what to do in that kind of field."""
    opening, closing = say.CMS_PARENS
    text = (description or "").removeprefix(label).lstrip(say.CMS_LEADING)
    if text.startswith(opening) and text.endswith(closing) and text.count(opening) == 1:
        text = text[1:-1]  # 接待情况（纯文字；不写家长的姓名、电话） -> 纯文字；不写家长的姓名、电话
    kept = []
    for clause in (c.strip() for c in re.split(say.CMS_CLAUSE_BREAK, text)):
        for word in say.CMS_FORMAT_WORDS:
            clause = clause.replace(f"{opening}{word}{closing}", "")
        if clause.startswith(opening) and clause.endswith(closing):
            clause = clause[1:-1]  # （多日活动） -> 多日活动
        if not clause or _FILE_TALK.search(clause) or "{" in clause or widget in _OWN_HINT \
                or clause in say.CMS_FORMAT_WORDS or (widget == "words" and clause == say.CMS_ONE_A_LINE):
            continue
        for key, shown in names.items():  # "不早于 date" -> "不早于“日期”"
            clause = re.sub(rf"\s?(?<![A-Za-z_]){re.escape(key)}(?![A-Za-z_])\s?", say.cms_named(shown), clause)
        kept.append(clause.replace("[", "").replace("]", ""))  # 例如 [课堂教学, 师德师风]: a list is typed with commas
    hint = say.CMS_CLAUSE_JOIN.join(kept) or say.CMS_WIDGET_HINTS.get(widget, "")
    return hint if hint and hint != label else None


# Widgets whose own hint says all a teacher needs (a switch, a list of choices, a photo picker).
_OWN_HINT = ("boolean", "select", "image")


def _fields(model: type[BaseModel], refs: dict[str, str], prefix: str = "") -> list[dict]:
    out = []
    labels_of = {info.alias or name: _label(info.description, info.alias or name) for name, info in model.model_fields.items()}
    choices = {}  # a choice's value (open, draft …) -> its name in the form, where they differ
    for info in model.model_fields.values():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        shown = extra.get("x-labels") or {}
        choices.update({v: label for v, label in shown.items() if v != label and v.isascii()})
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = prefix + key
        form_extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        widget: dict = {"name": key, "label": labels_of[key],
                        "required": info.is_required() or bool(form_extra.get("x-form-required"))}
        many = _is_list(info.annotation)
        ref = refs.get(path + ("[]" if many else ""))
        nested = f.model_in(info.annotation)
        reader, labels = _reader(typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        labels = extra.get("x-labels", labels)
        if ref:
            # The model's description names the folder the ids come from; the form shows names, not ids.
            widget.update(_relation(ref), multiple=many, hint=say.cms_relation_hint(many))
        elif nested is not None:
            inner = _fields(nested, refs, path + ("[]." if many else "."))
            widget.update({"widget": "list", "fields": inner} if many else {"widget": "object", "fields": inner})
        elif f.reader_of(info.annotation, info.metadata) is f._asset:  # a photo under records/assets/
            widget.update(widget="image", choose_url=False, label=widget["label"].removesuffix(say.CMS_PATH_WORD))
        elif labels is not None:
            widget.update(widget="select", options=[{"label": label, "value": value} for value, label in labels.items()])
        elif many:
            widget.update(widget="list")
        else:
            kind = _WIDGETS.get(reader, "string")
            widget["widget"] = kind
            if kind == "markdown":
                widget.update(modes=["raw"])  # the Markdown as typed: the rich-text mode rewrites it
            elif kind == "datetime":
                widget.update(_DATE)
            elif kind == "number":
                widget.update(value_type="int", min=0)
        if info.default is not None and not info.is_required() and not callable(info.default) \
                and isinstance(info.default, (str, bool)):
            widget["default"] = info.default
        if "hint" not in widget:  # a reference's hint is the relation's own (how to choose)
            names = {k: v for k, v in labels_of.items() if k != key} | choices
            shape = "words" if widget.get("widget") == "list" and "fields" not in widget else widget.get("widget")
            if hint := _hint(info.description, widget["label"], shape or "string", names):
                widget["hint"] = hint
        out.append(widget)
    return out


def form_order(kind: Kind) -> list[str]:
    """A record's keys in the form's order, which is also the order of a record's file (yamlform): the kind's own
    fields first, then those every record has (状态, 公开范围 …), as `generator new` writes them."""
    keys = [info.alias or name for name, info in kind.model.model_fields.items()]
    return [k for k in keys if k not in Content.model_fields] + [k for k in keys if k in Content.model_fields]


# The records' own YAML form (docs/admin/format.js, registered by docs/admin/index.html under this name).
FORMAT = "dangjian-yaml"

# A dated record's id: its date, and the time of day Decap adds to it (000000 from a date-only field; a second
# record on the same day gets Decap's "-1").
_DATED = "{{year}}-{{month}}-{{day}}-{{hour}}{{minute}}{{second}}"



def _collection(kind: Kind) -> dict:
    refs = {r.path: r.target for r in kind.references}
    order = form_order(kind)
    widgets = sorted(_fields(kind.model, refs), key=lambda w: order.index(w["name"]))
    # No preview pane: Decap's would list raw values; the site's own page is the preview (make edit).
    base = {"name": kind.name, "label": kind.label, "extension": "yml", "format": FORMAT, "editor": {"preview": False},
            "fields": widgets}
    if kind.named_by != "title":  # what names an entry in the editor's lists
        base["identifier_field"] = kind.named_by
    rule = kind.files
    folder = f"records/{rule.folder}"
    if isinstance(rule, Single):
        return {
            "name": "settings",
            "label": say.CMS_SETTINGS,
            "files": [{**base, "name": "site", "file": f"records/{rule.name}"}],
        }
    if isinstance(rule, Named):
        # An id no one has to type in pinyin: the moment the record was made (unique, and what check accepts).
        # Its photos go to assets/<folder>/, as a photo's path says whose it is.
        return {**base, "folder": folder, "create": True, "slug": "{{year}}{{month}}{{day}}-{{hour}}{{minute}}{{second}}",
                "media_folder": f"/records/assets/{rule.folder}", "public_folder": rule.folder}
    if isinstance(rule, Dated):
        # Photos in the year of the record's date (assets/2024/), which the form knows before the file exists.
        return {**base, "folder": folder, "create": True, "path": "{{year}}/" + _DATED, "slug": _DATED,
                "media_folder": "/records/assets/{{year}}", "public_folder": "{{year}}"}
    if isinstance(rule, Yearly):
        return {**base, "folder": folder, "create": True, "slug": "{{fields.year}}"}
    if isinstance(rule, PerMemberYear):
        return {**base, "folder": folder, "create": True, "path": "{{fields.year}}/{{fields.member}}",
                "slug": "{{fields.member}}"}
    if isinstance(rule, PublicationIndex):
        return {**base, "folder": folder, "create": False, "path": "{{slug}}/index", "filter": {"field": "title", "pattern": "."}}
    if isinstance(rule, IssueFile):
        return {**base, "folder": folder, "create": False, "path": "{{slug}}"}
    raise TypeError(f"no collection for the file rule {rule!r}")


# decap-server's own address: the editor saves through it on this machine (make edit), with no account.
LOCAL_SERVER = "http://localhost:8081/api/v1"


def _backend(editor, local_server: str | None) -> dict:
    """Where saves go once published: a pull request on GitHub or the school's Forgejo, from site.yml's editor.
    Without one, the editor works on this machine only (decap-server)."""
    if editor is None:
        return {"name": "proxy", "proxy_url": local_server or LOCAL_SERVER, "branch": "main"}
    backend = {"name": editor.host, "repo": editor.repo, "branch": editor.branch}
    if editor.host == "forgejo":
        backend.update(app_id=editor.app_id, base_url=editor.base_url,
                       api_root=editor.api_root or editor.base_url.rstrip("/") + "/api/v1")
    else:
        backend.update({k: v for k in ("base_url", "auth_endpoint") if (v := getattr(editor, k))})
    return backend


def cms_config(organization=None, local_server: str | None = None) -> dict:
    """The configuration for the site of `organization` (site.yml's record; None: one that names no forge)."""
    editor = organization.editor if organization else None
    return {
        "locale": "zh_Hans",
        "backend": _backend(editor, local_server),
        # Saves to decap-server under `make edit`; a published editor (site.yml's) never looks for one, even when
        # its site is opened from this machine.
        **({"local_backend": {"url": local_server}} if local_server else {"local_backend": True} if editor is None else {}),
        "publish_mode": "editorial_workflow",
        "media_folder": "records/assets",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [_collection(k) for k in KINDS.values()],
    }


def render_cms_config(organization=None, local_server: str | None = None) -> str:
    config = cms_config(organization, local_server)
    return say.CMS_HEADER + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)


CMS_CONFIG = "admin/config.yml"  # beside the editor's page (docs/admin/), made by every build (plugin)
