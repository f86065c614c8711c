"""What the paged table models share: rows read a page at a time, headers, row access."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from desktop.store.queries import PageKey


class PagedTableModel(QAbstractTableModel):
    """A table of rows the store reads a page at a time (keyset paging).

    Subclasses name their columns in ``HEADERS`` (marked for lupdate under the subclass's
    name, which is the translation context) and decide where pages come from; rows are
    replaced with ``_reset_rows`` and appended with ``_append_rows``.
    """

    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._after: PageKey | None = None  # where the next page starts; None: no more
        self._fetching = False  # views may ask for more while rows are being inserted

    def _row(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _reset_rows(self, rows: Iterable[Any], after: PageKey | None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._after = after
        self.endResetModel()

    def _append_rows(self, rows: Iterable[Any]) -> None:
        rows = list(rows)
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return QCoreApplication.translate(type(self).__name__, self.HEADERS[section])
        return None
