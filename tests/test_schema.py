"""The committed JSON Schemas are current, editors are wired to them, and a real validator accepts the shipped records."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.kinds import KINDS
from generator.schema import editor_settings, render_schemas

ROOT = Path(__file__).resolve().parent.parent


class Yaml12Loader(yaml.SafeLoader):
    """What the YAML language server sees: YAML 1.2 core, where dates and yes/no stay strings."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|false)$"), list("tf"))


def test_committed_schemas_are_current():
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json")}
    assert committed == render_schemas(), "run: python -m generator schema"


def test_vscode_maps_every_record_type_to_its_schema():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == editor_settings()
    for schema in settings["yaml.schemas"]:
        assert (ROOT / schema).is_file()


def files_of(glob: str) -> list[Path]:
    return sorted(ROOT.glob(glob))


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_real_validator_accepts_the_shipped_records(name):
    schema = json.loads((ROOT / f"schemas/{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    files = files_of(KINDS[name].glob)
    assert files, name
    for f in files:
        data = yaml.load(f.read_text(encoding="utf-8"), Loader=Yaml12Loader)
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f


def test_the_schema_catches_what_an_editor_gets_wrong():
    schema = json.loads((ROOT / "schemas/activity.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    bad = {"titel": "x", "date": "2024-02-30", "program": "p", "status": "drafts", "participants": -1}
    messages = sorted(e.message for e in validator.iter_errors(bad))
    assert messages == [
        "'2024-02-30' is not a 'date'",
        "'drafts' is not one of ['published', 'draft']",
        "'title' is a required property",
        "-1 is not valid under any of the given schemas",  # participants: integer >= 0, or absent
        "Additional properties are not allowed ('titel' was unexpected)",
    ]
