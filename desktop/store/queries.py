"""List views for the GUI and the CLI: keyset pages of plain rows, no domain objects.

Pages are ordered by (due date, case number) with cases without a deadline last; the key of
the last row of a page fetches the next one with an index seek (``cases_queue`` or
``cases_due``), so page 1000 costs what page 1 costs.
"""

from __future__ import annotations

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


class PageKey(NamedTuple):
    """Where the next page starts: after this (due key, case id)."""

    due_key: str
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


class Queries:
    """Read-only list views."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def case_page(
        self, status: CaseStatus | None = None, after: PageKey | None = None, limit: int = 50
    ) -> CasePage:
        """Return up to ``limit`` cases (of ``status``, or all) by due date, after ``after``.

        The review queue is ``case_page(CaseStatus.IN_REVIEW)``.
        """
        where: list[str] = []
        params: list[object] = []
        if status is not None:
            where.append("c.status = ?")
            params.append(CaseStatus(status).value)
        if after is not None:
            where.append(f"({_DUE}, c.id) > (?, ?)")
            params += [after.due_key, after.case_id]
        sql = _SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {_DUE}, c.id LIMIT ?"
        params.append(limit + 1)
        rows = [CaseRow(*row) for row in self._store.connection.execute(sql, params)]
        if len(rows) <= limit:
            return CasePage(rows, None)
        last = rows[limit - 1]
        return CasePage(rows[:limit], PageKey(last.due_on or NO_DUE, last.case_id))

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
