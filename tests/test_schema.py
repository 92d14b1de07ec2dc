"""The committed JSON Schemas are current, editors are wired to them, and a real validator accepts the shipped records."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from support.yaml12 import read_as_yaml12

from generator.errors import Severity, field_path
from generator.kinds import KINDS
from generator.load import classify
from generator.pipeline import check_records
from generator.schema import editor_settings, render_schemas

ROOT = Path(__file__).resolve().parent.parent


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
    for f, data in zip(files, read_as_yaml12(files), strict=True):
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f


def _validators() -> dict[str, jsonschema.Draft202012Validator]:
    return {name: jsonschema.Draft202012Validator(json.loads((ROOT / f"schemas/{name}.schema.json").read_text(encoding="utf-8")),
                                                  format_checker=jsonschema.FormatChecker()) for name in KINDS}


def _disagreement(records: Path) -> tuple[set, set]:
    """(file, field) of every error `check` reports, and of every error the schema reports on the data as the
    YAML 1.2 reader of VS Code and the web editor reads it."""
    validators = _validators()
    files = sorted(p for p in records.rglob("*.yml") if "assets" not in p.parts)
    by_check = {(p.file.split("records/", 1)[1], p.field) for p in check_records(records).problems
                if p.severity is Severity.ERROR}
    by_schema = set()
    for path, data in zip(files, read_as_yaml12(files), strict=True):
        rel = path.relative_to(records).as_posix()
        kind, _ = classify(rel)
        by_schema |= {(rel, field_path(tuple(e.absolute_path)) or None) for e in validators[kind.name].iter_errors(data)}
    return by_check, by_schema


def test_check_and_the_schemas_agree_on_the_shipped_records():
    by_check, by_schema = _disagreement(ROOT / "records")
    assert by_check == by_schema == set()


def test_check_and_the_schemas_agree_on_unquoted_values(tree):
    activity = "activities/2024/2024-03-12-tongke-yigou.yml"
    tree.write(activity, "title: 0701\ndate: 2024-03-12\nprogram: san-tong-san-yi\nsummary: 1e3\n"
               "tags: [0x1F, true, ~, 师德, 2024-03-12, 1_000, yes]\nparticipants: 30\n"
               "photos:\n  - src: 2024/a.jpg\n    caption: .inf\n")
    tree.write("members/zhang-hua.yml", "name: 张华\nbranch: di-yi\nstory: 故事。\nconsent: true\njoined: 2001\n"
               "motto: -0.5\n")
    by_check, by_schema = _disagreement(tree.records)
    assert by_check == by_schema == {
        (activity, "title"), (activity, "summary"), (activity, "tags[0]"), (activity, "tags[1]"), (activity, "tags[2]"),
        (activity, "photos[0].caption"), ("members/zhang-hua.yml", "motto"),
    }


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
