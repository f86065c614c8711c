"""Japanese dates (era dates, kanji numerals, full-width digits) to ISO dates and back."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping


@dataclass(frozen=True, slots=True)
class Era:
    """One Japanese era (元号) since the Meiji restoration.

    Attributes:
        name: the era's name as printed (令和).
        letter: the one-letter abbreviation used on forms (R).
        first: its first day (year 1, 元年).
        last: its last day, or None for the current era.
    """

    name: str
    letter: str
    first: date
    last: date | None


# On the day an emperor died the old and the new era both name the date (大正15年12月25日 and
# 昭和元年12月25日 are the same day), so an era's last day may be the next one's first. Meiji
# starts on the day of its proclamation in the Gregorian calendar (慶応4年9月8日); the Gregorian
# calendar itself was adopted only on 明治6年1月1日, and earlier Meiji dates are read as
# proleptic Gregorian dates, as the documents we read never carry a lunar date.
ERAS: tuple[Era, ...] = (
    Era("明治", "M", date(1868, 10, 23), date(1912, 7, 30)),
    Era("大正", "T", date(1912, 7, 30), date(1926, 12, 25)),
    Era("昭和", "S", date(1926, 12, 25), date(1989, 1, 7)),
    Era("平成", "H", date(1989, 1, 8), date(2019, 4, 30)),
    Era("令和", "R", date(2019, 5, 1), None),
)
"""Eras in order; extend with the next era when it is proclaimed."""

_ERA_BY_KEY: Mapping[str, Era] = MappingProxyType(
    {key: era for era in ERAS for key in (era.name, era.letter, era.name[0])}
)
"""An era by its name, its letter or its first kanji (昭60.4.12 is seen on forms)."""

# Kanji numerals: digits (positional, as in 二〇二六) and the unit signs (as in 二千二十六).
# 壱弐参拾 are the forms of legal documents (大字).
KANJI_DIGITS: Mapping[str, int] = MappingProxyType(
    {
        "〇": 0,
        "零": 0,
        "一": 1,
        "壱": 1,
        "二": 2,
        "弐": 2,
        "三": 3,
        "参": 3,
        "四": 4,
        "五": 5,
        "六": 6,
        "七": 7,
        "八": 8,
        "九": 9,
    }
)
KANJI_UNITS: Mapping[str, int] = MappingProxyType(
    {"十": 10, "拾": 10, "百": 100, "千": 1000, "万": 10000}
)
KANJI_NUMERAL_CHARS = "".join(KANJI_DIGITS) + "".join(KANJI_UNITS)
"""Every character of a kanji numeral, for building character classes."""


def parse_kanji_number(text: str) -> int:
    """Return the value of a kanji numeral or a string of ASCII digits.

    Both the positional form (二〇二六, 三一) and the unit form (二千二十六, 三十一, 百二) are read;
    a unit without a digit before it counts once (十二 is 12).

    Raises:
        ValueError: ``text`` is empty or holds anything but digits and numeral kanji.
    """
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or any(ch not in KANJI_DIGITS and ch not in KANJI_UNITS for ch in text):
        raise ValueError("not a number")
    if not any(ch in KANJI_UNITS for ch in text):
        return int("".join(str(KANJI_DIGITS[ch]) for ch in text))
    total = 0  # completed 万 groups
    group = 0  # completed units below 万
    current: int | None = None  # digits read since the last unit
    for ch in text:
        if ch in KANJI_DIGITS:
            current = KANJI_DIGITS[ch] if current is None else current * 10 + KANJI_DIGITS[ch]
            continue
        unit = KANJI_UNITS[ch]
        if unit == 10000:
            total += (group + (current or 0) or 1) * unit
            group = 0
        else:
            group += (1 if current is None else current) * unit
        current = None
    return total + group + (current or 0)


_NUMBER = rf"(?:\d+|[{KANJI_NUMERAL_CHARS}]+)"
_ERA_KEYS = "|".join(sorted(_ERA_BY_KEY, key=len, reverse=True))
_SEP = r"[-/.]"
_SUFFIXES = ("まで有効", "生まれ", "まで", "生")
"""Words printed after a date that do not change it (…まで有効 on a licence, …生 for a birth)."""

_ISO = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})")
_WESTERN_KANJI = re.compile(rf"({_NUMBER})年({_NUMBER})月({_NUMBER})日")
_ERA_KANJI = re.compile(rf"({_ERA_KEYS})({_NUMBER}|元)年({_NUMBER})月({_NUMBER})日")
_ERA_SEP = re.compile(rf"({_ERA_KEYS})(\d{{1,2}}|元){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})")

_FORMATS_HINT = "expected YYYY-MM-DD, YYYY年M月D日 or an era date such as 令和7年5月12日 or R7.5.12"


_WEEKDAY = re.compile(r"\([月火水木金土日](?:曜日?)?\)$")
"""A day of the week after the date, as letters print it: 令和7年5月12日（月）."""


def _normalise(text: str) -> str:
    """Fold width (全角 digits and spaces), drop spaces and the words that follow a date."""
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    folded = folded.upper()  # era letters: r7.5.12 as R7.5.12
    for suffix in _SUFFIXES:
        if folded.endswith(suffix):
            folded = folded[: -len(suffix)]
            break
    return _WEEKDAY.sub("", folded)


def _make_date(year: int, month: int, day: int) -> date:
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"day {day} does not exist in month {month} of that year") from None


def _era_date(key: str, year_text: str, month: int, day: int) -> date:
    era = _ERA_BY_KEY[key]
    year = 1 if year_text == "元" else parse_kanji_number(year_text)
    if year < 1:
        raise ValueError(f"{era.name} has no year {year}")
    result = _make_date(era.first.year + year - 1, month, day)
    if result < era.first or (era.last is not None and result > era.last):
        span = f"from {era.first.isoformat()}"
        if era.last is not None:
            span += f" to {era.last.isoformat()}"
        raise ValueError(f"the date is outside the {era.name} era ({span})")
    return result


def parse_date(text: str) -> date:
    """Read a date as printed on a Japanese document or typed into a case file.

    Accepts ISO (2026-11-20, 2026/11/20), 2026年11月20日, and era dates with the era's name,
    letter or first kanji (令和7年5月12日, 令和元年5月1日, 令和七年五月十二日, R7.5.12,
    H31.4.30, 昭60.4.12), in full or half width, with spaces anywhere, followed by
    生 / まで有効 / まで and a day of the week in brackets. An era date must fall within its
    era.

    Raises:
        ValueError: the text is no date, or names a day that does not exist. The message
            says what is wrong without repeating the text (it may be a birth date).
    """
    folded = _normalise(text)
    if m := _ISO.fullmatch(folded):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _ERA_KANJI.fullmatch(folded) or _ERA_SEP.fullmatch(folded):
        return _era_date(m[1], m[2], parse_kanji_number(m[3]), parse_kanji_number(m[4]))
    if m := _WESTERN_KANJI.fullmatch(folded):
        year = parse_kanji_number(m[1])
        if not 1000 <= year <= 9999:
            raise ValueError(f"not a date ({_FORMATS_HINT})")
        return _make_date(year, parse_kanji_number(m[2]), parse_kanji_number(m[3]))
    raise ValueError(f"not a date ({_FORMATS_HINT})")


def era_of(d: date) -> Era:
    """Return the era a date is written in (the new era on the day two eras share).

    Raises:
        ValueError: the date is before 明治元年 (1868-10-23).
    """
    for era in reversed(ERAS):
        if d >= era.first:
            return era
    raise ValueError(f"the date is before the {ERAS[0].name} era ({ERAS[0].first.isoformat()})")


def to_era(d: date) -> str:
    """Write a date as an era date for letters: 令和7年5月12日, 令和元年5月1日.

    Raises:
        ValueError: the date is before 明治元年 (1868-10-23).
    """
    era = era_of(d)
    year = d.year - era.first.year + 1
    return f"{era.name}{'元' if year == 1 else year}年{d.month}月{d.day}日"
