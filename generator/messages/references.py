"""References between records: an id that names nothing, or a hidden record."""

from __future__ import annotations

from .values import chinese_comma, listing

__all__ = [
    "hidden_draft",
    "hidden_internal",
    "hidden_member",
    "missing_owner",
    "missing_ref",
    "name_for_id",
    "unknown_record",
    "unknown_site_item",
    "unknown_with_comma",
]


def _not_found(what: str, value: str) -> str:
    return f"找不到{what}“{value}”"


def unknown_with_comma(what: str, value: str) -> str:
    return f"{_not_found(what, value)}：{chinese_comma(value)}"


def name_for_id(what: str, value: str, ident: str, name: str) -> str:
    """members: [张华] — the name written where the id belongs."""
    return f"{_not_found(what, value)}：这里要写编号，不是名称。是不是想写 {ident}（{name}）？"


def unknown_site_item(what: str, value: str, close: tuple[str, str | None] | None, pairs) -> str:
    if close:
        return f"{_not_found(what, value)}，是不是想写“{close[0]}”（{close[1]}）？"
    return f"{_not_found(what, value)}。site.yml 里可选的有：{listing(pairs)}"


def unknown_record(what: str, value: str, file: str | None, is_id: bool, close: str | None) -> str:
    message = _not_found(what, value)
    if file and is_id:
        message += f"（应有文件 {file}）"
    elif file:
        message += "：编号只能用小写字母、数字和“-”（拼音或英文），是对应文件的文件名（不带 .yml）"
    if close:
        message += f"，是不是想写“{close}”？"
    return message


def missing_ref(what: str, pairs, folder: str | None) -> str:
    """A required reference not written: what goes there, and what there is to choose from."""
    if not pairs:
        return f"必须填写{what}的编号，但没有写"
    place = f"，见 {folder}" if folder else ""
    return f"必须填写{what}的编号，但没有写。可选的有：{listing(pairs, 10)}{place}"


def _remove(ident: str, required: bool) -> str:
    return "换一个" if required else f"从这里删去“{ident}”"


def hidden_draft(what: str, ident: str, required: bool) -> str:
    return (f"{what}“{ident}”还是草稿（status: draft），不会发布，这里也就不能写它。"
            f"请先发布它（删去它的 status: draft），或{_remove(ident, required)}")


def hidden_member(what: str, ident: str, required: bool) -> str:
    return (f"{what}“{ident}”是内部记录（visibility: internal），公开网站上不能出现其姓名。"
            f"请{_remove(ident, required)}；本人同意公开后，可把其记录改为 consent: true 并删去 visibility: internal")


def hidden_internal(what: str, ident: str, required: bool) -> str:
    return (f"{what}“{ident}”是内部记录（visibility: internal），公开网站上不能出现它。"
            f"请{_remove(ident, required)}，或先把它改为公开")


def missing_owner(label: str, folder: str, owner: str, file: str) -> str:
    """publications/x/2024-01.yml without publications/x/index.yml."""
    return f"{label} {folder}/{owner}/ 缺少{label}介绍 {file}"
