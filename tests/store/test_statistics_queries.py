"""The counting queries of the dashboard and the statistics: known cases in, known counts out."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from desktop.core.cases import CaseRecord, CaseStatus, Verdict
from desktop.store.queries import DueCounts, PeriodCase

if TYPE_CHECKING:
    from desktop.store.db import Store

JST = timezone(timedelta(hours=9))
OPEN = [s for s in CaseStatus if s is not CaseStatus.CLOSED]
TODAY, SUNDAY, NEXT_SUNDAY = date(2026, 11, 25), date(2026, 11, 29), date(2026, 12, 6)


def _case(
    number: int,
    received: str,
    status: CaseStatus = CaseStatus.INTAKE,
    *,
    types: object = ("disclosure",),
    due: str | None = None,
    decided: datetime | None = None,
    sent: str | None = None,
    kind: str | None = None,
) -> CaseRecord:
    """A synthetic case of an invented principal."""
    verdict = None
    if due is not None:
        at = datetime(2026, 1, 1, tzinfo=JST)
        verdict = Verdict("verified", (), date.fromisoformat(due), "whi", "1", at, "op")
    intake: dict[str, object] = {"principal": {"name": f"架空 {number}"}}
    if types is not None:
        intake["request_types"] = list(types) if isinstance(types, tuple) else types
    return CaseRecord(
        case_id=f"{received[:4]}-{number:06d}",
        status=status,
        received_on=date.fromisoformat(received),
        intake=intake,
        created_by="sagyou",
        created_at=datetime(2026, 1, 1, tzinfo=JST),
        verdict=verdict,
        decided_by=None if decided is None else "kanri",
        decided_at=decided,
        response_sent_on=None if sent is None else date.fromisoformat(sent),
        response_kind=kind,
    )


def _add(store: Store, *cases: CaseRecord) -> None:
    with store.transaction():
        for case in cases:
            store.cases.add(case)


def _move(store: Store, case: CaseRecord, *statuses: CaseStatus) -> CaseRecord:
    """Walk ``case`` through ``statuses`` (each change is kept in ``decisions``)."""
    with store.transaction():
        for status in statuses:
            case = replace(case, status=status)
            store.cases.update(case)
    return case


def test_due_buckets_count_each_week_once(store: Store) -> None:
    _add(
        store,
        _case(1, "2026-11-01", CaseStatus.IN_REVIEW, due="2026-11-24"),  # overdue
        _case(2, "2026-11-01", CaseStatus.INTAKE, due="2026-11-25"),  # today: this week
        _case(3, "2026-11-01", CaseStatus.RETURNED, due="2026-11-29"),  # Sunday: this week
        _case(4, "2026-11-01", CaseStatus.APPROVED, due="2026-11-30"),  # Monday: next week
        _case(5, "2026-11-01", CaseStatus.REJECTED, due="2026-12-06"),  # next Sunday
        _case(6, "2026-11-01", CaseStatus.INTAKE, due="2026-12-07"),  # later
        _case(7, "2026-11-01", CaseStatus.INTAKE, due="2031-01-01"),  # later
        _case(8, "2026-11-01", CaseStatus.INTAKE),  # no deadline
        _case(9, "2026-11-01", CaseStatus.CLOSED, due="2026-11-24"),  # closed: not counted
    )
    got = store.queries.due_buckets(OPEN, TODAY, SUNDAY, NEXT_SUNDAY)
    assert got == DueCounts(overdue=1, this_week=2, next_week=2, later=2, no_deadline=1)
    assert store.queries.due_buckets([CaseStatus.CLOSED], TODAY, SUNDAY, NEXT_SUNDAY) == (
        1,
        0,
        0,
        0,
        0,
    )
    assert store.queries.due_buckets([], TODAY, SUNDAY, NEXT_SUNDAY) == (0, 0, 0, 0, 0)


def test_due_buckets_read_only_the_queue_index(store: Store) -> None:
    from desktop.store import queries

    store.queries.due_buckets(OPEN, TODAY, SUNDAY, NEXT_SUNDAY)  # runs as planned below
    due = queries._DUE
    plan = " ".join(
        str(row[-1])
        for row in store.connection.execute(
            f"EXPLAIN QUERY PLAN SELECT count(*) FROM cases c WHERE c.status IN ('intake',"
            f" 'returned') AND {due} >= '2026-11-25' AND {due} < '2026-11-30'"
        )
    )
    assert "COVERING INDEX cases_queue" in plan


def test_period_counts_answers_and_history(store: Store) -> None:
    late = datetime(2026, 2, 5, 23, 30, tzinfo=JST)  # 14:30 UTC: the local date counts
    cases = [
        _case(1, "2026-01-05", CaseStatus.CLOSED, decided=late, sent="2026-01-19",
              kind="disclosure_notice"),
        _case(2, "2026-02-02", CaseStatus.APPROVED, types=("correction", "disclosure"),
              decided=late),
        _case(3, "2026-02-10", CaseStatus.REJECTED, types=("purpose_notification",), decided=late),
        _case(4, "2026-03-01", CaseStatus.RETURNED, decided=late, sent="2026-03-03",
              kind="request_documents"),
        _case(5, "2026-03-02", CaseStatus.CLOSED, sent="2026-03-20", kind="request_documents"),
        _case(6, "2026-12-31", CaseStatus.INTAKE, types=None),  # no request types at all
        _case(7, "2025-12-31", CaseStatus.CLOSED, sent="2026-01-06", kind="disclosure_notice"),
        _case(8, "2027-01-01", CaseStatus.INTAKE),
        _case(9, "2026-06-01", CaseStatus.INTAKE, types=("disclosure", "disclosure")),
    ]  # fmt: skip
    _add(store, *cases)
    # returned, resubmitted, rejected, closed with its refusal: returned and rejected
    _move(
        store,
        cases[0],
        CaseStatus.IN_REVIEW,
        CaseStatus.RETURNED,
        CaseStatus.IN_REVIEW,
        CaseStatus.REJECTED,
        CaseStatus.CLOSED,
    )
    # an intake case's history is not read (it was sent back to intake after a return)
    _move(store, cases[8], CaseStatus.IN_REVIEW, CaseStatus.RETURNED, CaseStatus.INTAKE)
    got = store.queries.period_counts(date(2026, 1, 1), date(2026, 12, 31))
    d = date.fromisoformat
    assert got.cases == Counter(
        {
            PeriodCase(d("2026-01-05"), d("2026-01-19"), True, True): 1,
            PeriodCase(d("2026-02-02"), d("2026-02-05"), False, False): 1,
            PeriodCase(d("2026-02-10"), d("2026-02-05"), False, True): 1,  # clamped later
            PeriodCase(d("2026-03-01"), None, True, False): 1,
            PeriodCase(d("2026-03-02"), None, False, False): 1,
            PeriodCase(d("2026-12-31"), None, False, False): 1,
            PeriodCase(d("2026-06-01"), None, False, False): 1,
        }
    )
    assert got.request_types == {
        "disclosure": 6,  # case 9 asks twice: counted twice, as the service always did
        "correction": 1,
        "purpose_notification": 1,
    }
    one_day = store.queries.period_counts(d("2026-12-31"), d("2026-12-31"))
    assert sum(one_day.cases.values()) == 1
    assert one_day.request_types == {}
    empty = store.queries.period_counts(d("2030-01-01"), d("2030-12-31"))
    assert (empty.cases, empty.request_types) == (Counter(), Counter())


def test_period_counts_read_the_history_from_its_index(store: Store) -> None:
    from desktop.store import queries

    plan = " ".join(
        str(row[-1])
        for row in store.connection.execute(
            "EXPLAIN QUERY PLAN " + queries._PERIOD_COUNTS, ("2026-01-01", "2026-12-31")
        )
    )
    assert "COVERING INDEX decisions_reached" in plan
