"""The review queue view: rows by deadline, counts above, colours, double-click opens a case."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush

from desktop.services import queue, review
from desktop.ui.models.case_table_model import DUE_SOON_COLOUR, OVERDUE_COLOUR
from desktop.ui.widgets.review_queue import ReviewQueueModel, ReviewQueueView
from tests.clock import JST
from tests.services.test_queue import open_case, prepare

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk


def _loaded_view(
    qtbot: QtBot, session: Session, pools: Pools, page_size: int = 100
) -> ReviewQueueView:
    view = ReviewQueueView(session, pools, page_size=page_size)
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
        view.refresh_button.click()
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


def test_more_rows_are_fetched_as_the_table_is_scrolled(
    qtbot: QtBot,
    desk: UiDesk,
    operator: Session,
    supervisor: Session,
    pools: Pools,
    qtmodeltester: Any,
) -> None:
    desk.admin.store.settings.set("policy", "leverages")
    desk.clock.current = datetime(2026, 11, 20, 9, 0, tzinfo=JST)
    received = ("2026-10-20", "2026-10-22", "2026-10-26", "2026-11-04", "2026-11-05")
    made = [prepare(operator, day) for day in (*received, "2026-11-09", "2026-11-10")]

    # The model alone: a page at a time, from the key of the last row.
    model = ReviewQueueModel(fetch=lambda after: queue.queue_page(supervisor, after, 3))
    first = queue.review_queue(supervisor, limit=3)
    model.set_rows(first.rows, first.after)
    assert [r.case_id for r in model.rows()] == made[:3]
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert [r.case_id for r in model.rows()] == made[:6]
    model.fetchMore(QModelIndex())
    assert [r.case_id for r in model.rows()] == made
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)

    # The view: counts of the whole queue; scrolled to the end, the table asks for the rest.
    view = _loaded_view(qtbot, supervisor, pools, page_size=3)
    assert view.queue is not None
    assert [r.case_id for r in view.queue.rows] == made[:3]
    every = model.rows()
    overdue, soon = sum(r.overdue for r in every), sum(r.due_soon for r in every)
    assert overdue >= 3
    assert (view.queue.total, view.queue.overdue, view.queue.due_soon) == (7, overdue, soon)
    assert "7" in view.counts.text()
    view.resize(600, 200)
    view.show()
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount(QModelIndex()) == 7, timeout=5_000)
    assert view.case_ids() == made
    assert not view.model.canFetchMore(QModelIndex())

    # Refresh starts from the first page again (and the shown table fills itself once more).
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh_button.click()
    assert view.queue is not None
    assert [r.case_id for r in view.queue.rows] == made[:3]
