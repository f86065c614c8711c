"""The case list as a table model: pages fetched on demand, filtered and ordered by the store."""

from __future__ import annotations

import logging
from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor

from desktop.core.cases import CaseStatus
from desktop.services.caselist import CaseListPage, CaseListRow, CaseSort, list_case_page
from desktop.ui import texts
from desktop.ui.models.paged import PagedTableModel

if TYPE_CHECKING:
    from desktop.services.session import Session
    from desktop.store.queries import PageKey

log = logging.getLogger(__name__)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate under ``context``; translated where it is shown."""
    del context
    return text


DUE_SOON_DAYS = 3
"""A deadline this many days away or fewer is shown as due soon."""
OPEN_STATUSES = frozenset({CaseStatus.INTAKE, CaseStatus.IN_REVIEW, CaseStatus.RETURNED})
OVERDUE_COLOUR = QColor(250, 205, 205)
DUE_SOON_COLOUR = QColor(255, 236, 179)


class CaseTableModel(PagedTableModel):
    """Cases of the store, one row each, fetched a page at a time (keyset paging).

    Filters (status, assignee, search) and the order (``sort`` on a column of ``SORTS``) are
    applied by the store; changing them resets the model and fetches the first page.
    """

    class Column(IntEnum):
        CASE_ID = 0
        RECEIVED = 1
        REQUESTER = 2
        REQUEST_TYPES = 3
        STATUS = 4
        DUE = 5
        OPERATOR = 6

    SORTS: dict[int, CaseSort] = {  # noqa: RUF012 - a constant table
        Column.CASE_ID: CaseSort.CASE_ID,
        Column.RECEIVED: CaseSort.RECEIVED,
        Column.STATUS: CaseSort.STATUS,
        Column.DUE: CaseSort.DUE,
    }
    """The columns the store sorts (by an index); the others are not sortable."""

    SortRole = Qt.ItemDataRole.UserRole + 1
    ObjectRole = Qt.ItemDataRole.UserRole + 2

    HEADERS = (
        QT_TRANSLATE_NOOP("CaseTableModel", "Case no."),
        QT_TRANSLATE_NOOP("CaseTableModel", "Received"),
        QT_TRANSLATE_NOOP("CaseTableModel", "Requester"),
        QT_TRANSLATE_NOOP("CaseTableModel", "Request"),
        QT_TRANSLATE_NOOP("CaseTableModel", "Status"),
        QT_TRANSLATE_NOOP("CaseTableModel", "Due"),
        QT_TRANSLATE_NOOP("CaseTableModel", "Operator"),
    )

    def __init__(self, session: Session, page_size: int = 200, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._page_size = page_size
        self._more = True
        self._status: CaseStatus | None = None
        self._assignee: str | None = None
        self._search = ""
        self._sort = CaseSort.DUE
        self._descending = False
        page = self._page(None)
        self._rows, self._after, self._more = list(page.rows), page.after, page.after is not None

    # ----------------------------------------------------------------- filters

    def set_filter(
        self,
        *,
        status: CaseStatus | None = None,
        assignee: str | None = None,
        search: str = "",
    ) -> None:
        """Show only matching cases (applied by the store); reload from the first page."""
        self._status, self._assignee, self._search = status, assignee or None, search
        self.reload()

    def set_session(self, session: Session) -> None:
        """Read through another session (after an unlock); reload."""
        self._session = session
        self.reload()

    def reload(self) -> None:
        """Fetch the first page again and show it in place of the rows."""
        page = self._page(None)
        self._more = page.after is not None
        self._reset_rows(page.rows, page.after)
        self._continue_if_empty(page)

    def _page(self, after: PageKey | None) -> CaseListPage:
        # One page read by primary keys: cheap enough for the GUI thread (STYLE: UI).
        return list_case_page(
            self._session,
            status=self._status,
            assignee=self._assignee,
            search=self._search,
            sort=self._sort,
            descending=self._descending,
            after=after,
            limit=self._page_size,
        )

    def clear(self) -> None:
        """Forget every row (the window is locked); ``reload`` fetches them again."""
        self._more = False
        self._reset_rows((), None)

    def case_at(self, row: int) -> CaseListRow | None:
        """The row's case, or None."""
        found: CaseListRow | None = self._row(row)
        return found

    # ------------------------------------------------------------------- model

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        # Views and testers may ask for more while rows are being inserted: one at a time.
        self._fetching = True
        try:
            page = self._page(self._after)
            self._after = page.after
            self._more = page.after is not None
            self._append_rows(page.rows)
        finally:
            self._fetching = False
        log.debug("case list: %d rows loaded", len(self._rows))
        self._continue_if_empty(page)

    def _continue_if_empty(self, page: CaseListPage) -> None:
        # A filter that matched nothing in a bounded stretch of the store: read on from the
        # event loop (slice by slice, the window stays responsive) until rows appear or the
        # store ends. A view would not ask again, as no row arrived to scroll to.
        if not page.rows and self._more:
            after = self._after
            QTimer.singleShot(0, lambda: self._fetch_on(after))

    def _fetch_on(self, after: PageKey | None) -> None:
        if self._after == after and self._more:  # nothing reset or fetched meanwhile
            self.fetchMore(QModelIndex())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by ``column`` (one the store can sort, see ``SORTS``); reload the first page.

        Other columns keep the current order: sorting them would mean reading every case.
        """
        wanted = self.SORTS.get(column)
        if wanted is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (wanted, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = wanted, descending
        self.reload()

    def sort_column(self) -> int:
        """The column the rows are ordered by."""
        return next(column for column, sort in self.SORTS.items() if sort is self._sort)

    def sort_order(self) -> Qt.SortOrder:
        """The direction of the order."""
        if self._descending:
            return Qt.SortOrder.DescendingOrder
        return Qt.SortOrder.AscendingOrder

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.Column(index.column())
        if role == self.ObjectRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.SortRole:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column is self.Column.DUE:
            return self._due_brush(row)
        if role == Qt.ItemDataRole.ToolTipRole and column is self.Column.DUE:
            return self._due_tip(row)
        return None

    def _display(self, row: CaseListRow, column: Column) -> str:
        match column:
            case self.Column.CASE_ID:
                return row.case_id
            case self.Column.RECEIVED:
                return row.received_on
            case self.Column.REQUESTER:
                return row.requester
            case self.Column.REQUEST_TYPES:
                return "、".join(texts.label(texts.REQUEST_TYPES, t) for t in row.request_types)
            case self.Column.STATUS:
                return texts.label(texts.CASE_STATUSES, row.status)
            case self.Column.DUE:
                return row.due_on or "—"
            case self.Column.OPERATOR:
                return row.operator
        return ""  # pragma: no cover - every column is matched

    def _sort_key(self, row: CaseListRow, column: Column) -> str:
        if column is self.Column.DUE:
            return row.due_on or "9999-12-31"
        return self._display(row, column)

    def _days_left(self, row: CaseListRow) -> int | None:
        if row.due_on is None or row.status not in OPEN_STATUSES:
            return None
        return (date.fromisoformat(row.due_on) - self._session.today()).days

    def _due_brush(self, row: CaseListRow) -> QBrush | None:
        days = self._days_left(row)
        if days is None:
            return None
        if days < 0:
            return QBrush(OVERDUE_COLOUR)
        if days <= DUE_SOON_DAYS:
            return QBrush(DUE_SOON_COLOUR)
        return None

    def _due_tip(self, row: CaseListRow) -> str | None:
        days = self._days_left(row)
        if days is None:
            return None
        if days < 0:
            return self.tr("Overdue by %n day(s)", "", -days)
        if days <= DUE_SOON_DAYS:
            return self.tr("Due in %n day(s)", "", days)
        return None
