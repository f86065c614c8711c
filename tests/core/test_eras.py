"""Era dates, kanji numerals and width variants read as ISO dates, and dates written back."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.eras import parse_date, parse_kanji_number, to_era

_KANJI = "〇一二三四五六七八九"


def kanji_units(n: int) -> str:
    """Write 1..9999 the way a document spells it out: 二千二十六, 三十一, 十二."""
    out = ""
    for value, sign in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("" if digit == 1 else _KANJI[digit]) + sign
    return out + (_KANJI[n] if n else "")


def full_width(text: str) -> str:
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789-/."})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("2026/11/20", date(2026, 11, 20)),
        ("2026/1/5", date(2026, 1, 5)),
        ("2026年11月20日", date(2026, 11, 20)),
        ("２０２６年１１月２０日", date(2026, 11, 20)),
        ("二〇二六年十一月二十日", date(2026, 11, 20)),
        ("令和7年5月12日", date(2025, 5, 12)),
        ("令和７年　５月１２日", date(2025, 5, 12)),
        ("令和 7 年 5 月 12 日", date(2025, 5, 12)),
        ("令和七年五月十二日", date(2025, 5, 12)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("R7.5.12", date(2025, 5, 12)),
        ("Ｒ７．５．１２", date(2025, 5, 12)),
        ("r7.5.12", date(2025, 5, 12)),
        ("R7年5月12日", date(2025, 5, 12)),
        ("H31.4.30", date(2019, 4, 30)),
        ("H元.1.8", date(1989, 1, 8)),
        ("平成三十一年四月三十日", date(2019, 4, 30)),
        ("昭和60年4月12日生", date(1985, 4, 12)),
        ("昭和６０年４月１２日生まれ", date(1985, 4, 12)),
        ("S60.4.12", date(1985, 4, 12)),
        ("昭60.4.12", date(1985, 4, 12)),
        ("令和11年05月12日まで有効", date(2029, 5, 12)),
        ("令和11年5月12日まで", date(2029, 5, 12)),
        ("T5.3.1", date(1916, 3, 1)),
        ("M44.2.3", date(1911, 2, 3)),
        ("明治四十四年二月三日", date(1911, 2, 3)),
        ("2024-02-29", date(2024, 2, 29)),
        ("令和8年11月20日（金）", date(2026, 11, 20)),
        ("2026年11月20日(金曜日)", date(2026, 11, 20)),
        ("令和8年11月20日（金）まで", date(2026, 11, 20)),
    ],
)
def test_accepted_forms(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Era boundaries: the day an emperor died is named by both eras ...
        ("明治45年7月30日", date(1912, 7, 30)),
        ("大正元年7月30日", date(1912, 7, 30)),
        ("大正15年12月25日", date(1926, 12, 25)),
        ("昭和元年12月25日", date(1926, 12, 25)),
        # ... except 1989, when 平成 began the day after 昭和 ended,
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("平成元年1月8日", date(1989, 1, 8)),
        # and 2019, an abdication.
        ("平成31年4月30日", date(2019, 4, 30)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("明治元年10月23日", date(1868, 10, 23)),
    ],
)
def test_era_boundaries_accepted(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "平成31年5月1日",  # 令和 began on 2019-05-01
        "H31.5.1",
        "令和元年4月30日",
        "昭和64年1月8日",
        "平成元年1月7日",
        "大正15年12月26日",
        "昭和元年12月24日",
        "明治45年7月31日",
        "大正元年7月29日",
        "明治元年10月22日",
        "平成32年1月1日",
    ],
)
def test_dates_outside_their_era_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"outside the .. era"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not a date"),
        ("   ", "not a date"),
        ("hello", "not a date"),
        ("2026-11", "not a date"),
        ("26-11-20", "not a date"),
        ("令和7年5月12", "not a date"),
        ("大化1年1月1日", "not a date"),
        ("X7.5.12", "not a date"),
        ("2026-11-20以降", "not a date"),
        ("2026-13-01", "month 13"),
        ("2026-00-10", "month 0"),
        ("2026-02-29", "day 29"),
        ("2026-04-31", "day 31"),
        ("令和7年2月30日", "day 30"),
        ("令和0年1月1日", "no year 0"),
        ("令和9999年1月1日", "year .* out of range"),
    ],
)
def test_bad_dates_raise_a_clear_value_error(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_error_message_does_not_repeat_the_text() -> None:
    # A birth date is personal data: the message says what is wrong, not what was typed.
    with pytest.raises(ValueError, match="day 30") as caught:
        parse_date("昭和60年2月30日生")
    assert "昭和60" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十四", 24),
        ("三十一", 31),
        ("百二", 102),
        ("百", 100),
        ("二百十", 210),
        ("千二十", 1020),
        ("二千二十六", 2026),
        ("二〇二六", 2026),
        ("三一", 31),
        ("〇", 0),
        ("壱万弐千参百拾", 12310),
        ("万", 10000),
        ("42", 42),
    ],
)
def test_kanji_numerals(text: str, value: int) -> None:
    assert parse_kanji_number(text) == value


@pytest.mark.parametrize("text", ["", "十a", "二-三", "-1"])
def test_kanji_numerals_refuse_other_text(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_kanji_number(text)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2025, 5, 12), "令和7年5月12日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1868, 10, 23), "明治元年10月23日"),
        (date(2099, 12, 31), "令和81年12月31日"),
    ],
)
def test_to_era(day: date, text: str) -> None:
    assert to_era(day) == text


def test_to_era_refuses_dates_before_meiji() -> None:
    with pytest.raises(ValueError, match="before the 明治 era"):
        to_era(date(1868, 10, 22))


_DATES = st.dates(min_value=date(1868, 10, 23), max_value=date(2099, 12, 31))


@given(_DATES)
def test_era_round_trip(day: date) -> None:
    assert parse_date(to_era(day)) == day


@given(_DATES)
def test_era_round_trip_in_kanji_numerals_and_full_width(day: date) -> None:
    text = to_era(day)
    spelled = re.sub(r"\d+", lambda m: kanji_units(int(m[0])), text)
    assert parse_date(spelled) == day
    assert parse_date(full_width(text) + "生") == day


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_iso_round_trip(day: date) -> None:
    iso = day.isoformat()
    assert parse_date(iso) == day
    assert parse_date(full_width(iso.replace("-", "/"))) == day
    assert parse_date(f"{day.year}年{day.month}月{day.day}日") == day
