"""Business days across 2025–2028, with holiday dates and deadlines counted by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.calendar import DEFAULT_CALENDAR, BusinessCalendar

CAL = DEFAULT_CALENDAR
NO_CLOSURES = BusinessCalendar(closures=())

# Every national holiday, substitute holiday and 国民の休日 of 2025–2028 on a weekday, taken
# from the Cabinet Office's list (they do not come from the code under test).
WEEKDAY_HOLIDAYS = [
    date(2025, 1, 13),  # 成人の日
    date(2025, 2, 24),  # 振替休日 (天皇誕生日 on Sunday 2-23)
    date(2025, 5, 6),  # 振替休日 (みどりの日 on Sunday 5-4)
    date(2025, 9, 15),  # 敬老の日
    date(2025, 11, 24),  # 振替休日 (勤労感謝の日 on Sunday 11-23)
    date(2026, 1, 12),  # 成人の日
    date(2026, 2, 23),  # 天皇誕生日
    date(2026, 3, 20),  # 春分の日
    date(2026, 4, 29),  # 昭和の日
    date(2026, 5, 4),  # みどりの日
    date(2026, 5, 5),  # こどもの日
    date(2026, 5, 6),  # 振替休日 (憲法記念日 on Sunday 5-3)
    date(2026, 7, 20),  # 海の日
    date(2026, 8, 11),  # 山の日
    date(2026, 9, 21),  # 敬老の日
    date(2026, 9, 22),  # 国民の休日, between 敬老の日 and 秋分の日
    date(2026, 9, 23),  # 秋分の日
    date(2026, 10, 12),  # スポーツの日
    date(2026, 11, 3),  # 文化の日
    date(2026, 11, 23),  # 勤労感謝の日
    date(2027, 1, 11),  # 成人の日
    date(2027, 3, 22),  # 振替休日 (春分の日 on Sunday 3-21)
    date(2027, 5, 3),  # 憲法記念日
    date(2027, 5, 4),  # みどりの日
    date(2027, 5, 5),  # こどもの日
    date(2027, 9, 20),  # 敬老の日
    date(2027, 9, 23),  # 秋分の日
    date(2028, 1, 10),  # 成人の日
    date(2028, 3, 20),  # 春分の日
    date(2028, 5, 3),  # 憲法記念日
    date(2028, 5, 5),  # こどもの日
    date(2028, 9, 22),  # 秋分の日
    date(2028, 11, 23),  # 勤労感謝の日
]


@pytest.mark.parametrize("day", WEEKDAY_HOLIDAYS, ids=str)
def test_weekday_holidays_are_not_business_days(day: date) -> None:
    assert day.weekday() < 5
    assert not CAL.is_business_day(day)
    assert not NO_CLOSURES.is_business_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 28),  # the Tuesday before 昭和の日
        date(2026, 4, 30),
        date(2026, 5, 1),  # Golden Week's Friday is a working day
        date(2026, 5, 7),
        date(2026, 9, 24),
        date(2026, 11, 24),
        date(2026, 12, 28),
        date(2027, 1, 4),
        date(2025, 12, 26),
        date(2026, 1, 5),
    ],
    ids=str,
)
def test_ordinary_weekdays_are_business_days(day: date) -> None:
    assert CAL.is_business_day(day)


@pytest.mark.parametrize("day", [date(2026, 11, 21), date(2026, 11, 22), date(2027, 7, 3)], ids=str)
def test_weekends_are_not_business_days(day: date) -> None:
    assert not CAL.is_business_day(day)
    assert BusinessCalendar(weekend=frozenset()).is_business_day(day)


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2028])
def test_year_end_closure(year: int) -> None:
    closed = [date(year, 12, d) for d in (29, 30, 31)] + [date(year + 1, 1, d) for d in (1, 2, 3)]
    assert not any(CAL.is_business_day(d) for d in closed)
    # Without the closure the weekdays among 29–31 Dec are ordinary business days.
    assert any(NO_CLOSURES.is_business_day(d) for d in closed[:3])


def test_custom_closures() -> None:
    obon = BusinessCalendar(closures=(((8, 13), (8, 16)),))
    assert not obon.is_business_day(date(2026, 8, 13))  # a Thursday
    assert obon.is_business_day(date(2026, 8, 17))
    assert obon.is_business_day(date(2026, 12, 29))  # the year end is not closed any more
    founders_day = BusinessCalendar(closed_on=frozenset({date(2026, 6, 1)}))
    assert not founders_day.is_business_day(date(2026, 6, 1))
    assert founders_day.is_business_day(date(2027, 6, 1))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"closures": (((2, 30), (3, 1)),)},
        {"closures": (((12, 29), (13, 3)),)},
        {"weekend": frozenset({7})},
    ],
)
def test_bad_calendar_settings_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"closure day|weekday"):
        BusinessCalendar(**kwargs)  # type: ignore[arg-type]


def test_leap_day_may_be_a_closure() -> None:
    leap = BusinessCalendar(closures=(((2, 29), (2, 29)),))
    assert not leap.is_business_day(date(2028, 2, 29))  # a Tuesday


# Each expected day counted by hand on a calendar; the comments show the count.
@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 11-21 Sat, 22 Sun, 23 勤労感謝の日; 24(1) 25 26 27 | 30(5) 12-1 2 3 4 | 7(10) 8 9 10 11
        (date(2026, 11, 20), 14, date(2026, 12, 11)),
        (date(2026, 11, 20), 1, date(2026, 11, 24)),
        (date(2026, 11, 21), 1, date(2026, 11, 24)),  # received on a Saturday
        (date(2026, 11, 20), 0, date(2026, 11, 20)),
        # Golden Week 2026: 4-29 holiday; 4-30(1) 5-1(2); 5-2..5-6 closed; 5-7(3)
        (date(2026, 4, 28), 3, date(2026, 5, 7)),
        # Silver Week 2026: 9-21 敬老の日, 9-22 国民の休日, 9-23 秋分の日
        (date(2026, 9, 18), 1, date(2026, 9, 24)),
        # substitute holidays
        (date(2025, 11, 21), 1, date(2025, 11, 25)),
        (date(2027, 3, 19), 1, date(2027, 3, 23)),
        # year end: 12-29 .. 1-3 closed
        (date(2026, 12, 25), 1, date(2026, 12, 28)),
        (date(2026, 12, 28), 1, date(2027, 1, 4)),
        (date(2027, 12, 28), 1, date(2028, 1, 4)),  # 2028-01-03 is a Monday, still closed
        # 12-21(1) .. 25(5) 28(6) | 1-4(7) .. 8(11) | 1-11 成人の日 | 12(12) 13 14(14)
        (date(2026, 12, 18), 14, date(2027, 1, 14)),
        # 4-26(1) 27 28 | 29 昭和の日 | 30(4) | 5-3..5 | 6(5) 7(6) | 10(7)..14(11) | 17(12)..19(14)
        (date(2027, 4, 23), 14, date(2027, 5, 19)),
        # counting back
        (date(2026, 12, 11), -14, date(2026, 11, 20)),
        (date(2027, 1, 4), -1, date(2026, 12, 28)),
    ],
)
def test_add_business_days(start: date, n: int, expected: date) -> None:
    assert CAL.add_business_days(start, n) == expected


def test_each_rule_moves_the_deadline() -> None:
    assert NO_CLOSURES.add_business_days(date(2026, 12, 28), 1) == date(2026, 12, 29)
    seven_days = BusinessCalendar(weekend=frozenset())
    assert seven_days.add_business_days(date(2026, 11, 20), 3) == date(2026, 11, 24)


def test_a_calendar_without_business_days_is_refused() -> None:
    closed = BusinessCalendar(weekend=frozenset(range(7)))
    with pytest.raises(ValueError, match="no business day"):
        closed.add_business_days(date(2026, 1, 5), 1)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (date(2026, 11, 20), date(2026, 12, 11), 14),
        (date(2026, 12, 11), date(2026, 12, 11), 0),
        (date(2026, 12, 10), date(2026, 12, 11), 1),
        (date(2026, 12, 11), date(2026, 11, 20), -14),
        (date(2026, 12, 28), date(2027, 1, 5), 2),  # 1-4 and 1-5
        (date(2026, 5, 1), date(2026, 5, 6), 0),  # all of Golden Week
        (date(2026, 9, 19), date(2026, 9, 24), 1),
    ],
)
def test_business_days_between(a: date, b: date, expected: int) -> None:
    assert CAL.business_days_between(a, b) == expected


def test_add_calendar_days() -> None:
    assert CAL.add_calendar_days(date(2026, 11, 20), 14) == date(2026, 12, 4)
    assert CAL.add_calendar_days(date(2026, 12, 25), 14) == date(2027, 1, 8)
    assert CAL.add_calendar_days(date(2026, 12, 25), -25) == date(2026, 11, 30)


_STARTS = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))


@given(_STARTS, st.integers(min_value=0, max_value=40))
def test_between_undoes_add(start: date, n: int) -> None:
    end = CAL.add_business_days(start, n)
    assert CAL.business_days_between(start, end) == n
    if n:
        assert CAL.is_business_day(end)
        # nothing skipped: every business day strictly between is counted
        days = [start + timedelta(days=i) for i in range(1, (end - start).days)]
        assert sum(map(CAL.is_business_day, days)) == n - 1


@given(_STARTS.filter(CAL.is_business_day), st.integers(min_value=-40, max_value=40))
def test_counting_back_undoes_counting_forward(start: date, n: int) -> None:
    assert CAL.add_business_days(CAL.add_business_days(start, n), -n) == start
