"""The case list of the main window: keyset pages of display rows, filtered by the store.

Filters (status, operator, search), the order and paging happen in SQL through the store's
list queries (``store.queries``), so page 1000 costs what page 1 costs. Each row of a page is
completed from its case record (request types, operator): at most ``limit`` lookups by
primary key per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, cast

from desktop.core.cases import Action, CaseStatus

if TYPE_CHECKING:
    from desktop.services.session import Session
    from desktop.store.queries import CasePage, CaseRow, PageKey


class CaseSort(StrEnum):
    """Orders of the case list; each is served by an index of the store (ties: case number)."""

    CASE_ID = "case_id"
    RECEIVED = "received"
    STATUS = "status"  # then due date
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
        self,
        status: CaseStatus | None = None,
        after: PageKey | None = None,
        limit: int = 50,
        *,
        assignee: str | None = None,
        search: str = "",
        order: Any = ...,
        descending: bool = False,
    ) -> CasePage: ...


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
    descending: bool = False,
    after: PageKey | None = None,
    limit: int = 100,
) -> CaseListPage:
    """Return one page of the case list; filters, order and paging happen in SQL.

    Args:
        session: any signed-in user.
        status: only cases in this status.
        assignee: only cases whose operator (preparer, else the account that opened them)
            is this account.
        search: the start of a case number or of a principal's or representative's name
            (folded: width, case, spaces); paged like the rest.
        sort: the order (ties: case number).
        descending: reverse the order.
        after: the key of the previous page's end (from ``CaseListPage.after``; same
            filters, sort and direction).
        limit: rows per page.

    Raises:
        NotPermitted: the role may not list cases.
    """
    from desktop.store.queries import CaseOrder

    session.require(Action.LIST_CASES)
    page = _queries(session).case_page(
        None if status is None else CaseStatus(status),
        after,
        limit,
        assignee=assignee or None,
        search=search,
        order=CaseOrder(CaseSort(sort).value),
        descending=descending,
    )
    rows = (_complete(session, raw) for raw in page.rows)
    return CaseListPage(tuple(r for r in rows if r is not None), page.next_key)
