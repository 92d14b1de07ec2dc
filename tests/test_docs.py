"""records/README.md is the editors' field guide: it must name every field the models accept."""

from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.load import _model_in
from generator.models import RECORD_TYPES

GUIDE = (Path(__file__).resolve().parent.parent / "records" / "README.md").read_text(encoding="utf-8")


def field_names(model: type[BaseModel]):
    for name, info in model.model_fields.items():
        yield info.alias or name
        nested = _model_in(info.annotation)
        if nested:
            yield from field_names(nested)


@pytest.mark.parametrize("type_name", sorted(RECORD_TYPES))
def test_guide_names_every_field(type_name):
    missing = [f for f in field_names(RECORD_TYPES[type_name].model) if f"`{f}" not in GUIDE and f"{f}:" not in GUIDE and f"{f}（" not in GUIDE]
    assert missing == []
