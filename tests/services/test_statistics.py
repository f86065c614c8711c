"""Dashboard counts and yearly statistics: known cases in, known counts, medians and worsts out."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from statistics import median
from typing import TYPE_CHECKING, Any

import pytest

from desktop.core.calendar import DEFAULT_CALENDAR
from desktop.core.cases import CaseRecord, CaseStatus, NotPermitted, Role, UserRecord, Verdict
from desktop.core.errors import InputError
from desktop.services import accounts, statistics
from desktop.services.session import Session
from desktop.services.workspace import FilePolicies
from desktop.store.db import StoreOpener
from desktop.store.keyslots import KdfParams
from tests.clock import JST

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from desktop.services.ports import Store
    from tests.services.conftest import Desk

FAST_KDF = KdfParams(time_cost=1, memory_cost=1024, parallelism=1)
YEAR = statistics.Period.year(2026)


def _at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T10:00:00").replace(tzinfo=JST)


def case(
    number: int,
    received: str,
    status: CaseStatus,
    types: tuple[str, ...] = ("disclosure",),
    *,
    due: str | None = None,
    decided: str | None = None,
    sent: str | None = None,
    kind: str | None = None,
) -> CaseRecord:
    """A synthetic case (invented principal) received on ``received``."""
    verdict = None
    if due is not None:
        verdict = Verdict(
            "verified", (), date.fromisoformat(due), "leverages", "1", _at(received), "op"
        )
    return CaseRecord(
        case_id=f"{received[:4]}-{number:06d}",
        status=status,
        received_on=date.fromisoformat(received),
        intake={"request_types": list(types), "principal": {"name": f"架空 {number}"}},
        created_by="op",
        created_at=_at(received),
        verdict=verdict,
        decided_by=None if decided is None else "sup",
        decided_at=None if decided is None else _at(decided),
        response_sent_on=None if sent is None else date.fromisoformat(sent),
        response_kind=kind,
    )


KNOWN = [
    # answered by its notice: 14 calendar days, 9 business days (12 Jan is 成人の日)
    case(1, "2026-01-05", CaseStatus.CLOSED, sent="2026-01-19", kind="disclosure_notice",
         decided="2026-01-15"),
    # approved, notice not recorded yet: counted from the decision, 3 and 3
    case(2, "2026-02-02", CaseStatus.APPROVED, ("correction", "disclosure"), decided="2026-02-05"),
    # rejected: 20 calendar days, 12 business days (11 Feb and 23 Feb are holidays)
    case(3, "2026-02-10", CaseStatus.REJECTED, ("purpose_notification",), decided="2026-03-02"),
    # returned: the request for documents is no answer
    case(4, "2026-03-01", CaseStatus.RETURNED, sent="2026-03-03", kind="request_documents",
         decided="2026-03-02"),
    case(5, "2026-12-31", CaseStatus.INTAKE),
    case(9, "2025-12-28", CaseStatus.CLOSED, sent="2026-01-06", kind="disclosure_notice"),
]  # fmt: skip


def fill(store: Store, cases: list[CaseRecord]) -> None:
    with store.transaction():
        for c in cases:
            store.cases.add(c)


def test_yearly_statistics_of_known_cases(desk: Desk) -> None:
    fill(desk.store, KNOWN)
    got = statistics.yearly_statistics(desk.admin, YEAR)
    assert got.requests == 5
    assert got.by_request_type == {"correction": 1, "disclosure": 4, "purpose_notification": 1}
    assert list(got.by_month) == [f"2026-{m:02d}" for m in range(1, 13)]
    assert [got.by_month[m] for m in ("2026-01", "2026-02", "2026-03", "2026-12")] == [1, 2, 1, 1]
    assert sum(got.by_month.values()) == 5
    assert got.calendar_days == statistics.AnswerTimes(3, 14.0, 20)
    assert got.business_days == statistics.AnswerTimes(3, 9.0, 12)
    assert (got.returned, got.rejected, got.unanswered) == (1, 1, 2)


def test_even_number_of_answers_gives_the_mean_of_the_middle_two(desk: Desk) -> None:
    fill(desk.store, KNOWN[:2])
    got = statistics.yearly_statistics(desk.admin, YEAR)
    assert got.calendar_days == statistics.AnswerTimes(2, 8.5, 14)


def test_a_quarter_counts_only_its_days(desk: Desk) -> None:
    fill(desk.store, KNOWN)
    got = statistics.yearly_statistics(desk.admin, statistics.Period.fiscal_year(2025))
    assert got.requests == 5  # 2025-12-28 to 2026-03-01: four of 2026 and one of 2025
    assert got.period.months()[0] == "2025-04"
    assert (
        statistics.yearly_statistics(
            desk.admin, statistics.Period(date(2026, 4, 1), date(2026, 4, 30))
        ).requests
        == 0
    )


def test_no_answers_gives_no_median(desk: Desk) -> None:
    got = statistics.yearly_statistics(desk.admin, YEAR)
    assert got.requests == 0
    assert got.calendar_days == statistics.AnswerTimes(0, None, None)


def test_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(InputError, match="period"):
        statistics.Period(date(2026, 2, 1), date(2026, 1, 1))


def test_deadline_buckets_by_week() -> None:
    today = date(2026, 11, 25)  # a Wednesday
    bucket = statistics.deadline_bucket
    assert bucket(None, today) is statistics.DeadlineBucket.NO_DEADLINE
    assert bucket(date(2026, 11, 24), today) is statistics.DeadlineBucket.OVERDUE
    assert bucket(today, today) is statistics.DeadlineBucket.THIS_WEEK
    assert bucket(date(2026, 11, 29), today) is statistics.DeadlineBucket.THIS_WEEK
    assert bucket(date(2026, 11, 30), today) is statistics.DeadlineBucket.NEXT_WEEK
    assert bucket(date(2026, 12, 6), today) is statistics.DeadlineBucket.NEXT_WEEK
    assert bucket(date(2026, 12, 7), today) is statistics.DeadlineBucket.LATER


OPEN = [
    case(11, "2026-11-02", CaseStatus.IN_REVIEW, due="2026-11-20"),  # overdue (today 23 Nov)
    case(12, "2026-11-03", CaseStatus.INTAKE, due="2026-11-23"),  # this week
    case(13, "2026-11-04", CaseStatus.RETURNED, due="2026-11-29"),  # this week (Sunday)
    case(14, "2026-11-05", CaseStatus.APPROVED, due="2026-11-30"),  # next week
    case(15, "2026-11-06", CaseStatus.REJECTED, due="2026-12-07"),  # later
    case(16, "2026-11-07", CaseStatus.INTAKE),  # no deadline
    case(17, "2026-11-08", CaseStatus.CLOSED, due="2026-11-01"),  # closed: not open
]


def _check_dashboard(board: statistics.Dashboard) -> None:
    assert board.today == date(2026, 11, 23)
    assert board.by_status == {
        "intake": 2,
        "in_review": 1,
        "returned": 1,
        "approved": 1,
        "rejected": 1,
        "closed": 1,
    }
    assert board.by_deadline == {
        "overdue": 1,
        "this_week": 2,
        "next_week": 1,
        "later": 1,
        "no_deadline": 1,
    }
    assert board.open_cases == 6


def test_dashboard_on_the_fake_store(desk: Desk) -> None:
    fill(desk.store, OPEN)
    _check_dashboard(statistics.dashboard(desk.login("olivia")))


def test_csv_has_a_bom_crlf_and_every_figure(desk: Desk) -> None:
    fill(desk.store, KNOWN)
    got = statistics.yearly_statistics(desk.admin, YEAR)
    data = statistics.csv_bytes(got, {"requests": "受付件数", "item": "項目"})
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["項目", "key", "value"]
    assert ["受付件数", "", "5"] in rows
    assert ["median_days", "calendar_days", "14"] in rows
    assert ["worst_days", "business_days", "12"] in rows
    assert ["by_request_type", "disclosure", "4"] in rows
    assert ["returned", "", "1"] in rows
    assert "架空" not in text  # aggregate figures only


def test_write_csv_reports_an_unwritable_path(desk: Desk, tmp_path: Path) -> None:
    got = statistics.yearly_statistics(desk.admin, YEAR)
    statistics.write_csv(got, tmp_path / "ok.csv")
    assert (tmp_path / "ok.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.raises(InputError, match="cannot write"):
        statistics.write_csv(got, tmp_path / "no" / "such" / "dir.csv")


def test_a_session_without_the_right_is_refused() -> None:
    class NoRole:
        pass

    session = Session(
        store=NoRole(),  # type: ignore[arg-type]
        user=UserRecord("x", "visitor"),  # type: ignore[arg-type]
        policies=FilePolicies(),
    )
    with pytest.raises(NotPermitted):
        statistics.dashboard(session)
    with pytest.raises(NotPermitted):
        statistics.yearly_statistics(session, YEAR)


# --- the same on the real SQLCipher store: keyset walks and the status history -------------


@pytest.fixture
def real(tmp_path: Path) -> Iterator[Session]:
    from tests.clock import Clock

    opener = StoreOpener(tmp_path / "store", kdf=FAST_KDF)
    session, _key = accounts.initialise(
        opener, FilePolicies(), admin="kanri", password="pw", now=Clock()
    )
    accounts.add_user(session, "sagyou", Role.OPERATOR, "pw-s")
    yield session
    session.store.close()


def test_dashboard_on_the_real_store(real: Session) -> None:
    fill(real.store, OPEN)
    _check_dashboard(statistics.dashboard(real))


def test_yearly_statistics_on_the_real_store_reads_the_history(real: Session) -> None:
    fill(real.store, KNOWN)
    # returned, resubmitted, rejected, then closed: returned once and rejected once
    history = case(6, "2026-05-11", CaseStatus.IN_REVIEW, decided="2026-05-12")
    fill(real.store, [history])
    for status, sent in (
        (CaseStatus.RETURNED, None),
        (CaseStatus.IN_REVIEW, None),
        (CaseStatus.REJECTED, None),
        (CaseStatus.CLOSED, "2026-05-21"),
    ):
        history = replace(
            history,
            status=status,
            response_sent_on=None if sent is None else date.fromisoformat(sent),
            response_kind=None if sent is None else "refusal",
        )
        with real.store.transaction():
            real.store.cases.update(history)
    got = statistics.yearly_statistics(real, YEAR)
    assert got.requests == 6
    assert (got.returned, got.rejected) == (2, 2)
    assert got.calendar_days == statistics.AnswerTimes(4, 12.0, 20)  # 3, 10, 14, 20
    assert got.by_month["2026-05"] == 1


def test_real_store_short_period_uses_lookups(real: Session) -> None:
    extra: list[Any] = [case(20 + i, f"2026-06-{i + 1:02d}", CaseStatus.INTAKE) for i in range(8)]
    fill(real.store, [*KNOWN, *extra])
    got = statistics.yearly_statistics(real, statistics.Period(date(2026, 2, 1), date(2026, 2, 28)))
    assert got.requests == 2
    assert got.by_month == {"2026-02": 2}
    assert got.rejected == 1


def test_real_store_period_spanning_every_case(real: Session) -> None:
    fill(real.store, KNOWN[:4])  # all received in 2026: one pass, no index walk
    got = statistics.yearly_statistics(real, YEAR)
    assert got.requests == 4
    assert got.calendar_days == statistics.AnswerTimes(3, 14.0, 20)
    assert statistics.yearly_statistics(real, statistics.Period.year(2027)).requests == 0


def test_real_store_without_cases(real: Session) -> None:
    assert statistics.yearly_statistics(real, YEAR).requests == 0


# --- the SQL counts against the record-by-record counts, on generated cases ----------------


class _WithoutQueries:
    """The real store without its counting queries: the services count record by record."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name == "queries":
            raise AttributeError(name)
        return getattr(self._store, name)


def _generated(seed: int, count: int) -> tuple[list[list[CaseRecord]], dict[str, Any]]:
    """``count`` cases as the successive records of each (its status history), and what the
    2026 statistics of them must be, worked out from the generation itself."""
    rng = random.Random(seed)
    types = ["purpose_notification", "disclosure", "correction", "cessation_of_use"]
    histories: list[list[CaseRecord]] = []
    calendar_days: list[int] = []
    business_days: list[int] = []
    expected: dict[str, Any] = {"requests": 0, "returned": 0, "rejected": 0, "types": Counter()}
    S = CaseStatus
    paths = [
        [S.INTAKE],
        [S.INTAKE, S.IN_REVIEW],
        [S.INTAKE, S.IN_REVIEW, S.RETURNED],
        [S.INTAKE, S.IN_REVIEW, S.RETURNED, S.IN_REVIEW, S.APPROVED],
        [S.INTAKE, S.IN_REVIEW, S.APPROVED, S.CLOSED],
        [S.INTAKE, S.IN_REVIEW, S.REJECTED],
        [S.INTAKE, S.IN_REVIEW, S.REJECTED, S.CLOSED],
        [S.INTAKE, S.IN_REVIEW, S.RETURNED, S.IN_REVIEW, S.REJECTED, S.CLOSED],
        [S.INTAKE, S.CLOSED],  # withdrawn: never answered
        [S.INTAKE, S.IN_REVIEW, S.RETURNED, S.CLOSED],  # the documents never came
    ]
    for number in range(1, count + 1):
        received = date(2025, 12, 20) + timedelta(days=rng.randrange(390))
        path = rng.choice(paths)
        # now and then a notice dated before the receipt (a typing error): counted as 0 days
        delay = rng.randrange(-2, 40)
        answer = received + timedelta(days=delay)
        delay = max(delay, 0)
        kinds = rng.sample(types, rng.choice((1, 1, 2, 3)))
        due = (received + timedelta(days=rng.randrange(5, 60))).isoformat()
        record = case(number, received.isoformat(), S.INTAKE, tuple(kinds), due=due)
        record = replace(record, case_id=f"{received.year}-{number:06d}")
        records = [record]
        for status in path[1:]:
            decided = status in (S.RETURNED, S.APPROVED, S.REJECTED)
            record = replace(
                record,
                status=status,
                # late in the evening, Japanese time: the local date is the answer's
                decided_at=datetime.combine(answer, time(22, 45), JST) if decided else None,
                decided_by="kanri" if decided else record.decided_by,
            )
            if status is S.RETURNED:
                sent = answer if rng.random() < 0.5 else None
                record = replace(
                    record,
                    response_sent_on=sent,
                    response_kind=None if sent is None else "request_documents",
                )
            if status is S.CLOSED and path[-2] in (S.APPROVED, S.REJECTED):
                record = replace(
                    record,
                    response_sent_on=answer,
                    response_kind="refusal" if path[-2] is S.REJECTED else "disclosure_notice",
                )
            records.append(record)
        histories.append(records)
        if received.year != 2026:
            continue
        last = records[-1]
        expected["requests"] += 1
        expected["types"].update(kinds)
        expected["returned"] += S.RETURNED in path
        expected["rejected"] += S.REJECTED in path
        answered = last.status in (S.APPROVED, S.REJECTED) or (
            last.status is S.CLOSED and path[-2] in (S.APPROVED, S.REJECTED)
        )
        if answered:
            calendar_days.append(delay)
            business_days.append(
                sum(
                    DEFAULT_CALENDAR.is_business_day(received + timedelta(days=d))
                    for d in range(1, delay + 1)
                )
            )
    expected["calendar_days"] = statistics.AnswerTimes(
        len(calendar_days), float(median(calendar_days)), max(calendar_days)
    )
    expected["business_days"] = statistics.AnswerTimes(
        len(business_days), float(median(business_days)), max(business_days)
    )
    return histories, expected


@pytest.mark.parametrize(("seed", "count"), [(1, 300), (2, 301)])  # odd and even answers
def test_sql_counts_equal_the_record_counts_on_generated_cases(
    real: Session, seed: int, count: int
) -> None:
    histories, expected = _generated(seed, count)
    with real.store.transaction():
        for records in histories:
            real.store.cases.add(records[0])
            for record in records[1:]:
                real.store.cases.update(record)  # each change is kept in decisions
    by_records = Session(
        _WithoutQueries(real.store),
        real.user,
        FilePolicies(),
        now=real.now,
    )
    for period in (YEAR, statistics.Period(date(2026, 4, 1), date(2026, 6, 30))):
        got = statistics.yearly_statistics(real, period)
        assert got == statistics.yearly_statistics(by_records, period)
        if period == YEAR:
            assert got.requests == expected["requests"]
            assert got.by_request_type == dict(sorted(expected["types"].items()))
            assert (got.returned, got.rejected) == (expected["returned"], expected["rejected"])
            assert got.calendar_days == expected["calendar_days"]
            assert got.business_days == expected["business_days"]
            assert got.unanswered == got.requests - expected["calendar_days"].answered
    board = statistics.dashboard(real)
    assert board == statistics.dashboard(by_records)
    assert sum(board.by_status.values()) == count
