"""Every message a user reads comes from the catalogue, generator/messages/, in plain Chinese."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator import messages

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"
CATALOGUE = PACKAGE / "messages"
CJK = re.compile(r"[\u4e00-\u9fff]")  # words; punctuation alone (“：” in a split) is no message

# Modules whose Chinese is the site's or a record's content (page titles, field descriptions, labels, examples):
# what a visitor reads on a page or an editor reads in a new record, not a message about a run or a mistake.
CONTENT = {"pages.py", "feeds.py", "render.py", "indexes.py", "paging.py", "ledger/book.py", "ledger/printing.py"}
# Where a text becomes a message, in content modules too.
SINKS = {"Finding", "fail", "Problem", "problem", "error", "warning", "info", "print", "PluginError", "NewError",
         "ArchiveError", "SiteError", "ConflictError", "Busy", "ArgumentTypeError"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if CATALOGUE not in p.parents)


def _not_messages(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            found.add(id(node.value))  # an attribute's docstring: a string statement after an assignment
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile":
            found |= {id(n) for n in ast.walk(node)}  # a pattern (of Chinese characters, say) is no message
    return found


def _chinese(node: ast.AST, skip: set[int]) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in skip and CJK.search(n.value)]


def _sink(call: ast.Call) -> str | None:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)
    return name if name in SINKS else None


def stray_messages(path: Path, rel: str) -> list[str]:
    """Chinese text outside the catalogue: anywhere in a code module; in a content module, where it is said."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _not_messages(tree)
    if rel in CONTENT or rel.startswith("kinds/"):
        found = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _sink(node):
                found += [f"{rel}:{node.lineno}: {text}" for text in _chinese(node, skip)]
            elif isinstance(node, ast.Raise) and node.exc is not None:
                found += [f"{rel}:{node.lineno}: {text}" for text in _chinese(node.exc, skip)]
        return found
    return [f"{rel}: {text}" for text in _chinese(tree, skip)]


def test_no_message_is_written_outside_the_catalogue():
    found = [line for path in _modules() for line in stray_messages(path, path.relative_to(PACKAGE).as_posix())]
    assert found == []


def test_the_rule_finds_a_message_written_in_place(tmp_path):
    code = tmp_path / "x.py"
    code.write_text('"""说明。"""\n\ndef f():\n    raise NewError(f"找不到{1}")\n', encoding="utf-8")
    assert [line.split(": ", 1)[1] for line in stray_messages(code, "x.py")] == ["找不到"]
    content = tmp_path / "kinds"
    content.mkdir()
    (content / "k.py").write_text('TITLE = "党建活动"\n\ndef f(o):\n    yield Finding(("date",), "日期不对")\n'
                                  '    o.fail("已经存在")\n', encoding="utf-8")
    assert sorted(line.split(": ", 1)[1] for line in stray_messages(content / "k.py", "kinds/k.py")) == ["已经存在", "日期不对"]


# Words of the YAML specification or of programming that a teacher does not use, and 0-based positions.
JARGON = ["顶层", "映射", "标量", "文档", "别名", "锚点", "合并键", "转义", "嵌套", "解析", "字符串", "布尔", "token", "[0]"]


def _catalogue_texts() -> list[str]:
    texts = []
    for path in sorted(CATALOGUE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        texts += _chinese(tree, _not_messages(tree))
    return texts


@pytest.mark.parametrize("word", JARGON)
def test_messages_speak_plain_chinese(word):
    # Except the name Word and WPS give their own file type in 另存为: “Word 文档 (*.docx)”.
    assert [t for t in _catalogue_texts() if word in t.replace("Word 文档", "")] == []


def test_the_catalogue_is_read():
    texts = _catalogue_texts()
    assert len(texts) > 150 and any("中文冒号" in t for t in texts)
    assert messages.field_label("evaluation.items[2].counts") == "evaluation.items 第 3 个测评项目的 counts"


def test_the_guide_shows_the_common_mistakes_of_the_catalogue():
    from generator.readme import with_common_mistakes

    text = (ROOT / "records/README.md").read_text(encoding="utf-8")
    assert with_common_mistakes(text) == text, "run: make schema"
    assert text.count(messages.COMMON_MISTAKES_START) == 1 and "### 冒号写成了中文冒号" in text


@pytest.mark.parametrize("mistake", messages.COMMON_MISTAKES, ids=lambda m: m.title)
def test_each_common_mistake_is_what_check_says_and_its_fix_passes(tree, mistake):
    shown = f"records/{mistake.file}"
    tree.write(mistake.file, mistake.wrong)
    said = [p.message for p in tree.check().problems if p.file == shown]
    assert said == [mistake.message]
    tree.write(mistake.file, mistake.right)
    assert tree.lines() == []
