"""The dashboard: cases by state, and open cases by the week of their deadline."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.cases import CaseStatus
from desktop.services import statistics
from desktop.services.statistics import DeadlineBucket
from desktop.ui import texts
from desktop.ui.workers import Worker, while_alive

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.services.session import Session
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)


def _dashboard_job(
    session: Session, *, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
) -> statistics.Dashboard:
    """Count on a pool thread (the deadline weeks walk every open case)."""
    del cancelled  # a few keyset pages: nothing worth stopping half-way
    progress(0, 1)
    board = statistics.dashboard(session)
    progress(1, 1)
    return board


class DashboardWidget(QWidget):
    """Counts by state and by deadline week; a click on a state asks for that case list."""

    status_chosen = Signal(str)  # a status code: the window shows the cases in that state
    refreshed = Signal(object)  # the ``statistics.Dashboard`` just shown

    def __init__(self, session: Session, pools: Pools, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._pools = pools
        self._worker: Worker | None = None
        self.status_buttons: dict[str, QPushButton] = {}
        self.deadline_labels: dict[str, QLabel] = {}

        status_box = QGroupBox(self.tr("Cases by state"))
        status_grid = QGridLayout(status_box)
        for row, status in enumerate(CaseStatus):
            button = QPushButton("–")
            button.setFlat(True)
            button.clicked.connect(lambda _=False, code=status.value: self.status_chosen.emit(code))
            status_grid.addWidget(QLabel(texts.label(texts.CASE_STATUSES, status.value)), row, 0)
            status_grid.addWidget(button, row, 1)
            self.status_buttons[status.value] = button

        deadline_box = QGroupBox(self.tr("Open cases by deadline"))
        deadline_grid = QGridLayout(deadline_box)
        names = {
            DeadlineBucket.OVERDUE: self.tr("Overdue"),
            DeadlineBucket.THIS_WEEK: self.tr("Due this week"),
            DeadlineBucket.NEXT_WEEK: self.tr("Due next week"),
            DeadlineBucket.LATER: self.tr("Due later"),
            DeadlineBucket.NO_DEADLINE: self.tr("No deadline"),
        }
        for row, bucket in enumerate(DeadlineBucket):
            label = QLabel("–")
            deadline_grid.addWidget(QLabel(names[bucket]), row, 0)
            deadline_grid.addWidget(label, row, 1)
            self.deadline_labels[bucket.value] = label

        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.as_of = QLabel()
        boxes = QHBoxLayout()
        boxes.addWidget(status_box)
        boxes.addWidget(deadline_box)
        footer = QHBoxLayout()
        footer.addWidget(self.as_of, 1)
        footer.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(boxes)
        layout.addLayout(footer)
        layout.addStretch(1)
        self.refresh_button.clicked.connect(self.refresh)

    def refresh(self) -> None:
        """Count again on the analysis pool (the window calls it when the tab is shown)."""
        if self._worker is not None:
            return
        self.refresh_button.setEnabled(False)
        worker = Worker(_dashboard_job, self._session)
        worker.signals.result.connect(self._show)
        worker.signals.error.connect(
            while_alive(self, lambda error: self.as_of.setText(str(error)))
        )
        worker.signals.finished.connect(self._finished)
        self._worker = worker
        worker.start(self._pools.analysis)

    def _show(self, board: Any) -> None:
        self._finished()  # before the signal: a listener may refresh again at once
        for code, button in self.status_buttons.items():
            button.setText(str(board.by_status.get(code, 0)))
        for code, label in self.deadline_labels.items():
            label.setText(str(board.by_deadline.get(code, 0)))
        self.as_of.setText(self.tr("As of %1").replace("%1", board.today.isoformat()))
        self.refreshed.emit(board)

    def _finished(self) -> None:
        self._worker = None
        self.refresh_button.setEnabled(True)
