"""Dashboard counts and the yearly statistics of the help desk, with their CSV export.

The SQLCipher store counts in SQL (``queries.count_by_status``, ``queries.due_buckets``,
``queries.period_counts``): no case record is built, and a year of 100 000 cases is one pass
over its rows. A store without those queries (the tests' fake) is counted record by record
with the same rules. The GUI runs the counts on a worker pool all the same.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, cast

from desktop.core.calendar import DEFAULT_CALENDAR, BusinessCalendar
from desktop.core.cases import Action, CaseStatus
from desktop.core.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from pathlib import Path

    from desktop.services.ports import CaseRecord
    from desktop.services.session import Session
    from desktop.store.queries import PeriodCounts

OPEN_STATES = frozenset(CaseStatus) - {CaseStatus.CLOSED}
"""Cases still to be worked or answered (a rejected case waits for its refusal to be sent)."""

REQUEST_DOCUMENTS = "request_documents"
"""The notice asking for more documents: it is not the answer to the request."""


class DeadlineBucket(StrEnum):
    """Where an open case's deadline falls, by calendar week (Monday to Sunday)."""

    OVERDUE = "overdue"  # before today
    THIS_WEEK = "this_week"  # today up to this Sunday
    NEXT_WEEK = "next_week"  # next Monday to Sunday
    LATER = "later"
    NO_DEADLINE = "no_deadline"


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Counts of the dashboard on ``today``.

    Attributes:
        by_status: every status code to its number of cases (0 included).
        by_deadline: every ``DeadlineBucket`` code to its number of open cases.
    """

    today: date
    by_status: Mapping[str, int]
    by_deadline: Mapping[str, int]

    @property
    def open_cases(self) -> int:
        """The number of open cases (every deadline bucket together)."""
        return sum(self.by_deadline.values())


def deadline_bucket(due_on: date | None, today: date) -> DeadlineBucket:
    """The week ``due_on`` falls in, seen from ``today`` (weeks run Monday to Sunday)."""
    if due_on is None:
        return DeadlineBucket.NO_DEADLINE
    if due_on < today:
        return DeadlineBucket.OVERDUE
    sunday = today + timedelta(days=6 - today.weekday())
    if due_on <= sunday:
        return DeadlineBucket.THIS_WEEK
    if due_on <= sunday + timedelta(days=7):
        return DeadlineBucket.NEXT_WEEK
    return DeadlineBucket.LATER


class _Queries(Protocol):
    """The store's counting queries (``desktop.store.queries.Queries``)."""

    def count_by_status(self) -> dict[str, int]: ...

    def due_buckets(
        self,
        statuses: Iterable[CaseStatus],
        today: date,
        this_week_end: date,
        next_week_end: date,
    ) -> Sequence[int]: ...

    def period_counts(self, start: date, end: date) -> PeriodCounts: ...


def _queries(session: Session) -> _Queries | None:
    """The store's counting queries (the SQLCipher store has them; the tests' fake has not)."""
    return cast("_Queries | None", getattr(session.store, "queries", None))


def dashboard(session: Session) -> Dashboard:
    """Cases by status, and open cases by the week of their deadline.

    On the SQLCipher store both are counts over indexes (no case row is read); a store
    without the counting queries (the tests' fake) is counted case by case.

    Raises:
        NotPermitted: the role may not list cases.
    """
    session.require(Action.LIST_CASES)
    today = session.today()
    queries = _queries(session)
    if queries is None:
        by_status = {status.value: 0 for status in CaseStatus}
        by_deadline = {bucket.value: 0 for bucket in DeadlineBucket}
        for case in session.store.cases.list():
            by_status[case.status.value] += 1
            if case.status in OPEN_STATES:
                by_deadline[deadline_bucket(case.due_on, today).value] += 1
        return Dashboard(today, by_status, by_deadline)
    sunday = today + timedelta(days=6 - today.weekday())  # as deadline_bucket
    counts = queries.due_buckets(sorted(OPEN_STATES), today, sunday, sunday + timedelta(days=7))
    by_deadline = dict(zip(_BUCKET_ORDER, counts, strict=True))
    return Dashboard(today, dict(queries.count_by_status()), by_deadline)


_BUCKET_ORDER = (
    DeadlineBucket.OVERDUE.value,
    DeadlineBucket.THIS_WEEK.value,
    DeadlineBucket.NEXT_WEEK.value,
    DeadlineBucket.LATER.value,
    DeadlineBucket.NO_DEADLINE.value,
)
"""The order of ``Queries.due_buckets``'s counts."""


# --- yearly statistics ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """The days counted, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InputError("period", "ends before it starts")

    @classmethod
    def year(cls, year: int) -> Period:
        """A calendar year."""
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def fiscal_year(cls, year: int) -> Period:
        """A Japanese fiscal year: 1 April ``year`` to 31 March of the next year."""
        return cls(date(year, 4, 1), date(year + 1, 3, 31))

    def months(self) -> list[str]:
        """Every month of the period as ``YYYY-MM``, in order."""
        out: list[str] = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out


@dataclass(frozen=True, slots=True)
class AnswerTimes:
    """Days from receipt to answer of the answered cases: median and worst."""

    answered: int
    median: float | None
    worst: int | None


@dataclass(frozen=True, slots=True)
class YearlyStatistics:
    """The figures of a period's review.

    Attributes:
        requests: cases received in the period.
        by_request_type: request type code to cases (a case asking for two counts in both).
        by_month: ``YYYY-MM`` to cases received that month (every month of the period).
        calendar_days, business_days: time to answer (see ``answered_on``).
        returned: cases returned for more documents at least once.
        rejected: cases rejected (also those closed since).
        unanswered: cases without an answer yet.
    """

    period: Period
    requests: int
    by_request_type: Mapping[str, int]
    by_month: Mapping[str, int]
    calendar_days: AnswerTimes
    business_days: AnswerTimes
    returned: int
    rejected: int
    unanswered: int


def answered_on(case: CaseRecord) -> date | None:
    """The day a case was answered, or None.

    The answer is the notice sent to the requester: ``response_sent_on`` when a response
    other than a request for more documents is recorded. Without one, a case decided
    (approved or rejected, whose notice is not recorded yet) counts from its decision date
    (``decided_at``, local date). A case closed without a recorded notice (withdrawn, or the
    requester never sent the documents) is not answered.
    """
    if case.response_sent_on is not None and case.response_kind != REQUEST_DOCUMENTS:
        return case.response_sent_on
    if case.status in (CaseStatus.APPROVED, CaseStatus.REJECTED) and case.decided_at is not None:
        return case.decided_at.date()
    return None


class _BusinessDays:
    """Business days between dates by a prefix count: one calendar look-up per day."""

    def __init__(self, calendar: BusinessCalendar, first: date, last: date) -> None:
        self._first = first
        counts = [0]
        day = first
        while day <= last:
            counts.append(counts[-1] + calendar.is_business_day(day))
            day += timedelta(days=1)
        self._counts = counts

    def between(self, a: date, b: date) -> int:
        """Business days after ``a`` up to and including ``b`` (as the core calendar)."""
        i, j = (a - self._first).days + 1, (b - self._first).days + 1
        return self._counts[j] - self._counts[i]


def _times(days: Counter[int]) -> AnswerTimes:
    """Median (as ``statistics.median``) and worst of ``days``: each value to its cases."""
    answered = sum(days.values())
    if not answered:
        return AnswerTimes(0, None, None)
    low, high = _ranks(days, (answered - 1) // 2, answered // 2)
    return AnswerTimes(answered, (low + high) / 2, max(days))


def _ranks(days: Counter[int], *ranks: int) -> list[int]:
    """The values at the 0-based ``ranks`` (ascending) of the sorted multiset ``days``."""
    found: list[int] = []
    seen = 0
    for value in sorted(days):
        before, seen = seen, seen + days[value]
        found += [value for rank in ranks if before <= rank < seen]
    return found


_Counted = tuple[date, "date | None", bool, bool]
"""Received on, answered on, returned at least once, ever rejected (as ``PeriodCase``)."""


class _Decisions(Protocol):
    def decisions(self, case_id: str) -> Sequence[tuple[str, str, str, str]]: ...


def _count_records(
    session: Session, period: Period, progress: Callable[[int], None] | None
) -> tuple[Counter[_Counted], Counter[str]]:
    """Count the period's cases record by record: stores without ``period_counts`` (the fake).

    The reference of the SQL counts too: tests compare both on the SQLCipher store.
    """
    cases = session.store.cases
    # the status history is the SQLCipher store's (the tests' fake keeps only the status)
    history = cast("_Decisions", cases) if hasattr(cases, "decisions") else None
    counted: Counter[_Counted] = Counter()
    by_type: Counter[str] = Counter()
    requests = 0
    for case in cases.list():
        if not period.start <= case.received_on <= period.end:
            continue
        requests += 1
        for kind in case.intake.get("request_types", ()):
            by_type[str(kind)] += 1
        reached = {case.status.value}
        if history is not None and case.status not in (CaseStatus.INTAKE, CaseStatus.RETURNED):
            # a case resubmitted after a return, or closed after a rejection: only the
            # history of its status changes says so (an intake case was never decided; a
            # returned one is counted as returned and cannot have been rejected before)
            reached |= {to for _from, to, _by, _at in history.decisions(case.case_id)}
        key = (
            case.received_on,
            answered_on(case),
            CaseStatus.RETURNED.value in reached,
            CaseStatus.REJECTED.value in reached,
        )
        counted[key] += 1
        if progress is not None and requests % 1000 == 0:
            progress(requests)
    return counted, by_type


def yearly_statistics(
    session: Session,
    period: Period,
    *,
    calendar: BusinessCalendar = DEFAULT_CALENDAR,
    progress: Callable[[int], None] | None = None,
) -> YearlyStatistics:
    """Count the cases received in ``period``.

    On the SQLCipher store one query aggregates the period (``Queries.period_counts``: one
    pass over its cases); only the distinct (received, answered) days are worked on here.

    Args:
        session: any signed-in user (the figures carry no personal data).
        period: the days of receipt counted.
        calendar: the business calendar of the business-day figures.
        progress: called with the number of cases read so far (on the SQLCipher store
            once, at the end: the query cannot report before it ends).

    Raises:
        NotPermitted: the role may not list cases.
    """
    session.require(Action.LIST_CASES)
    queries = _queries(session)
    if queries is None:
        counted, by_type = _count_records(session, period, progress)
    else:
        found = queries.period_counts(period.start, period.end)
        counted, by_type = cast("Counter[_Counted]", found.cases), found.request_types
    by_month = dict.fromkeys(period.months(), 0)
    spans: Counter[tuple[date, date]] = Counter()
    requests = returned = rejected = 0
    for (received, answered, was_returned, was_rejected), count in counted.items():
        requests += count
        by_month[received.isoformat()[:7]] += count
        returned += count * was_returned
        rejected += count * was_rejected
        if answered is not None:
            spans[(received, max(answered, received))] += count
    if progress is not None and queries is not None:
        progress(requests)
    calendar_days: Counter[int] = Counter()
    business: Counter[int] = Counter()
    if spans:
        counter = _BusinessDays(calendar, min(a for a, _ in spans), max(b for _, b in spans))
        for (a, b), count in spans.items():
            calendar_days[(b - a).days] += count
            business[counter.between(a, b)] += count
    return YearlyStatistics(
        period=period,
        requests=requests,
        by_request_type=dict(sorted(by_type.items())),
        by_month=by_month,
        calendar_days=_times(calendar_days),
        business_days=_times(business),
        returned=returned,
        rejected=rejected,
        unanswered=requests - sum(spans.values()),
    )


# --- CSV -----------------------------------------------------------------------------------

CSV_HEADER = ("item", "key", "value")


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def csv_rows(stats: YearlyStatistics, labels: Mapping[str, str] | None = None) -> list[list[str]]:
    """The statistics as rows of (item, key, value), header first.

    Args:
        stats: the figures.
        labels: display words for item codes, request type codes and the header (the UI
            passes its translations); codes are written as they are without one.
    """
    words = labels or {}

    def w(code: str) -> str:
        return words.get(code, code)

    rows: list[list[str]] = [[w(h) for h in CSV_HEADER]]
    rows.append([w("period"), stats.period.start.isoformat(), stats.period.end.isoformat()])
    rows.append([w("requests"), "", str(stats.requests)])
    rows += [[w("by_request_type"), w(k), str(v)] for k, v in stats.by_request_type.items()]
    rows += [[w("by_month"), k, str(v)] for k, v in stats.by_month.items()]
    for unit, times in (
        ("calendar_days", stats.calendar_days),
        ("business_days", stats.business_days),
    ):
        rows.append([w("answered"), w(unit), str(times.answered)])
        rows.append([w("median_days"), w(unit), _number(times.median)])
        rows.append([w("worst_days"), w(unit), _number(times.worst)])
    rows.append([w("returned"), "", str(stats.returned)])
    rows.append([w("rejected"), "", str(stats.rejected)])
    rows.append([w("unanswered"), "", str(stats.unanswered)])
    return rows


def csv_bytes(stats: YearlyStatistics, labels: Mapping[str, str] | None = None) -> bytes:
    """The CSV file's bytes: UTF-8 with a byte-order mark and CRLF (Excel in Japan opens it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(csv_rows(stats, labels))
    return out.getvalue().encode("utf-8-sig")


def write_csv(stats: YearlyStatistics, path: Path, labels: Mapping[str, str] | None = None) -> None:
    """Write the statistics as CSV to ``path`` (aggregate counts only: no personal data).

    Raises:
        InputError: the file cannot be written.
    """
    try:
        path.write_bytes(csv_bytes(stats, labels))
    except OSError as exc:
        raise InputError(str(path), f"cannot write: {exc.strerror or exc}") from None
