"""No input, however broken, yields a traceback: only located problems."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.kinds import KINDS
from generator.yamlio import parse_bytes

YAMLISH = st.lists(
    st.sampled_from(list("ab:- \n\t[]{},"
                         "&*!|>'\"#%@`?<~\r\x00\ufeff\u202e党0") + ["\n  ", ": ", "- ", "<<", "---", "!!binary ", "&a ", "*a"]),
    max_size=80,
).map("".join)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_clean(doc, problems):
    assert all(isinstance(p, Problem) and p.line >= 1 and p.col >= 1 and p.message for p in problems)
    if doc is None:
        assert problems, "a file refused without saying why"
    else:
        assert isinstance(doc.data, dict)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes(raw):
    assert_clean(*parse_bytes(raw, "x.yml"))


@SETTINGS
@given(YAMLISH)
def test_random_yaml_like_text(text):
    assert_clean(*parse_bytes(text.encode("utf-8", "surrogatepass"), "x.yml"))


SCALARS = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none(), st.dates().map(str))
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20
)
KEYS = st.sampled_from(
    sorted({k for t in KINDS.values() for k in t.model.model_fields} | {"from", "好", "src", "items", "counts"})
)


@pytest.mark.slow
@SETTINGS
@given(rel=st.sampled_from([
    "site.yml",
    "programs/san-tong-san-yi.yml",
    "activities/2024/2024-03-12-tongke-yigou.yml",
    "members/zhang-hua.yml",
    "publications/dangxing-riji/2024-01.yml",
    "suggestions/2024/2024-05-20-jianyi.yml",
    "reviews/2024.yml",
]), data=st.dictionaries(KEYS | st.text(max_size=6), VALUES, max_size=8))
def test_random_records_through_the_whole_check(tree, rel, data):
    tree.write(rel, yaml.safe_dump(data, allow_unicode=True))
    result = tree.check()
    assert all(isinstance(p, Problem) for p in result.problems)
