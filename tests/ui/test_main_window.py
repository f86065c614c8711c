"""The main window: filters and search reach the store; a case opens once, in its own tab."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from desktop.core.cases import CaseStatus
from desktop.services import intake
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import REQUEST

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk


def _request(name: str) -> dict[str, Any]:
    return {**REQUEST, "principal": {**REQUEST["principal"], "name": name}}


def _window(qtbot: QtBot, desk: UiDesk, session: Session, pools: Pools) -> MainWindow:
    window = MainWindow(session, pools, opener=desk.opener, policies=desk.policies)
    qtbot.addWidget(window)
    window.show()
    return window


def test_filters_search_and_tabs(
    qtbot: QtBot, desk: UiDesk, operator: Session, supervisor: Session, pools: Pools
) -> None:
    for name in ("架空 花子", "架空 次郎", "見本 三郎"):
        intake.open_case(operator, _request(name), "test")
    theirs = intake.open_case(supervisor, _request("仮名 四郎"), "test")
    window = _window(qtbot, desk, operator, pools)
    model = window.model
    assert model.rowCount() == 4
    assert "sagyou" in window.user_label.text()

    window.status_filter.setCurrentIndex(window.status_filter.findData(CaseStatus.RETURNED))
    assert model.rowCount() == 0
    window.status_filter.setCurrentIndex(window.status_filter.findData(CaseStatus.INTAKE))
    assert model.rowCount() == 4

    window.assignee_filter.setCurrentIndex(window.assignee_filter.findData("me"))
    assert model.rowCount() == 3
    assert theirs.case_id not in {model.case_at(r).case_id for r in range(3)}  # type: ignore[union-attr]
    window.assignee_filter.setCurrentIndex(0)

    with qtbot.waitSignal(model.modelReset, timeout=5_000):
        window.search_edit.setText("架空")  # typed through the IME: text arrives whole
    assert sorted(model.case_at(r).requester for r in range(model.rowCount())) == [  # type: ignore[union-attr]
        "架空 次郎",
        "架空 花子",
    ]
    window.search_edit.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 4)

    index = model.index(0, 0)
    case_id = model.case_at(0).case_id  # type: ignore[union-attr]
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.count() == 2
    assert window.tabs.tabText(1) == case_id
    window.open_case(case_id)  # again: the same tab comes forward
    assert window.tabs.count() == 2
    window.close_tab(1)
    assert window.tabs.count() == 1
    window.close()
    assert window.session is None  # closing the window closed the store
