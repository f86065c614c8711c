"""The yearly statistics: a period chooser, the figures as a table, a bar chart by month, CSV."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import InputError
from desktop.services import statistics
from desktop.ui import texts
from desktop.ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from PySide6.QtGui import QPaintEvent

    from desktop.services.session import Session
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)


def _statistics_job(
    session: Session,
    period: statistics.Period,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> statistics.YearlyStatistics:
    """Count on a pool thread (a year of a busy desk is tens of thousands of cases)."""
    del cancelled  # the count is read-only: the result is simply dropped if unwanted
    return statistics.yearly_statistics(session, period, progress=lambda n: progress(n, 0))


def _write_job(
    stats: statistics.YearlyStatistics,
    path: Path,
    labels: Mapping[str, str],
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> Path:
    del progress, cancelled  # one small file
    statistics.write_csv(stats, path, labels)
    return path


class MonthlyBarChart(QWidget):
    """Requests received per month, painted as bars (no QtCharts: one widget, a few rects)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._months: list[tuple[str, int]] = []
        self.setMinimumSize(320, 180)

    def set_months(self, months: Mapping[str, int]) -> None:
        """Show ``YYYY-MM`` → count, in order."""
        self._months = list(months.items())
        self.update()

    def bars(self) -> list[tuple[str, int]]:
        """The months and counts drawn."""
        return list(self._months)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw one bar per month, its count above it and the month number below."""
        del event
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            rect = QRectF(self.rect()).adjusted(8, 8, -8, -8)
            text_height = self.fontMetrics().height()
            if not self._months:
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("No figures yet."))
                return
            top = max(count for _, count in self._months) or 1
            slot = rect.width() / len(self._months)
            chart_height = rect.height() - 2 * text_height - 4
            bar_color = self.palette().color(QPalette.ColorRole.Highlight)
            for i, (month, count) in enumerate(self._months):
                height = chart_height * count / top
                x = rect.left() + i * slot + slot * 0.15
                y = rect.top() + text_height + (chart_height - height)
                bar = QRectF(x, y, slot * 0.7, height)
                painter.fillRect(bar, bar_color)
                painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
                above = QRectF(rect.left() + i * slot, y - text_height, slot, text_height)
                painter.drawText(above, Qt.AlignmentFlag.AlignCenter, str(count))
                below = QRectF(
                    rect.left() + i * slot, rect.bottom() - text_height, slot, text_height
                )
                painter.drawText(below, Qt.AlignmentFlag.AlignCenter, month[5:])
            painter.setPen(QColor(128, 128, 128))
            base = rect.top() + text_height + chart_height
            painter.drawLine(int(rect.left()), int(base), int(rect.right()), int(base))
        finally:
            painter.end()


class StatisticsView(QWidget):
    """Choose a period, count, read the table and the chart, export the figures as CSV."""

    computed = Signal(object)  # the ``statistics.YearlyStatistics`` just shown
    exported = Signal(str)  # the CSV file written
    failed = Signal(str)  # a failed count or export, as shown in the message line

    CALENDAR_YEAR, FISCAL_YEAR, CUSTOM = range(3)

    def __init__(self, session: Session, pools: Pools, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._pools = pools
        self._worker: Worker | None = None
        self.stats: statistics.YearlyStatistics | None = None
        today = session.today()

        self.kind = QComboBox()
        self.kind.addItem(self.tr("Calendar year"))
        self.kind.addItem(self.tr("Fiscal year (April to March)"))
        self.kind.addItem(self.tr("From … to …"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.start = QDateEdit(QDate(today.year, 1, 1))
        self.end = QDateEdit(QDate(today.year, 12, 31))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.count_button = QPushButton(self.tr("Count"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setEnabled(False)
        self.message = QLabel()
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Figure"), self.tr("Value")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.chart = MonthlyBarChart()

        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Period")))
        chooser.addWidget(self.kind)
        chooser.addWidget(self.year)
        chooser.addWidget(self.start)
        chooser.addWidget(self.end)
        chooser.addWidget(self.count_button)
        chooser.addStretch(1)
        chooser.addWidget(self.export_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.kind.currentIndexChanged.connect(self._update_chooser)
        self.count_button.clicked.connect(self.count)
        self.export_button.clicked.connect(self._ask_export)
        self._update_chooser()

    # ------------------------------------------------------------------ public

    def period(self) -> statistics.Period:
        """The period chosen."""
        kind = self.kind.currentIndex()
        if kind == self.CALENDAR_YEAR:
            return statistics.Period.year(self.year.value())
        if kind == self.FISCAL_YEAR:
            return statistics.Period.fiscal_year(self.year.value())
        start, end = self.start.date(), self.end.date()
        return statistics.Period(
            date(start.year(), start.month(), start.day()), date(end.year(), end.month(), end.day())
        )

    def count(self) -> None:
        """Count the chosen period on the analysis pool."""
        if self._worker is not None:
            return
        try:
            period = self.period()
        except InputError as exc:  # the period ends before it starts
            self._failed(exc)
            return
        self.count_button.setEnabled(False)
        self.message.setText(self.tr("Counting…"))
        worker = Worker(_statistics_job, self._session, period)
        worker.signals.progress.connect(self._progress)
        worker.signals.result.connect(self._show)
        worker.signals.error.connect(self._failed)
        worker.signals.finished.connect(self._finished)
        self._worker = worker
        worker.start(self._pools.analysis)

    def csv_labels(self) -> dict[str, str]:
        """The words of the CSV's items and request types, in the UI's language."""
        words = {
            "item": self.tr("Item"),
            "key": self.tr("Key"),
            "value": self.tr("Value"),
            "period": self.tr("Period"),
            "requests": self.tr("Requests received"),
            "by_request_type": self.tr("By request type"),
            "by_month": self.tr("By month"),
            "answered": self.tr("Answered"),
            "median_days": self.tr("Median days to answer"),
            "worst_days": self.tr("Longest days to answer"),
            "calendar_days": self.tr("Calendar days"),
            "business_days": self.tr("Business days"),
            "returned": self.tr("Returned for more documents"),
            "rejected": self.tr("Rejected"),
            "unanswered": self.tr("Not answered yet"),
        }
        for code in texts.REQUEST_TYPES:
            words[str(code)] = texts.label(texts.REQUEST_TYPES, str(code))
        return words

    def export_csv_to(self, path: Path) -> None:
        """Write the figures shown as CSV (UTF-8 with BOM) to ``path`` on the analysis pool."""
        if self.stats is None:
            return
        worker = Worker(_write_job, self.stats, path, self.csv_labels())
        worker.signals.result.connect(self._exported)
        worker.signals.error.connect(self._failed)
        worker.start(self._pools.analysis)

    def table_rows(self) -> list[tuple[str, str]]:
        """The table as text, row by row."""
        out = []
        for row in range(self.table.rowCount()):
            a, b = self.table.item(row, 0), self.table.item(row, 1)
            out.append((a.text() if a else "", b.text() if b else ""))
        return out

    # ----------------------------------------------------------------- private

    def _update_chooser(self) -> None:
        custom = self.kind.currentIndex() == self.CUSTOM
        self.year.setVisible(not custom)
        self.start.setVisible(custom)
        self.end.setVisible(custom)

    def _progress(self, done: int, _total: int) -> None:
        self.message.setText(self.tr("Counting… %1 cases").replace("%1", str(done)))

    def _days(self, value: float | None) -> str:
        if value is None:
            return "–"
        text = str(int(value)) if float(value).is_integer() else f"{value:.1f}"
        return self.tr("%1 days").replace("%1", text)

    def _show(self, stats: Any) -> None:
        self._finished()  # before the signal: a listener may count again at once
        self.stats = stats
        words = self.csv_labels()
        rows: list[tuple[str, str]] = [
            (
                words["period"],
                f"{stats.period.start.isoformat()} – {stats.period.end.isoformat()}",
            ),
            (words["requests"], str(stats.requests)),
        ]
        rows += [
            (f"{words['by_request_type']}: {words.get(k, k)}", str(v))
            for k, v in stats.by_request_type.items()
        ]
        for unit, times in (
            ("calendar_days", stats.calendar_days),
            ("business_days", stats.business_days),
        ):
            rows.append((f"{words['median_days']} ({words[unit]})", self._days(times.median)))
            rows.append((f"{words['worst_days']} ({words[unit]})", self._days(times.worst)))
        rows += [
            (words["answered"], str(stats.calendar_days.answered)),
            (words["returned"], str(stats.returned)),
            (words["rejected"], str(stats.rejected)),
            (words["unanswered"], str(stats.unanswered)),
        ]
        rows += [(f"{words['by_month']}: {k}", str(v)) for k, v in stats.by_month.items()]
        self.table.setRowCount(len(rows))
        for row, (label, value) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(label))
            item = QTableWidgetItem(value)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, item)
        self.chart.set_months(stats.by_month)
        self.export_button.setEnabled(True)
        self.message.setText(self.tr("%1 requests counted.").replace("%1", str(stats.requests)))
        self.computed.emit(stats)

    def _failed(self, error: object) -> None:
        self._finished()  # before the signal: a listener may count again at once
        text = str(error)
        self.message.setText(text)
        self.failed.emit(text)

    def _finished(self) -> None:
        self._worker = None
        self.count_button.setEnabled(True)

    def _exported(self, path: Path) -> None:
        self.message.setText(self.tr("Written to %1.").replace("%1", path.name))
        self.exported.emit(str(path))

    def _ask_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the statistics"), "statistics.csv", self.tr("CSV files (*.csv)")
        )
        if name:
            self.export_csv_to(Path(name))
