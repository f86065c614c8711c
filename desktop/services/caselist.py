"""The case list of the main window: keyset pages of display rows, filtered by the store.

Status filtering, ordering (due date, then case number) and paging happen in SQL through the
store's list queries (``store.queries``), so page 1000 costs what page 1 costs. Each row of a
page is completed from its case record (request types, operator): at most ``limit`` lookups
by primary key per page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, cast

from desktop.core.cases import Action, CaseStatus

if TYPE_CHECKING:
    from desktop.services.session import Session
    from desktop.store.queries import CasePage, CaseRow, PageKey

CASE_NUMBER = re.compile(r"\d{4}-\d{6}")
MAX_SCANNED_PAGES = 10
"""An assignee filter reads at most this many store pages per call (bounds the GUI thread's
work); the list asks for the next call as the user scrolls."""


class CaseSort(StrEnum):
    """Orders of the case list the store can serve with an index."""

    DUE = "due"  # due date (cases without one last), then case number


@dataclass(frozen=True, slots=True)
class CaseListRow:
    """One line of the case list (dates as ISO text; no domain objects)."""

    case_id: str
    status: CaseStatus
    received_on: str
    due_on: str | None
    requester: str
    request_types: tuple[str, ...]
    requester_kind: str
    operator: str


@dataclass(frozen=True, slots=True)
class CaseListPage:
    """One page of rows and the key of the next page (None on the last page)."""

    rows: tuple[CaseListRow, ...]
    after: PageKey | None


class _Queries(Protocol):
    def case_page(
        self, status: CaseStatus | None = None, after: PageKey | None = None, limit: int = 50
    ) -> CasePage: ...

    def search_by_name(self, text: str, limit: int = 50) -> list[CaseRow]: ...


def _queries(session: Session) -> _Queries:
    queries = getattr(session.store, "queries", None)
    if queries is None:  # pragma: no cover - every SQLCipher store has them
        raise TypeError("this store has no list queries")
    return cast("_Queries", queries)


def _complete(session: Session, row: CaseRow) -> CaseListRow | None:
    case = session.store.cases.get(row.case_id)
    if case is None:  # deleted between the two reads
        return None
    intake: Any = case.intake
    return CaseListRow(
        case_id=row.case_id,
        status=CaseStatus(row.status),
        received_on=row.received_on,
        due_on=row.due_on,
        requester=row.principal or "",
        request_types=tuple(str(t) for t in intake.get("request_types", ())),
        requester_kind=str(intake.get("requester", "")),
        operator=case.submitted_by or case.created_by,
    )


def list_case_page(
    session: Session,
    *,
    status: CaseStatus | None = None,
    assignee: str | None = None,
    search: str = "",
    sort: CaseSort = CaseSort.DUE,
    after: PageKey | None = None,
    limit: int = 100,
) -> CaseListPage:
    """Return one page of the case list.

    Args:
        session: any signed-in user.
        status: only cases in this status (SQL).
        assignee: only cases whose operator (preparer, else the account that opened them)
            is this account.
        search: a case number (exact) or the start of a principal's or representative's
            name (folded); a search returns one page of the best matches, newest first.
        sort: the order; the store serves ``CaseSort.DUE``.
        after: the key of the previous page's end (from ``CaseListPage.after``).
        limit: rows per page.

    Raises:
        NotPermitted: the role may not list cases.
    """
    session.require(Action.LIST_CASES)
    CaseSort(sort)
    queries = _queries(session)
    wanted = None if status is None else CaseStatus(status)

    def keep(row: CaseListRow | None) -> bool:
        return (
            row is not None
            and (wanted is None or row.status is wanted)
            and (not assignee or row.operator == assignee)
        )

    text = search.strip()
    if text:
        if after is not None:
            return CaseListPage((), None)
        if CASE_NUMBER.fullmatch(text):
            case = session.store.cases.get(text)
            found = [] if case is None else [_case_row(session, text)]
        else:
            found = [_complete(session, r) for r in queries.search_by_name(text, limit)]
        return CaseListPage(tuple(r for r in found if r is not None and keep(r)), None)

    rows: list[CaseListRow] = []
    key = after
    for _ in range(MAX_SCANNED_PAGES):
        page = queries.case_page(wanted, key, limit)
        for raw in page.rows:
            row = _complete(session, raw)
            if row is not None and keep(row):
                rows.append(row)
        key = page.next_key
        if key is None or len(rows) >= limit or not assignee:
            break
    return CaseListPage(tuple(rows), key)


def _case_row(session: Session, case_id: str) -> CaseListRow | None:
    from desktop.store.queries import CaseRow

    case = session.store.cases.get(case_id)
    if case is None:
        return None
    principal = case.intake.get("principal") or {}
    due = case.due_on
    raw = CaseRow(
        case_id,
        case.status.value,
        case.received_on.isoformat(),
        None if due is None else due.isoformat(),
        str(principal.get("name", "")) or None,
    )
    return _complete(session, raw)
