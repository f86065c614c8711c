"""The users screen: add, disable, enable and reset a password, against a real store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop.core.cases import Role
from desktop.core.errors import RefusedError
from desktop.ui.widgets.admin_users import AddUserDialog, AdminUsersWidget, PasswordDialog
from tests.ui.conftest import ADMIN, OPERATOR, SUPERVISOR

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk


def _widget(qtbot: QtBot, session: Session, pools: Pools) -> AdminUsersWidget:
    widget = AdminUsersWidget(session, pools)
    qtbot.addWidget(widget)
    return widget


def _names(widget: AdminUsersWidget) -> list[tuple[str, str]]:
    out = []
    for row in range(widget.table.rowCount()):
        name, state = widget.table.item(row, 0), widget.table.item(row, 2)
        assert name is not None
        assert state is not None
        out.append((name.text(), state.text()))
    return out


def test_lists_every_account(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    widget = _widget(qtbot, desk.admin, pools)
    assert _names(widget) == [(ADMIN, "Active"), (SUPERVISOR, "Active"), (OPERATOR, "Active")]


def test_added_user_can_sign_in(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    widget = _widget(qtbot, desk.admin, pools)
    with qtbot.waitSignal(widget.users_changed, timeout=10_000):
        widget.add_user("shinjin", Role.OPERATOR, "shinjin-pass")
    assert ("shinjin", "Active") in _names(widget)
    from desktop.services import accounts

    session = accounts.unlock(
        desk.opener, desk.policies, user="shinjin", password="shinjin-pass", now=desk.clock
    )
    desk.sessions.append(session)
    assert session.user.role is Role.OPERATOR


def test_disabled_user_cannot_unlock(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    widget = _widget(qtbot, desk.admin, pools)
    widget.select_user(OPERATOR)
    assert widget.disable_button.isEnabled()
    assert not widget.enable_button.isEnabled()
    with qtbot.waitSignal(widget.users_changed, timeout=10_000):
        widget.disable_button.click()
    assert (OPERATOR, "Disabled") in _names(widget)
    with pytest.raises(RefusedError):
        desk.login(OPERATOR)
    widget.select_user(OPERATOR)
    assert widget.enable_button.isEnabled()
    assert not widget.reset_button.isEnabled()
    with qtbot.waitSignal(widget.users_changed, timeout=10_000):
        widget.enable_user(OPERATOR, "back-again")
    assert (OPERATOR, "Active") in _names(widget)


def test_reset_password_works(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    widget = _widget(qtbot, desk.admin, pools)
    with qtbot.waitSignal(widget.users_changed, timeout=10_000):
        widget.reset_password(SUPERVISOR, "kantoku-new")
    from desktop.services import accounts

    with pytest.raises(RefusedError):
        desk.login(SUPERVISOR)  # the old password
    session = accounts.unlock(
        desk.opener, desk.policies, user=SUPERVISOR, password="kantoku-new", now=desk.clock
    )
    desk.sessions.append(session)
    assert session.user.name == SUPERVISOR


def test_admin_cannot_disable_themselves(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    widget = _widget(qtbot, desk.admin, pools)
    widget.select_user(ADMIN)
    assert not widget.disable_button.isEnabled()
    with qtbot.waitSignal(widget.failed, timeout=10_000) as blocker:
        widget.disable_user(ADMIN)
    assert "own account" in blocker.args[0]
    assert "own account" in widget.message.text()


@pytest.mark.parametrize("who", ["operator", "supervisor"])
def test_operator_and_supervisor_are_refused(
    qtbot: QtBot, request: pytest.FixtureRequest, pools: Pools, who: str
) -> None:
    session: Session = request.getfixturevalue(who)
    widget = _widget(qtbot, session, pools)
    assert widget.table.rowCount() == 0
    assert not widget.add_button.isEnabled()
    assert "administrator" in widget.message.text()
    with qtbot.waitSignal(widget.failed, timeout=10_000) as blocker:
        widget.add_user("sneaky", Role.ADMINISTRATOR, "pw")  # the service refuses too
    assert "may not" in blocker.args[0]
    assert session.store.users.get("sneaky") is None


def test_add_user_dialog_needs_a_name_and_matching_passwords(qtbot: QtBot) -> None:
    dialog = AddUserDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.name.setText("atarashii")
    dialog.role.setCurrentIndex(1)
    dialog.password.setText("pw-1")
    dialog.confirm.setText("pw-2")
    assert not ok.isEnabled()
    assert dialog.message.text()
    dialog.confirm.setText("pw-1")
    assert ok.isEnabled()
    assert dialog.account() == ("atarashii", Role.SUPERVISOR, "pw-1")


def test_password_dialog(qtbot: QtBot) -> None:
    dialog = PasswordDialog("sagyou")
    qtbot.addWidget(dialog)
    assert "sagyou" in dialog.windowTitle()
    dialog.password.setText("x")
    dialog.confirm.setText("x")
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.value() == "x"
