"""The dashboard: counts by state and by deadline week from a real store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from desktop.services import intake
from desktop.services.ports import Verdict
from desktop.ui.widgets.dashboard import DashboardWidget
from tests.ui.conftest import REQUEST

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk


def _with_due(desk: UiDesk, operator: Session, due: str | None) -> str:
    case = intake.open_case(operator, REQUEST, "test")
    if due is not None:
        verdict = Verdict(
            "more_documents_needed", (), date.fromisoformat(due), "appi-default", "1",
            desk.clock(), "sagyou",
        )  # fmt: skip
        with operator.store.transaction():
            operator.store.cases.update(replace(case, verdict=verdict))
    return case.case_id


def test_counts_by_state_and_deadline_week(
    qtbot: QtBot, desk: UiDesk, operator: Session, pools: Pools
) -> None:
    # the clock says Monday 23 November 2026
    for due in ("2026-11-20", "2026-11-25", "2026-11-29", "2026-12-01", "2026-12-20", None):
        _with_due(desk, operator, due)
    widget = DashboardWidget(operator, pools)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.refreshed, timeout=10_000) as refreshed:
        widget.refresh()
    assert refreshed.args[0].open_cases == 6
    assert widget.status_buttons["intake"].text() == "6"
    assert widget.status_buttons["closed"].text() == "0"
    shown = {code: label.text() for code, label in widget.deadline_labels.items()}
    assert shown == {
        "overdue": "1",
        "this_week": "2",
        "next_week": "1",
        "later": "1",
        "no_deadline": "1",
    }
    assert "2026-11-23" in widget.as_of.text()
    with qtbot.waitSignal(widget.status_chosen) as chosen:
        widget.status_buttons["in_review"].click()
    assert chosen.args == ["in_review"]


def test_refresh_button_counts_again(
    qtbot: QtBot, desk: UiDesk, operator: Session, pools: Pools
) -> None:
    widget = DashboardWidget(operator, pools)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.refreshed, timeout=10_000):
        widget.refresh_button.click()
    assert widget.status_buttons["intake"].text() == "0"
    _with_due(desk, operator, None)
    with qtbot.waitSignal(widget.refreshed, timeout=10_000):
        widget.refresh_button.click()
    assert widget.status_buttons["intake"].text() == "1"
    assert widget.deadline_labels["no_deadline"].text() == "1"
