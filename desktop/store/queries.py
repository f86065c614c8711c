"""List views for the GUI and the CLI: keyset pages of plain rows, no domain objects.

A case page is filtered (status, operator, search) and ordered (case number, received date,
status or due date, each both ways, ties by case number) in SQL; the key of the last row of
a page fetches the next one with an index seek (indexes of 0001 and 0002), so page 1000
costs what page 1 costs. The dashboard and the yearly statistics are counted here too
(``count_by_status``, ``due_buckets``, ``period_counts``): aggregates, never case rows.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from desktop.core.cases import CaseStatus
from desktop.store.cases import name_key

if TYPE_CHECKING:
    from collections.abc import Iterable

    from desktop.store.db import Store

NO_DUE = "9999-12-31"
"""Sort key of a case without a deadline (the same constant as the indexes in 0001)."""


class CaseRow(NamedTuple):
    """One line of a case list (dates as ISO text)."""

    case_id: str
    status: str
    received_on: str
    due_on: str | None
    principal: str | None


class CaseOrder(StrEnum):
    """Orders of a case page; each is served in index order (see db/0002_case_list.sql)."""

    CASE_ID = "case_id"
    RECEIVED = "received"  # received date, then case number
    STATUS = "status"  # status code, then due date (no deadline last), then case number
    DUE = "due"  # due date (no deadline last), then case number


class PageKey(NamedTuple):
    """Where the next page starts: after this sort key and case id, in this order."""

    order: str
    descending: bool
    key: tuple[str, ...]
    case_id: str


class CasePage(NamedTuple):
    """One page of rows and the key of the next page (None on the last page)."""

    rows: list[CaseRow]
    next_key: PageKey | None


_SELECT = (
    "SELECT c.id, c.status, c.received_on, c.due_on,"
    " (SELECT p.name FROM persons p WHERE p.case_id = c.id AND p.role = 'principal')"
    " FROM cases c"
)
_DUE = "ifnull(c.due_on, '9999-12-31')"
OPERATOR = "ifnull(c.submitted_by, c.created_by)"
"""The operator of a case: the preparer, else the account that opened it (indexed in 0002)."""

_ORDER_TERMS: dict[CaseOrder, tuple[str, ...]] = {
    # The terms before c.id; they match the indexes' expressions exactly, or SQLite would
    # sort in a temporary b-tree instead of walking an index.
    CaseOrder.CASE_ID: (),
    CaseOrder.RECEIVED: ("c.received_on",),
    CaseOrder.STATUS: ("c.status", _DUE),
    CaseOrder.DUE: (_DUE,),
}
# A search's matches are collected first (from persons_name and the primary key's range),
# then ordered: cheap for the few cases a name or number prefix usually matches, but each
# match is a row read, so a broad prefix (a common family name) instead walks the order's
# index and probes each case, stopping at the page's end.
_SEARCH_SET = (
    "c.id IN (SELECT p.case_id FROM persons p WHERE p.name_key >= ? AND p.name_key < ?"
    " UNION SELECT s.id FROM cases s WHERE s.id >= ? AND s.id < ?)"
)
_SEARCH_WALK = (
    "(EXISTS (SELECT 1 FROM persons p WHERE p.case_id = c.id"
    " AND p.name_key >= ? AND p.name_key < ?) OR (c.id >= ? AND c.id < ?))"
)
_SEARCH_COUNT = (
    "SELECT (SELECT count(*) FROM (SELECT 1 FROM persons WHERE name_key >= ? AND name_key < ?"
    " LIMIT ?)) + (SELECT count(*) FROM (SELECT 1 FROM cases WHERE id >= ? AND id < ? LIMIT ?))"
)
BROAD_SEARCH = 2000
"""A search matching more cases than this walks the order's index (measured on 100 000
cases: sorting 20 000 matches took 200-250 ms, walking to 200 of them 60-160 ms)."""


def _key_of(order: CaseOrder, row: CaseRow) -> tuple[str, ...]:
    due = row.due_on or NO_DUE
    match order:
        case CaseOrder.CASE_ID:
            return ()
        case CaseOrder.RECEIVED:
            return (row.received_on,)
        case CaseOrder.STATUS:
            return (row.status, due)
        case CaseOrder.DUE:
            return (due,)


class Queries:
    """Read-only list views."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def case_page(
        self,
        status: CaseStatus | None = None,
        after: PageKey | None = None,
        limit: int = 50,
        *,
        assignee: str | None = None,
        search: str = "",
        order: CaseOrder = CaseOrder.DUE,
        descending: bool = False,
    ) -> CasePage:
        """Return up to ``limit`` matching cases in ``order``, after ``after``.

        Args:
            status: only cases in this status.
            after: the previous page's ``next_key`` (same order and direction).
            limit: rows per page.
            assignee: only cases whose operator (``OPERATOR``) is this account name.
            search: the start of a case number, or of a principal's or representative's
                name (folded like ``name_key``); blank: no search.
            order: the sort; ties are broken by case number.
            descending: reverse the whole order (cases without a deadline then come first).

        The review queue is ``case_page(CaseStatus.IN_REVIEW)``.

        Raises:
            ValueError: ``after`` belongs to another order or direction.
        """
        order = CaseOrder(order)
        terms = (*_ORDER_TERMS[order], "c.id")
        where: list[str] = []
        params: list[object] = []
        if status is not None:
            where.append("c.status = ?")
            params.append(CaseStatus(status).value)
        if assignee:
            where.append(f"{OPERATOR} = ?")
            params.append(assignee)
        key = name_key(search)
        if key:
            upper = key + "\U0010ffff"
            where.append(_SEARCH_WALK if self._broad(key, upper) else _SEARCH_SET)
            params += [key, upper, key, upper]
        if after is not None:
            if (after.order, after.descending) != (order.value, descending):
                raise ValueError("the page key belongs to another order")
            where.append(
                f"({', '.join(terms)}) {'<' if descending else '>'} ({', '.join('?' * len(terms))})"
            )
            params += [*after.key, after.case_id]
        sql = _SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        direction = " DESC" if descending else ""
        sql += " ORDER BY " + ", ".join(t + direction for t in terms) + " LIMIT ?"
        params.append(limit + 1)
        rows = [CaseRow(*row) for row in self._store.connection.execute(sql, params)]
        if len(rows) <= limit:
            return CasePage(rows, None)
        last = rows[limit - 1]
        return CasePage(
            rows[:limit], PageKey(order.value, descending, _key_of(order, last), last.case_id)
        )

    def _broad(self, key: str, upper: str) -> bool:
        # Index-only counts, stopped at the threshold: a few milliseconds at most.
        limit = BROAD_SEARCH + 1
        row = self._store.connection.execute(
            _SEARCH_COUNT, (key, upper, limit, key, upper, limit)
        ).fetchone()
        return int(row[0]) > BROAD_SEARCH

    def search_by_name(self, text: str, limit: int = 50) -> list[CaseRow]:
        """Return cases whose principal or representative name starts with ``text``.

        Matching folds width, case and spaces (``name_key``); kanji variants (髙/高) are the
        matching module's to add to the key. The newest cases come first.
        """
        key = name_key(text)
        if not key:
            return []
        # The newest ``limit`` matches are picked from the index alone; only their case rows
        # are read (each page read from disk is a decryption).
        sql = (
            f"{_SELECT} JOIN (SELECT DISTINCT case_id FROM persons"
            " WHERE name_key >= ? AND name_key < ? ORDER BY case_id DESC LIMIT ?) m"
            " ON m.case_id = c.id ORDER BY c.id DESC"
        )
        upper = key + "\U0010ffff"
        return [CaseRow(*row) for row in self._store.connection.execute(sql, (key, upper, limit))]

    def count_by_status(self) -> dict[str, int]:
        """Return the number of cases in each status (statuses without cases: 0)."""
        counts = {status.value: 0 for status in CaseStatus}
        for status, count in self._store.connection.execute(
            "SELECT status, count(*) FROM cases GROUP BY status"
        ):
            counts[str(status)] = int(count)
        return counts

    # --- counts of the dashboard and the yearly statistics --------------------------------

    def due_buckets(
        self,
        statuses: Iterable[CaseStatus],
        today: date,
        this_week_end: date,
        next_week_end: date,
    ) -> DueCounts:
        """Count the cases in ``statuses`` by where their deadline falls.

        Each bucket is a count over one range of the queue index (``cases_queue``: status,
        deadline, id), read from the index alone: a few milliseconds on 100 000 cases.

        Args:
            statuses: the statuses counted (the dashboard's open cases).
            today: deadlines before it are overdue.
            this_week_end, next_week_end: the last days (Sundays) of this and next week.

        A deadline of 9999-12-31 counts as no deadline: it is the indexes' sort key of a
        case without one (``NO_DUE``).
        """
        codes = sorted({CaseStatus(s).value for s in statuses})
        if not codes:
            return DueCounts(0, 0, 0, 0, 0)
        among = f"c.status IN ({', '.join('?' * len(codes))})"
        # half-open ranges of the deadline, in bucket order; ISO dates sort as text
        ranges = (
            ("", today.isoformat()),
            (today.isoformat(), (this_week_end + _DAY).isoformat()),
            ((this_week_end + _DAY).isoformat(), (next_week_end + _DAY).isoformat()),
            ((next_week_end + _DAY).isoformat(), NO_DUE),
            (NO_DUE, NO_DUE + "~"),
        )
        counts = ", ".join(
            f"(SELECT count(*) FROM cases c WHERE {among} AND {_DUE} >= ? AND {_DUE} < ?)"
            for _ in ranges
        )
        params: list[object] = []
        for low, high in ranges:
            params += [*codes, low, high]
        row = self._store.connection.execute(f"SELECT {counts}", params).fetchone()
        return DueCounts(*(int(n) for n in row))

    def queue_counts(self, status: CaseStatus, today: date, soon_until: date) -> QueueCounts:
        """Count the cases in ``status``: all, due before ``today``, due ``today``…``soon_until``.

        Three counts over ranges of the queue index (``cases_queue``: status, deadline, id),
        from the index alone: the review queue's figures without reading its cases.
        """
        code = CaseStatus(status).value
        low, high = today.isoformat(), soon_until.isoformat()
        row = self._store.connection.execute(
            "SELECT (SELECT count(*) FROM cases c WHERE c.status = ?),"
            f" (SELECT count(*) FROM cases c WHERE c.status = ? AND {_DUE} < ?),"
            f" (SELECT count(*) FROM cases c WHERE c.status = ? AND {_DUE} >= ? AND {_DUE} <= ?)",
            (code, code, low, code, low, high),
        ).fetchone()
        return QueueCounts(int(row[0]), int(row[1]), int(row[2]))

    def period_counts(self, start: date, end: date) -> PeriodCounts:
        """Count the cases received from ``start`` to ``end`` (both included) for statistics.

        One pass over the period's case rows, aggregated in SQL; Python receives two strings
        instead of a row object per case (on 100 000 cases the row objects alone cost more
        than the pass). See ``PeriodCounts`` for what is counted; the rules are those of
        ``desktop.services.statistics`` (``answered_on``, returned, rejected), and
        tests/store/test_statistics_queries.py checks both give the same figures.

        The request types are read with SQLite's JSON functions: this query runs only in the
        application's own SQLCipher (SQLite 3.53, JSON built in). The 3.15 limit of
        db/0001_initial.sql is for the schema, which a recovery tool must read; no JSON
        function is stored in the schema (a PostgreSQL store has ``jsonb`` for the same).
        """
        row = self._store.connection.execute(
            _PERIOD_COUNTS, (start.isoformat(), end.isoformat())
        ).fetchone()
        cases: Counter[PeriodCase] = Counter()
        types: Counter[str] = Counter()
        if row is None or row[0] is None:
            return PeriodCounts(cases, types)
        # a few hundred distinct days: each is parsed once
        days: dict[str, date] = {}
        answers: dict[str, date | None] = {"-": None}
        for item, count in Counter(str(row[0]).split(_SEPARATOR)).items():
            received, answered, flags = item.split(" ")
            if received not in days:
                days[received] = date.fromisoformat(received)
            if answered not in answers:
                answers[answered] = date.fromisoformat(answered)
            returned, rejected = _FLAG_BITS[flags]
            # distinct items are distinct keys: nothing to add up
            cases[PeriodCase(days[received], answers[answered], returned, rejected)] = count
        if row[1] is not None:
            for text, count in Counter(str(row[1]).split(_SEPARATOR)).items():
                for kind in json.loads(text):  # as the service's intake.get("request_types")
                    types[str(kind)] += count
        return PeriodCounts(cases, types)


_DAY = timedelta(days=1)


class DueCounts(NamedTuple):
    """Cases by deadline: before today, this week, next week, later, without a deadline."""

    overdue: int
    this_week: int
    next_week: int
    later: int
    no_deadline: int


class QueueCounts(NamedTuple):
    """The cases of one status: all of them, overdue, due soon (see ``queue_counts``)."""

    total: int
    overdue: int
    due_soon: int


class PeriodCase(NamedTuple):
    """What the statistics count of one case (cases alike are counted together).

    Attributes:
        received_on: the day of receipt.
        answered_on: the day the case was answered: ``response_sent_on`` unless that
            notice was a request for more documents, else the decision's (local) date of an
            approved or rejected case; None when not answered.
        returned: the case was returned for more documents at least once.
        rejected: the case was rejected (also when closed since).
    """

    received_on: date
    answered_on: date | None
    returned: bool
    rejected: bool


class PeriodCounts(NamedTuple):
    """The cases received in a period, aggregated (no case ids, no personal data).

    Attributes:
        cases: each distinct ``PeriodCase`` to its number of cases.
        request_types: request type code to cases (a case asking for two counts in both).
    """

    cases: Counter[PeriodCase]
    request_types: Counter[str]


_SEPARATOR = "\x1f"
"""Between the items of a concatenation: no date or JSON text holds it (JSON escapes it)."""

_FLAG_BITS = {"0": (False, False), "1": (True, False), "2": (False, True), "3": (True, True)}
"""The flags of ``_PERIOD_COUNTS``: returned at least once, ever rejected."""

_ANSWERED_ON = (
    "CASE WHEN c.response_sent_on IS NOT NULL"
    " AND ifnull(c.response_kind, '') != 'request_documents' THEN c.response_sent_on"
    " WHEN c.status IN ('approved', 'rejected') AND c.decided_at IS NOT NULL"
    " THEN substr(c.decided_at, 1, 10) END"  # the local date of the ISO timestamp
)
# Only a case past review (not in intake, not returned now) needs its history: an intake case
# was never decided, a returned one counts as returned and was not rejected before. The sets
# of cases ever returned or rejected come from decisions_reached (0004), read once.
_PAST_REVIEW = "c.status NOT IN ('intake', 'returned')"
_REACHED = "c.id IN (SELECT d.case_id FROM decisions d WHERE d.to_status = '{}')"
_FLAGS = (
    f"(c.status = 'returned' OR ({_PAST_REVIEW} AND {_REACHED.format('returned')}))"
    f" + 2 * (c.status = 'rejected' OR ({_PAST_REVIEW} AND {_REACHED.format('rejected')}))"
)
_PERIOD_COUNTS = (
    f"SELECT group_concat(c.received_on || ' ' || ifnull({_ANSWERED_ON}, '-') || ' '"
    f" || ({_FLAGS}), char(31)),"
    " group_concat(c.intake -> '$.request_types', char(31))"
    " FROM cases c WHERE c.received_on >= ? AND c.received_on <= ?"
)
