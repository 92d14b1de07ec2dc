"""The dates a 简报 writes, and a file name's."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.wordimport.dates import first_date, in_file_name, year_in


@pytest.mark.parametrize("text, year, expected, written", [
    ("2024年5月10日下午", None, dt.date(2024, 5, 10), "2024年5月10日"),
    ("二〇二四年五月十日", None, dt.date(2024, 5, 10), "二〇二四年五月十日"),
    ("２０２４年５月１０日", None, dt.date(2024, 5, 10), "2024年5月10日"),
    ("于 2024.5.10 举行", None, dt.date(2024, 5, 10), "2024.5.10"),
    ("5月10日下午，后来 2024年6月1日", 2023, dt.date(2023, 5, 10), "5月10日"),  # the first one the text writes
    ("十月二十三日", 2023, dt.date(2023, 10, 23), "十月二十三日"),
    ("12月31号", 2023, dt.date(2023, 12, 31), "12月31号"),
    ("2月30日", 2023, None, None),  # no such day
    ("5月10日", None, None, None),  # no year from anywhere
    ("第2024.1期", None, None, None),
    ("版本 1.2.3", None, None, None),
])
def test_first_date(text, year, expected, written):
    found = first_date(text, year, 2026)
    assert (found.date, found.text) == (expected, written) if expected else found is None


@pytest.mark.parametrize("masthead, year", [("实验小学党建简报 2024年第5期", 2024), ("第十二期 二〇二三年十一月", 2023),
                                            ("2022 第3期", 2022), ("第5期", None), ("2099年第1期", None)])
def test_the_year_a_masthead_gives(masthead, year):
    assert year_in(masthead, 2026) == year


@pytest.mark.parametrize("stem, expected", [("2024-05-10 重阳节", dt.date(2024, 5, 10)), ("20240510简报", dt.date(2024, 5, 10)),
                                            ("简报2024.5.1", dt.date(2024, 5, 1)), ("2024年5月1日", dt.date(2024, 5, 1)),
                                            ("2024_05_01", dt.date(2024, 5, 1)), ("重阳节", None), ("第12345678期", None)])
def test_the_date_a_file_name_gives(stem, expected):
    found = in_file_name(stem, 2026)
    assert (found.date if found else None) == expected
