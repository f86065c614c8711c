"""The supervisors' review queue: cases in review by deadline, overdue and due-soon counts."""

from __future__ import annotations

import logging
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import InputError, RefusedError
from desktop.services import queue
from desktop.ui import texts
from desktop.ui.models.case_table_model import DUE_SOON_COLOUR, OVERDUE_COLOUR
from desktop.ui.models.paged import PagedTableModel
from desktop.ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.services.queue import QueuePage, QueueRow, ReviewQueue
    from desktop.services.session import Session
    from desktop.store.queries import PageKey
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate under ``context``; translated where it is shown."""
    del context
    return text


class ReviewQueueModel(PagedTableModel):
    """The rows of the queue (ordered by deadline by the service), fetched a page at a time.

    ``set_rows`` shows the first page; when the view scrolls to the end, ``fetchMore`` asks
    ``fetch`` for the page after the last key (keyset paging, like the case list).
    """

    class Column(IntEnum):
        CASE_ID = 0
        RECEIVED = 1
        REQUESTER = 2
        REQUEST_TYPES = 3
        PREPARER = 4
        VERDICT = 5
        DUE = 6
        DAYS_LEFT = 7

    SortRole = Qt.ItemDataRole.UserRole + 1
    ObjectRole = Qt.ItemDataRole.UserRole + 2

    HEADERS = (
        QT_TRANSLATE_NOOP("ReviewQueueModel", "Case no."),
        QT_TRANSLATE_NOOP("ReviewQueueModel", "Received"),
        QT_TRANSLATE_NOOP("ReviewQueueModel", "Principal"),
        QT_TRANSLATE_NOOP("ReviewQueueModel", "Request"),
        QT_TRANSLATE_NOOP("ReviewQueueModel", "Prepared by"),
        QT_TRANSLATE_NOOP("ReviewQueueModel", "Policy verdict"),
        QT_TRANSLATE_NOOP("ReviewQueueModel", "Due"),
        QT_TRANSLATE_NOOP("ReviewQueueModel", "Business days left"),
    )

    def __init__(
        self, parent: Any = None, fetch: Callable[[PageKey], QueuePage | None] | None = None
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch

    def set_rows(self, rows: tuple[QueueRow, ...], after: PageKey | None = None) -> None:
        """Show ``rows`` in place of the current ones; ``after``: where the next page starts."""
        self._reset_rows(rows, after)

    def rows(self) -> tuple[QueueRow, ...]:
        """The rows fetched so far, in order."""
        return tuple(self._rows)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return (
            not parent.isValid()
            and self._after is not None
            and self._fetch is not None
            and not self._fetching
        )

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        fetch, after = self._fetch, self._after
        if not self.canFetchMore(parent) or fetch is None or after is None:
            return
        # Views and testers may ask for more while rows are being inserted: one at a time.
        # One page (``queue.PAGE`` reads by primary key) is cheap enough for the GUI thread.
        self._fetching = True
        try:
            page = fetch(after)
            if page is None:  # refused (shown by the view): no more pages
                self._after = None
                return
            self._after = page.after
            self._append_rows(page.rows)
        finally:
            self._fetching = False
        log.debug("review queue: %d rows loaded", len(self._rows))

    def row_at(self, row: int) -> QueueRow | None:
        """The queue line of ``row``, or None."""
        found: QueueRow | None = self._row(row)
        return found

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
            return index.row()  # the service's order (deadline, then case number)
        urgent = column in (self.Column.DUE, self.Column.DAYS_LEFT)
        if role == Qt.ItemDataRole.BackgroundRole and urgent:
            if row.overdue:
                return QBrush(OVERDUE_COLOUR)
            if row.due_soon:
                return QBrush(DUE_SOON_COLOUR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and urgent:
            return self._due_tip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is self.Column.DAYS_LEFT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: QueueRow, column: Column) -> str:
        match column:
            case self.Column.CASE_ID:
                return row.case_id
            case self.Column.RECEIVED:
                return row.received_on.isoformat()
            case self.Column.REQUESTER:
                return row.principal
            case self.Column.REQUEST_TYPES:
                return "、".join(texts.label(texts.REQUEST_TYPES, t) for t in row.request_types)
            case self.Column.PREPARER:
                return row.submitted_by
            case self.Column.VERDICT:
                return "—" if row.decision is None else texts.label(texts.DECISIONS, row.decision)
            case self.Column.DUE:
                return "—" if row.due_on is None else row.due_on.isoformat()
            case self.Column.DAYS_LEFT:
                return "—" if row.business_days_left is None else str(row.business_days_left)
        return ""  # pragma: no cover - every column is matched

    def _due_tip(self, row: QueueRow) -> str | None:
        left = row.business_days_left
        if left is None:
            return None
        if row.overdue:
            return self.tr("Overdue by %n business day(s)", "", -left)
        if row.due_soon:
            return self.tr("Due in %n business day(s)", "", left)
        return None


def _queue_job(
    session: Session,
    limit: int,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> ReviewQueue:
    del progress, cancelled  # one page and three counts
    return queue.review_queue(session, limit=limit)


class ReviewQueueView(QWidget):
    """The queue: counts above a table; double-click (or Enter) opens a case's review.

    The first page is read on the analysis pool with the counts; the next pages are fetched
    as the table is scrolled to its end (``page_size`` rows each, by the store's index).
    """

    open_review_requested = Signal(str)
    loaded = Signal()  # a reload finished (rows or an error shown)

    def __init__(
        self,
        session: Session,
        pools: Pools,
        parent: QWidget | None = None,
        *,
        page_size: int = queue.PAGE,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._pools = pools
        self._page_size = page_size
        self._loading: Worker | None = None
        self._again = False
        self.queue: ReviewQueue | None = None

        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.open_button = QPushButton(self.tr("Open review"))
        self.model = ReviewQueueModel(self, fetch=self._next_page)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.refresh_button.clicked.connect(self.reload)
        self.open_button.clicked.connect(self._open_selected)
        self._show_counts()
        self.reload()

    def set_session(self, session: Session) -> None:
        """Read through another session (after an unlock); reload."""
        self._session = session
        self.reload()

    def clear(self) -> None:
        """Forget every row (the window is locked)."""
        self.queue = None
        self.model.set_rows(())
        self._show_counts()

    def reload(self) -> None:
        """Read the queue again on the read (analysis) pool."""
        if self._loading is not None:
            self._again = True  # one more read once this one ends
            return
        worker = Worker(_queue_job, self._session, self._page_size)
        worker.signals.result.connect(self._loaded)
        worker.signals.error.connect(self._failed)
        worker.signals.finished.connect(self._ended)
        self._loading = worker
        worker.start(self._pools.analysis)

    def case_ids(self) -> list[str]:
        """The case numbers shown (the pages fetched so far), in order."""
        return [r.case_id for r in self.model.rows()]

    def _next_page(self, after: PageKey) -> QueuePage | None:
        try:
            return queue.queue_page(self._session, after, self._page_size)
        except (InputError, RefusedError) as error:
            self.message.setText(str(error))
            return None

    def _loaded(self, result: object) -> None:
        assert isinstance(result, queue.ReviewQueue)
        self.queue = result
        self.message.clear()
        self.model.set_rows(result.rows, result.after)
        self.table.resizeColumnsToContents()
        self._show_counts()

    def _failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        if not isinstance(error, (InputError, RefusedError)):
            raise error  # a bug: to the crash handler
        self.clear()
        self.message.setText(str(error))

    def _ended(self) -> None:
        self._loading = None
        if self._again:
            self._again = False
            self.reload()
            return
        self.loaded.emit()

    def _show_counts(self) -> None:
        q = self.queue
        total, overdue, soon = (0, 0, 0) if q is None else (q.total, q.overdue, q.due_soon)
        parts = [
            self.tr("Waiting for review: %1").replace("%1", str(total)),
            _badge(self.tr("Overdue: %1").replace("%1", str(overdue)), OVERDUE_COLOUR.name()),
            _badge(
                self.tr("Due within %1 business days: %2")
                .replace("%1", str(queue.DUE_SOON_BUSINESS_DAYS))
                .replace("%2", str(soon)),
                DUE_SOON_COLOUR.name(),
            ),
        ]
        self.counts.setText("&nbsp;&nbsp;".join(parts))

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_review_requested.emit(row.case_id)

    def _open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._activated(rows[0])


def _badge(text: str, colour: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<span style='background:{colour}; padding:2px'>&nbsp;{escaped}&nbsp;</span>"
