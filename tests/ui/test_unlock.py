"""Sign-in: a wrong password is refused with a message, the right one opens the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.core.cases import Role
from desktop.ui.dialogs.unlock_dialog import UnlockDialog
from tests.ui.conftest import OPERATOR, PASSWORDS

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk


def _dialog(qtbot: QtBot, desk: UiDesk, pools: Pools, **kwargs: str) -> UnlockDialog:
    dialog = UnlockDialog(desk.opener, desk.policies, now=desk.clock, pool=pools.analysis, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_wrong_then_right_password(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    dialog = _dialog(qtbot, desk, pools)
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.user_edit, OPERATOR)
    qtbot.keyClicks(dialog.password_edit, "not-the-password")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.unlock_refused, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        # the key is derived on the pool: the dialog waits with its controls disabled
        assert dialog.is_unlocking()
        assert not dialog.ok_button.isEnabled()
        assert not dialog.password_edit.isEnabled()
        dialog.reject()  # cannot be closed meanwhile
        assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert dialog.password_edit.isEnabled()
    assert dialog.error_label.text() in (
        "Wrong user name or password.",
        "ユーザー名またはパスワードが違います。",
    )
    assert dialog.session is None
    assert dialog.password_edit.text() == ""
    assert dialog.result() != QDialog.DialogCode.Accepted

    qtbot.keyClicks(dialog.password_edit, PASSWORDS[OPERATOR])
    with qtbot.waitSignal(dialog.unlocked, timeout=10_000) as blocker:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    session = blocker.args[0]
    desk.sessions.append(session)
    assert session.user.name == OPERATOR
    assert session.user.role is Role.OPERATOR
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.password_edit.text() == ""  # the password does not linger in the widget


def test_unknown_user_is_refused(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    dialog = _dialog(qtbot, desk, pools)
    qtbot.keyClicks(dialog.user_edit, "nobody")
    qtbot.keyClicks(dialog.password_edit, "x")
    with qtbot.waitSignal(dialog.unlock_refused, timeout=10_000):
        dialog.try_unlock()
    assert dialog.session is None
    assert dialog.error_label.isVisible()


def test_locked_window_fixes_the_user_and_offers_sign_out(
    qtbot: QtBot, desk: UiDesk, pools: Pools
) -> None:
    dialog = _dialog(qtbot, desk, pools, locked_user=OPERATOR)
    assert dialog.user_edit.isReadOnly()
    assert dialog.user_edit.text() == OPERATOR
    assert dialog.sign_out_button is not None
    with qtbot.waitSignal(dialog.sign_out_requested):
        qtbot.mouseClick(dialog.sign_out_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
