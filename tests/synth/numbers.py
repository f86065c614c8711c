"""Numbers and dates as Japanese documents print them: check digits, kanji numerals, era dates."""

from __future__ import annotations

from datetime import date

MY_NUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
"""Weights of the My Number (個人番号) check digit over the first 11 digits, from the left."""


def my_number_check_digit(first11: str) -> int:
    """The 12th digit of a My Number: r = Σ digit·weight mod 11, 0 if r ≤ 1 else 11 − r."""
    if len(first11) != 11 or not first11.isdigit():
        raise ValueError("a My Number check digit needs 11 digits")
    r = sum(int(d) * w for d, w in zip(first11, MY_NUMBER_WEIGHTS, strict=True)) % 11
    return 0 if r <= 1 else 11 - r


def is_valid_my_number(number: str) -> bool:
    """True for 12 ASCII digits whose last digit is the check digit of the others."""
    return (
        len(number) == 12
        and number.isdigit()
        and my_number_check_digit(number[:11]) == int(number[11])
    )


def mrz_char_value(char: str) -> int:
    """ICAO 9303 value of one MRZ character: digits 0–9, A–Z 10–35, filler ``<`` 0."""
    if char.isdigit():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    if char == "<":
        return 0
    raise ValueError(f"not an MRZ character: {char!r}")


def mrz_check_digit(text: str) -> str:
    """ICAO 9303 check digit: weights 7, 3, 1 repeating, sum mod 10."""
    return str(sum(mrz_char_value(c) * (7, 3, 1)[i % 3] for i, c in enumerate(text)) % 10)


def mrz_date(day: date) -> str:
    """YYMMDD, as the MRZ writes a date."""
    return day.strftime("%y%m%d")


def td3_lines(
    *,
    surname: str,
    given_names: str,
    number: str,
    nationality: str,
    birth: date,
    sex: str,
    expiry: date,
    issuer: str = "JPN",
    doc_code: str = "P<",
) -> tuple[str, str]:
    """The two 44-character lines of a passport's TD3 machine-readable zone (ICAO 9303-4)."""
    names = surname.replace(" ", "<") + "<<" + given_names.replace(" ", "<")
    line1 = (doc_code + issuer + names).ljust(44, "<")[:44]
    num = number.ljust(9, "<")[:9]
    personal = "<" * 14
    # The personal-number check digit of an unused (all filler) field computes to 0.
    parts = [
        num + mrz_check_digit(num),
        nationality,
        mrz_date(birth) + mrz_check_digit(mrz_date(birth)),
        sex,
        mrz_date(expiry) + mrz_check_digit(mrz_date(expiry)),
        personal + mrz_check_digit(personal),
    ]
    composite = parts[0] + parts[2] + parts[4] + parts[5]
    line2 = "".join(parts) + mrz_check_digit(composite)
    return line1, line2


def td3_valid(line2: str) -> bool:
    """True when every check digit of a TD3 second line holds."""
    if len(line2) != 44:
        return False
    checks = [(0, 9, 9), (13, 19, 19), (21, 27, 27), (28, 42, 42)]
    if any(mrz_check_digit(line2[a:b]) != line2[c] for a, b, c in checks):
        return False
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return mrz_check_digit(composite) == line2[43]


_KANJI_DIGITS = "〇一二三四五六七八九"


def kanji_numeral(n: int) -> str:
    """1 … 9999 with unit signs, as addresses and legal dates spell it: 二十四, 百三, 千九百."""
    if not 0 < n < 10000:
        raise ValueError("kanji numerals here cover 1 … 9999")
    out = ""
    for value, sign in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("" if digit == 1 else _KANJI_DIGITS[digit]) + sign
    return out + (_KANJI_DIGITS[n] if n else "")


def full_width(text: str) -> str:
    """ASCII digits and ``-`` as their full-width forms (１２３－４)."""
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"} | {ord("-"): "－"})


_ERAS = (
    ("令和", date(2019, 5, 1)),
    ("平成", date(1989, 1, 8)),
    ("昭和", date(1926, 12, 25)),
    ("大正", date(1912, 7, 30)),
)


def era_of(day: date) -> tuple[str, int]:
    """The era name and era year of a date (明治 and earlier are not generated)."""
    for name, first in _ERAS:
        if day >= first:
            return name, day.year - first.year + 1
    raise ValueError(f"no era for {day}")


def era_date(day: date, *, kanji: bool = False, gannen: bool = True, width: str = "half") -> str:
    """A date as 令和7年5月12日 (or 令和七年五月十二日 with ``kanji``; 元年 for year 1).

    Args:
        day: the date.
        kanji: spell the numbers in kanji (family registers, legal certificates).
        gannen: write year 1 as 元年, as documents do.
        width: "half" for ASCII digits, "full" for full-width digits.
    """
    era, year = era_of(day)
    if kanji:
        y = "元" if year == 1 and gannen else kanji_numeral(year)
        return f"{era}{y}年{kanji_numeral(day.month)}月{kanji_numeral(day.day)}日"
    y = "元" if year == 1 and gannen else str(year)
    text = f"{era}{y}年{day.month}月{day.day}日"
    return full_width(text) if width == "full" else text


def western_date(day: date, *, width: str = "half") -> str:
    """A date as 2031年5月12日."""
    text = f"{day.year}年{day.month}月{day.day}日"
    return full_width(text) if width == "full" else text


MONTHS_EN = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def passport_date(day: date) -> str:
    """A date as the passport's visual zone prints it: 12 APR 1985."""
    return f"{day.day:02d} {MONTHS_EN[day.month - 1]} {day.year}"
