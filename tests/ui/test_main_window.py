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
    (tab,) = window.case_tabs()
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == case_id
    window.open_case(case_id)  # again: the same tab comes forward
    assert window.case_tabs() == [tab]
    assert window.tabs.currentWidget() is tab
    window.close_tab(window.tabs.indexOf(tab))
    assert window.case_tabs() == []
    window.close_tab(0)  # the case list (and the role's screens) stay
    assert window.tabs.count() >= 1
    window.close()
    assert window.session is None  # closing the window closed the store


def test_a_new_request_is_stored_off_the_gui_thread(
    qtbot: QtBot, desk: UiDesk, operator: Session, pools: Pools
) -> None:
    window = _window(qtbot, desk, operator, pools)
    with qtbot.waitSignal(window.case_created, timeout=10_000) as blocker:
        window.create_case(_request("架空 五郎"))
        # the store answers on the write pool: meanwhile no second request can start
        assert not window.new_case_action.isEnabled()
    case_id = blocker.args[0]
    (tab,) = window.case_tabs()
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == case_id
    assert window.model.rowCount() == 1
    qtbot.waitUntil(window.new_case_action.isEnabled)
    assert intake.get_case(operator, case_id).intake["principal"]["name"] == "架空 五郎"
    open_connections = operator.store.connection_count
    with qtbot.waitSignal(window.case_created, timeout=10_000):
        window.create_case(_request("架空 七郎"))
    # the pool thread's connection went back to the store, none is opened per job
    assert operator.store.connection_count == open_connections
    window.close()


def test_a_refused_new_request_is_shown_and_nothing_opens(
    qtbot: QtBot, desk: UiDesk, operator: Session, pools: Pools, monkeypatch: Any
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "desktop.ui.main_window.QMessageBox.warning",
        lambda _parent, _title, text: shown.append(text),
    )
    window = _window(qtbot, desk, operator, pools)
    bad = {**_request("架空 六郎"), "received_on": "not a date"}
    window.create_case(bad)
    qtbot.waitUntil(window.new_case_action.isEnabled)
    assert len(shown) == 1
    assert window.case_tabs() == []
    assert window.model.rowCount() == 0
    window.close()


def test_clicking_a_header_sorts_in_the_store(
    qtbot: QtBot, desk: UiDesk, operator: Session, pools: Pools
) -> None:
    for name in ("架空 花子", "架空 次郎", "見本 三郎"):
        intake.open_case(operator, _request(name), "test")
    window = _window(qtbot, desk, operator, pools)
    model = window.model
    header = window.table.horizontalHeader()
    column = model.Column.CASE_ID

    def ids() -> list[str]:
        return [model.case_at(r).case_id for r in range(model.rowCount())]  # type: ignore[union-attr]

    with qtbot.waitSignal(model.modelReset, timeout=5_000):
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder)
    assert ids() == sorted(ids(), reverse=True)
    assert model.sort_column() == column
    with qtbot.waitSignal(model.modelReset, timeout=5_000):
        header.setSortIndicator(column, Qt.SortOrder.AscendingOrder)
    assert ids() == sorted(ids())


def test_each_role_gets_its_screens_and_the_filters_follow_the_case_list(
    qtbot: QtBot, desk: UiDesk, operator: Session, supervisor: Session, pools: Pools
) -> None:
    window = _window(qtbot, desk, operator, pools)
    assert window.role_tab("dashboard") is not None
    for name in ("review_queue", "statistics", "audit", "administration"):
        assert window.role_tab(name) is None  # not an operator's
    assert window.status_filter.isVisibleTo(window)
    window.tabs.setCurrentWidget(window.role_tab("dashboard"))
    # It filters the case list only (the toolbar hides it on its next layout).
    qtbot.waitUntil(lambda: not window.status_filter.isVisibleTo(window))
    window.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: window.status_filter.isVisibleTo(window))
    window.close()

    window = _window(qtbot, desk, supervisor, pools)
    for name in ("review_queue", "dashboard", "statistics", "audit"):
        assert window.role_tab(name) is not None
    assert window.role_tab("administration") is None
    window.close()

    window = _window(qtbot, desk, desk.login("kanri"), pools)
    assert window.role_tab("administration") is not None
    window.close()
