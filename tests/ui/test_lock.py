"""The idle lock: input restarts the countdown; at its end the key is dropped until unlocked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.core.errors import HonninError
from desktop.services import intake
from desktop.ui.lock import IdleLock
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import OPERATOR, PASSWORDS, REQUEST

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk


@pytest.fixture
def yield_lock() -> Iterator[list[IdleLock]]:
    """Locks made by a test, uninstalled at teardown (a dead event filter would crash Qt)."""
    made: list[IdleLock] = []
    yield made
    for lock in made:
        lock.uninstall()


def test_input_restarts_the_countdown(qtbot: QtBot, qapp: Any, yield_lock: list[IdleLock]) -> None:
    lock = IdleLock(qapp, 60_000)
    yield_lock.append(lock)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    lock.start()
    qtbot.waitUntil(lambda: lock.timer.remainingTime() < 59_950, timeout=5_000)
    qtbot.keyClick(edit, Qt.Key.Key_A)
    assert lock.timer.remainingTime() > 59_950
    lock.pause()
    assert not lock.timer.isActive()
    qtbot.keyClick(edit, Qt.Key.Key_B)  # input does not wake a paused lock
    assert not lock.timer.isActive()


def test_idle_window_locks_then_unlocks(
    qtbot: QtBot, desk: UiDesk, operator: Session, pools: Pools
) -> None:
    case = intake.open_case(operator, REQUEST, "test")
    window = MainWindow(operator, pools, opener=desk.opener, policies=desk.policies, idle_msecs=200)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 1
    window.open_case(case.case_id)
    assert len(window.case_tabs()) == 1

    with qtbot.waitSignal(window.locked, timeout=5_000):
        pass
    assert window.session is None
    assert window.model.rowCount() == 0  # no requester's name stays on screen
    assert window.tabs.count() == 1  # case tabs and the role's screens went with the key
    with pytest.raises(HonninError):  # the store is closed: its key is gone
        operator.store.cases.get(case.case_id)
    dialog = window.unlock_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.user_edit.text() == OPERATOR
    assert dialog.user_edit.isReadOnly()

    qtbot.keyClicks(dialog.password_edit, "wrong")
    with qtbot.waitSignal(dialog.unlock_refused, timeout=10_000):
        dialog.try_unlock()
        assert dialog.is_unlocking()  # the key is derived on the pool
        assert not dialog.password_edit.isEnabled()
    assert window.session is None
    qtbot.keyClicks(dialog.password_edit, PASSWORDS[OPERATOR])
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        dialog.try_unlock()
    assert window.session is not None
    desk.sessions.append(window.session)
    assert window.model.rowCount() == 1
    assert window.idle_lock.timer.isActive()
    window.idle_lock.pause()
    window.close()


def test_sign_out_lets_another_user_in(
    qtbot: QtBot, desk: UiDesk, operator: Session, pools: Pools
) -> None:
    window = MainWindow(operator, pools, opener=desk.opener, policies=desk.policies)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.locked):
        window.sign_out_action.trigger()
    dialog = window.unlock_dialog
    assert dialog is not None
    assert not dialog.user_edit.isReadOnly()
    qtbot.keyClicks(dialog.user_edit, "kantoku")
    qtbot.keyClicks(dialog.password_edit, PASSWORDS["kantoku"])
    with qtbot.waitSignal(window.unlocked, timeout=10_000) as blocker:
        dialog.try_unlock()
    desk.sessions.append(blocker.args[0])
    assert window.session is not None
    assert window.session.user.name == "kantoku"
    assert "kantoku" in window.user_label.text()
    window.close()


def test_unsaved_pages_are_confirmed_before_a_lock_and_told_after_an_idle_lock(
    qtbot: QtBot,
    desk: UiDesk,
    operator: Session,
    pools: Pools,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PIL import Image
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.widgets.case_widget import CaseWidget

    case = intake.open_case(operator, REQUEST, "test")
    window = MainWindow(operator, pools, opener=desk.opener, policies=desk.policies)
    qtbot.addWidget(window)
    window.show()
    window.idle_lock.pause()
    tab = window.open_case(case.case_id)
    assert isinstance(tab, CaseWidget)
    scan = tmp_path / "scan.png"
    Image.new("L", (600, 400), 255).save(scan)
    # Waiting, being analysed or waiting for review: unsaved in every case.
    tab.documents.import_files([scan])
    assert window.unsaved_pages() == 1

    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.No]
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr("desktop.ui.main_window.QMessageBox.question", question)
    window.lock_action.trigger()  # the user says No: nothing happens
    assert len(asked) == 1
    assert "1" in asked[0]
    assert window.session is not None
    window.tabs.tabCloseRequested.emit(window.tabs.indexOf(tab))  # closing the tab asks too
    assert len(asked) == 2
    assert window.case_tabs() == [tab]

    # The idle lock does not ask (nobody is there): it discards and tells after the unlock.
    with qtbot.waitSignal(window.locked, timeout=5_000):
        window.lock()
    assert window.discarded_on_lock == 1
    assert window.case_tabs() == []
    dialog = window.unlock_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.password_edit, PASSWORDS[OPERATOR])
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        dialog.try_unlock()
    assert window.session is not None
    desk.sessions.append(window.session)
    assert "1" in window.statusBar().currentMessage()
    assert window.discarded_on_lock == 0
    window.idle_lock.pause()
    window.close()
