"""The review queue view: rows by deadline, counts above, colours, double-click opens a case."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush

from desktop.services import review
from desktop.ui.models.case_table_model import DUE_SOON_COLOUR, OVERDUE_COLOUR
from desktop.ui.widgets.review_queue import ReviewQueueModel, ReviewQueueView
from tests.clock import JST
from tests.services.test_queue import open_case, prepare

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk


def _loaded_view(qtbot: QtBot, session: Session, pools: Pools) -> ReviewQueueView:
    view = ReviewQueueView(session, pools)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.queue is not None or bool(view.message.text()), timeout=10_000)
    return view


def test_queue_lists_cases_in_review_by_deadline_with_counts(
    qtbot: QtBot,
    desk: UiDesk,
    operator: Session,
    supervisor: Session,
    pools: Pools,
    qtmodeltester: Any,
) -> None:
    # Under leverages (14 business days) the deadline follows the received date.
    desk.admin.store.settings.set("policy", "leverages")
    desk.clock.current = datetime(2026, 11, 20, 9, 0, tzinfo=JST)  # Fri; Mon 23 is a holiday
    later = prepare(operator, "2026-11-19")  # due 10 Dec
    soon = prepare(operator, "2026-11-05")  # due Thu 26 Nov: 3 business days left
    overdue = prepare(operator, "2026-10-29")  # due 19 Nov
    open_case(operator, "2026-11-18")  # in intake: not listed

    view = _loaded_view(qtbot, supervisor, pools)
    view.show()

    assert view.case_ids() == [overdue, soon, later]
    counts = view.counts.text()
    assert "3" in counts
    assert view.queue is not None
    assert (view.queue.total, view.queue.overdue, view.queue.due_soon) == (3, 1, 1)
    model = view.model
    qtmodeltester.check(model)
    due = ReviewQueueModel.Column.DUE
    left = ReviewQueueModel.Column.DAYS_LEFT

    def cell(row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, column), role)

    assert cell(0, due) == "2026-11-19"
    assert cell(0, left) == "-1"
    assert cell(1, left) == "3"
    assert cell(2, left) == "13"
    background = Qt.ItemDataRole.BackgroundRole
    overdue_brush = cell(0, due, background)
    soon_brush = cell(1, left, background)
    assert isinstance(overdue_brush, QBrush)
    assert overdue_brush.color() == OVERDUE_COLOUR
    assert isinstance(soon_brush, QBrush)
    assert soon_brush.color() == DUE_SOON_COLOUR
    assert cell(2, due, background) is None
    assert cell(0, ReviewQueueModel.Column.PREPARER) == "sagyou"

    # Double-click opens the case's review.
    with qtbot.waitSignal(view.open_review_requested) as blocker:
        view.table.doubleClicked.emit(model.index(1, 0))
    assert blocker.args == [soon]

    # A decision elsewhere, then Refresh: the case leaves the queue.
    review.approve(supervisor, soon)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    assert view.case_ids() == [overdue, later]
    assert model.rowCount(QModelIndex()) == 2


def test_operators_see_the_refusal_not_the_queue(
    qtbot: QtBot, operator: Session, pools: Pools
) -> None:
    prepare(operator, "2026-11-20")
    view = _loaded_view(qtbot, operator, pools)
    assert view.queue is None
    assert "supervisors" in view.message.text()
    assert view.model.rowCount(QModelIndex()) == 0
