"""Recovery with the key: every administrator password lost, a new one set, sign-in works."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop.core.errors import RefusedError
from desktop.services import accounts
from desktop.ui.widgets.admin_recovery import AdminRecoveryDialog
from tests.ui.conftest import ADMIN

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk


def _dialog(qtbot: QtBot, desk: UiDesk, pools: Pools) -> AdminRecoveryDialog:
    dialog = AdminRecoveryDialog(desk.opener, desk.policies, pools, now=desk.clock)
    qtbot.addWidget(dialog)
    return dialog


def _fill(dialog: AdminRecoveryDialog, key: str, name: str, password: str) -> None:
    dialog.key.setText(key)
    dialog.account.setText(name)
    dialog.password.setText(password)
    dialog.confirm.setText(password)


def test_recovery_key_sets_a_new_administrator_password(
    qtbot: QtBot, desk: UiDesk, pools: Pools
) -> None:
    desk.admin.store.close()  # signed out; the password is "lost"
    dialog = _dialog(qtbot, desk, pools)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    _fill(dialog, desk.recovery_key, ADMIN, "kanri-recovered")
    assert ok.isEnabled()
    with qtbot.waitSignal(dialog.recovered, timeout=10_000) as recovered:
        ok.click()
    assert recovered.args == [ADMIN]
    with pytest.raises(RefusedError):
        desk.login(ADMIN)  # the old password opens nothing
    session = accounts.unlock(
        desk.opener, desk.policies, user=ADMIN, password="kanri-recovered", now=desk.clock
    )
    desk.sessions.append(session)
    events = list(session.store.audit.events())
    assert (events[-1].user, events[-1].action) == ("recovery_key", "recover_administrator")
    assert session.store.audit.verify().intact


def test_a_wrong_key_is_refused_in_the_dialog(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    dialog = _dialog(qtbot, desk, pools)
    _fill(dialog, "-".join(["0123abcd"] * 8), ADMIN, "x")
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:
        dialog.recover()
    assert "recovery key" in failed.args[0]
    assert "recovery key" in dialog.message.text()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
