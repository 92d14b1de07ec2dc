"""Files and folders under records/, and the fields of a record."""

from __future__ import annotations

from .assets import ASSETS

__all__ = [
    "AT_LEAST_ONE",
    "A_LIST_EXPECTED",
    "EMPTY_AFTER_COLON",
    "LINKED_FILE",
    "LINKED_FOLDER",
    "NOT_A_RECORD_FILE",
    "NO_KIND_HERE",
    "NO_RECORDS_FOLDER",
    "NO_SITE_FILE",
    "PUBLICATION_RULE",
    "REQUIRED",
    "YAML_EXTENSION",
    "bad_dated_name",
    "bad_file_id",
    "bad_issue_name",
    "bad_issue_number",
    "bad_publication_folder",
    "dated_rule",
    "file_in_other_year",
    "keys_expected",
    "member_year_rule",
    "named_rule",
    "no_such_file_date",
    "repeated_id",
    "unknown_field",
    "unphrased",
    "yearly_rule",
]


YAML_EXTENSION = "记录文件的扩展名应为 .yml，不是 .yaml"
NOT_A_RECORD_FILE = f"records/ 里只能放 .yml 记录文件（照片和其他文件请放在 {ASSETS} 下）"
NO_KIND_HERE = "这里不应有 .yml 文件，它不会被使用。记录文件的位置见 records/README.md"
NO_RECORDS_FOLDER = "找不到记录文件夹"
NO_SITE_FILE = "缺少 site.yml（组织概况），它必须有且只有一个"
LINKED_FOLDER = "records/ 里的文件夹不能是符号链接"
LINKED_FILE = "记录文件不能是符号链接"


def bad_file_id(name: str, example: str) -> str:
    return f"文件名“{name}”不合规：编号只能用小写字母、数字和“-”（拼音或英文），例如 {example}"


def named_rule(label: str, folder: str, example: str) -> str:
    return f"{label}文件应直接放在 {folder}/ 下，例如 {example}"


def dated_rule(label: str, folder: str, example: str) -> str:
    return f"{label}文件应放在 {folder}/<年份>/<年-月-日>-<拼音>.yml，例如 {example}"


def bad_dated_name(name: str, rule: str) -> str:
    return f"文件名“{name}”不合规。{rule}"


def no_such_file_date(text: str) -> str:
    return f"文件名中的日期“{text}”不存在"


def file_in_other_year(year: str, folder: str) -> str:
    return f"文件名中的日期是 {year} 年，却放在了 {folder}/ 文件夹里"


def yearly_rule(label: str, folder: str, example: str) -> str:
    return f"{label}文件应为 {folder}/<年份>.yml，例如 {example}"


def member_year_rule(label: str, folder: str, example: str) -> str:
    return f"{label}文件应为 {folder}/<年份>/<党员编号>.yml，例如 {example}"


PUBLICATION_RULE = ("刊物文件应放在 publications/<刊物编号>/ 下：index.yml 是刊物介绍，<年份>-<期号>.yml 是一期，"
                    "例如 publications/dangxing-riji/2024-01.yml")


def bad_publication_folder(name: str) -> str:
    return f"刊物文件夹名“{name}”不合规：只能用小写字母、数字和“-”（拼音或英文）"


def bad_issue_name(name: str) -> str:
    return f"文件名“{name}”不合规：一期刊物的文件名应为 <年份>-<两位期号>.yml，例如 2024-01.yml；刊物介绍为 index.yml"


def bad_issue_number(number: str) -> str:
    return f"期号“{number}”不合规：应为 01 到 99"


# ---------------------------------------------------------------- the fields of a record

EMPTY_AFTER_COLON = "不能为空：冒号后面没有写内容"
REQUIRED = "必须填写，但没有写"
def keys_expected(keys: list[str]) -> str:
    """photos: [2024/a.jpg] where each photo is src: and caption:."""
    return f"这里要写成“键: 值”，不能只写一个值。可用的键：{'、'.join(keys)}"
A_LIST_EXPECTED = "应是一个列表"
AT_LEAST_ONE = "至少要写一项"


def unknown_field(key: str, close: str | None, known: list[str]) -> str:
    if close:
        return f"不认识这个字段“{key}”，是不是想写“{close}”？"
    return f"不认识这个字段“{key}”。可用的字段：{'、'.join(known)}"


def unphrased(kind: str) -> str:
    """A check of pydantic's we have not put into words: still names the rule."""
    return f"值不符合要求（{kind}）"


def repeated_id(what: str, value: str, first: int) -> str:
    return f"{what}“{value}”重复：第 {first} 项已经用了它"
