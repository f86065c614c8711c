"""Business days: weekends, Japanese national holidays and the company's closure days."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import jpholiday

MonthDay = tuple[int, int]
"""A day of the year as (month, day)."""

ClosureRange = tuple[MonthDay, MonthDay]
"""First and last closed day, both included; a range whose end comes first wraps the year."""

YEAR_END_CLOSURE: ClosureRange = ((12, 29), (1, 3))
"""The customary year-end closure of Japanese companies (年末年始休業), 29 Dec – 3 Jan."""

SATURDAY_SUNDAY = frozenset({5, 6})
"""``date.weekday()`` numbers of Saturday and Sunday."""

_ONE_DAY = timedelta(days=1)


def _check_month_day(month_day: MonthDay) -> None:
    month, day = month_day
    try:
        date(2000, month, day)  # a leap year, so that 29 Feb can be named
    except ValueError:
        raise ValueError(f"closure day {month}/{day} does not exist") from None


def _in_range(month_day: MonthDay, closure: ClosureRange) -> bool:
    first, last = closure
    if first <= last:
        return first <= month_day <= last
    return month_day >= first or month_day <= last  # wraps the new year


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """Which days count as business days when a deadline is counted.

    Not business days: the ``weekend`` weekdays, Japanese national holidays, substitute
    holidays (振替休日) and 国民の休日 (the day between two holidays) from ``jpholiday``, the
    ``closures`` of every year, and the ``closed_on`` dates.

    Attributes:
        closures: closed ranges of every year, as ((month, day), (month, day)), both ends
            included; ((12, 29), (1, 3)) wraps the new year.
        closed_on: single closed dates (a company's own holidays).
        weekend: weekday numbers (Monday 0) that are not business days.

    Raises:
        ValueError: a closure names a day that does not exist, or a weekday is not 0..6.
    """

    closures: tuple[ClosureRange, ...] = (YEAR_END_CLOSURE,)
    closed_on: frozenset[date] = field(default_factory=frozenset)
    weekend: frozenset[int] = SATURDAY_SUNDAY

    def __post_init__(self) -> None:
        for first, last in self.closures:
            _check_month_day(first)
            _check_month_day(last)
        if not self.weekend <= frozenset(range(7)):
            raise ValueError("weekend days must be weekday numbers 0 (Monday) to 6 (Sunday)")

    def is_closure_day(self, d: date) -> bool:
        """Tell whether ``d`` falls in one of the company's closures or closed dates."""
        month_day = (d.month, d.day)
        return d in self.closed_on or any(_in_range(month_day, c) for c in self.closures)

    def is_business_day(self, d: date) -> bool:
        """Tell whether ``d`` is a business day."""
        return not (
            d.weekday() in self.weekend or self.is_closure_day(d) or jpholiday.is_holiday(d)
        )

    def add_business_days(self, start: date, n: int) -> date:
        """Return the ``n``-th business day after ``start`` (``start`` itself not counted).

        ``n`` = 0 returns ``start``; a negative ``n`` counts back to the ``-n``-th business
        day before ``start``.

        Raises:
            ValueError: no business day is left in the calendar (every day closed).
        """
        step = _ONE_DAY if n >= 0 else -_ONE_DAY
        day = start
        for _ in range(abs(n)):
            day = self._next_business_day(day, step)
        return day

    def business_days_between(self, a: date, b: date) -> int:
        """Count the business days after ``a`` up to and including ``b``.

        It is the number of business days left from today ``a`` to a deadline ``b`` (0 on the
        deadline itself), and undoes ``add_business_days``: ``business_days_between(s,
        add_business_days(s, n)) == n``. Negative when ``b`` is before ``a`` (days overdue).
        """
        if b < a:
            return -self.business_days_between(b, a)
        count = 0
        day = a + _ONE_DAY
        while day <= b:
            count += self.is_business_day(day)
            day += _ONE_DAY
        return count

    @staticmethod
    def add_calendar_days(start: date, n: int) -> date:
        """Return the date ``n`` calendar days after ``start`` (the 14 days of APPI Art. 39)."""
        return start + timedelta(days=n)

    def _next_business_day(self, day: date, step: timedelta) -> date:
        # A year and a half without a business day means nothing is open at all; stop rather
        # than loop until date overflow.
        for _ in range(550):
            day += step
            if self.is_business_day(day):
                return day
        raise ValueError("the calendar has no business day left")


DEFAULT_CALENDAR = BusinessCalendar()
"""Saturdays, Sundays, national holidays and 29 Dec – 3 Jan closed."""
