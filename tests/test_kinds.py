"""The registry of record kinds: each kind's own statements hold together, and the generic code follows them."""

from __future__ import annotations

import ast

import pytest
from support.sitebuild import ROOT

from generator.kinds import KINDS, FileIdentity, hooks
from generator.load import classify


@pytest.mark.parametrize("name", list(KINDS))
def test_a_kinds_example_path_is_its_own(name):
    kind, ident = classify(KINDS[name].example)
    assert kind is KINDS[name] and isinstance(ident, FileIdentity)


@pytest.mark.parametrize("name", list(KINDS))
def test_every_reference_names_real_fields_and_a_real_target(name):
    kind = KINDS[name]
    for ref in kind.references:
        model = kind.model
        for step in ref.path.split("."):
            field = model.model_fields[step.removesuffix("[]")]  # KeyError: a reference to no field
            inner = field.annotation
            nested = [a for a in getattr(inner, "__args__", ()) if isinstance(a, type)]
            model = next((a for a in [inner, *nested] if isinstance(a, type) and hasattr(a, "model_fields")), model)
        assert ref.target in KINDS or ref.target in ("branch", "pillar"), ref


@pytest.mark.parametrize("name", KINDS)
def test_what_names_a_record_is_a_field_of_its_model(name):
    kind = KINDS[name]
    fields = {info.alias or n for n, info in kind.model.model_fields.items()}
    assert kind.named_by in fields


def test_a_dated_kind_has_the_date_its_file_name_is_checked_against():
    """kinds/files.Dated checks a record's `date` against its file's name, once for every dated kind."""
    from generator.kinds.files import Dated

    dated = [k for k in KINDS.values() if isinstance(k.files, Dated)]
    assert dated and all("date" in k.model.model_fields for k in dated)


def test_sections_come_in_the_registrys_order():
    assert [k.section[0] for k in KINDS.values() if k.section] == [
        "党建工作", "党建活动", "党员风采", "刊物", "阵地与基地", "社区服务站", "党性论坛", "述职评议", "一岗双责",
        "三会一课"]


def test_a_periodicals_index_is_claimed_before_its_issues():
    assert classify("publications/dangxing-riji/index.yml")[0].name == "publication"
    assert classify("publications/dangxing-riji/2024-01.yml")[0].name == "issue"
    assert classify("publications/dangxing-riji/2024-1.yml") == (
        "文件名“2024-1.yml”不合规：一期刊物的文件名应为 <年份>-<两位期号>.yml，例如 2024-01.yml；刊物介绍为 index.yml")


# ---------------------------------------------------------------- what the hooks are given (kinds/hooks.py)


def _used(name: str) -> set[str]:
    """Every attribute a kind module reads of its hooks' argument `name` (m, o, entry …)."""
    used = set()
    for path in (ROOT / "generator/kinds").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name:
                used.add(node.attr)
    return used


def _declared(protocol) -> set[str]:
    return {n for n in dir(protocol) if not n.startswith("_")} | set(getattr(protocol, "__annotations__", {}))


@pytest.mark.parametrize(("argument", "protocol"), [("m", hooks.PageMaker), ("o", hooks.NewOptions)])
def test_the_protocols_declare_everything_the_kinds_use(argument, protocol):
    assert _used(argument) - _declared(protocol) == set()
    assert _used(argument)  # the kinds do use them: the scan finds something


def test_the_generic_code_provides_what_the_protocols_promise():
    """The objects the hooks are really given, from the shipped records, have every member."""
    from generator import new
    from generator.indexes import build_index
    from generator.pages import Maker
    from generator.pipeline import check_records

    shipped = check_records(ROOT / "records").site
    ix = build_index(shipped)
    maker = Maker(ix)
    options = new.Options(ROOT / "records", new._Existing(ROOT / "records"), maker.today)
    given = [(shipped.site, hooks.RecordEntry), (shipped, hooks.Records), (ix, hooks.Shown), (maker, hooks.PageMaker),
             (options, hooks.NewOptions), (options.ex, hooks.ExistingRecords)]
    for value, protocol in given:
        assert isinstance(value, protocol), protocol.__name__
        missing = [n for n in _declared(protocol) if not hasattr(value, n)]
        assert missing == [], protocol.__name__
