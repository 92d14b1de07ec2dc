"""Personal numbers in records (privacy.py) and how they are named."""

from __future__ import annotations

__all__ = ["PERSONAL_NUMBERS", "private_number", "private_number_internal"]


def private_number_internal(kind: str, masked: str) -> str:
    return f"内部记录中有疑似{PERSONAL_NUMBERS[kind]} {masked}：请确认确有必要保留"


def private_number(kind: str, masked: str) -> str:
    return (f"有疑似{PERSONAL_NUMBERS[kind]} {masked}：公开（或将来可能公开）的记录不能含有个人号码。"
            "请删除它；确需保留时，请把记录设为 visibility: internal")


# ---------------------------------------------------------------- personal numbers (privacy.py)

PERSONAL_NUMBERS = {"id": "身份证号码", "mobile": "手机号码"}  # privacy.ID_NUMBER, privacy.MOBILE_NUMBER
