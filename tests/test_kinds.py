"""The registry of record kinds: each kind's own statements hold together, and the generic code follows them."""

from __future__ import annotations

import pytest

from generator.kinds import KINDS, FileIdentity
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


def test_sections_come_in_the_registrys_order():
    assert [k.section[0] for k in KINDS.values() if k.section] == [
        "党建工作", "党建活动", "党员风采", "刊物", "阵地与基地", "社区服务站", "党性论坛", "述职评议", "一岗双责"]


def test_a_periodicals_index_is_claimed_before_its_issues():
    assert classify("publications/dangxing-riji/index.yml")[0].name == "publication"
    assert classify("publications/dangxing-riji/2024-01.yml")[0].name == "issue"
    assert classify("publications/dangxing-riji/2024-1.yml") == (
        "文件名“2024-1.yml”不合规：一期刊物的文件名应为 <年份>-<两位期号>.yml，例如 2024-01.yml；刊物介绍为 index.yml")
