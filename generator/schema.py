"""JSON Schema for every record type, made from the same models `check` uses.

Editors that speak the YAML language server (VS Code and others) validate and
complete records with them as they type; `check` stays the final word (it also
checks files, references, photos and personal data).
"""

from __future__ import annotations

import json
from pathlib import Path

from .kinds import KINDS, Kind

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _drop_generated_titles(node):
    """pydantic titles every property after its Python name ('End Date'); the Chinese descriptions say more."""
    if isinstance(node, dict):
        return {k: _drop_generated_titles(v) for k, v in node.items() if k != "title" or not isinstance(v, str)}
    if isinstance(node, list):
        return [_drop_generated_titles(v) for v in node]
    return node


def _required_once_published(body: dict) -> dict:
    """A field only a draft may leave empty (x-form-required) is required unless `status` is draft, as check says."""
    keys = [k for k, p in body.get("properties", {}).items() if p.pop("x-form-required", False)]
    if keys:
        draft = {"properties": {"status": {"const": "draft"}}, "required": ["status"]}
        body["if"], body["else"] = draft, {"required": keys}
    return body


def schema_for(kind: Kind) -> dict:
    body = _required_once_published(
        _drop_generated_titles(kind.model.model_json_schema(by_alias=True, mode="validation")))
    return {
        "$schema": DIALECT,
        "$id": f"{kind.name}.schema.json",
        "title": f"{kind.label}（records/{kind.example}）",
        **body,
    }


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, for every record type."""
    return {
        f"{name}.schema.json": json.dumps(schema_for(t), ensure_ascii=False, indent=2) + "\n"
        for name, t in KINDS.items()
    }


def write_schemas(out: Path) -> list[str]:
    """Write the schemas; only files whose content changed are rewritten. Returns their names."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    return written


def editor_settings() -> dict:
    """The `yaml.schemas` mapping for .vscode/settings.json."""
    return {f"./schemas/{name}.schema.json": t.glob for name, t in KINDS.items()}


def write_editor_settings(settings: Path) -> bool:
    """Point VS Code's YAML extension at every kind's schema, keeping the file's other settings. True if changed."""
    data = json.loads(settings.read_text(encoding="utf-8")) if settings.is_file() else {}
    if data.get("yaml.schemas") == editor_settings():
        return False
    data["yaml.schemas"] = editor_settings()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return True
