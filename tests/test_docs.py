"""records/README.md is the editors' field guide: it must name every field the models accept."""

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.fields import model_in
from generator.kinds import KINDS

GUIDE = (Path(__file__).resolve().parent.parent / "records" / "README.md").read_text(encoding="utf-8")


def field_names(model: type[BaseModel]):
    for name, info in model.model_fields.items():
        yield info.alias or name
        nested = model_in(info.annotation)
        if nested:
            yield from field_names(nested)


@pytest.mark.parametrize("type_name", sorted(KINDS))
def test_guide_names_every_field(type_name):
    missing = [
        f for f in field_names(KINDS[type_name].model) if f"`{f}" not in GUIDE and f"{f}:" not in GUIDE and f"{f}（" not in GUIDE
    ]
    assert missing == []


def test_every_command_the_docs_and_messages_print_is_a_make_target():
    """What the README, the editors' guides and the generator's own messages tell people to type works in a
    fresh shell: it is a `make` target (which installs what it needs), not a command of a venv not yet made."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    texts = [(root / f).read_text(encoding="utf-8") for f in ("README.md", "CONTRIBUTING.md", "records/README.md")]
    for f in sorted((root / "generator/messages").glob("*.py")):  # every message: the lines in Chinese
        code = f.read_text(encoding="utf-8")
        texts.append("\n".join(line for line in code.splitlines() if re.search("[\u4e00-\u9fff]", line)))
    commands = {m for t in texts for m in re.findall(r"\bmake [a-z][a-z-]*(?: [A-Z]+=[^\s`'）]+|(?: ARGS='[^']*'))?", t)}
    targets = {c.split()[1] for c in commands}
    assert {"site", "test", "check", "serve", "new", "schema", "archive", "verify-archive", "lock"} <= targets
    for target in sorted(targets):
        done = subprocess.run(["make", "-n", target], cwd=root, capture_output=True, text=True)
        assert done.returncode == 0, (target, done.stderr)
    for text in texts:  # and no bare module command is printed as the thing to run
        assert not re.search(r"(?<![/\w])python -m generator (check|new|schema|verify-archive)\b(?! \|)", text), text[:80]
