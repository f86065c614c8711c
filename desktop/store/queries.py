"""List views for the GUI and the CLI: keyset pages of plain rows, no domain objects.

A case page is filtered (status, operator, search) and ordered (case number, received date,
status or due date, each both ways, ties by case number) in SQL; the key of the last row of
a page fetches the next one with an index seek (indexes of 0001 and 0002), so page 1000
costs what page 1 costs.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from desktop.core.cases import CaseStatus
from desktop.store.cases import name_key

if TYPE_CHECKING:
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
